/* test-ledger-changes.c: the ledger's notice of a committed write ("changed",
 * jd-ledger.h), which the window's pages follow (docs/architecture.md): once per
 * commit, with the kinds of records written, never for a rollback, and on the
 * main context whatever thread wrote.
 */
#include <glib/gstdio.h>

#include "jd-date.h"
#include "jd-ledger.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  guint notices;
  JdChanges changes; /* the kinds of all notices heard, or-ed */
  GThread *thread;   /* where the last notice was heard */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_ledger_set_up (&f->t, "jd-changes-XXXXXX");
}

static void
changed_cb (JdLedger *ledger, JdChanges changes, Fixture *f)
{
  f->notices++;
  f->changes |= changes;
  f->thread = g_thread_self ();
}

static void
follow (Fixture *f)
{
  g_signal_connect (f->t.ledger, "changed", G_CALLBACK (changed_cb), f);
}

static void
add_village (JdLedger *ledger, const char *code, gint64 *id)
{
  g_autoptr (GError) error = NULL;
  JdVillageRecord village = { .code = code, .name = code, .resident_population = 1000 };
  g_assert_cmpint (jd_store_village (ledger, &village, id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One transaction, one notice, heard before the commit returns (a page has
 * reloaded when the save returns), naming what was written and nothing else. */
static void
test_commit (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village;

  follow (f);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  add_village (f->t.ledger, "V01", &village);
  add_village (f->t.ledger, "V02", NULL);
  g_assert_cmpuint (f->notices, ==, 0); /* not before the commit */
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_cmpuint (f->changes, ==, JD_CHANGE_VILLAGES | JD_CHANGE_AUDIT);
  g_assert_true (f->thread == g_thread_self ());
  drain ();
  g_assert_cmpuint (f->notices, ==, 1); /* and no second one later */

  /* A person and a follow-up in one transaction: both kinds, once. */
  f->notices = 0;
  f->changes = 0;
  JdPersonRecord person = {
    .id_number = "11010519491231002X",
    .name = "张伟",
    .village_id = village,
    .first_found_on = jd_day_new (2020, 1, 1),
  };
  gint64 person_id = 0;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  JdStoreResult stored = jd_store_person (f->t.ledger, &person, &person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, JD_STORE_ADDED);
  JdFollowupRecord talk
      = { .person_id = person_id, .kind = "talk", .occurred_on = jd_day_new (2024, 3, 5) };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &talk, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_true (f->changes & JD_CHANGE_PERSONS);
  g_assert_true (f->changes & JD_CHANGE_FOLLOWUPS);
  g_assert_false (f->changes & (JD_CHANGE_VILLAGES | JD_CHANGE_ACTIVITIES | JD_CHANGE_SETTINGS));

  /* A setting (the targets are settings) in a transaction of its own. */
  f->notices = 0;
  f->changes = 0;
  g_assert_true (jd_ledger_set_setting (f->t.ledger, "target.coverage", "0.9", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_true (f->changes & JD_CHANGE_SETTINGS);
  g_assert_false (f->changes & ~(JD_CHANGE_SETTINGS | JD_CHANGE_AUDIT));
}

/* What was rolled back changed nothing, and says nothing. */
static void
test_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  follow (f);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  add_village (f->t.ledger, "V01", NULL);
  jd_ledger_rollback (f->t.ledger);
  drain ();
  g_assert_cmpuint (f->notices, ==, 0);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "village"), ==, 0);

  /* The next commit names only what it wrote, not what was rolled back. */
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_ledger_set_setting (f->t.ledger, "mask", "1", &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_false (f->changes & JD_CHANGE_VILLAGES);
}

/* An export's entry in the audit log is no change of the records a page shows. */
static void
test_output_is_audit_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t.dir, "out.xlsx", NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  follow (f);
  g_assert_true (jd_ledger_log_output (f->t.ledger, JD_OUTPUT_EXPORT, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_cmpuint (f->changes, ==, JD_CHANGE_AUDIT);
  g_assert_false (f->changes & JD_CHANGE_RECORDS);
  g_unlink (path);
}

/* A statement that commits itself (no transaction around it) is announced
 * from the main loop, not while its caller may still read the connection's
 * last rowid or change count. */
static void
test_statement_outside_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0;

  add_village (f->t.ledger, "V01", &village);
  follow (f);
  JdVenueRecord venue = { .village_id = village, .name = "凤山酒吧", .kind = "entertainment" };
  gint64 venue_id = 0;
  JdStoreResult stored = jd_store_venue (f->t.ledger, &venue, &venue_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, JD_STORE_ADDED);
  g_assert_cmpint (venue_id, >, 0);
  g_assert_cmpuint (f->notices, ==, 0);
  drain ();
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_true (f->changes & JD_CHANGE_VENUES);
}

/* The window opens its ledger on a worker thread and writes on the main one;
 * a write on another thread is heard on the main context all the same. */
static gpointer
write_in_thread (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  add_village (f->t.ledger, "V09", NULL);
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  return NULL;
}

static void
test_heard_on_main_context (Fixture *f, gconstpointer data)
{
  follow (f);
  /* The main thread owns its context meanwhile, as the window's loop does. */
  g_main_context_acquire (NULL);
  GThread *writer = g_thread_new ("writer", write_in_thread, f);
  g_thread_join (writer);
  g_assert_cmpuint (f->notices, ==, 0); /* not on the writer's thread */
  drain ();
  g_main_context_release (NULL);
  g_assert_cmpuint (f->notices, ==, 1);
  g_assert_true (f->thread == g_thread_self ());
  g_assert_true (f->changes & JD_CHANGE_VILLAGES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) JD_TEST_ADD (name, Fixture, NULL, fixture_set_up, func)
  ADD ("/ledger-changes/commit", test_commit);
  ADD ("/ledger-changes/rollback", test_rollback);
  ADD ("/ledger-changes/output-is-audit-only", test_output_is_audit_only);
  ADD ("/ledger-changes/statement-outside-transaction", test_statement_outside_transaction);
  ADD ("/ledger-changes/heard-on-main-context", test_heard_on_main_context);
#undef ADD
  return g_test_run ();
}
