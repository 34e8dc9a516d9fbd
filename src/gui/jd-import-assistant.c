/* jd-import-assistant.c: importing a CSV file or a sheet of a workbook from the
 * window (docs/contract.md §8)
 *
 * The user chooses a file (or drops one on the window); the assistant finds
 * its header row and kind and matches each column by its heading
 * (jd-import-match.c), all changeable. Each change previews the file again in a
 * worker thread with a connection of its own (jd-import-preview.c: the import
 * run dry), and the rows are shown with every problem marked in its cell.
 * Import runs the same import for real, whole or nothing, with progress and
 * Cancel.
 */
#include "config.h"

#include "jd-import-assistant.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-error.h"

/* Rows kept for the preview: the first ones, then as many with problems. */
#define PREVIEW_ROWS 2000

/* ---- one row of the preview, as an item of the list ------------------------------- */

#define JD_TYPE_IMPORT_ROW_ITEM (jd_import_row_item_get_type ())
G_DECLARE_FINAL_TYPE (JdImportRowItem, jd_import_row_item, JD, IMPORT_ROW_ITEM, GObject)

struct _JdImportRowItem
{
  GObject parent_instance;
  const JdPreviewRow *row; /* owned by the assistant's preview, which outlives the list */
};

G_DEFINE_FINAL_TYPE (JdImportRowItem, jd_import_row_item, G_TYPE_OBJECT)

static void
jd_import_row_item_class_init (JdImportRowItemClass *klass)
{
}

static void
jd_import_row_item_init (JdImportRowItem *self)
{
}

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
  GListStore *store;      /* JdImportRowItem */
  GtkCustomFilter *filter;

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

/* A new piece of long work: the one before is cancelled (its result ignored). */
static GCancellable *
begin_work (JdImportAssistant *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_atomic_int_set (&self->progress, -1);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, update_progress_cb, self);
  return self->cancellable;
}

static void
end_work (JdImportAssistant *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

/* ---- the preview, in a worker thread ------------------------------------------------ */

typedef struct
{
  char *ledger_path;
  char *path;
  char *sheet;
  guint header_row;
  JdImportKind kind; /* JD_IMPORT_INVALID: the one the headings suggest */
  char **assign;     /* NULL: by heading */
  JdImportAssistant *self;

  /* the result */
  JdImportSniff sniff;
  JdImportPreview *preview;
} Request;

static void
request_free (Request *request)
{
  g_free (request->ledger_path);
  g_free (request->path);
  g_free (request->sheet);
  g_strfreev (request->assign);
  jd_import_sniff_clear (&request->sniff);
  g_clear_pointer (&request->preview, jd_import_preview_free);
  g_object_unref (request->self);
  g_free (request);
}

static void
preview_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (!jd_import_sniff (request->path, request->sheet, request->header_row, &request->sniff,
                        &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (request->kind == JD_IMPORT_INVALID)
    request->kind = request->sniff.kind;
  if (request->kind == JD_IMPORT_INVALID || request->sniff.header_row == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (request->assign == NULL
      || g_strv_length (request->assign) != g_strv_length (request->sniff.header))
    {
      g_strfreev (request->assign);
      request->assign = jd_import_match_header (request->kind, request->sniff.header);
    }
  g_autoptr (JdLedger) ledger = jd_ledger_open (request->ledger_path, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  JdImportOptions options = { .sheet = request->sniff.sheet,
                              .header_row = request->sniff.header_row,
                              .assign = (const char *const *)request->assign };
  request->preview
      = jd_import_preview (ledger, request->kind, request->path, &options, PREVIEW_ROWS,
                           progress_cb, request->self, cancellable, &error);
  if (request->preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void show_preview (JdImportAssistant *self);

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (source);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return; /* a later preview replaced it */
  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_clear_pointer (&self->preview, jd_import_preview_free);
      show_preview (self);
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      set_busy (self, FALSE, FALSE);
      return;
    }
  jd_import_sniff_clear (&self->sniff);
  self->sniff = request->sniff;
  memset (&request->sniff, 0, sizeof request->sniff);
  self->kind = request->kind;
  g_strfreev (self->assign);
  self->assign = g_steal_pointer (&request->assign);
  g_clear_pointer (&self->preview, jd_import_preview_free);
  self->preview = g_steal_pointer (&request->preview);
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
  Request *request = g_new0 (Request, 1);
  request->ledger_path = g_strdup (jd_ledger_get_path (self->ledger));
  request->path = g_strdup (self->path);
  request->sheet = g_strdup (sheet);
  request->header_row = header_row;
  request->kind = kind;
  request->assign = g_strdupv (assign);
  request->self = g_object_ref (self);
  GCancellable *cancellable = begin_work (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_label_set_text (self->summary_label, _ ("Reading the file…"));
  set_busy (self, TRUE, FALSE);
  g_autoptr (GTask) task = g_task_new (self, cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);
  g_task_run_in_thread (task, preview_thread);
}

static void
start_preview (JdImportAssistant *self)
{
  preview_with (self, self->sniff.sheet, self->sniff.header_row, self->kind, self->assign);
}

/* ---- showing it -------------------------------------------------------------------- */

static const char *
label_of_key (JdImportKind kind, const char *key)
{
  for (guint c = 0; kind >= 0 && c < jd_import_kind_n_columns (kind); c++)
    if (g_str_equal (key, jd_import_column_key (kind, c)))
      return jd_import_column_label (kind, c);
  return key;
}

static char *
outcome_text (JdImportAssistant *self, const JdPreviewRow *row)
{
  switch (row->state)
    {
      case JD_PREVIEW_PROBLEM:
        {
          if (row->row_problem)
            return g_strdup (row->row_problem);
          /* The headings whose cells are marked. */
          GString *columns = g_string_new (NULL);
          for (guint i = 0; self->preview && self->preview->header[i] && row->cells[i]; i++)
            if (row->problems[i])
              g_string_append_printf (columns, "%s%s", columns->len ? _ (", ") : "",
                                      self->preview->header[i]);
          g_autofree char *list = g_string_free (columns, FALSE);
          return g_strdup_printf (_ ("Problem: %s"), list);
        }
      case JD_PREVIEW_UPDATE:
        {
          GString *changes = g_string_new (NULL);
          for (char **k = row->changed; k && *k; k++)
            g_string_append_printf (changes, "%s%s", changes->len ? _ (", ") : "",
                                    label_of_key (self->kind, *k));
          g_autofree char *list = g_string_free (changes, FALSE);
          return g_strdup_printf (_ ("Update: %s"), list);
        }
      case JD_PREVIEW_UNCHANGED:
        return g_strdup (_ ("Already there"));
      case JD_PREVIEW_NEW:
      default:
        if (row->duplicate)
          return g_strdup_printf (_ ("New, but %s"), row->duplicate);
        return g_strdup (_ ("New"));
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_list_item_set_child (item, label);
}

/* The field a column shows: -2 the row number, -1 the outcome. */
#define FIELD_LINE -2
#define FIELD_OUTCOME -1

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  JdImportAssistant *self = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  JdImportRowItem *row_item = gtk_list_item_get_item (item);
  const JdPreviewRow *row = row_item->row;
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));
  g_autofree char *text = NULL;
  const char *problem = NULL;

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (field == FIELD_LINE)
    text = g_strdup_printf ("%u", row->line);
  else if (field == FIELD_OUTCOME)
    {
      text = outcome_text (self, row);
      if (row->state == JD_PREVIEW_PROBLEM)
        problem = text;
      else if (row->duplicate)
        gtk_widget_add_css_class (label, "warning");
    }
  else
    {
      text = g_strdup (row->cells[field]);
      problem = row->problems[field];
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, problem                                    ? problem
                                      : row->duplicate && field == FIELD_OUTCOME ? row->duplicate
                                                                                 : NULL);
  if (problem)
    gtk_widget_add_css_class (label, "error");
}

static void
add_view_column (JdImportAssistant *self, const char *title, int field)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "field", GINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The outcome says the most: what changes, whom a person looks like. */
  if (field == FIELD_OUTCOME)
    gtk_column_view_column_set_fixed_width (column, 300);
  gtk_column_view_append_column (self->view, column);
}

static void column_row_selected_cb (AdwComboRow *row, GParamSpec *pspec, JdImportAssistant *self);

/* The rows matching each heading to a field (or to none). */
static void
show_columns (JdImportAssistant *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_ptr_array_set_size (self->column_rows, 0);
  if (self->kind == JD_IMPORT_INVALID || self->assign == NULL)
    return;

  guint n_columns = jd_import_kind_n_columns (self->kind);
  for (guint i = 0; self->sniff.header && self->sniff.header[i]; i++)
    {
      g_autoptr (GtkStringList) fields = gtk_string_list_new (NULL);
      guint selected = 0;
      gtk_string_list_append (fields, _ ("Ignored"));
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *name
              = g_strdup_printf ("%s%s · %s", jd_import_column_label (self->kind, c),
                                 jd_import_column_required (self->kind, c) ? "*" : "",
                                 jd_import_column_key (self->kind, c));
          gtk_string_list_append (fields, name);
          if (self->assign[i]
              && g_str_equal (self->assign[i], jd_import_column_key (self->kind, c)))
            selected = c + 1;
        }
      g_autofree char *letters = jd_table_column_letters (i);
      g_autofree char *title = *self->sniff.header[i]
                                   ? g_strdup (self->sniff.header[i])
                                   : g_strdup_printf (_ ("Column %s (no heading)"), letters);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), letters);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, selected);
      g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_row_selected_cb), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
show_summary (JdImportAssistant *self)
{
  const JdImportPreview *p = self->preview;
  GString *text = g_string_new (NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  if (self->kind == JD_IMPORT_INVALID)
    g_string_append (text, _ ("Choose what the file holds: its headings do not say."));
  else if (p == NULL)
    g_string_append (text, _ ("The sheet is empty."));
  else
    {
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u row: %u new, %u updated, %u already there, %u with "
                                           "problems.",
                                           "%u rows: %u new, %u updated, %u already there, %u "
                                           "with problems.",
                                           p->n_rows),
                              p->n_rows, p->n_new, p->n_updated, p->n_unchanged, p->n_problem_rows);
      if (p->n_duplicates > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u new person looks like one already in the "
                                               "ledger.",
                                               "%u new persons look like ones already in the "
                                               "ledger.",
                                               p->n_duplicates),
                                  p->n_duplicates);
        }
      for (guint i = 0; i < p->file_problems->len; i++)
        g_string_append_printf (text, "\n%s", (char *)p->file_problems->pdata[i]);
      if (p->n_rows == 0 && p->file_problems->len == 0)
        g_string_append_printf (text, "\n%s", _ ("No rows under the header row."));
      if (!jd_import_preview_is_clean (p))
        gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  gtk_label_set_text (self->summary_label, text->str);
  g_string_free (text, TRUE);
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
  show_columns (self);

  /* The table: the row number, the outcome, then the file's columns. */
  GListModel *columns = gtk_column_view_get_columns (self->view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->view, column);
    }
  g_list_store_remove_all (self->store);
  if (self->preview)
    {
      add_view_column (self, _ ("Row"), FIELD_LINE);
      add_view_column (self, _ ("Outcome"), FIELD_OUTCOME);
      for (guint i = 0; self->preview->header[i]; i++)
        {
          const char *key = self->assign && i < g_strv_length (self->assign) ? self->assign[i] : "";
          g_autofree char *title
              = *key ? g_strdup_printf ("%s → %s", self->preview->header[i],
                                        label_of_key (self->kind, key))
                     : g_strdup_printf (_ ("%s (ignored)"), self->preview->header[i]);
          add_view_column (self, title, (int)i);
        }
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < self->preview->rows->len; i++)
        {
          JdImportRowItem *item = g_object_new (JD_TYPE_IMPORT_ROW_ITEM, NULL);
          item->row = self->preview->rows->pdata[i];
          g_ptr_array_add (items, item);
        }
      g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
    }
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
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  guint selected = adw_combo_row_get_selected (row);
  if (self->updating || self->assign == NULL || field >= g_strv_length (self->assign))
    return;
  g_free (self->assign[field]);
  self->assign[field] = g_strdup (selected == 0 || selected > jd_import_kind_n_columns (self->kind)
                                      ? ""
                                      : jd_import_column_key (self->kind, selected - 1));
  start_preview (self);
}

static gboolean
filter_row_cb (gpointer item, gpointer user_data)
{
  JdImportAssistant *self = user_data;
  const JdPreviewRow *row = JD_IMPORT_ROW_ITEM (item)->row;
  return !gtk_toggle_button_get_active (self->problems_button) || row->state == JD_PREVIEW_PROBLEM
         || row->duplicate != NULL;
}

static void
problems_toggled_cb (GtkToggleButton *button, JdImportAssistant *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
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

typedef struct
{
  char *ledger_path;
  char *path;
  char *sheet;
  guint header_row;
  JdImportKind kind;
  char **assign;
  JdImportAssistant *self;
  JdImportReport report;
} Run;

static void
run_free (Run *run)
{
  g_free (run->ledger_path);
  g_free (run->path);
  g_free (run->sheet);
  g_strfreev (run->assign);
  jd_import_report_clear (&run->report);
  g_object_unref (run->self);
  g_free (run);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (run->ledger_path, &error);
  JdImportOptions options = { .sheet = run->sheet,
                              .header_row = run->header_row,
                              .assign = (const char *const *)run->assign };
  if (ledger
      && jd_import_file_with_options (ledger, run->kind, run->path, &options, &run->report,
                                      progress_cb, run->self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JdImportAssistant *self = JD_IMPORT_ASSISTANT (source);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
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
  g_autofree char *name = g_path_get_basename (run->path);
  guint rows = run->report.added + run->report.updated + run->report.unchanged;
  AdwToast *toast = adw_toast_new_format (
      g_dngettext (GETTEXT_PACKAGE, "Imported %u row from “%s”: %u new, %u updated",
                   "Imported %u rows from “%s”: %u new, %u updated", rows),
      rows, name, run->report.added, run->report.updated);
  adw_toast_set_timeout (toast, 8);
  /* The window's pages follow its own connection, which did not write. */
  g_signal_emit_by_name (self->ledger, "changed", (guint)JD_CHANGE_RECORDS);
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
  Run *run = g_new0 (Run, 1);
  run->ledger_path = g_strdup (jd_ledger_get_path (self->ledger));
  run->path = g_strdup (self->path);
  run->sheet = g_strdup (self->sniff.sheet);
  run->header_row = self->sniff.header_row;
  run->kind = self->kind;
  run->assign = g_strdupv (self->assign);
  run->self = g_object_ref (self);
  GCancellable *cancellable = begin_work (self);
  gtk_label_set_text (self->summary_label, _ ("Importing…"));
  set_busy (self, TRUE, TRUE);
  g_autoptr (GTask) task = g_task_new (self, cancellable, import_done_cb, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);
  g_task_run_in_thread (task, import_thread);
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
  g_clear_object (&self->store);
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
  g_signal_connect (self->problems_button, "toggled", G_CALLBACK (problems_toggled_cb), self);

  self->store = g_list_store_new (JD_TYPE_IMPORT_ROW_ITEM);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);
  GtkFilterListModel *filtered = gtk_filter_list_model_new (
      G_LIST_MODEL (g_object_ref (self->store)), GTK_FILTER (g_object_ref (self->filter)));
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_unref (self->filter); /* the filter model holds it */

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
