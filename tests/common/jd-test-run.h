/* jd-test-run.h: running the jindu executable from a test */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jd-test-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

void run_clear (Run *run);
void run_jindu (Run *run, ...) G_GNUC_NULL_TERMINATED;
/* What `jindu` with the arguments up to NULL printed, read as JSON; asserts it
 * exited 0 (its stderr printed when not). */
JsonNode *jd_test_run_json (const char *first, ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The shared fixture of the CLI tests: the folder of jd_test_folder_set_up () and
 * the ledger made there by `jindu init` (JD_TEST_TOWNSHIP in JD_TEST_COUNTY). */
void jd_test_cli_set_up (JdTestLedger *t, const char *name_template);
/* The same as a GTest fixture function (the folder named after the program). */
void jd_test_cli_fixture (JdTestLedger *t, gconstpointer data);

/* Another program (tests/common/hold-write) holding the write lock on the ledger at path
 * with a change not yet committed, for up to seconds or until its input is closed;
 * returned once it holds it. */
GSubprocess *jd_test_hold_write (const char *path, int seconds);

G_END_DECLS
