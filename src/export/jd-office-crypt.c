/* jd-office-crypt.c: an Office document encrypted with a password
 *
 * docs/office-encryption.md describes the file this writes and where each
 * step comes from. Every cryptographic step is nettle's (AES-256-CBC,
 * SHA-512, HMAC-SHA512) and every random byte the kernel's (getrandom);
 * the compound file is libgsf's.
 */
#include "config.h"

#include "jd-office-crypt-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-error.h"

#define SPIN_COUNT 100000
#define SALT_SIZE 16
#define KEY_SIZE 32 /* AES-256 */
#define HASH_SIZE SHA512_DIGEST_SIZE
#define SEGMENT_SIZE 4096
#define CANCEL_CHECK_SEGMENTS 256

/* libgsf 1.14 defines no cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

/* The block keys that tell the derived keys and IVs apart. */
static const guint8 block_verifier_input[8] = { 0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79 };
static const guint8 block_verifier_value[8] = { 0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e };
static const guint8 block_key_value[8] = { 0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6 };
static const guint8 block_hmac_key[8] = { 0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6 };
static const guint8 block_hmac_value[8] = { 0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33 };

/* Everything secret, in one place so that it is wiped in one place. */
typedef struct
{
  guint8 package_salt[SALT_SIZE];
  guint8 package_key[KEY_SIZE];
  guint8 password_salt[SALT_SIZE];
  guint8 verifier[SALT_SIZE];
  guint8 hmac_key[HASH_SIZE];
  guint8 password_hash[HASH_SIZE];
  guint8 key[KEY_SIZE];
  guint8 digest[HASH_SIZE];
  guint8 segment[SEGMENT_SIZE];
  struct aes256_ctx aes;
  struct sha512_ctx sha;
  struct hmac_sha512_ctx hmac;
} Secrets;

/* Wiped before it is freed: it holds the keys. */
static void
secrets_free (Secrets *s)
{
  explicit_bzero (s, sizeof *s);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secrets, secrets_free)

/* The public parts of EncryptionInfo, encrypted. */
typedef struct
{
  guint8 verifier_input[SALT_SIZE];
  guint8 verifier_value[HASH_SIZE];
  guint8 key_value[KEY_SIZE];
  guint8 hmac_key[HASH_SIZE];
  guint8 hmac_value[HASH_SIZE];
} Encrypted;

static gboolean
kernel_random (guint8 *buffer, gsize length, gpointer data, GError **error)
{
  gsize done = 0;
  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, JD_ERROR, JD_ERROR_IO,
                       _ ("the system gave no random numbers to encrypt with (%s)"),
                       g_strerror (saved));
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

gboolean
jd_office_crypt_check_password (const char *password, GError **error)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("the password is not UTF-8 text"));
      return FALSE;
    }
  if (*password == '\0')
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("the password is empty"));
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) > JD_OFFICE_CRYPT_MAX_PASSWORD)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("the password is longer than %d characters, the most Office accepts"),
                   JD_OFFICE_CRYPT_MAX_PASSWORD);
      return FALSE;
    }
  return TRUE;
}

/* AES-256-CBC without padding: length is a multiple of 16. */
static void
encrypt_cbc (Secrets *s,
             const guint8 key[KEY_SIZE],
             const guint8 iv[AES_BLOCK_SIZE],
             const guint8 *src,
             gsize length,
             guint8 *dst)
{
  guint8 chain[AES_BLOCK_SIZE];

  g_assert (length % AES_BLOCK_SIZE == 0);
  memcpy (chain, iv, AES_BLOCK_SIZE);
  aes256_set_encrypt_key (&s->aes, key);
  cbc_encrypt (&s->aes, (nettle_cipher_func *)aes256_encrypt, AES_BLOCK_SIZE, chain, length, dst,
               src);
}

/* The IV of a block of the package (or of the HMAC key and value): the first
 * 16 bytes of SHA-512 (package salt + block key). */
static void
package_iv (Secrets *s, const guint8 *block_key, gsize block_key_size, guint8 iv[AES_BLOCK_SIZE])
{
  sha512_init (&s->sha);
  sha512_update (&s->sha, SALT_SIZE, s->package_salt);
  sha512_update (&s->sha, block_key_size, block_key);
  sha512_digest (&s->sha, AES_BLOCK_SIZE, iv);
}

/* H(n): SHA-512 (salt + password in UTF-16LE), then 100,000 times
 * SHA-512 (turn as 32-bit little-endian + the last hash). */
static void
hash_password (Secrets *s, const char *password)
{
  glong n_units = 0;
  gunichar2 *units = g_utf8_to_utf16 (password, -1, NULL, &n_units, NULL);
  g_assert (units != NULL);
  for (glong i = 0; i < n_units; i++)
    units[i] = GUINT16_TO_LE (units[i]);

  sha512_init (&s->sha);
  sha512_update (&s->sha, SALT_SIZE, s->password_salt);
  sha512_update (&s->sha, n_units * sizeof (gunichar2), (const guint8 *)units);
  sha512_digest (&s->sha, HASH_SIZE, s->password_hash);
  explicit_bzero (units, n_units * sizeof (gunichar2));
  g_free (units);

  for (guint32 i = 0; i < SPIN_COUNT; i++)
    {
      guint32 turn = GUINT32_TO_LE (i);
      sha512_init (&s->sha);
      sha512_update (&s->sha, sizeof turn, (const guint8 *)&turn);
      sha512_update (&s->sha, HASH_SIZE, s->password_hash);
      sha512_digest (&s->sha, HASH_SIZE, s->password_hash);
    }
}

/* The key for one purpose: SHA-512 (H(n) + block key), its first 32 bytes. */
static void
password_key (Secrets *s, const guint8 block_key[8])
{
  sha512_init (&s->sha);
  sha512_update (&s->sha, HASH_SIZE, s->password_hash);
  sha512_update (&s->sha, 8, block_key);
  sha512_digest (&s->sha, KEY_SIZE, s->key);
}

/* The password key encryptor: the verifier and the package key, each
 * encrypted with its own key derived from the password, IV the password salt. */
static void
encrypt_key (Secrets *s, const char *password, Encrypted *e)
{
  hash_password (s, password);

  password_key (s, block_verifier_input);
  encrypt_cbc (s, s->key, s->password_salt, s->verifier, SALT_SIZE, e->verifier_input);

  sha512_init (&s->sha);
  sha512_update (&s->sha, SALT_SIZE, s->verifier);
  sha512_digest (&s->sha, HASH_SIZE, s->digest);
  password_key (s, block_verifier_value);
  encrypt_cbc (s, s->key, s->password_salt, s->digest, HASH_SIZE, e->verifier_value);

  password_key (s, block_key_value);
  encrypt_cbc (s, s->key, s->password_salt, s->package_key, KEY_SIZE, e->key_value);
}

static char *
encryption_info_xml (Secrets *s, const Encrypted *e)
{
  g_autofree char *package_salt = g_base64_encode (s->package_salt, SALT_SIZE);
  g_autofree char *hmac_key = g_base64_encode (e->hmac_key, HASH_SIZE);
  g_autofree char *hmac_value = g_base64_encode (e->hmac_value, HASH_SIZE);
  g_autofree char *password_salt = g_base64_encode (s->password_salt, SALT_SIZE);
  g_autofree char *verifier_input = g_base64_encode (e->verifier_input, SALT_SIZE);
  g_autofree char *verifier_value = g_base64_encode (e->verifier_value, HASH_SIZE);
  g_autofree char *key_value = g_base64_encode (e->key_value, KEY_SIZE);

#define CIPHER                                                                                     \
  "saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" "      \
  "cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" "
  return g_strdup_printf (
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" "
      "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\" "
      "xmlns:c=\"http://schemas.microsoft.com/office/2006/keyEncryptor/certificate\">"
      "<keyData " CIPHER "saltValue=\"%s\"/>"
      "<dataIntegrity encryptedHmacKey=\"%s\" encryptedHmacValue=\"%s\"/>"
      "<keyEncryptors><keyEncryptor "
      "uri=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">"
      "<p:encryptedKey spinCount=\"%d\" " CIPHER "saltValue=\"%s\" "
      "encryptedVerifierHashInput=\"%s\" encryptedVerifierHashValue=\"%s\" "
      "encryptedKeyValue=\"%s\"/>"
      "</keyEncryptor></keyEncryptors></encryption>",
      package_salt, hmac_key, hmac_value, SPIN_COUNT, password_salt, verifier_input, verifier_value,
      key_value);
#undef CIPHER
}

/* ---- the compound file -------------------------------------------------------------- */

static gboolean
set_gsf_error (GsfOutput *output, GError **error)
{
  const GError *gsf_error = output ? gsf_output_error (output) : NULL;
  g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("the encrypted file could not be written: %s"),
               gsf_error ? gsf_error->message : g_strerror (errno ? errno : EIO));
  return FALSE;
}

/* Writes one stream of the compound file and closes it. */
static gboolean
write_stream (GsfOutfile *parent, const char *name, GByteArray *data, GError **error)
{
  g_autoptr (GsfOutput) stream = gsf_outfile_new_child (parent, name, FALSE);
  if (stream == NULL || !gsf_output_write (stream, data->len, data->data)
      || !gsf_output_close (stream))
    return set_gsf_error (stream, error);
  return TRUE;
}

static void
append_u16 (GByteArray *data, guint16 value)
{
  value = GUINT16_TO_LE (value);
  g_byte_array_append (data, (const guint8 *)&value, sizeof value);
}

static void
append_u32 (GByteArray *data, guint32 value)
{
  value = GUINT32_TO_LE (value);
  g_byte_array_append (data, (const guint8 *)&value, sizeof value);
}

/* A UNICODE-LP-P4: its length in bytes, UTF-16LE, padded to 4 bytes. */
static void
append_unicode (GByteArray *data, const char *ascii)
{
  gsize length = strlen (ascii);
  append_u32 (data, length * 2);
  for (gsize i = 0; i < length; i++)
    append_u16 (data, (guint8)ascii[i]);
  if (length % 2)
    append_u16 (data, 0);
}

/* Three versions 1.0: reader, updater, writer. */
static void
append_versions (GByteArray *data)
{
  for (int i = 0; i < 3; i++)
    {
      append_u16 (data, 1);
      append_u16 (data, 0);
    }
}

static void
patch_u32 (GByteArray *data, guint at, guint32 value)
{
  value = GUINT32_TO_LE (value);
  memcpy (data->data + at, &value, sizeof value);
}

/* The \006DataSpaces storage, which says that EncryptedPackage is encrypted
 * (the data spaces part of docs/office-encryption.md). */
static gboolean
write_data_spaces (GsfOutfile *root, GError **error)
{
  g_autoptr (GsfOutput) spaces = gsf_outfile_new_child (root, "\006DataSpaces", TRUE);
  if (spaces == NULL)
    return set_gsf_error (NULL, error);
  g_autoptr (GByteArray) data = g_byte_array_new ();

  /* Version: DataSpaceVersionInfo. */
  append_unicode (data, "Microsoft.Container.DataSpaces");
  append_versions (data);
  if (!write_stream (GSF_OUTFILE (spaces), "Version", data, error))
    return FALSE;

  /* DataSpaceMap: EncryptedPackage is in StrongEncryptionDataSpace. */
  g_byte_array_set_size (data, 0);
  append_u32 (data, 8); /* header length */
  append_u32 (data, 1); /* entries */
  guint entry = data->len;
  append_u32 (data, 0); /* the entry's length, patched below */
  append_u32 (data, 1); /* reference components */
  append_u32 (data, 0); /* a stream */
  append_unicode (data, "EncryptedPackage");
  append_unicode (data, "StrongEncryptionDataSpace");
  patch_u32 (data, entry, data->len - entry);
  if (!write_stream (GSF_OUTFILE (spaces), "DataSpaceMap", data, error))
    return FALSE;

  /* DataSpaceInfo/StrongEncryptionDataSpace: DataSpaceDefinition. */
  g_autoptr (GsfOutput) info = gsf_outfile_new_child (GSF_OUTFILE (spaces), "DataSpaceInfo", TRUE);
  if (info == NULL)
    return set_gsf_error (NULL, error);
  g_byte_array_set_size (data, 0);
  append_u32 (data, 8); /* header length */
  append_u32 (data, 1); /* transforms */
  append_unicode (data, "StrongEncryptionTransform");
  if (!write_stream (GSF_OUTFILE (info), "StrongEncryptionDataSpace", data, error)
      || !gsf_output_close (info))
    return FALSE;

  /* TransformInfo/StrongEncryptionTransform/\006Primary: the transform's
   * header, then EncryptionTransformInfo. */
  g_autoptr (GsfOutput) transforms
      = gsf_outfile_new_child (GSF_OUTFILE (spaces), "TransformInfo", TRUE);
  g_autoptr (GsfOutput) transform
      = transforms
            ? gsf_outfile_new_child (GSF_OUTFILE (transforms), "StrongEncryptionTransform", TRUE)
            : NULL;
  if (transform == NULL)
    return set_gsf_error (NULL, error);
  g_byte_array_set_size (data, 0);
  append_u32 (data, 0); /* the header's length, patched below */
  append_u32 (data, 1); /* a password transform */
  append_unicode (data, "{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}");
  patch_u32 (data, 0, data->len);
  append_unicode (data, "Microsoft.Container.EncryptionTransform");
  append_versions (data);
  append_u32 (data, 0); /* encryption name: none */
  append_u32 (data, 0); /* block size */
  append_u32 (data, 0); /* cipher mode */
  append_u32 (data, 4); /* reserved */
  if (!write_stream (GSF_OUTFILE (transform), "\006Primary", data, error)
      || !gsf_output_close (transform) || !gsf_output_close (transforms)
      || !gsf_output_close (spaces))
    return FALSE;
  return TRUE;
}

/* EncryptedPackage: the plain size (64-bit little-endian), then each 4096-byte
 * segment encrypted with the package key, IV from the package salt and the
 * segment's index; the last one padded with zeros to 16 bytes. The HMAC of
 * the whole stream is computed on the way. */
static gboolean
write_package (Secrets *s,
               GsfOutfile *root,
               int plain_fd,
               guint64 size,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr (GsfOutput) stream = gsf_outfile_new_child (root, "EncryptedPackage", FALSE);
  if (stream == NULL)
    return set_gsf_error (NULL, error);
  guint8 out[SEGMENT_SIZE];
  guint64 size_le = GUINT64_TO_LE (size);
  hmac_sha512_set_key (&s->hmac, HASH_SIZE, s->hmac_key);
  hmac_sha512_update (&s->hmac, sizeof size_le, (const guint8 *)&size_le);
  if (!gsf_output_write (stream, sizeof size_le, (const guint8 *)&size_le))
    return set_gsf_error (stream, error);

  guint64 offset = 0;
  for (guint32 index = 0; offset < size; index++)
    {
      if (index % CANCEL_CHECK_SEGMENTS == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
                       _ ("The export was cancelled; no file was written"));
          return FALSE;
        }
      gsize length = MIN (size - offset, SEGMENT_SIZE);
      gsize got = 0;
      while (got < length)
        {
          ssize_t n = pread (plain_fd, s->segment + got, length - got, offset + got);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              int saved = n < 0 ? errno : EIO;
              g_set_error (error, JD_ERROR, JD_ERROR_IO,
                           _ ("the workbook to encrypt could not be read: %s"), g_strerror (saved));
              return FALSE;
            }
          got += n;
        }
      gsize padded = (length + AES_BLOCK_SIZE - 1) / AES_BLOCK_SIZE * AES_BLOCK_SIZE;
      memset (s->segment + length, 0, padded - length);

      guint8 iv[AES_BLOCK_SIZE];
      guint32 index_le = GUINT32_TO_LE (index);
      package_iv (s, (const guint8 *)&index_le, sizeof index_le, iv);
      encrypt_cbc (s, s->package_key, iv, s->segment, padded, out);
      hmac_sha512_update (&s->hmac, padded, out);
      if (!gsf_output_write (stream, padded, out))
        return set_gsf_error (stream, error);
      offset += length;
    }
  if (!gsf_output_close (stream))
    return set_gsf_error (stream, error);
  return TRUE;
}

gboolean
jd_office_crypt_encrypt_with_random (int plain_fd,
                                     const char *password,
                                     int out_fd,
                                     JdRandomFunc random,
                                     gpointer random_data,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_return_val_if_fail (plain_fd >= 0, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (out_fd >= 0, FALSE);
  g_return_val_if_fail (random != NULL, FALSE);

  g_autoptr (Secrets) s = g_new0 (Secrets, 1);
  Encrypted e = { 0 };
  struct stat st;

  if (!jd_office_crypt_check_password (password, error))
    return FALSE;
  if (fstat (plain_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, JD_ERROR_IO,
                   _ ("the workbook to encrypt could not be read: %s"),
                   g_strerror (saved ? saved : EINVAL));
      return FALSE;
    }

  if (!random (s->package_salt, SALT_SIZE, random_data, error)
      || !random (s->package_key, KEY_SIZE, random_data, error)
      || !random (s->password_salt, SALT_SIZE, random_data, error)
      || !random (s->verifier, SALT_SIZE, random_data, error)
      || !random (s->hmac_key, HASH_SIZE, random_data, error))
    return FALSE;
  encrypt_key (s, password, &e);

  int out_copy = dup (out_fd);
  FILE *file = out_copy >= 0 ? fdopen (out_copy, "w") : NULL;
  if (file == NULL)
    {
      int saved = errno;
      if (out_copy >= 0)
        close (out_copy);
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("the encrypted file could not be written: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  g_autoptr (GsfOutput) sink = gsf_output_stdio_new_FILE ("", file, FALSE);
  g_autoptr (GsfOutfile) root = gsf_outfile_msole_new (sink);

  if (!write_package (s, root, plain_fd, st.st_size, cancellable, error))
    {
      /* Closing the compound file closes the sink, and the FILE with it. */
      gsf_output_close (GSF_OUTPUT (root));
      return FALSE;
    }

  /* The HMAC key and value, encrypted with the package key. */
  guint8 iv[AES_BLOCK_SIZE];
  hmac_sha512_digest (&s->hmac, HASH_SIZE, s->digest);
  package_iv (s, block_hmac_key, sizeof block_hmac_key, iv);
  encrypt_cbc (s, s->package_key, iv, s->hmac_key, HASH_SIZE, e.hmac_key);
  package_iv (s, block_hmac_value, sizeof block_hmac_value, iv);
  encrypt_cbc (s, s->package_key, iv, s->digest, HASH_SIZE, e.hmac_value);

  /* EncryptionInfo: version 4.4, reserved 0x40, then the XML. */
  g_autofree char *xml = encryption_info_xml (s, &e);
  g_autoptr (GByteArray) info = g_byte_array_new ();
  append_u16 (info, 4);
  append_u16 (info, 4);
  append_u32 (info, 0x40);
  g_byte_array_append (info, (const guint8 *)xml, strlen (xml));

  gboolean ok
      = write_stream (root, "EncryptionInfo", info, error) && write_data_spaces (root, error);
  if (!gsf_output_close (GSF_OUTPUT (root)) && ok)
    ok = set_gsf_error (GSF_OUTPUT (root), error);
  if (!gsf_output_is_closed (sink) && !gsf_output_close (sink) && ok)
    ok = set_gsf_error (sink, error);
  return ok;
}

gboolean
jd_office_crypt_encrypt (
    int plain_fd, const char *password, int out_fd, GCancellable *cancellable, GError **error)
{
  return jd_office_crypt_encrypt_with_random (plain_fd, password, out_fd, kernel_random, NULL,
                                              cancellable, error);
}
