/* jd-create-dialog.c: asks for a township and creates its ledger
 *
 * The township's name is required, the county optional. The first ledger goes
 * to the default path; when that exists already the new one is proposed in the
 * Documents folder under the township's name, and "Choose…" picks any file.
 * Problems show as you type, on the row at fault, and keep Create disabled.
 * The core creates the file on a thread of its own (jd_ledger_create_async ()).
 */
#include "config.h"

#include "jd-create-dialog.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-ledger-async.h"

struct _JdCreateDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *township_row;
  AdwEntryRow *county_row;
  AdwActionRow *file_row;
  GtkLabel *problem_label;

  char *path;
  char *township; /* stripped, as typed */
  char *county;
  gboolean valid;
  char *folder;          /* where a proposed file goes */
  gboolean path_follows; /* the file is named after the township until chosen */
  gboolean edited;       /* the township has been typed into */
  GTask *task;           /* the run in progress */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (JdCreateDialog, jd_create_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The values are kept as they are typed: a response button closes, and so
 * disposes, the dialog before it emits ::response. */
static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* "~/Documents/博美镇.db" rather than the whole path. */
static char *
format_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  if (n > 1 && g_str_has_prefix (path, home) && path[n] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + n + 1);
      return g_build_filename ("~", rest, NULL);
    }
  return g_steal_pointer (&display);
}

static void
set_path (JdCreateDialog *self, const char *path)
{
  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_autofree char *display = format_path (path);
  adw_action_row_set_subtitle (self->file_row, display);
}

static void
validate (JdCreateDialog *self)
{
  const char *township = self->township;
  const char *problem = NULL;
  g_autofree char *exists = NULL;

  if (self->path_follows)
    {
      /* A file name cannot hold a slash. */
      g_autofree char *name = g_strdup (*township ? township : _ ("ledger"));
      g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
      g_autofree char *file = g_strconcat (name, ".db", NULL);
      g_autofree char *path = g_build_filename (self->folder, file, NULL);
      set_path (self, path);
    }

  gboolean township_bad = *township == '\0';
  gboolean file_bad = g_file_test (self->path, G_FILE_TEST_EXISTS);

  if (township_bad && self->edited)
    problem = _ ("The township needs a name.");
  else if (file_bad)
    {
      g_autofree char *display = format_path (self->path);
      exists = g_strdup_printf (_ ("%s already exists; choose another file."), display);
      problem = exists;
    }

  if (township_bad && self->edited)
    gtk_widget_add_css_class (GTK_WIDGET (self->township_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->township_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->township_row), GTK_ACCESSIBLE_STATE_INVALID,
                               township_bad && self->edited ? GTK_ACCESSIBLE_INVALID_TRUE
                                                            : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (file_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->file_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->file_row), "error");

  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  self->valid = !township_bad && !file_bad;
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", self->valid);
}

static void
township_changed_cb (JdCreateDialog *self)
{
  g_free (self->township);
  self->township = dup_stripped (self->township_row);
  self->edited = TRUE;
  validate (self);
}

static void
county_changed_cb (JdCreateDialog *self)
{
  g_free (self->county);
  self->county = dup_stripped (self->county_row);
}

static void
chooser_response_cb (JdCreateDialog *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *with_suffix
              = strchr (base, '.') ? g_strdup (path) : g_strconcat (path, ".db", NULL);
          self->path_follows = FALSE;
          set_path (self, with_suffix);
          validate (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (JdCreateDialog *self)
{
  if (self->chooser)
    return;
  self->chooser
      = gtk_file_chooser_native_new (_ ("New Ledger File"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Choose"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Jindu Ledgers"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *name = g_path_get_basename (self->path);
  g_autoptr (GFile) folder_file = g_file_new_for_path (folder);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder_file, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- creating the ledger --------------------------------------------------- */

/* The core's answer, handed to whoever runs the dialog. */
static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JdLedger *ledger = jd_ledger_create_finish (result, &error);

  if (ledger)
    g_task_return_pointer (task, ledger, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
response_cb (JdCreateDialog *self, const char *response)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  /* A response from code, not from a button, leaves the dialog open. The task
   * keeps the dialog alive, maybe longer than its parent: let go of that. */
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  if (task == NULL)
    return;

  if (g_strcmp0 (response, "create") != 0 || !self->valid)
    {
      g_task_return_new_error (task, JD_ERROR, JD_ERROR_CANCELLED, _ ("No ledger was created"));
      return;
    }

  /* The core creates it on a thread of its own. */
  jd_ledger_create_async (self->path, self->township,
                          self->county && *self->county ? self->county : NULL, NULL, created_cb,
                          g_steal_pointer (&task));
}

void
jd_create_dialog_run (JdCreateDialog *self, GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (JD_IS_CREATE_DIALOG (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, jd_create_dialog_run);
  gtk_window_present (GTK_WINDOW (self));
}

/* The new ledger, or NULL with JD_ERROR_CANCELLED when the user said no. */
JdLedger *
jd_create_dialog_run_finish (JdCreateDialog *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
jd_create_dialog_get_path (JdCreateDialog *self)
{
  g_return_val_if_fail (JD_IS_CREATE_DIALOG (self), NULL);
  return self->path;
}

/* ---- the dialog -------------------------------------------------------------- */

static gboolean
cancel_if_pending_cb (gpointer user_data)
{
  JdCreateDialog *self = user_data;

  if (self->task)
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->task);
      g_task_return_new_error (task, JD_ERROR, JD_ERROR_CANCELLED, _ ("No ledger was created"));
    }
  return G_SOURCE_REMOVE;
}

static void
jd_create_dialog_dispose (GObject *object)
{
  JdCreateDialog *self = JD_CREATE_DIALOG (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* A response button destroys the dialog just before it emits ::response;
   * only a dialog destroyed without any response is cancelled, after it. */
  if (self->task)
    g_idle_add_full (G_PRIORITY_HIGH, cancel_if_pending_cb, g_object_ref (self), g_object_unref);

  G_OBJECT_CLASS (jd_create_dialog_parent_class)->dispose (object);
}

static void
jd_create_dialog_finalize (GObject *object)
{
  JdCreateDialog *self = JD_CREATE_DIALOG (object);

  g_free (self->path);
  g_free (self->township);
  g_free (self->county);
  g_free (self->folder);

  G_OBJECT_CLASS (jd_create_dialog_parent_class)->finalize (object);
}

static void
jd_create_dialog_class_init (JdCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_create_dialog_dispose;
  object_class->finalize = jd_create_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JdCreateDialog, township_row);
  gtk_widget_class_bind_template_child (widget_class, JdCreateDialog, county_row);
  gtk_widget_class_bind_template_child (widget_class, JdCreateDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, JdCreateDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, township_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, county_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
jd_create_dialog_init (JdCreateDialog *self)
{
  g_autofree char *default_path = jd_ledger_default_path ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->township = g_strdup ("");

  if (!g_file_test (default_path, G_FILE_TEST_EXISTS))
    {
      /* The first ledger: where the program looks for it. */
      self->folder = g_path_get_dirname (default_path);
      set_path (self, default_path);
      self->path_follows = FALSE;
    }
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      self->folder = g_strdup (documents ? documents : g_get_home_dir ());
      self->path_follows = TRUE;
    }
  validate (self);
}

JdCreateDialog *
jd_create_dialog_new (GtkWindow *parent)
{
  return g_object_new (JD_TYPE_CREATE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}
