/* jd-application.c: the window's application
 *
 * One process per user: a second `jindu [--db FILE] [--section …]` hands its
 * command line to the first, which opens or brings forward the window for that
 * ledger. The options are checked in the process that was started, so a bad
 * value is reported there and exits 1.
 */
#include "config.h"

#include "jd-application.h"
#include "jd-cli.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-alerts.h"
#include "jd-create-dialog.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-job.h"
#include "jd-sections.h"

struct _JdApplication
{
  AdwApplication parent_instance;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (JdApplication, jd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry file_option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("The ledger to open (default: the user’s ledger)"),
    N_ ("FILE") },
  { NULL },
};

/* --section comes between them, its help made from the table of sections. */
static const GOptionEntry option_entries[] = {
  { "today", 0, 0, G_OPTION_ARG_STRING, NULL, N_ ("Take DATE as today’s date"), N_ ("DATE") },
  { "present", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Start the dashboard’s presentation"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and leave"), NULL },
  { NULL },
};

/* The option's problem, or NULL. */
static char *
check_options (GVariantDict *options, JdDay *today)
{
  const char *text;

  *today = 0;
  if (g_variant_dict_lookup (options, "today", "&s", &text))
    {
      *today = jd_day_parse (text);
      if (*today == 0)
        return g_strdup_printf (_ ("--today: “%s” is not a date (use 2024-03-05)"), text);
    }
  if (g_variant_dict_lookup (options, "section", "&s", &text) && jd_section_find (text) == NULL)
    {
      g_autofree char *names = jd_sections_list_names ();
      return g_strdup_printf (_ ("--section: “%s” is not a section (use one of %s)"), text, names);
    }
  return NULL;
}

static int
jd_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  JdDay today;
  g_autofree char *problem = check_options (options, &today);

  if (problem)
    {
      g_printerr ("jindu: %s\n", problem);
      return 1;
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jindu %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

/* In the first process, for its own command line or a later one's. */
static int
jd_application_command_line (GApplication *app, GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  int argc;
  g_auto (GStrv) argv = g_application_command_line_get_arguments (command_line, &argc);
  JdDay today;
  g_autofree char *problem = check_options (options, &today);
  const char *section = NULL, *db = NULL;
  gboolean present = FALSE;
  g_autoptr (GFile) file = NULL;

  if (problem == NULL && argc > 1)
    problem = g_strdup_printf (_ ("unexpected argument “%s”"), argv[1]);
  if (problem)
    {
      g_application_command_line_printerr (command_line, "jindu: %s\n", problem);
      return 1;
    }

  if (today)
    jd_set_today (today);
  g_variant_dict_lookup (options, "section", "&s", &section);
  g_variant_dict_lookup (options, "present", "b", &present);
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    file = g_application_command_line_create_file_for_arg (command_line, db);

  jd_application_open (JD_APPLICATION (app), file, section, present);
  return 0;
}

static void
jd_application_activate (GApplication *app)
{
  jd_application_open (JD_APPLICATION (app), NULL, NULL, FALSE);
}

static gboolean
is_same_file (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  return g_str_equal (ca, cb);
}

static gboolean
is_open_window (JdApplication *self, gpointer window)
{
  return window != NULL
         && g_list_find (gtk_application_get_windows (GTK_APPLICATION (self)), window);
}

/* Shows a ledger file (NULL: the user's default ledger): the window that has
 * it already, or an empty window, or a new one. Without a file, a window that
 * is open already is brought forward, whatever it shows. */
JdWindow *
jd_application_open (JdApplication *self, GFile *file, const char *section, gboolean present)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  g_autofree char *path = file ? g_file_get_path (file) : jd_ledger_default_path ();
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  JdWindow *window = NULL;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (
          _ ("%s is not on this computer: only local ledger files can be opened."), uri);
      jd_show_error_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                            _ ("Cannot Open the Ledger"), message);
      return NULL;
    }

  for (GList *l = windows; l && window == NULL; l = l->next)
    if (JD_IS_WINDOW (l->data) && is_same_file (jd_window_get_path (l->data), path))
      window = l->data;
  for (GList *l = windows; l && window == NULL && file == NULL; l = l->next)
    if (JD_IS_WINDOW (l->data))
      window = l->data;

  if (window == NULL)
    {
      for (GList *l = windows; l && window == NULL; l = l->next)
        if (JD_IS_WINDOW (l->data) && jd_window_is_idle_empty (l->data))
          window = l->data;
      if (window == NULL)
        window = jd_window_new (GTK_APPLICATION (self));
      jd_window_open (window, path, file == NULL);
    }

  if (section)
    jd_window_set_section (window, section);
  if (present)
    jd_window_start_presentation (window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Shows a ledger that is open already (just created): in `from` when that
 * window is empty, else in a new window. */
JdWindow *
jd_application_show_ledger (JdApplication *self, GtkWindow *from, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdWindow *window = NULL;
  if (JD_IS_WINDOW (from) && is_open_window (self, from)
      && jd_window_is_idle_empty (JD_WINDOW (from)))
    window = JD_WINDOW (from);
  else
    window = jd_window_new (GTK_APPLICATION (self));
  jd_window_set_ledger (window, ledger);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* ---- actions ------------------------------------------------------------------------ */

static void
open_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  JdApplication *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file)
        jd_application_open (self, file, NULL, FALSE);
    }
  g_clear_object (&self->chooser);
}

static void
open_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  JdApplication *self = user_data;

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Open Ledger"), gtk_application_get_active_window (GTK_APPLICATION (self)),
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  g_autoptr (GtkFileFilter) ledgers = gtk_file_filter_new ();
  gtk_file_filter_set_name (ledgers, _ ("Jindu Ledgers"));
  gtk_file_filter_add_pattern (ledgers, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), ledgers);
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

typedef struct
{
  JdApplication *app;
  GtkWindow *parent;
} CreateRun;

static void
create_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CreateRun *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger
      = jd_create_dialog_run_finish (JD_CREATE_DIALOG (source), result, &error);

  if (ledger)
    jd_application_show_ledger (run->app, run->parent, ledger);
  else if (!g_error_matches (error, JD_ERROR, JD_ERROR_CANCELLED))
    jd_show_error_dialog (is_open_window (run->app, run->parent) ? run->parent : NULL,
                          _ ("Cannot Create the Ledger"), error->message);

  g_clear_object (&run->parent);
  g_object_unref (run->app);
  g_free (run);
}

static void
new_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  JdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CreateRun *run = g_new0 (CreateRun, 1);

  run->app = g_object_ref (self);
  run->parent = parent ? g_object_ref (parent) : NULL;
  jd_create_dialog_run (jd_create_dialog_new (parent), create_done_cb, run);
}

static void
shortcuts_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  const char *translators = _ ("translator-credits");

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _ ("Jindu Ledger"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, _ ("Jindu Ledger developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (
      about, _ ("The registers, the work due and the yearly indicators of a township’s anti-drug "
                "office, and the workbook its inspectors ask for."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  if (!g_str_equal (translators, "translator-credits"))
    adw_about_window_set_translator_credits (about, translators);
  gtk_window_present (GTK_WINDOW (about));
}

/* The help is installed by gnome.yelp() under the help id of docs/contract.md §2 ("jindu"),
 * so yelp finds it as help:jindu (a page: help:jindu/PAGE). */
static void
help_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (parent, "help:" GETTEXT_PACKAGE, GDK_CURRENT_TIME);
}

/* Closing each window lets it save its size (and, later, refuse to lose work);
 * the application ends with its last window. */
static void
quit_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_entries[] = {
  { "open", open_activated_cb },           { "new", new_activated_cb },
  { "shortcuts", shortcuts_activated_cb }, { "about", about_activated_cb },
  { "quit", quit_activated_cb },           { "help", help_activated_cb },
};

static const struct
{
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.open", { "<Control>o", NULL } },
  { "app.new", { "<Control>n", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.help", { "F1", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
jd_application_startup (GApplication *app)
{
  static const char *const no_accels[] = { NULL };

  G_APPLICATION_CLASS (jd_application_parent_class)->startup (app);
  jd_accessible_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);
  /* GTK binds Ctrl+? to the help overlay itself; app.shortcuts has it here. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", no_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

/* How long the end of the process waits for the window's jobs. */
#define JOBS_AT_EXIT_MS 10000

/* The window's jobs (a dashboard being computed, the day's backup) end and
 * let go of their connections and of the ledger before the process does, so
 * the ledger is closed clean (no -wal or -shm left beside it). */
static void
jd_application_shutdown (GApplication *app)
{
  jd_job_wait_all (JOBS_AT_EXIT_MS);
  G_APPLICATION_CLASS (jd_application_parent_class)->shutdown (app);
}

static void
jd_application_dispose (GObject *object)
{
  JdApplication *self = JD_APPLICATION (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (jd_application_parent_class)->dispose (object);
}

static void
jd_application_class_init (JdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jd_application_dispose;
  app_class->startup = jd_application_startup;
  app_class->activate = jd_application_activate;
  app_class->shutdown = jd_application_shutdown;
  app_class->command_line = jd_application_command_line;
  app_class->handle_local_options = jd_application_handle_local_options;
}

static void
jd_application_init (JdApplication *self)
{
  /* Kept for the process: GApplication keeps the pointer, not a copy. */
  static char *section_help;
  if (section_help == NULL)
    {
      g_autofree char *sections = jd_sections_describe ();
      section_help = g_strdup_printf (_ ("Open on SECTION: %s"), sections);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), file_option_entries);
  g_application_add_main_option (G_APPLICATION (self), "section", 0, 0, G_OPTION_ARG_STRING,
                                 section_help, N_ ("SECTION"));
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (
      G_APPLICATION (self),
      _ ("Opens the ledger window. The commands that need no window have their own help: "
         "jindu COMMAND --help."));
  g_autofree char *names = jd_cli_dup_command_names ();
  g_autofree char *commands = g_strdup_printf (_ ("Commands: %s"), names);
  g_application_set_option_context_description (G_APPLICATION (self), commands);
}

JdApplication *
jd_application_new (void)
{
  return g_object_new (JD_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_COMMAND_LINE, "resource-base-path",
                       "/io/github/jindu/Ledger", NULL);
}
