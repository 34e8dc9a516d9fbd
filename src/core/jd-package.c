/* jd-package.c: signed packages a township sends (docs/packages.md, contract.md §9)
 *
 * The file: "JINDUPKG", the format version (1) and three zero bytes, the
 * manifest's length (4 bytes, big-endian), the manifest (a GKeyFile, UTF-8),
 * a 64-byte Ed25519 signature (libsodium's crypto_sign_detached) over all of
 * that, then the payload, whose size and SHA-256 the manifest gives. So the
 * signature covers the payload through its hash, and one byte changed
 * anywhere makes the package fail to read.
 *
 * The township's key pair lives in the ledger's table package_key, made on
 * first use. It is not an audited table on purpose: the audit log keeps every
 * value written, and the secret key must not be in it. The snapshot a package
 * carries has that table dropped (with secure_delete, then VACUUM), so a
 * county never holds a township's secret key.
 */
#include "config.h"

#include "jd-package.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-error.h"
#include "jd-ledger-private.h"

#define MAGIC "JINDUPKG"
#define FORMAT_VERSION 1
#define HEADER_BYTES 16
#define MAX_MANIFEST_BYTES (64 * 1024)
#define GROUP "package"

void
jd_package_manifest_free (JdPackageManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->kind);
  g_free (manifest->township);
  g_free (manifest->county);
  g_free (manifest->as_of);
  g_free (manifest->sha256);
  g_free (manifest->fingerprint);
  g_free (manifest->to_township);
  g_free (manifest->transfer_id);
  g_free (manifest->id_number);
  g_free (manifest);
}

static gboolean
sodium_ready (GError **error)
{
  static gsize done = 0;
  static int result = -1;
  if (g_once_init_enter (&done))
    {
      result = sodium_init ();
      g_once_init_leave (&done, 1);
    }
  if (result < 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("The cryptography library cannot start"));
      return FALSE;
    }
  return TRUE;
}

char *
jd_package_fingerprint (const guint8 *public_key)
{
  guint8 hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256 (hash, public_key, JD_PACKAGE_PUBLIC_KEY_BYTES);
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < 16; i += 2)
    g_string_append_printf (text, "%s%02X%02X", i ? " " : "", hash[i], hash[i + 1]);
  return g_string_free (text, FALSE);
}

char *
jd_package_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* ---- the key ------------------------------------------------------------------- */

static gboolean
read_key (JdLedger *ledger, guint8 *public_key, guint8 *secret_key, gboolean *found, GError **error)
{
  *found = FALSE;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'package_key'", error);
  if (stmt == NULL)
    return FALSE;
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  stmt = jd_ledger_prepare (ledger, "SELECT public_key, secret_key FROM package_key WHERE id = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == crypto_sign_PUBLICKEYBYTES
      && sqlite3_column_bytes (stmt, 1) == crypto_sign_SECRETKEYBYTES)
    {
      memcpy (public_key, sqlite3_column_blob (stmt, 0), crypto_sign_PUBLICKEYBYTES);
      if (secret_key)
        memcpy (secret_key, sqlite3_column_blob (stmt, 1), crypto_sign_SECRETKEYBYTES);
      *found = TRUE;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      jd_ledger_set_error (ledger, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The key pair, made and kept on first use. secret_key may be NULL. */
static gboolean
ledger_key (JdLedger *ledger, guint8 *public_key, guint8 *secret_key, GError **error)
{
  gboolean found = FALSE;
  if (!sodium_ready (error) || !read_key (ledger, public_key, secret_key, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair (pk, sk);
  g_autofree char *now = jd_package_now ();
  if (!jd_ledger_begin (ledger, error))
    {
      sodium_memzero (sk, sizeof sk);
      return FALSE;
    }
  sqlite3_stmt *stmt = NULL;
  gboolean ok = jd_ledger_exec (ledger,
                                "CREATE TABLE IF NOT EXISTS package_key ("
                                "  id INTEGER PRIMARY KEY CHECK (id = 1),"
                                "  public_key BLOB NOT NULL CHECK (length (public_key) = 32),"
                                "  secret_key BLOB NOT NULL CHECK (length (secret_key) = 64),"
                                "  made_at TEXT NOT NULL)",
                                error)
                && (stmt = jd_ledger_prepare (
                        ledger,
                        "INSERT INTO package_key (id, public_key, secret_key, made_at)"
                        " VALUES (1, ?, ?, ?)",
                        error))
                       != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, pk, sizeof pk, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, sk, sizeof sk, SQLITE_TRANSIENT);
      jd_bind_text (stmt, 3, now);
      ok = jd_ledger_step_done (ledger, stmt, error) && jd_ledger_commit (ledger, error);
    }
  if (!ok)
    jd_ledger_rollback (ledger);
  if (ok)
    {
      memcpy (public_key, pk, sizeof pk);
      if (secret_key)
        memcpy (secret_key, sk, sizeof sk);
    }
  sodium_memzero (sk, sizeof sk);
  return ok;
}

gboolean
jd_package_ledger_key (JdLedger *ledger, guint8 *public_key, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  return ledger_key (ledger, public_key, NULL, error);
}

/* ---- writing ------------------------------------------------------------------- */

static char *
hex (const guint8 *bytes, gsize n)
{
  GString *text = g_string_sized_new (2 * n);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (text, "%02x", bytes[i]);
  return g_string_free (text, FALSE);
}

static char *
manifest_text (const JdPackageManifest *m, gsize *length)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_key_file_set_string (file, GROUP, "kind", m->kind);
  g_key_file_set_string (file, GROUP, "township", m->township);
  if (m->county && *m->county)
    g_key_file_set_string (file, GROUP, "county", m->county);
  g_key_file_set_string (file, GROUP, "as_of", m->as_of);
  g_key_file_set_integer (file, GROUP, "data_version", m->data_version);
  g_key_file_set_string (file, GROUP, "sha256", m->sha256);
  g_key_file_set_int64 (file, GROUP, "size", m->size);
  g_autofree char *key = g_base64_encode (m->public_key, JD_PACKAGE_PUBLIC_KEY_BYTES);
  g_key_file_set_string (file, GROUP, "public_key", key);
  if (m->to_township)
    g_key_file_set_string (file, GROUP, "to_township", m->to_township);
  if (m->transfer_id)
    g_key_file_set_string (file, GROUP, "transfer_id", m->transfer_id);
  if (m->id_number)
    g_key_file_set_string (file, GROUP, "id_number", m->id_number);
  return g_key_file_to_data (file, length, NULL);
}

/* Header, manifest and signature into output; the payload follows. */
static gboolean
write_head (JdOutput *output, JdPackageManifest *m, const guint8 *secret_key, GError **error)
{
  gsize length = 0;
  g_autofree char *text = manifest_text (m, &length);
  if (length > MAX_MANIFEST_BYTES)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The package’s manifest is too long"));
      return FALSE;
    }
  g_autofree guint8 *head = g_malloc (HEADER_BYTES + length);
  memcpy (head, MAGIC, 8);
  head[8] = FORMAT_VERSION;
  head[9] = head[10] = head[11] = 0;
  guint32 be = GUINT32_TO_BE ((guint32)length);
  memcpy (head + 12, &be, 4);
  memcpy (head + HEADER_BYTES, text, length);
  guint8 signature[crypto_sign_BYTES];
  crypto_sign_detached (signature, NULL, head, HEADER_BYTES + length, secret_key);
  return jd_output_write (output, head, HEADER_BYTES + length, error)
         && jd_output_write (output, signature, sizeof signature, error);
}

static void
remove_folder (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Drops the key from the snapshot at path (its pages overwritten) and reads
 * what the manifest says of it. */
static gboolean
prepare_snapshot (const char *path, JdPackageManifest *m, GError **error)
{
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK
      && sqlite3_exec (db, "PRAGMA secure_delete = ON; DROP TABLE IF EXISTS package_key; VACUUM;",
                       NULL, NULL, NULL)
             == SQLITE_OK)
    {
      sqlite3_stmt *stmt = NULL;
      if (sqlite3_prepare_v2 (db,
                              "SELECT (SELECT user_version FROM pragma_user_version), name, county"
                              " FROM township WHERE id = 1",
                              -1, &stmt, NULL)
              == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        {
          m->data_version = sqlite3_column_int (stmt, 0);
          m->township = jd_column_dup (stmt, 1);
          m->county = jd_column_dup (stmt, 2);
          ok = m->township != NULL;
        }
      sqlite3_finalize (stmt);
    }
  if (!ok)
    jd_db_set_error (db, path, error);
  sqlite3_close_v2 (db);
  return ok;
}

static gboolean
hash_file (const char *path, JdPackageManifest *m, GError **error)
{
  FILE *file = fopen (path, "rb");
  if (file == NULL)
    {
      jd_output_set_errno_error (path, errno, error);
      return FALSE;
    }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init (&state);
  guint8 buffer[64 * 1024];
  size_t n;
  m->size = 0;
  while ((n = fread (buffer, 1, sizeof buffer, file)) > 0)
    {
      crypto_hash_sha256_update (&state, buffer, n);
      m->size += n;
    }
  gboolean ok = !ferror (file);
  fclose (file);
  guint8 digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final (&state, digest);
  m->sha256 = hex (digest, sizeof digest);
  if (!ok)
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be read"), path);
  return ok;
}

static gboolean
copy_file (JdOutput *output, const char *path, GError **error)
{
  FILE *file = fopen (path, "rb");
  if (file == NULL)
    {
      jd_output_set_errno_error (path, errno, error);
      return FALSE;
    }
  guint8 buffer[64 * 1024];
  size_t n;
  gboolean ok = TRUE;
  while (ok && (n = fread (buffer, 1, sizeof buffer, file)) > 0)
    ok = jd_output_write (output, buffer, n, error);
  if (ok && ferror (file))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be read"), path);
      ok = FALSE;
    }
  fclose (file);
  return ok;
}

gboolean
jd_package_write (JdLedger *ledger,
                  const char *path,
                  JdOutputFlags flags,
                  char **fingerprint,
                  JdProgressFunc progress,
                  gpointer user_data,
                  GCancellable *cancellable,
                  GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!jd_output_check (path, jd_ledger_get_path (ledger), flags, error))
    return FALSE;
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  g_autoptr (JdPackageManifest) m = g_new0 (JdPackageManifest, 1);
  if (!ledger_key (ledger, m->public_key, secret_key, error))
    return FALSE;

  g_autoptr (GError) tmp_error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("jindu-package-XXXXXX", &tmp_error);
  if (folder == NULL)
    {
      sodium_memzero (secret_key, sizeof secret_key);
      /* TRANSLATORS: %s is the system's reason, such as a full disk. */
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("No temporary folder can be made: %s"),
                   tmp_error->message);
      return FALSE;
    }
  g_autofree char *snapshot = g_build_filename (folder, "snapshot.db", NULL);
  m->kind = g_strdup ("township");
  /* The snapshot is the ledger as it was when its copy began. */
  m->as_of = jd_package_now ();
  JdOutput *output = NULL;
  gboolean ok
      = jd_ledger_backup (ledger, snapshot, FALSE, progress, user_data, cancellable, error)
        && prepare_snapshot (snapshot, m, error) && hash_file (snapshot, m, error)
        && (output = jd_output_new (path, jd_ledger_get_path (ledger), flags, error)) != NULL
        && write_head (output, m, secret_key, error) && copy_file (output, snapshot, error);
  sodium_memzero (secret_key, sizeof secret_key);
  remove_folder (folder);
  if (!ok)
    {
      jd_output_abort (output);
      return FALSE;
    }
  if (!jd_output_commit (output, error))
    return FALSE;
  m->fingerprint = jd_package_fingerprint (m->public_key);
  g_autofree char *details = g_strdup_printf (
      "{\"what\":\"package\",\"as_of\":\"%s\",\"fingerprint\":\"%s\"}", m->as_of, m->fingerprint);
  if (!jd_ledger_log_output (ledger, JD_OUTPUT_EXPORT, path, details, FALSE, error))
    return FALSE;
  if (fingerprint)
    *fingerprint = g_steal_pointer (&m->fingerprint);
  return TRUE;
}

gboolean
jd_package_write_bytes (JdLedger *ledger,
                        JdPackageManifest *m,
                        GBytes *payload,
                        const char *path,
                        JdOutputFlags flags,
                        GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  if (!ledger_key (ledger, m->public_key, secret_key, error))
    return FALSE;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (payload, &size);
  guint8 digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256 (digest, data, size);
  g_free (m->sha256);
  m->sha256 = hex (digest, sizeof digest);
  m->size = size;
  g_free (m->fingerprint);
  m->fingerprint = jd_package_fingerprint (m->public_key);
  JdOutput *output = jd_output_new (path, jd_ledger_get_path (ledger), flags, error);
  gboolean ok = output && write_head (output, m, secret_key, error)
                && jd_output_write (output, data, size, error);
  sodium_memzero (secret_key, sizeof secret_key);
  if (!ok)
    {
      jd_output_abort (output);
      return FALSE;
    }
  return jd_output_commit (output, error);
}

/* ---- reading ------------------------------------------------------------------- */

static void
set_damaged (const char *path, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
               _ ("%s is damaged or was changed after it was signed: ask the township for a new "
                  "package"),
               path);
}

static gboolean
read_exactly (FILE *file, void *buffer, gsize size)
{
  return fread (buffer, 1, size, file) == size;
}

static JdPackageManifest *
parse_manifest (const char *path, const char *text, gsize length, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (JdPackageManifest) m = g_new0 (JdPackageManifest, 1);
  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, NULL))
    {
      set_damaged (path, error);
      return NULL;
    }
  m->kind = g_key_file_get_string (file, GROUP, "kind", NULL);
  m->township = g_key_file_get_string (file, GROUP, "township", NULL);
  m->county = g_key_file_get_string (file, GROUP, "county", NULL);
  m->as_of = g_key_file_get_string (file, GROUP, "as_of", NULL);
  m->sha256 = g_key_file_get_string (file, GROUP, "sha256", NULL);
  m->to_township = g_key_file_get_string (file, GROUP, "to_township", NULL);
  m->transfer_id = g_key_file_get_string (file, GROUP, "transfer_id", NULL);
  m->id_number = g_key_file_get_string (file, GROUP, "id_number", NULL);
  g_autoptr (GError) number_error = NULL;
  m->data_version = g_key_file_get_integer (file, GROUP, "data_version", &number_error);
  if (number_error == NULL)
    m->size = g_key_file_get_int64 (file, GROUP, "size", &number_error);
  g_autofree char *key = g_key_file_get_string (file, GROUP, "public_key", NULL);
  gsize key_length = 0;
  g_autofree guchar *key_bytes = key ? g_base64_decode (key, &key_length) : NULL;
  if (number_error || !m->kind || !m->township || !*m->township || !m->as_of || !m->sha256
      || key_length != JD_PACKAGE_PUBLIC_KEY_BYTES || m->size < 0)
    {
      set_damaged (path, error);
      return NULL;
    }
  memcpy (m->public_key, key_bytes, key_length);
  m->fingerprint = jd_package_fingerprint (m->public_key);
  return g_steal_pointer (&m);
}

JdPackageManifest *
jd_package_read (const char *path, JdPackageSink sink, gpointer user_data, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (!sodium_ready (error))
    return NULL;

  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  struct stat st;
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, JD_ERROR, errsv == ENOENT ? JD_ERROR_NOT_FOUND : JD_ERROR_IO,
                   _ ("%s cannot be read: %s"), path, g_strerror (errsv));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s is not a file"), path);
      return NULL;
    }
  FILE *file = fdopen (fd, "rb");
  guint8 head[HEADER_BYTES];
  if (!read_exactly (file, head, sizeof head) || memcmp (head, MAGIC, 8) != 0)
    {
      fclose (file);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s is not a Jindu Ledger package"), path);
      return NULL;
    }
  if (head[8] != FORMAT_VERSION)
    {
      fclose (file);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s was made by a newer version of Jindu Ledger: update this one to read it"),
                   path);
      return NULL;
    }
  guint32 be;
  memcpy (&be, head + 12, 4);
  guint32 length = GUINT32_FROM_BE (be);
  g_autofree guint8 *signed_part = NULL;
  guint8 signature[crypto_sign_BYTES];
  if (length == 0 || length > MAX_MANIFEST_BYTES)
    {
      fclose (file);
      set_damaged (path, error);
      return NULL;
    }
  signed_part = g_malloc (HEADER_BYTES + length + 1);
  memcpy (signed_part, head, HEADER_BYTES);
  if (!read_exactly (file, signed_part + HEADER_BYTES, length)
      || !read_exactly (file, signature, sizeof signature))
    {
      fclose (file);
      set_damaged (path, error);
      return NULL;
    }
  signed_part[HEADER_BYTES + length] = '\0';
  g_autoptr (JdPackageManifest) m
      = parse_manifest (path, (const char *)signed_part + HEADER_BYTES, length, error);
  if (m == NULL)
    {
      fclose (file);
      return NULL;
    }
  if (crypto_sign_verify_detached (signature, signed_part, HEADER_BYTES + length, m->public_key)
      != 0)
    {
      fclose (file);
      set_damaged (path, error);
      return NULL;
    }

  crypto_hash_sha256_state state;
  crypto_hash_sha256_init (&state);
  guint8 buffer[64 * 1024];
  size_t n;
  gint64 total = 0;
  gboolean ok = TRUE;
  while (ok && (n = fread (buffer, 1, sizeof buffer, file)) > 0)
    {
      total += n;
      if (total > m->size)
        break;
      crypto_hash_sha256_update (&state, buffer, n);
      if (sink)
        ok = sink (buffer, n, user_data, error);
    }
  gboolean read_error = ferror (file);
  fclose (file);
  if (!ok)
    return NULL;
  if (read_error)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be read"), path);
      return NULL;
    }
  guint8 digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final (&state, digest);
  g_autofree char *digest_hex = hex (digest, sizeof digest);
  if (total != m->size || g_ascii_strcasecmp (digest_hex, m->sha256) != 0)
    {
      set_damaged (path, error);
      return NULL;
    }
  return g_steal_pointer (&m);
}
