/* jd-test-run.c: running the jindu executable from a test */
#include "jd-test-run.h"

#include <stdarg.h>
#include <sys/wait.h>

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs $JINDU with the arguments up to NULL; stdin is /dev/null and stderr a
 * pipe, so no progress is shown. */
static void
run_jindu_valist (Run *run, const char *first, va_list args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *jindu = g_getenv ("JINDU");

  g_assert_nonnull (jindu);
  run_clear (run);
  g_ptr_array_add (argv, (char *)jindu);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  int wait_status = 0;
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

void
run_jindu (Run *run, ...)
{
  va_list args;
  va_start (args, run);
  const char *first = va_arg (args, const char *);
  run_jindu_valist (run, first, args);
  va_end (args);
}

JsonNode *
jd_test_run_json (const char *first, ...)
{
  g_auto (Run) run = { 0 };
  va_list args;
  va_start (args, first);
  run_jindu_valist (&run, first, args);
  va_end (args);
  if (run.status != 0)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);

  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
jd_test_cli_set_up (JdTestLedger *t, const char *name_template)
{
  g_auto (Run) run = { 0 };

  jd_test_folder_set_up (t, name_template);
  run_jindu (&run, "init", "--db", t->path, "--township", JD_TEST_TOWNSHIP, "--county",
             JD_TEST_COUNTY, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

void
jd_test_cli_fixture (JdTestLedger *t, gconstpointer data)
{
  jd_test_cli_set_up (t, NULL);
}

GSubprocess *
jd_test_hold_write (const char *path, int seconds)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *helper
      = g_build_filename (g_getenv ("JINDU_BUILD_DIR"), "tests", "common", "hold-write", NULL);
  g_autofree char *duration = g_strdup_printf ("%d", seconds);
  GSubprocess *holder
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          helper, path, duration, NULL);
  g_assert_no_error (error);
  g_autoptr (GDataInputStream) out
      = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");
  return holder;
}
