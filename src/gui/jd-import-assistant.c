/* jd-import-assistant.c: importing a CSV file or a sheet of a workbook from the
 * window (docs/contract.md §8)
 *
 * The user chooses a file (or drops one on the window); the assistant finds
 * its header row and kind and matches each column by its heading
 * (jd-import-match.c), all changeable (jd-import-columns.c). Each change
 * previews the file again through the core (jd_import_preview_async (): the
 * import run dry), and the rows are shown with every problem marked in its cell
 * (jd-import-table.c). Import runs the same import for real, whole or nothing,
 * with progress and Cancel (jd_import_file_async ()). The assistant opens no
 * connection and runs no thread of its own.
 */
#include "config.h"

#include "jd-import-assistant.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-error.h"
#include "jd-import-async.h"
#include "jd-import-columns.h"
#include "jd-import-table.h"

/* Rows kept for the preview: the first ones, then as many with problems. */
#define PREVIEW_ROWS 2000

/* ---- the assistant ------------------------------------------------------------------- */

struct _JdImportAssistant
{
  AdwWindow parent_instance;

  JdLedger *ledger;
  GtkWindow *main_window;

  AdwActionRow *file_row;
  AdwComboRow *kind_row;
  AdwComboRow *sheet_row;
  GtkSpinButton *header_button;
  AdwPreferencesGroup *columns_group;
  GtkLabel *summary_label;
  GtkToggleButton *problems_button;
  GtkColumnView *view;
  GtkProgressBar *progress_bar;
  GtkWidget *settings_box;

  GPtrArray *column_rows; /* AdwComboRow, one per heading, in columns_group */
  JdImportTable *table;

  char *path;
  JdImportSniff sniff;
  JdImportKind kind;
  char **assign; /* per heading: a key or "" */
  JdImportPreview *preview;

  GCancellable *cancellable;
  gboolean busy;
  gboolean importing;
  gboolean updating; /* the widgets are being set from a preview: not the user */
  guint progress_source;
  int progress; /* atomic: ten-thousandths, -1 for none */
};

G_DEFINE_FINAL_TYPE (JdImportAssistant, jd_import_assistant, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_preview (JdImportAssistant *self);

static void
set_busy (JdImportAssistant *self, gboolean busy, gboolean importing)
{
  self->importing = importing;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import",
                                 !busy && self->preview
                                     && jd_import_preview_is_clean (self->preview));
  gtk_widget_set_sensitive (self->settings_box, !importing);
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
progress_cb (double fraction, gpointer user_data)
{
  JdImportAssistant *self = user_data;
  g_atomic_int_set (&self->progress, (int)(CLAMP (fraction, 0.0, 1.0) * 10000));
}

static gboolean
update_progress_cb (gpointer user_data)
{
  JdImportAssistant *self = user_data;
  int progress = g_atomic_int_get (&self->progress);
  if (progress < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, progress / 10000.0);
  return G_SOURCE_CONTINUE;
}

/* One piece of long work asked of the core: the assistant is kept until it is
 * done, and its answer counts while it is the latest. */
typedef struct
{
  JdImportAssistant *self;
  GCancellable *cancellable;
  char *path; /* the file imported, for the toast */
} Work;

static void
work_free (Work *work)
{
  g_object_unref (work->self);
  g_object_unref (work->cancellable);
  g_free (work->path);
  g_free (work);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Work, work_free)

/* A new piece of long work: the one before is cancelled (its result ignored). */
static Work *
begin_work (JdImportAssistant *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_atomic_int_set (&self->progress, -1);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, update_progress_cb, self);
  Work *work = g_new0 (Work, 1);
  work->self = g_object_ref (self);
  work->cancellable = g_object_ref (self->cancellable);
  return work;
}

static void
end_work (JdImportAssistant *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

/* ---- the preview, by the core ---------------------------------------------------- */

static void show_preview (JdImportAssistant *self);

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Work) work = user_data;
  JdImportAssistant *self = work->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (JdImportPlan) plan = jd_import_preview_finish (result, &error);

  if (work->cancellable != self->cancellable)
    return; /* a later preview replaced it */
  end_work (self);
  if (plan == NULL)
    {
      g_clear_pointer (&self->preview, jd_import_preview_free);
      show_preview (self);
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      set_busy (self, FALSE, FALSE);
      return;
    }
  jd_import_sniff_clear (&self->sniff);
  self->sniff = plan->sniff;
  memset (&plan->sniff, 0, sizeof plan->sniff);
  self->kind = plan->kind;
  g_strfreev (self->assign);
  self->assign = g_steal_pointer (&plan->assign);
  g_clear_pointer (&self->preview, jd_import_preview_free);
  self->preview = g_steal_pointer (&plan->preview);
  show_preview (self);
  set_busy (self, FALSE, FALSE);
}

/* Previews the file again with what the widgets say now. */
static void
preview_with (
    JdImportAssistant *self, const char *sheet, guint header_row, JdImportKind kind, char **assign)
{
  if (self->path == NULL)
    return;
  Work *work = begin_work (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_label_set_text (self->summary_label, _ ("Reading the file…"));
  set_busy (self, TRUE, FALSE);
  jd_import_preview_async (self->ledger, self->path, sheet, header_row, kind,
                           (const char *const *)assign, PREVIEW_ROWS, progress_cb, self,
                           work->cancellable, preview_done_cb, work);
}

static void
start_preview (JdImportAssistant *self)
{
  preview_with (self, self->sniff.sheet, self->sniff.header_row, self->kind, self->assign);
}

/* ---- showing it -------------------------------------------------------------------- */

static void column_row_selected_cb (AdwComboRow *row, GParamSpec *pspec, JdImportAssistant *self);

static void
show_summary (JdImportAssistant *self)
{
  gboolean blocked = FALSE;
  g_autofree char *text = jd_import_table_summary (self->preview, self->kind, &blocked);
  if (blocked)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_label_set_text (self->summary_label, text);
}

static void
show_preview (JdImportAssistant *self)
{
  self->updating = TRUE;

  g_autofree char *name = self->path ? g_path_get_basename (self->path) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row),
                                 name ? name : _ ("No file chosen"));

  gboolean workbook = self->sniff.sheets != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), workbook);
  if (workbook)
    {
      g_autoptr (GtkStringList) sheets
          = gtk_string_list_new ((const char *const *)self->sniff.sheets);
      adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (sheets));
      for (guint i = 0; self->sniff.sheets[i]; i++)
        if (g_strcmp0 (self->sniff.sheets[i], self->sniff.sheet) == 0)
          adw_combo_row_set_selected (self->sheet_row, i);
    }
  adw_combo_row_set_selected (self->kind_row, self->kind == JD_IMPORT_INVALID
                                                  ? GTK_INVALID_LIST_POSITION
                                                  : (guint)self->kind);
  if (self->sniff.header_row > 0)
    gtk_spin_button_set_value (self->header_button, self->sniff.header_row);
  jd_import_columns_show (self->columns_group, self->column_rows, self->kind, self->sniff.header,
                          self->assign, G_CALLBACK (column_row_selected_cb), self);
  jd_import_table_show (self->table, self->preview, self->kind, self->assign);
  show_summary (self);
  self->updating = FALSE;
}

/* ---- what the user changes ------------------------------------------------------------ */

static void
kind_selected_cb (AdwComboRow *row, GParamSpec *pspec, JdImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (row);
  if (self->updating || selected >= JD_IMPORT_N_KINDS)
    return;
  self->kind = (JdImportKind)selected;
  g_clear_pointer (&self->assign, g_strfreev);
  start_preview (self);
}

static void
sheet_selected_cb (AdwComboRow *row, GParamSpec *pspec, JdImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (row);
  if (self->updating || self->sniff.sheets == NULL
      || selected >= g_strv_length (self->sniff.sheets))
    return;
  g_clear_pointer (&self->assign, g_strfreev);
  preview_with (self, self->sniff.sheets[selected], 0, JD_IMPORT_INVALID, NULL);
}

static void
header_row_changed_cb (GtkSpinButton *button, JdImportAssistant *self)
{
  if (self->updating)
    return;
  g_clear_pointer (&self->assign, g_strfreev);
  preview_with (self, self->sniff.sheet, (guint)gtk_spin_button_get_value_as_int (button),
                self->kind, NULL);
}

static void
column_row_selected_cb (AdwComboRow *row, GParamSpec *pspec, JdImportAssistant *self)
{
  guint field = jd_import_columns_field (row);
  if (self->updating || self->assign == NULL || field >= g_strv_length (self->assign))
    return;
  g_free (self->assign[field]);
  self->assign[field] = g_strdup (jd_import_columns_key (row, self->kind));
  start_preview (self);
}

void
jd_import_assistant_open (JdImportAssistant *self, GFile *file)
{
  g_return_if_fail (JD_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));
  char *path = g_file_get_path (file);
  if (path == NULL)
    return;
  g_free (self->path);
  self->path = path;
  jd_import_sniff_clear (&self->sniff);
  g_clear_pointer (&self->assign, g_strfreev);
  preview_with (self, NULL, 0, JD_IMPORT_INVALID, NULL);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, JdImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      jd_import_assistant_open (self, file);
    }
  g_object_unref (chooser);
}

/* assistant.choose: a file to import. */
static void
choose_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Import"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Spreadsheets and CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "xls");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the import ---------------------------------------------------------------------- */

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Work) work = user_data;
  JdImportAssistant *self = work->self;
  g_auto (JdImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;

  end_work (self);
  if (!jd_import_file_finish (result, &report, &error))
    {
      set_busy (self, FALSE, FALSE);
      if (g_error_matches (error, JD_ERROR, JD_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->summary_label, error->message);
          return;
        }
      jd_show_error_dialog (GTK_WINDOW (self), _ ("The file was not imported"), error->message);
      start_preview (self);
      return;
    }
  /* The window's ledger has told its pages (jd_import_file_async ()). */
  g_autofree char *name = g_path_get_basename (work->path);
  guint rows = report.added + report.updated + report.unchanged;
  AdwToast *toast = adw_toast_new_format (
      g_dngettext (GETTEXT_PACKAGE, "Imported %u row from “%s”: %u new, %u updated",
                   "Imported %u rows from “%s”: %u new, %u updated", rows),
      rows, name, report.added, report.updated);
  adw_toast_set_timeout (toast, 8);
  jd_show_toast (GTK_WIDGET (self->main_window), toast);
  set_busy (self, FALSE, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* assistant.import: the file, whole or nothing. */
static void
import_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (widget);
  if (self->busy || self->preview == NULL || !jd_import_preview_is_clean (self->preview))
    return;
  Work *work = begin_work (self);
  work->path = g_strdup (self->path);
  gtk_label_set_text (self->summary_label, _ ("Importing…"));
  set_busy (self, TRUE, TRUE);
  JdImportOptions options = { .sheet = self->sniff.sheet,
                              .header_row = self->sniff.header_row,
                              .assign = (const char *const *)self->assign };
  jd_import_file_async (self->ledger, self->kind, self->path, &options, progress_cb, self,
                        work->cancellable, import_done_cb, work);
}

/* assistant.cancel: stops the import (nothing is written), else closes. */
static void
cancel_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (widget);
  if (self->importing)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (window);
  /* An import runs to its end or its cancellation: it is never left half done. */
  if (self->importing)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, JdImportAssistant *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->importing)
    return FALSE;
  jd_import_assistant_open (self, g_value_get_object (value));
  return TRUE;
}

/* ---- the type ------------------------------------------------------------------------- */

gboolean
jd_import_assistant_is_busy (JdImportAssistant *self)
{
  g_return_val_if_fail (JD_IS_IMPORT_ASSISTANT (self), FALSE);
  return self->busy;
}

const JdImportPreview *
jd_import_assistant_get_preview (JdImportAssistant *self)
{
  g_return_val_if_fail (JD_IS_IMPORT_ASSISTANT (self), NULL);
  return self->preview;
}

JdImportKind
jd_import_assistant_get_kind (JdImportAssistant *self)
{
  g_return_val_if_fail (JD_IS_IMPORT_ASSISTANT (self), JD_IMPORT_INVALID);
  return self->kind;
}

const char *
jd_import_assistant_get_column_key (JdImportAssistant *self, guint field)
{
  g_return_val_if_fail (JD_IS_IMPORT_ASSISTANT (self), NULL);
  return self->assign && field < g_strv_length (self->assign) ? self->assign[field] : "";
}

static void
jd_import_assistant_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (object);
  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_import_assistant_dispose (GObject *object)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (object);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  G_OBJECT_CLASS (jd_import_assistant_parent_class)->dispose (object);
}

static void
jd_import_assistant_finalize (GObject *object)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (object);
  g_clear_object (&self->ledger);
  g_clear_object (&self->main_window);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->table, jd_import_table_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_free (self->path);
  jd_import_sniff_clear (&self->sniff);
  g_strfreev (self->assign);
  g_clear_pointer (&self->preview, jd_import_preview_free);
  G_OBJECT_CLASS (jd_import_assistant_parent_class)->finalize (object);
}

static void
jd_import_assistant_class_init (JdImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = jd_import_assistant_get_property;
  object_class->dispose = jd_import_assistant_dispose;
  object_class->finalize = jd_import_assistant_finalize;
  window_class->close_request = close_request_cb;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, kind_row);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, header_button);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, problems_button);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, view);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JdImportAssistant, settings_box);

  gtk_widget_class_install_action (widget_class, "assistant.choose", NULL, choose_action_cb);
  gtk_widget_class_install_action (widget_class, "assistant.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "assistant.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "assistant.choose", NULL);
}

static void
jd_import_assistant_init (JdImportAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = JD_IMPORT_INVALID;
  self->sniff.kind = JD_IMPORT_INVALID;
  self->column_rows = g_ptr_array_new ();

  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  for (int i = 0; i < JD_IMPORT_N_KINDS; i++)
    gtk_string_list_append (kinds, jd_import_kind_label ((JdImportKind)i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect (self->sheet_row, "notify::selected", G_CALLBACK (sheet_selected_cb), self);
  g_signal_connect (self->header_button, "value-changed", G_CALLBACK (header_row_changed_cb), self);

  self->table = jd_import_table_new (self->view, self->problems_button);

  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  set_busy (self, FALSE, FALSE);
}

JdImportAssistant *
jd_import_assistant_new (GtkWindow *parent, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  JdImportAssistant *self = g_object_new (JD_TYPE_IMPORT_ASSISTANT, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->main_window = parent ? g_object_ref (parent) : NULL;
  return self;
}
