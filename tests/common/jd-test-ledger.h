/* jd-test-ledger.h: the shared fixture of the tests that make a ledger (tests/core,
 * tests/cli, tests/export; docs/architecture.md "Tests")
 *
 * A temporary folder with ledger.db in it, created for JD_TEST_TOWNSHIP and left
 * open, and at tear-down the folder removed with all it holds (the ledger's -wal and
 * -shm files included). A test whose fixture is that alone uses JdTestLedger as its
 * Fixture with jd_test_ledger_fixture () (or jd_test_folder_fixture () when the
 * program under test makes the ledger); one that needs more embeds a JdTestLedger t
 * first in its own Fixture, calls jd_test_ledger_set_up (&f->t, …) before writing
 * the small content its header works out by hand, and jd_test_ledger_tear_down ().
 * The writers below assert that what they write goes in.
 */
#pragma once

#include <glib.h>

#include "jd-ledger.h"
#include "jd-store.h"

G_BEGIN_DECLS

/* The township and county of every fixture's ledger. */
#define JD_TEST_TOWNSHIP "博美镇"
#define JD_TEST_COUNTY "陆丰市"

typedef struct
{
  char *dir;          /* a fresh temporary folder, removed with all it holds at tear-down */
  char *path;         /* DIR/ledger.db */
  JdLedger *ledger;   /* the ledger at path, open; NULL when the test closed it or made none */
  gboolean today_set; /* jd_test_set_today () was called: tear-down gives the real day back */
} JdTestLedger;

/* The folder and the path, no ledger; name_template as for g_dir_make_tmp (), or NULL
 * for "jd-PROGRAM-XXXXXX". */
void jd_test_folder_set_up (JdTestLedger *t, const char *name_template);
/* The folder, and the ledger of JD_TEST_TOWNSHIP in JD_TEST_COUNTY created at path
 * and left open (no village, no person: the test adds its own). */
void jd_test_ledger_set_up (JdTestLedger *t, const char *name_template);
/* The same as GTest fixture functions, for a test whose Fixture is a JdTestLedger:
 *   g_test_add ("/x", JdTestLedger, NULL, jd_test_ledger_fixture, test_x,
 *               jd_test_fixture_tear_down); */
void jd_test_folder_fixture (JdTestLedger *t, gconstpointer data);
void jd_test_ledger_fixture (JdTestLedger *t, gconstpointer data);
void jd_test_fixture_tear_down (JdTestLedger *t, gconstpointer data);

/* g_test_add () for a Fixture whose first member is its JdTestLedger t, with the
 * file's own set-up and jd_test_fixture_tear_down () (which is enough when the rest of the
 * Fixture owns nothing). */
#define JD_TEST_ADD(path, Fixture, data, set_up, test)                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    G_STATIC_ASSERT (G_STRUCT_OFFSET (Fixture, t) == 0);                                           \
    void (*set_up_) (Fixture *, gconstpointer) = (set_up);                                         \
    void (*test_) (Fixture *, gconstpointer) = (test);                                             \
    g_test_add_vtable ((path), sizeof (Fixture), (data), (GTestFixtureFunc)set_up_,                \
                       (GTestFixtureFunc)test_, (GTestFixtureFunc)jd_test_fixture_tear_down);      \
  }                                                                                                \
  G_STMT_END

/* A new ledger of JD_TEST_TOWNSHIP in JD_TEST_COUNTY at path (a second ledger in the
 * folder, or the one a GUI test's application opens): the caller's reference. */
JdLedger *jd_test_ledger_create (const char *path);
/* Today for the test, until tear-down (jd_set_today ()). */
void jd_test_set_today (JdTestLedger *t, JdDay day);
/* Closes the ledger, which must then be finalized (no reference left behind). */
void jd_test_ledger_close (JdTestLedger *t);
/* Closes the ledger and removes the folder with everything in it: the ledger,
 * its -wal and -shm files, backups and whatever the test wrote there; and today is
 * the real day again when the fixture set it. */
void jd_test_ledger_tear_down (JdTestLedger *t);

/* A folder and everything in it (links are removed, never followed). */
void jd_test_remove_tree (const char *path);
/* A ledger file with its -wal, -shm and .audit-pending files beside it. */
void jd_test_remove_ledger (const char *path);
/* Whether path with suffix appended ("-wal", "-shm") exists. */
gboolean jd_test_exists_with_suffix (const char *path, const char *suffix);

/* A file of tests/fixtures ($FIXTURES): FIXTURES/folder/name. */
char *jd_test_fixture_file (const char *folder, const char *name);
/* The first column of the first row of sql, which must have one. */
gint64 jd_test_query_int (JdLedger *ledger, const char *sql);

/* The SHA-256 of a file's bytes, to show it was left as it was. */
char *jd_test_checksum_file (const char *path);

/* Asserts a write went in (added, updated or unchanged), with no error. */
void jd_test_ok (JdStoreResult result, GError *error);
/* first17 followed by its check digit (GB 11643). */
char *jd_test_complete_id_number (const char *first17);
/* A valid resident ID number (GB 11643) of a person born on birth (YYYYMMDD) in
 * 110105, with sequence as its digits 15 to 17. */
char *jd_test_id_number (const char *birth, int sequence);
/* A village, which must be new: its id. */
gint64 jd_test_add_village (JdLedger *ledger, const char *code, const char *name);
/* A person, who must be new: their id. */
gint64 jd_test_add_person (JdLedger *ledger, const JdPersonRecord *record);
/* A person of village: ID number jd_test_id_number ("19900101", sequence), first found
 * on 2020-01-01, nothing else; their id. */
gint64
jd_test_add_numbered_person (JdLedger *ledger, gint64 village, int sequence, const char *name);
/* A person of village with a valid ID number, jd_test_id_number (birth, sequence),
 * the residence address (or NULL), first found on found; their id. */
gint64 jd_test_add_resident (JdLedger *ledger,
                             gint64 village,
                             const char *name,
                             const char *birth,
                             int sequence,
                             JdDay found,
                             const char *address);
/* A status span from started (with its planned end, or 0) and a follow-up (result
 * NULL but for urine tests), each asserted with jd_test_ok (). */
void jd_test_add_status (
    JdLedger *ledger, gint64 person, const char *status, JdDay started, JdDay planned_end);
void jd_test_add_followup (
    JdLedger *ledger, gint64 person, const char *kind, JdDay day, const char *result);

/* An _async call's callback (user_data: a GAsyncResult * set to NULL before):
 * keeps the result, asserting it came on the main thread, the caller's. */
void jd_test_got_result_cb (GObject *source, GAsyncResult *result, gpointer user_data);
/* Runs the main context until *result is set by jd_test_got_result_cb (); it. */
GAsyncResult *jd_test_wait_for (GAsyncResult **result);
/* A GCancellable already cancelled. */
GCancellable *jd_test_cancelled_new (void);

G_END_DECLS
