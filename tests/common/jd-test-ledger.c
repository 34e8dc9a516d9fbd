/* jd-test-ledger.c: the shared fixture of the tests that make a ledger */
#include "config.h"

#include "jd-test-ledger.h"

#include <glib/gstdio.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"

void
jd_test_folder_set_up (JdTestLedger *t, const char *name_template)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *program_template = g_strdup_printf ("jd-%s-XXXXXX", program);

  t->dir = g_dir_make_tmp (name_template ? name_template : program_template, &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "ledger.db", NULL);
  t->ledger = NULL;
}

JdLedger *
jd_test_ledger_create (const char *path)
{
  g_autoptr (GError) error = NULL;

  JdLedger *ledger = jd_ledger_create (path, JD_TEST_TOWNSHIP, JD_TEST_COUNTY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

void
jd_test_ledger_set_up (JdTestLedger *t, const char *name_template)
{
  jd_test_folder_set_up (t, name_template);
  t->ledger = jd_test_ledger_create (t->path);
}

void
jd_test_set_today (JdTestLedger *t, JdDay day)
{
  jd_set_today (day);
  t->today_set = TRUE;
}

void
jd_test_ledger_close (JdTestLedger *t)
{
  if (t->ledger)
    g_assert_finalize_object (g_steal_pointer (&t->ledger));
}

void
jd_test_ledger_tear_down (JdTestLedger *t)
{
  jd_test_ledger_close (t);
  jd_test_remove_tree (t->dir);
  g_assert_false (g_file_test (t->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&t->path, g_free);
  g_clear_pointer (&t->dir, g_free);
  if (t->today_set)
    jd_set_today (0);
  t->today_set = FALSE;
}

void
jd_test_folder_fixture (JdTestLedger *t, gconstpointer data)
{
  jd_test_folder_set_up (t, NULL);
}

void
jd_test_ledger_fixture (JdTestLedger *t, gconstpointer data)
{
  jd_test_ledger_set_up (t, NULL);
}

void
jd_test_fixture_tear_down (JdTestLedger *t, gconstpointer data)
{
  jd_test_ledger_tear_down (t);
}

void
jd_test_remove_tree (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          jd_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
jd_test_remove_ledger (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", ".audit-pending" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

gboolean
jd_test_exists_with_suffix (const char *path, const char *suffix)
{
  g_autofree char *file = g_strconcat (path, suffix, NULL);
  return g_file_test (file, G_FILE_TEST_EXISTS);
}

char *
jd_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

void
jd_test_ok (JdStoreResult result, GError *error)
{
  g_assert_no_error (error);
  g_assert_cmpint (result, !=, JD_STORE_FAILED);
}

char *
jd_test_complete_id_number (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
}

char *
jd_test_id_number (const char *birth, int sequence)
{
  g_autofree char *first17 = g_strdup_printf ("110105%s%03d", birth, sequence);
  return jd_test_complete_id_number (first17);
}

char *
jd_test_fixture_file (const char *folder, const char *name)
{
  const char *fixtures = g_getenv ("FIXTURES");
  g_assert_nonnull (fixtures);
  return g_build_filename (fixtures, folder, name, NULL);
}

gint64
jd_test_query_int (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gint64
jd_test_add_village (JdLedger *ledger, const char *code, const char *name)
{
  g_autoptr (GError) error = NULL;
  const JdVillageRecord record = { .code = code, .name = name };
  gint64 id = 0;

  g_assert_cmpint (jd_store_village (ledger, &record, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
jd_test_add_person (JdLedger *ledger, const JdPersonRecord *record)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_cmpint (jd_store_person (ledger, record, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
jd_test_add_numbered_person (JdLedger *ledger, gint64 village, int sequence, const char *name)
{
  g_autofree char *number = jd_test_id_number ("19900101", sequence);
  const JdPersonRecord record = { .id_number = number,
                                  .name = name,
                                  .village_id = village,
                                  .first_found_on = jd_day_new (2020, 1, 1) };
  return jd_test_add_person (ledger, &record);
}

gint64
jd_test_add_resident (JdLedger *ledger,
                      gint64 village,
                      const char *name,
                      const char *birth,
                      int sequence,
                      JdDay found,
                      const char *address)
{
  GError *error = NULL;
  gint64 id = 0;
  g_autofree char *number = jd_test_id_number (birth, sequence);
  const JdPersonRecord record = { .id_number = number,
                                  .name = name,
                                  .village_id = village,
                                  .residence_address = address,
                                  .first_found_on = found };
  jd_test_ok (jd_store_person (ledger, &record, &id, &error), error);
  return id;
}

void
jd_test_add_status (
    JdLedger *ledger, gint64 person, const char *status, JdDay started, JdDay planned_end)
{
  GError *error = NULL;
  const JdStatusRecord record = {
    .person_id = person, .status = status, .started_on = started, .planned_end_on = planned_end
  };
  jd_test_ok (jd_store_status (ledger, &record, &error), error);
}

void
jd_test_add_followup (
    JdLedger *ledger, gint64 person, const char *kind, JdDay day, const char *result)
{
  GError *error = NULL;
  const JdFollowupRecord record
      = { .person_id = person, .kind = kind, .occurred_on = day, .result = result };
  jd_test_ok (jd_store_followup (ledger, &record, &error), error);
}

void
jd_test_got_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *out = g_object_ref (result);
}

GAsyncResult *
jd_test_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

GCancellable *
jd_test_cancelled_new (void)
{
  GCancellable *cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  return cancellable;
}
