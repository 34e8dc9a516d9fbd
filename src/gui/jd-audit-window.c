/* jd-audit-window.c: the audit log (审计日志), searchable and exportable
 *
 * Who changed what and when, newest first, 500 entries a page ("Show
 * More"), filtered by days, user, table and person as they are typed; ID
 * and phone numbers masked as in every list unless the preference says not.
 * Exports, prints, backups and restores are entries too ("Exports and
 * backups"): what, which file, masked or not (docs/audit-log.md).
 */
#include "config.h"

#include "jd-audit-window.h"

#include <glib/gi18n-lib.h>

#include "jd-audit-query.h"
#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-export-task.h"

#define PAGE_SIZE 500

const JdAuditLogEntry *
jd_audit_window_item_entry (gpointer item)
{
  return jd_box_item_get (item);
}

struct _JdAuditWindow
{
  AdwWindow parent_instance;

  JdLedger *ledger;
  GSettings *settings;
  GListStore *rows;
  AdwWindowTitle *title;
  GtkEntry *from_entry, *to_entry, *user_entry, *person_entry;
  GtkDropDown *table_filter;
  GtkColumnView *view;
  GtkButton *more_button;
};

G_DEFINE_FINAL_TYPE (JdAuditWindow, jd_audit_window, ADW_TYPE_WINDOW)

static const char *
text_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return *text ? text : NULL;
}

/* The filter on screen; FALSE (and the entry marked) when a day is not a day. */
static gboolean
fill_filter (JdAuditWindow *self,
             JdAuditFilter *filter,
             char from[JD_DAY_STRLEN],
             char to[JD_DAY_STRLEN])
{
  GtkEntry *days[] = { self->from_entry, self->to_entry };
  char *outs[] = { from, to };
  gboolean valid = TRUE;

  for (guint i = 0; i < 2; i++)
    {
      const char *text = text_or_null (days[i]);
      JdDay day = text ? jd_day_parse (text) : 0;
      if (text && day == 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (days[i]), "error");
          valid = FALSE;
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (days[i]), "error");
      if (day)
        jd_day_format (day, outs[i]);
    }
  guint table = gtk_drop_down_get_selected (self->table_filter);
  *filter = (JdAuditFilter){
    .from = text_or_null (self->from_entry) ? from : NULL,
    .to = text_or_null (self->to_entry) ? to : NULL,
    .user = text_or_null (self->user_entry),
    .table = table > 0 ? jd_audit_tables ()[table - 1] : NULL,
    .person = text_or_null (self->person_entry),
    .mask = g_settings_get_boolean (self->settings, "mask-personal-data"),
    .limit = PAGE_SIZE,
  };
  return valid;
}

static void
load (JdAuditWindow *self, gboolean more)
{
  g_autoptr (GError) error = NULL;
  char from[JD_DAY_STRLEN], to[JD_DAY_STRLEN];
  JdAuditFilter filter;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (!fill_filter (self, &filter, from, to))
    return;
  if (more && n > 0)
    {
      g_autoptr (JdBoxItem) last = g_list_model_get_item (G_LIST_MODEL (self->rows), n - 1);
      filter.before_id = ((JdAuditLogEntry *)jd_box_item_get (last))->id;
    }
  else
    g_list_store_remove_all (self->rows);

  g_autoptr (GPtrArray) entries = jd_audit_query (self->ledger, &filter, &error);
  if (entries == NULL)
    {
      adw_window_title_set_subtitle (self->title, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr (JdBoxItem) row = jd_box_item_new (g_steal_pointer (&entries->pdata[i]),
                                                   (GDestroyNotify)jd_audit_log_entry_free);
      g_list_store_append (self->rows, row);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gboolean complete = entries->len < PAGE_SIZE;
  g_autofree char *shown = g_strdup_printf (
      complete ? g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n)
               : g_dngettext (GETTEXT_PACKAGE, "The newest %u entry", "The newest %u entries", n),
      n);
  adw_window_title_set_subtitle (self->title, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), !complete);
}

void
jd_audit_window_reload (JdAuditWindow *self)
{
  load (self, FALSE);
}

GListModel *
jd_audit_window_get_model (JdAuditWindow *self)
{
  return G_LIST_MODEL (self->rows);
}

void
jd_audit_window_set_filter (JdAuditWindow *self,
                            const char *from,
                            const char *to,
                            const char *user,
                            const char *table,
                            const char *person)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_entry), person ? person : "");
  guint position = 0;
  for (guint i = 0; table && jd_audit_tables ()[i]; i++)
    if (g_str_equal (jd_audit_tables ()[i], table))
      position = i + 1;
  gtk_drop_down_set_selected (self->table_filter, position);
  load (self, FALSE);
}

/* ---- cells ------------------------------------------------------------------------------------
 */

static char *
cell_text (gpointer item, guint column)
{
  const JdAuditLogEntry *e = jd_box_item_get (item);

  switch (column)
    {
      case 0:
        return g_strdelimit (g_strdup (e->at), "T", ' ');
      case 1:
        return g_strdup (e->user ? e->user : "");
      case 2:
        return g_strdup (jd_audit_table_label (e->table));
      case 3:
        return g_strdup (jd_audit_action_label (e->action));
      case 4:
        return e->person      ? g_strdup (e->person)
               : e->person_id ? g_strdup_printf ("#%" G_GINT64_FORMAT, e->person_id)
                              : g_strdup ("");
      default:
        return g_strdup (e->changes ? e->changes : "");
    }
}

/* ---- export ------------------------------------------------------------------------------------
 */

static const JdColumn export_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "时间", JD_COLUMN_TEXT },
  { "操作人", JD_COLUMN_TEXT },
  { "内容", JD_COLUMN_CENTER },
  { "操作", JD_COLUMN_CENTER },
  { "人员", JD_COLUMN_NAME, JD_MASK_NAME },
  { "变更", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

typedef struct
{
  JdAuditFilter filter;
  char from[JD_DAY_STRLEN], to[JD_DAY_STRLEN];
  char *user, *person;
  guint n_rows; /* as many as shown */
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->user);
  g_free (shown->person);
  g_free (shown);
}

static gboolean
shown_rows_cb (JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  Shown *shown = data;
  g_autoptr (GPtrArray) entries = jd_audit_query (reader, &shown->filter, error);

  for (guint i = 0; entries && i < entries->len; i++)
    {
      const JdAuditLogEntry *e = entries->pdata[i];
      const char *action = jd_audit_action_zh (e->action);
      /* What left the ledger, said in Chinese like the rest of the workbook. */
      g_autofree char *output = e->file ? jd_audit_output_describe (e, TRUE) : NULL;
      const char *changes = output ? output : e->changes;
      g_autofree char *at = g_strdelimit (g_strdup (e->at), "T", ' ');
      JdCell cells[G_N_ELEMENTS (export_columns)] = {
        { .type = JD_CELL_COUNT, .number = i + 1 },
        { .type = JD_CELL_TEXT, .text = at },
        { .type = e->user ? JD_CELL_TEXT : JD_CELL_EMPTY, .text = e->user },
        { .type = JD_CELL_TEXT, .text = jd_audit_table_zh (e->table) },
        { .type = JD_CELL_TEXT, .text = action },
        { .type = e->person ? JD_CELL_TEXT : JD_CELL_EMPTY, .text = e->person },
        { .type = changes ? JD_CELL_TEXT : JD_CELL_EMPTY, .text = changes },
      };
      if (!func (cells, G_N_ELEMENTS (cells), func_data, error))
        return FALSE;
    }
  return entries != NULL;
}

static const JdListExport audit_export = {
  "审计日志",
  export_columns,
  G_N_ELEMENTS (export_columns),
  shown_rows_cb,
};

void
jd_audit_window_export (JdAuditWindow *self, const char *path)
{
  g_return_if_fail (JD_IS_AUDIT_WINDOW (self));

  Shown *shown = g_new0 (Shown, 1);
  if (!fill_filter (self, &shown->filter, shown->from, shown->to))
    {
      shown_free (shown);
      return;
    }
  if (shown->filter.from)
    shown->filter.from = shown->from;
  if (shown->filter.to)
    shown->filter.to = shown->to;
  shown->user = g_strdup (shown->filter.user);
  shown->person = g_strdup (shown->filter.person);
  shown->filter.user = shown->user;
  shown->filter.person = shown->person;
  shown->filter.limit = MAX (g_list_model_get_n_items (G_LIST_MODEL (self->rows)), 1);
  /* The changes come masked from the query; the person's name, there and in its
   * own column, is masked on its way out. */
  jd_list_export (GTK_WIDGET (self), self->ledger, &audit_export, shown->filter.mask, path, shown,
                  (GDestroyNotify)shown_free);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_audit_window_export (JD_AUDIT_WINDOW (widget), NULL);
}

/* ---- building ----------------------------------------------------------------------------------
 */

static void
filter_changed_cb (JdAuditWindow *self)
{
  load (self, FALSE);
}

static void
more_cb (JdAuditWindow *self)
{
  load (self, TRUE);
}

static GtkEntry *
filter_entry (JdAuditWindow *self, GtkWidget *bar, const char *placeholder, int chars)
{
  GtkWidget *entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), entry);
  return GTK_ENTRY (entry);
}

static void
jd_audit_window_dispose (GObject *object)
{
  JdAuditWindow *self = JD_AUDIT_WINDOW (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->ledger);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jd_audit_window_parent_class)->dispose (object);
}

static void
jd_audit_window_class_init (JdAuditWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jd_audit_window_dispose;
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "audit.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_audit_window_init (JdAuditWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->settings = g_settings_new (APP_ID);
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_ ("Audit Log"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "audit.export");
  gtk_widget_set_tooltip_text (export, _ ("Export the Shown Entries (Ctrl+E)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Export the shown entries"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->from_entry = filter_entry (self, bar, _ ("From (date)"), 11);
  self->to_entry = filter_entry (self, bar, _ ("To (date)"), 11);
  self->user_entry = filter_entry (self, bar, _ ("User"), 10);
  g_autoptr (GtkStringList) tables = gtk_string_list_new (NULL);
  gtk_string_list_append (tables, _ ("All Records"));
  for (const char *const *t = jd_audit_tables (); *t; t++)
    gtk_string_list_append (tables, jd_audit_table_label (*t));
  self->table_filter
      = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (tables)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_filter), _ ("What was changed"));
  g_signal_connect_swapped (self->table_filter, "notify::selected", G_CALLBACK (filter_changed_cb),
                            self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->table_filter));
  self->person_entry = filter_entry (self, bar, _ ("Person: name or ID number"), 18);
  gtk_widget_set_hexpand (GTK_WIDGET (self->person_entry), TRUE);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  const char *titles[] = { NC_ ("audit column", "Time"),   NC_ ("audit column", "User"),
                           NC_ ("audit column", "Record"), NC_ ("audit column", "Action"),
                           NC_ ("audit column", "Person"), NC_ ("audit column", "Changes") };
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = jd_text_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "audit column", titles[i]), cell_text, i);
      gtk_column_view_column_set_expand (column, i == 5);
      gtk_column_view_append_column (self->view, column);
    }
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scroll, TRUE);

  self->more_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Show _More")));
  gtk_widget_set_halign (GTK_WIDGET (self->more_button), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (self->more_button), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->more_button), 6);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (more_cb), self);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), scroll);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->more_button));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 700);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Audit Log"));
}

JdAuditWindow *
jd_audit_window_new (GtkWindow *parent, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdAuditWindow *self = g_object_new (JD_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  load (self, FALSE);
  return self;
}
