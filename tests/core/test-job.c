/* test-job.c: jd-job, the one way the core runs a job on a worker thread
 *
 * A job's result or error reaches the caller's callback on the caller's main
 * context; a job cancelled before it starts never runs; a job that commits
 * elsewhere has the caller's ledger announce it once it succeeds (and not when
 * it fails); and jd_job_wait_all () returns only once every job is over and
 * let go, which the end of the process relies on to close the ledger clean.
 */
#include "config.h"

#include "jd-job.h"
#include "jd-test-ledger.h"

typedef struct
{
  gint ran;   /* atomic: how many times the job's function ran */
  gint freed; /* atomic: the job's data freed */
  guint sleep_ms;
  gboolean fail;
} Work;

static void
work_freed (gpointer data)
{
  Work *work = data;
  g_atomic_int_inc (&work->freed);
}

static gpointer
work_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Work *work = data;
  g_atomic_int_inc (&work->ran);
  g_usleep (work->sleep_ms * 1000);
  if (work->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return NULL;
    }
  return g_strdup ("done");
}

typedef struct
{
  gboolean called;
  char *result;
  GError *error;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_free (outcome->result);
  g_clear_error (&outcome->error);
}

static void
work_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;
  outcome->called = TRUE;
  outcome->result = jd_job_finish (result, work_job, &outcome->error);
}

static void
start (Work *work, GCancellable *cancellable, Outcome *outcome)
{
  jd_job_start (NULL, work_job, work_job, work, work_freed, g_free, JD_JOB_DEFAULT, cancellable,
                work_done_cb, outcome);
}

/* The result, then the error, each on the caller's context; the data freed once. */
static void
test_result_and_error (void)
{
  Work work = { .sleep_ms = 10 };
  Outcome outcome = { 0 };
  start (&work, NULL, &outcome);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_true (outcome.called);
  g_assert_cmpstr (outcome.result, ==, "done");
  g_assert_no_error (outcome.error);
  g_assert_cmpint (work.freed, ==, 1);
  outcome_clear (&outcome);

  Work failing = { .fail = TRUE };
  Outcome refused = { 0 };
  start (&failing, NULL, &refused);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_null (refused.result);
  g_assert_error (refused.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (failing.freed, ==, 1);
  outcome_clear (&refused);
}

/* Cancelled before it starts: the function never runs, the callback says so. */
static void
test_cancelled_first (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  Work work = { 0 };
  Outcome outcome = { 0 };
  start (&work, cancellable, &outcome);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_cmpint (work.ran, ==, 0);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (work.freed, ==, 1);
  outcome_clear (&outcome);
}

/* The wait gives up after its time while a job still runs, and returns once
 * the job is over: its callback run, its data freed. */
static void
test_wait_all (void)
{
  Work work = { .sleep_ms = 400 };
  Outcome outcome = { 0 };
  start (&work, NULL, &outcome);
  g_assert_false (jd_job_wait_all (50));
  g_assert_false (outcome.called);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_true (outcome.called);
  g_assert_cmpint (work.freed, ==, 1);
  outcome_clear (&outcome);
}

static void
count_notice_cb (JdLedger *ledger, JdChanges changes, gpointer user_data)
{
  g_assert_cmpuint (changes, ==, JD_CHANGE_RECORDS);
  (*(guint *)user_data)++;
}

static void
committed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *notices_then = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *done = jd_job_finish (result, work_job, &error);
  /* The notice came first: pages reload before the caller says "done". */
  *notices_then += 100;
}

/* A job that committed elsewhere: the caller's ledger announces it before the
 * callback, once; a job that failed announces nothing. */
static void
test_committing (JdTestLedger *t, gconstpointer data)
{
  guint notices = 0;
  g_signal_connect (t->ledger, "changed", G_CALLBACK (count_notice_cb), &notices);

  Work work = { 0 };
  jd_job_start_committing (t->ledger, JD_CHANGE_RECORDS, work_job, work_job, &work, NULL, g_free,
                           JD_JOB_DEFAULT, NULL, committed_cb, &notices);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_cmpuint (notices, ==, 101);

  Work failing = { .fail = TRUE };
  jd_job_start_committing (t->ledger, JD_CHANGE_RECORDS, work_job, work_job, &failing, NULL, g_free,
                           JD_JOB_DEFAULT, NULL, committed_cb, &notices);
  g_assert_true (jd_job_wait_all (10000));
  g_assert_cmpuint (notices, ==, 201);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/job/result-and-error", test_result_and_error);
  g_test_add_func ("/job/cancelled-first", test_cancelled_first);
  g_test_add_func ("/job/wait-all", test_wait_all);
  g_test_add ("/job/committing", JdTestLedger, NULL, jd_test_ledger_fixture, test_committing,
              jd_test_fixture_tear_down);
  return g_test_run ();
}
