/* jd-import-table.c: the import assistant's preview as a table (docs/contract.md §8)
 *
 * A row of the file a line: its number, its outcome (new, an update and what
 * changes, already there, or its problems; whom a new person looks like), then
 * its cells under the file's headings, each problem marked in its cell. The
 * rows shown are the preview's own: an item of the list points at one.
 */
#include "config.h"

#include "jd-import-table.h"

#include <glib/gi18n-lib.h>

struct _JdImportTable
{
  GtkColumnView *view;
  GtkToggleButton *only_problems;
  GListStore *store; /* JdImportRowItem */
  GtkCustomFilter *filter;
  const JdImportPreview *preview;
  JdImportKind kind;
};

/* ---- one row of the preview, as an item of the list ------------------------------- */

#define JD_TYPE_IMPORT_ROW_ITEM (jd_import_row_item_get_type ())
G_DECLARE_FINAL_TYPE (JdImportRowItem, jd_import_row_item, JD, IMPORT_ROW_ITEM, GObject)

struct _JdImportRowItem
{
  GObject parent_instance;
  const JdPreviewRow *row; /* the shown preview's, which outlives the list */
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

/* ---- the cells ----------------------------------------------------------------------- */

static const char *
label_of_key (JdImportKind kind, const char *key)
{
  for (guint c = 0; kind >= 0 && c < jd_import_kind_n_columns (kind); c++)
    if (g_str_equal (key, jd_import_column_key (kind, c)))
      return jd_import_column_label (kind, c);
  return key;
}

static char *
outcome_text (JdImportTable *self, const JdPreviewRow *row)
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
  JdImportTable *self = user_data;
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
add_view_column (JdImportTable *self, const char *title, int field)
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

/* ---- the table ----------------------------------------------------------------------- */

static gboolean
filter_row_cb (gpointer item, gpointer user_data)
{
  JdImportTable *self = user_data;
  const JdPreviewRow *row = JD_IMPORT_ROW_ITEM (item)->row;
  return !gtk_toggle_button_get_active (self->only_problems) || row->state == JD_PREVIEW_PROBLEM
         || row->duplicate != NULL;
}

static void
problems_toggled_cb (GtkToggleButton *button, JdImportTable *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

JdImportTable *
jd_import_table_new (GtkColumnView *view, GtkToggleButton *only_problems)
{
  JdImportTable *self = g_new0 (JdImportTable, 1);
  self->view = view;
  self->only_problems = only_problems;
  self->kind = JD_IMPORT_INVALID;
  g_signal_connect (only_problems, "toggled", G_CALLBACK (problems_toggled_cb), self);

  self->store = g_list_store_new (JD_TYPE_IMPORT_ROW_ITEM);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);
  GtkFilterListModel *filtered = gtk_filter_list_model_new (
      G_LIST_MODEL (g_object_ref (self->store)), GTK_FILTER (g_object_ref (self->filter)));
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_unref (self->filter); /* the filter model holds it */

  return self;
}

void
jd_import_table_free (JdImportTable *self)
{
  g_clear_object (&self->store);
  g_free (self);
}

void
jd_import_table_show (JdImportTable *self,
                      const JdImportPreview *preview,
                      JdImportKind kind,
                      char **assign)
{
  self->preview = preview;
  self->kind = kind;

  /* The row number, the outcome, then the file's columns. */
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
          const char *key = assign && i < g_strv_length (assign) ? assign[i] : "";
          g_autofree char *title
              = *key ? g_strdup_printf ("%s → %s", self->preview->header[i],
                                        label_of_key (kind, key))
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
}

char *
jd_import_table_summary (const JdImportPreview *p, JdImportKind kind, gboolean *blocked)
{
  GString *text = g_string_new (NULL);
  *blocked = FALSE;
  if (kind == JD_IMPORT_INVALID)
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
      *blocked = !jd_import_preview_is_clean (p);
    }
  return g_string_free (text, FALSE);
}
