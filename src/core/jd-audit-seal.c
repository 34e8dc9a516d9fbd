/* jd-audit-seal.c: the hash chain over the audit log, and its seals
 *
 * The format is docs/audit-log.md's; a change here is a change of that file and
 * of every ledger's seals.
 */
#include "config.h"

#include "jd-audit-seal.h"

#include <string.h>

void
jd_audit_hasher_init (JdAuditHasher *hasher)
{
  hasher->row = g_checksum_new (G_CHECKSUM_SHA256);
  hasher->link = g_checksum_new (G_CHECKSUM_SHA256);
  hasher->bytes = g_string_sized_new (512);
}

void
jd_audit_hasher_clear (JdAuditHasher *hasher)
{
  g_clear_pointer (&hasher->row, g_checksum_free);
  g_clear_pointer (&hasher->link, g_checksum_free);
  if (hasher->bytes)
    g_string_free (hasher->bytes, TRUE);
  hasher->bytes = NULL;
}

/* One value as tagged bytes: n | i<decimal>; | f<%.17g>; | t<length>:<bytes> |
 * b<length>:<bytes>, so no two rows give the same bytes. */
static void
append_value (GString *bytes, sqlite3_stmt *stmt, int column)
{
  switch (sqlite3_column_type (stmt, column))
    {
      case SQLITE_NULL:
        g_string_append_c (bytes, 'n');
        break;
      case SQLITE_INTEGER:
        g_string_append_printf (bytes, "i%" G_GINT64_FORMAT ";",
                                (gint64)sqlite3_column_int64 (stmt, column));
        break;
      case SQLITE_FLOAT:
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          g_ascii_formatd (number, sizeof number, "%.17g", sqlite3_column_double (stmt, column));
          g_string_append_printf (bytes, "f%s;", number);
          break;
        }
      case SQLITE_TEXT:
        {
          const char *text = (const char *)sqlite3_column_text (stmt, column);
          int n = sqlite3_column_bytes (stmt, column);
          g_string_append_printf (bytes, "t%d:", n);
          g_string_append_len (bytes, text, n);
          break;
        }
      default:
        {
          const void *blob = sqlite3_column_blob (stmt, column);
          int n = sqlite3_column_bytes (stmt, column);
          g_string_append_printf (bytes, "b%d:", n);
          g_string_append_len (bytes, blob, n);
          break;
        }
    }
}

void
jd_audit_row_digest (JdAuditHasher *hasher, sqlite3_stmt *stmt, guint8 digest[JD_AUDIT_DIGEST_SIZE])
{
  gsize size = JD_AUDIT_DIGEST_SIZE;

  g_string_truncate (hasher->bytes, 0);
  for (int i = 0; i < JD_AUDIT_N_ROW_COLUMNS; i++)
    append_value (hasher->bytes, stmt, i);
  g_checksum_reset (hasher->row);
  g_checksum_update (hasher->row, (const guchar *)hasher->bytes->str, hasher->bytes->len);
  g_checksum_get_digest (hasher->row, digest, &size);
}

void
jd_audit_link_next (JdAuditHasher *hasher,
                    guint8 link[JD_AUDIT_DIGEST_SIZE],
                    const guint8 digest[JD_AUDIT_DIGEST_SIZE])
{
  gsize size = JD_AUDIT_DIGEST_SIZE;

  g_checksum_reset (hasher->link);
  g_checksum_update (hasher->link, link, JD_AUDIT_DIGEST_SIZE);
  g_checksum_update (hasher->link, digest, JD_AUDIT_DIGEST_SIZE);
  g_checksum_get_digest (hasher->link, link, &size);
}

void
jd_audit_hex (const guint8 bytes[JD_AUDIT_DIGEST_SIZE], char hex[2 * JD_AUDIT_DIGEST_SIZE + 1])
{
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < JD_AUDIT_DIGEST_SIZE; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  hex[2 * JD_AUDIT_DIGEST_SIZE] = '\0';
}

gboolean
jd_audit_unhex (const char *hex, guint8 bytes[JD_AUDIT_DIGEST_SIZE])
{
  if (hex == NULL || strlen (hex) != 2 * JD_AUDIT_DIGEST_SIZE)
    return FALSE;
  for (int i = 0; i < JD_AUDIT_DIGEST_SIZE; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]);
      int low = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (high < 0 || low < 0)
        return FALSE;
      bytes[i] = (guint8)(high << 4 | low);
    }
  return TRUE;
}

/* ---- sealing -------------------------------------------------------------------------------- */

void
jd_audit_sealer_init (JdAuditSealer *sealer, sqlite3 *db)
{
  memset (sealer, 0, sizeof *sealer);
  sealer->db = db;
  jd_audit_hasher_init (&sealer->hasher);
  sealer->digests = g_byte_array_new ();
}

void
jd_audit_sealer_clear (JdAuditSealer *sealer)
{
  g_clear_pointer (&sealer->last, sqlite3_finalize);
  g_clear_pointer (&sealer->rows, sqlite3_finalize);
  g_clear_pointer (&sealer->insert, sqlite3_finalize);
  jd_audit_hasher_clear (&sealer->hasher);
  g_clear_pointer (&sealer->digests, g_byte_array_unref);
}

static int
prepare (JdAuditSealer *sealer, sqlite3_stmt **stmt, const char *sql)
{
  if (*stmt)
    return SQLITE_OK;
  return sqlite3_prepare_v3 (sealer->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
}

/* Writes the seal on first_row … last_row, whose digests are in sealer->digests. */
static int
write_seal (JdAuditSealer *sealer,
            gint64 *first_row,
            gint64 last_row,
            const guint8 link[JD_AUDIT_DIGEST_SIZE])
{
  char hex[2 * JD_AUDIT_DIGEST_SIZE + 1];

  if (*first_row == 0)
    return SQLITE_OK;
  jd_audit_hex (link, hex);
  sqlite3_bind_int64 (sealer->insert, 1, *first_row);
  sqlite3_bind_int64 (sealer->insert, 2, last_row);
  sqlite3_bind_text (sealer->insert, 3, hex, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (sealer->insert, 4, sealer->digests->data, sealer->digests->len, SQLITE_STATIC);
  int rc = sqlite3_step (sealer->insert);
  sqlite3_reset (sealer->insert);
  sqlite3_clear_bindings (sealer->insert);
  *first_row = 0;
  g_byte_array_set_size (sealer->digests, 0);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
jd_audit_seal (JdAuditSealer *sealer, gint64 own_first, gint64 own_last)
{
  guint8 link[JD_AUDIT_DIGEST_SIZE] = { 0 };
  gint64 after = 0;
  int rc = prepare (sealer, &sealer->last,
                    "SELECT last_row, link FROM audit_seal ORDER BY id DESC LIMIT 1");
  if (rc == SQLITE_OK)
    rc = prepare (
        sealer, &sealer->insert,
        "INSERT INTO audit_seal (first_row, last_row, link, digests) VALUES (?, ?, ?, ?)");
  if (rc == SQLITE_OK)
    rc = prepare (sealer, &sealer->rows,
                  "SELECT " JD_AUDIT_ROW_COLUMNS " FROM audit_log WHERE id > ? AND id <= ?"
                  " ORDER BY id");
  if (rc != SQLITE_OK)
    return rc;

  if ((rc = sqlite3_step (sealer->last)) == SQLITE_ROW)
    {
      after = sqlite3_column_int64 (sealer->last, 0);
      /* A seal whose link is not hexadecimal was tampered with: the chain goes
       * on from zero, and the check reports that seal. */
      if (!jd_audit_unhex ((const char *)sqlite3_column_text (sealer->last, 1), link))
        memset (link, 0, sizeof link);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_reset (sealer->last);
  if (rc != SQLITE_OK)
    return rc;

  gint64 first_row = 0, last_row = 0;
  g_byte_array_set_size (sealer->digests, 0);
  sqlite3_bind_int64 (sealer->rows, 1, after);
  sqlite3_bind_int64 (sealer->rows, 2, own_last);
  while ((rc = sqlite3_step (sealer->rows)) == SQLITE_ROW)
    {
      guint8 digest[JD_AUDIT_DIGEST_SIZE];
      gint64 id = sqlite3_column_int64 (sealer->rows, 0);

      jd_audit_row_digest (&sealer->hasher, sealer->rows, digest);
      jd_audit_link_next (&sealer->hasher, link, digest);
      if (id < own_first)
        continue; /* another writer's row: chained, not vouched for */
      if (first_row == 0)
        first_row = id;
      /* Ids grow by one; a gap (a row removed before sealing) keeps its place. */
      while (first_row < id && last_row + 1 < id)
        {
          static const guint8 none[JD_AUDIT_SHORT_DIGEST] = { 0 };
          g_byte_array_append (sealer->digests, none, sizeof none);
          last_row++;
        }
      g_byte_array_append (sealer->digests, digest, JD_AUDIT_SHORT_DIGEST);
      last_row = id;
      if (sealer->digests->len >= JD_AUDIT_SEAL_MAX_ROWS * JD_AUDIT_SHORT_DIGEST
          && (rc = write_seal (sealer, &first_row, last_row, link)) != SQLITE_OK)
        break;
    }
  sqlite3_reset (sealer->rows);
  if (rc == SQLITE_DONE)
    rc = write_seal (sealer, &first_row, last_row, link);
  return rc;
}
