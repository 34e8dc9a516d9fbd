/* jd-test-ui.c: running the application in a UI test and reading its screens */
#include "config.h"

#include "jd-test-ui.h"

#include "jd-save.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

gboolean
jd_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* ---- the process ---------------------------------------------------------------------- */

void
jd_test_ui_init (int *argc, char ***argv)
{
  /* gtk_test_init () would drop G_TEST_OPTION_ISOLATE_DIRS; this is what it
   * does, with the option: each test gets its own empty XDG folders, so no
   * test reads or writes the user's ledger, settings or backups.
   * Image loaders recognise files by MIME type: keep the system's MIME
   * database, which the isolated XDG_DATA_DIRS would hide. */
  g_autoptr (GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  for (const char *const *dir = g_get_system_data_dirs (); *dir; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char *const *)mime_dirs->pdata);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* There is no session bus under plain Xvfb, and GTK warns when its
   * accessibility bridge finds none; these tests read the widgets directly.
   * Without a bus address GDBus would start one through X11 (dbus-launch),
   * seconds per process: say there is none. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();
  /* No animations: a toast still moving when the test destroys its window can
   * crash libadwaita 1.2, and the tests read states, not motion. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* ---- the fixture ------------------------------------------------------------------------ */

void
fixture_init (Fixture *f, const char *name_template)
{
  jd_test_folder_set_up (&f->t, name_template);

  /* Not unique: the test's application must not hand its command line to a
   * Jindu Ledger that may be running on the machine. */
  f->app = jd_application_new ();
  g_application_set_flags (G_APPLICATION (f->app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
}

JdLedger *
fixture_init_ledger (Fixture *f, const char *name_template)
{
  fixture_init (f, name_template);
  return jd_test_ledger_create (f->t.path);
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (g_steal_pointer (&f->app));

  g_assert_null (f->t.ledger); /* the application opened the ledger itself */
  jd_test_remove_ledger (f->t.path);
  g_assert_cmpint (g_rmdir (f->t.dir), ==, 0);
  g_clear_pointer (&f->t.path, g_free);
  g_clear_pointer (&f->t.dir, g_free);
}

/* ---- running the application ------------------------------------------------------------ */

static gboolean
no_toplevels (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

/* The test's body runs once the command line has made its window; then every
 * window is destroyed, which ends g_application_run (). */
static gboolean
run_body_cb (gpointer user_data)
{
  Fixture *f = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *window;

  g_assert_nonnull (windows);
  g_assert_true (JD_IS_WINDOW (windows->data));
  g_assert_null (windows->next);
  f->body (f, windows->data);

  while ((window = g_list_model_get_item (toplevels, 0)))
    {
      gtk_window_destroy (window);
      g_object_unref (window);
    }
  WAIT_FOR (no_toplevels ());
  g_application_release (G_APPLICATION (f->app));
  return G_SOURCE_REMOVE;
}

static void
app_startup_cb (GApplication *app, Fixture *f)
{
  g_application_hold (app);
  g_idle_add (run_body_cb, f);
}

void
run_app (Fixture *f, TestBody body, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *)"jindu");
  va_start (ap, body);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  f->body = body;
  g_signal_connect (f->app, "startup", G_CALLBACK (app_startup_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), args->len - 1, (char **)args->pdata),
                   ==, 0);
}

/* ---- finding what is on screen ---------------------------------------------------------- */

GtkWidget *
find_widget (GtkWidget *root, WidgetTest test, gconstpointer data)
{
  if (test (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);
      if (found)
        return found;
    }
  return NULL;
}

gboolean
is_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

JdLedger *
window_ledger (JdWindow *window)
{
  g_autoptr (JdLedger) ledger = NULL;
  g_object_get (window, "ledger", &ledger, NULL);
  return ledger; /* the window keeps its reference */
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static void
collect_labels (GtkWidget *root, GString *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

char *
visible_cells (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_labels (root, out);
  return g_string_free (out, FALSE);
}

/* Whether "\n" + the labels holds "\n" + text + end (a whole line, or its start). */
static gboolean
shows (GtkWidget *root, const char *text, const char *end)
{
  g_autoptr (GString) out = g_string_new ("\n");
  g_autofree char *needle = g_strconcat ("\n", text, end, NULL);

  collect_labels (root, out);
  return strstr (out->str, needle) != NULL;
}

gboolean
shows_line (GtkWidget *root, const char *line)
{
  return shows (root, line, "\n");
}

gboolean
shows_prefix (GtkWidget *root, const char *prefix)
{
  return shows (root, prefix, "");
}

gboolean
shows_before (GtkWidget *root, const char *a, const char *b)
{
  g_autofree char *cells = visible_cells (root);
  const char *pa = strstr (cells, a), *pb = strstr (cells, b);

  return pa != NULL && pb != NULL && pa < pb;
}

void
press_shortcut (GtkWidget *widget, guint keyval, GdkModifierType modifiers)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr (GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  /* As GTK does: the capture phase first, then the others. */
  for (guint k = 0; k < 2 * g_list_model_get_n_items (controllers); k++)
    {
      guint i = k % g_list_model_get_n_items (controllers);
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      gboolean capture
          = gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller))
            == GTK_PHASE_CAPTURE;
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || capture != (k < g_list_model_get_n_items (controllers)))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no shortcut for %s", gtk_accelerator_name (keyval, modifiers));
}

/* ---- reading files back ---------------------------------------------------------------- */

char *
jd_test_python (const char *script, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  g_ptr_array_add (argv, (char *)"/usr/bin/python3");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)script);
  va_start (ap, script);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                NULL);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strdup (g_strstrip (out));
}

typedef struct
{
  const JdForm *form;
  const JdFormValues *values;
  gboolean done;
  gboolean ok;
  GError *error;
} FormSave;

static gboolean
write_form_cb (JdLedger *ledger, gpointer data, GError **error)
{
  FormSave *save = data;
  return save->form->save (ledger, save->values, error);
}

static void
form_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  FormSave *save = data;
  save->done = TRUE;
  save->ok = ok;
  save->error = error ? g_error_copy (error) : NULL;
}

gboolean
jd_test_save_form (JdLedger *ledger, const JdForm *form, const JdFormValues *values, GError **error)
{
  FormSave save = { form, values };
  jd_save_run (ledger, write_form_cb, &save, NULL, NULL, NULL, form_saved_cb);
  while (!save.done)
    g_main_context_iteration (NULL, TRUE);
  if (save.error)
    g_propagate_error (error, save.error);
  return save.ok;
}
