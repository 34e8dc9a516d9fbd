/* test-office-crypt.c: an Office file encrypted with a password, read back
 *
 * The encryption against a known answer: msoffcrypto-tool's own test vector
 * (password "Password1234_", its salt and package key give its
 * encryptedKeyValue), read from the compound file with libgsf's reader. Then
 * real round trips: zip files of several sizes (less than a segment, segments
 * and a remainder, a whole number of segments) encrypted with the kernel's
 * randomness and decrypted by Debian's python3-msoffcrypto-tool, which checks
 * the password verifier and the HMAC and must give back the same bytes, and
 * must refuse a wrong password. Passwords that Office cannot take are refused
 * before anything is written.
 */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-error.h"
#include "jd-office-crypt-private.h"
#include "jd-test-ledger.h"

#define PYTHON "/usr/bin/python3"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* Only the folder of the shared fixture (tests/common/jd-test-ledger.h): no ledger. */
typedef JdTestLedger Fixture;

static gboolean
have_msoffcrypto (void)
{
  const char *argv[] = { PYTHON, "-c", "import msoffcrypto, openpyxl", NULL };
  int status = 0;
  return g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE)
         && g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                          NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* Runs a python script with arguments; its stdout, stripped, and its exit status. */
static char *
python (const char *script, int *exit_status, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *)PYTHON);
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)script);
  va_start (ap, exit_status);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("python: %s\n%s", out, err);
  g_assert_true (WIFEXITED (status));
  *exit_status = WEXITSTATUS (status);
  return g_strstrip (out);
}

/* A zip file holding `size` random bytes, stored; its path. */
static char *
make_zip (Fixture *f, const char *name, guint size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *size_text = g_strdup_printf ("%u", size);
  int status = 0;
  g_autofree char *out = python ("import os, sys, zipfile\n"
                                 "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                                 "    z.writestr('data.bin', os.urandom(int(sys.argv[2])))\n",
                                 &status, path, size_text, NULL);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&path);
}

/* Encrypts plain into out; FALSE with error set as the function sets it. */
static gboolean
encrypt_file (const char *plain,
              const char *password,
              const char *out,
              JdRandomFunc random,
              gpointer random_data,
              GCancellable *cancellable,
              GError **error)
{
  int in_fd = g_open (plain, O_RDONLY | O_CLOEXEC, 0);
  int out_fd = g_open (out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  g_assert_cmpint (in_fd, >=, 0);
  g_assert_cmpint (out_fd, >=, 0);
  gboolean ok = random ? jd_office_crypt_encrypt_with_random (in_fd, password, out_fd, random,
                                                              random_data, cancellable, error)
                       : jd_office_crypt_encrypt (in_fd, password, out_fd, cancellable, error);
  close (in_fd);
  g_assert_cmpint (close (out_fd), ==, 0);
  return ok;
}

/* ---- a known answer ----------------------------------------------------------------- */

/* msoffcrypto-tool's vector (ECMA376Agile.makekey_from_password): this
 * password and salt turn this package key into this encryptedKeyValue. */
static const char vector_password[] = "Password1234_";
static const guint8 vector_salt[16]
    = { 'L', 'r', ']', 'E', 0xdc, 'a', 0x0f, 0x93, 0x94, 0x12, 0xa0, 'M', 0xa7, 0x91, 0x04, 'f' };
static const guint8 vector_key[32] = { '@', ' ',  'f',  '\t', 0xd9, 0xfa, 0xad, 0xf2,
                                       'K', 0x07, 'j',  0xeb, 0xf2, 0xc4, '5',  0xb7,
                                       'B', 0x92, 0xc8, 0xb8, 0xa7, 0xaa, 0x81, 0xbc,
                                       'g', 0x9b, 0xe8, 0x97, 0x11, 0xb0, '*',  0xc2 };
static const guint8 vector_key_value[32]
    = { 0xa1, 'l',  0xd5, 0x16, 'Z',  'z',  0xb9, 0xd2, 'q',  0x11, '>',
        0xd3, 0x86, 0xa7, 0x8c, 0xf4, 0x96, 0x92, 0xe8, 0xe5, '\'', 0xb0,
        0xc5, 0xfc, 0x00, 'U',  0xed, 0x08, 0x0b, '|',  0xb9, 'K' };

/* The draws in order: package salt, package key, password salt, verifier, HMAC key. */
static gboolean
scripted_random (guint8 *buffer, gsize length, gpointer data, GError **error)
{
  guint *draw = data;
  switch ((*draw)++)
    {
      case 1:
        g_assert_cmpuint (length, ==, sizeof vector_key);
        memcpy (buffer, vector_key, length);
        break;
      case 2:
        g_assert_cmpuint (length, ==, sizeof vector_salt);
        memcpy (buffer, vector_salt, length);
        break;
      default:
        memset (buffer, 0x5a + *draw, length);
    }
  return TRUE;
}

static gboolean
failing_random (guint8 *buffer, gsize length, gpointer data, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_IO, "no randomness");
  return FALSE;
}

/* A stream of the compound file, whole, by its path. */
static GBytes *
read_stream (GsfInfile *ole, const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);
  g_autoptr (GsfInput) input = gsf_infile_child_by_aname (ole, (const char **)names);
  g_assert_nonnull (input);
  gsize size = gsf_input_size (input);
  guint8 *data = g_malloc (size);
  g_assert_nonnull (gsf_input_read (input, size, data));
  return g_bytes_new_take (data, size);
}

/* The value of attribute `name` of the element whose name ends in `element`. */
static char *
xml_attribute (const char *xml, const char *element, const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("<%s [^>]*\\b%s=\"([^\"]*)\"", element, name);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_assert_true (g_regex_match (regex, xml, 0, &match));
  return g_match_info_fetch (match, 1);
}

static void
test_known_answer (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plain = g_build_filename (f->dir, "plain.bin", NULL);
  g_autofree char *out = g_build_filename (f->dir, "encrypted.xlsx", NULL);
  guint8 payload[5000];
  guint draw = 0;

  for (guint i = 0; i < sizeof payload; i++)
    payload[i] = i * 7;
  g_assert_true (g_file_set_contents (plain, (const char *)payload, sizeof payload, NULL));
  g_assert_true (encrypt_file (plain, vector_password, out, scripted_random, &draw, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (draw, ==, 5);

  g_autoptr (GsfInput) input = GSF_INPUT (gsf_input_mmap_new (out, &error));
  g_assert_no_error (error);
  g_autoptr (GsfInfile) ole = gsf_infile_msole_new (input, &error);
  g_assert_no_error (error);

  /* EncryptionInfo: version 4.4, reserved 0x40, the XML. */
  g_autoptr (GBytes) info = read_stream (ole, "EncryptionInfo");
  gsize info_size = 0;
  const guint8 *bytes = g_bytes_get_data (info, &info_size);
  static const guint8 header[8] = { 4, 0, 4, 0, 0x40, 0, 0, 0 };
  g_assert_cmpmem (bytes, 8, header, 8);
  g_autofree char *xml = g_strndup ((const char *)bytes + 8, info_size - 8);
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\""));

  g_autofree char *key_value = xml_attribute (xml, "p:encryptedKey", "encryptedKeyValue");
  g_autofree char *expected = g_base64_encode (vector_key_value, sizeof vector_key_value);
  g_assert_cmpstr (key_value, ==, expected);
  g_autofree char *salt = xml_attribute (xml, "p:encryptedKey", "saltValue");
  g_autofree char *expected_salt = g_base64_encode (vector_salt, sizeof vector_salt);
  g_assert_cmpstr (salt, ==, expected_salt);
  g_autofree char *spin = xml_attribute (xml, "p:encryptedKey", "spinCount");
  g_assert_cmpstr (spin, ==, "100000");
  g_autofree char *hash = xml_attribute (xml, "keyData", "hashAlgorithm");
  g_assert_cmpstr (hash, ==, "SHA512");
  g_autofree char *bits = xml_attribute (xml, "keyData", "keyBits");
  g_assert_cmpstr (bits, ==, "256");

  /* EncryptedPackage: the plain size, then two segments, the second padded to 16. */
  g_autoptr (GBytes) package = read_stream (ole, "EncryptedPackage");
  gsize package_size = 0;
  bytes = g_bytes_get_data (package, &package_size);
  guint64 size_le = GUINT64_TO_LE ((guint64)sizeof payload);
  g_assert_cmpmem (bytes, 8, &size_le, 8);
  g_assert_cmpuint (package_size, ==, 8 + 4096 + 912);
  /* Nothing of the plain text shows through. */
  g_assert_null (memmem (bytes, package_size, payload + 100, 32));

  /* The data spaces say that EncryptedPackage is encrypted. */
  g_autoptr (GsfInput) spaces = gsf_infile_child_by_vname (ole, "\006DataSpaces", NULL);
  g_assert_nonnull (spaces);
  g_autoptr (GBytes) primary
      = read_stream (ole, "\006DataSpaces/TransformInfo/StrongEncryptionTransform/\006Primary");
  g_assert_cmpuint (g_bytes_get_size (primary), ==, 200);
  g_autoptr (GBytes) map = read_stream (ole, "\006DataSpaces/DataSpaceMap");
  g_assert_cmpuint (g_bytes_get_size (map), ==, 112);
}

/* ---- round trips through an independent reader ----------------------------------------- */

static const char decrypt_script[]
    = "import sys, msoffcrypto\n"
      "with open(sys.argv[1], 'rb') as f:\n"
      "    office = msoffcrypto.OfficeFile(f)\n"
      "    try:\n"
      "        office.load_key(password=sys.argv[3], verify_password=True)\n"
      "        with open(sys.argv[2], 'wb') as out:\n"
      "            office.decrypt(out, verify_integrity=True)\n"
      "    except msoffcrypto.exceptions.InvalidKeyError as e:\n"
      "        print('refused:', e)\n"
      "        sys.exit(3)\n"
      "print('ok')\n";

static void
round_trip (Fixture *f, guint size, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("plain-%u.zip", size);
  g_autofree char *plain = make_zip (f, name, size);
  g_autofree char *out = g_strdup_printf ("%s/encrypted-%u.xlsx", f->dir, size);
  g_autofree char *back = g_strdup_printf ("%s/back-%u.zip", f->dir, size);
  int status = 0;

  g_assert_true (encrypt_file (plain, password, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_autofree char *said = python (decrypt_script, &status, out, back, password, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (said, ==, "ok");
  g_autofree char *plain_bytes = NULL, *back_bytes = NULL;
  gsize plain_size = 0, back_size = 0;
  g_assert_true (g_file_get_contents (plain, &plain_bytes, &plain_size, NULL));
  g_assert_true (g_file_get_contents (back, &back_bytes, &back_size, NULL));
  g_assert_cmpmem (back_bytes, back_size, plain_bytes, plain_size);

  /* A wrong password, even one character off, is refused. */
  g_autofree char *wrong = g_strconcat (password, "x", NULL);
  g_autofree char *refused = python (decrypt_script, &status, out, back, wrong, NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_true (g_str_has_prefix (refused, "refused:"));
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  if (!have_msoffcrypto ())
    {
      g_test_skip ("python3-msoffcrypto-tool or python3-openpyxl is not installed");
      return;
    }
  /* Less than a segment; segments and a remainder; whole segments (the zip's
   * own overhead makes the third 3 × 4096 exactly). */
  round_trip (f, 100, "secret");
  round_trip (f, 70000, "台账 2024 密码");
  g_autofree char *probe = make_zip (f, "probe.zip", 0);
  struct stat st;
  g_assert_cmpint (g_stat (probe, &st), ==, 0);
  round_trip (f, 3 * 4096 - st.st_size, "pässwörd😀");
}

/* The same file and password encrypted twice: salts and keys differ, so do the files. */
static void
test_random_each_time (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *plain = make_zip (f, "plain.zip", 1000);
  g_autofree char *one = g_build_filename (f->dir, "one.xlsx", NULL);
  g_autofree char *two = g_build_filename (f->dir, "two.xlsx", NULL);
  g_autofree char *one_bytes = NULL, *two_bytes = NULL;
  gsize one_size = 0, two_size = 0;

  g_assert_true (encrypt_file (plain, "secret", one, NULL, NULL, NULL, &error));
  g_assert_true (encrypt_file (plain, "secret", two, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (one, &one_bytes, &one_size, NULL));
  g_assert_true (g_file_get_contents (two, &two_bytes, &two_size, NULL));
  g_assert_cmpuint (one_size, ==, two_size);
  g_assert_true (memcmp (one_bytes, two_bytes, one_size) != 0);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.bin", NULL);
  g_assert_true (g_file_set_contents (plain, "PK", 2, NULL));
  g_autofree char *long_password = g_strnfill (JD_OFFICE_CRYPT_MAX_PASSWORD + 1, 'a');
  g_autofree char *longest = g_strnfill (JD_OFFICE_CRYPT_MAX_PASSWORD, 'a');
  const struct
  {
    const char *password;
    const char *message;
  } cases[] = {
    { "", "the password is empty" },
    { "ab\xff", "the password is not UTF-8 text" },
    { long_password, "the password is longer than 255 characters, the most Office accepts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = g_strdup_printf ("%s/refused-%u.xlsx", f->dir, i);
      g_assert_false (encrypt_file (plain, cases[i].password, out, NULL, NULL, NULL, &error));
      g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      struct stat st;
      g_assert_cmpint (g_stat (out, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
    }
  g_assert_true (jd_office_crypt_check_password (longest, NULL));
  g_assert_true (jd_office_crypt_check_password ("台", NULL));

  /* No randomness, no file. */
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "no-random.xlsx", NULL);
  g_assert_false (encrypt_file (plain, "secret", out, failing_random, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_IO);

  /* A full disk (/dev/full): an error that says so, no success. */
  g_clear_error (&error);
  int in_fd = g_open (plain, O_RDONLY | O_CLOEXEC, 0);
  int full_fd = g_open ("/dev/full", O_WRONLY | O_CLOEXEC, 0);
  if (full_fd >= 0)
    {
      g_assert_false (jd_office_crypt_encrypt (in_fd, "secret", full_fd, NULL, &error));
      g_assert_error (error, JD_ERROR, JD_ERROR_IO);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "the encrypted file could not be written: "));
      g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
      close (full_fd);
    }
  close (in_fd);

  /* Cancelled. */
  g_clear_error (&error);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_autofree char *cancelled = g_build_filename (f->dir, "cancelled.xlsx", NULL);
  g_assert_false (encrypt_file (plain, "secret", cancelled, NULL, NULL, cancellable, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, jd_test_folder_fixture, func, jd_test_fixture_tear_down)
  ADD ("/office-crypt/known-answer", test_known_answer);
  ADD ("/office-crypt/round-trip", test_round_trip);
  ADD ("/office-crypt/random-each-time", test_random_each_time);
  ADD ("/office-crypt/refused", test_refused);
  return g_test_run ();
}
