/* jd-register-page.c: one register of the inspection workbook as a list in the window */
#include "config.h"

#include "jd-register-page.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-export-task.h"
#include "jd-deletions.h"
#include "jd-store.h"
#include "jd-alerts.h"
#include "jd-venue-inspections.h"

/* ---- a row: the cells as shown ------------------------------------------------------------------
 */

const char *const *
jd_register_page_item_cells (gpointer item)
{
  return jd_box_item_get (item);
}

/* The record's id follows the cells. */
gint64
jd_register_page_item_record (gpointer item)
{
  const char *const *cells = jd_box_item_get (item);
  guint n = g_strv_length ((GStrv)cells);
  return n ? g_ascii_strtoll (cells[n - 1], NULL, 10) : 0;
}

/* The row's cells as text, or NULL when it does not hold text (a search). */
static GStrv
shown_cells (const JdCell *cells, guint n_cells, const char *text)
{
  GStrv out = g_new0 (char *, n_cells + 1);
  gboolean found = text == NULL || *text == '\0';

  for (guint i = 0; i < n_cells; i++)
    {
      out[i] = jd_cell_to_text (&cells[i]);
      found = found || strstr (out[i], text) != NULL;
    }
  if (!found)
    g_clear_pointer (&out, g_strfreev);
  return out;
}

/* ---- the page
 * ------------------------------------------------------------------------------------- */

struct _JdRegisterPage
{
  JdSectionPage parent_instance;

  JdRegister register_;
  const JdForm *forms;
  guint n_forms;
  JdRecordKind record_kind;
  JdDeletions *deletions; /* deleted on screen, not yet in the ledger */
  GArray *record_ids;     /* of the rows read, in order (letters, venues, staff) */
  GListStore *rows;
  GtkSpinButton *year_button;
  GtkSearchEntry *search_entry;
  GtkColumnView *view;
  GtkSingleSelection *selection;
  JdVenueInspections *inspections; /* weak: the window of a venue's inspections, while open */
};

G_DEFINE_FINAL_TYPE (JdRegisterPage, jd_register_page, JD_TYPE_SECTION_PAGE)

typedef struct
{
  JdRegisterPage *page;
  const char *text;
  guint shown;
} Loading;

static gboolean
load_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Loading *loading = user_data;
  const JdRegisterInfo *info = jd_register_info (loading->page->register_);
  /* A masked row has no cells for the columns masking leaves out: blank there,
   * where the view hides the column. */
  JdCell all[info->n_columns];
  for (guint c = 0, i = 0; c < info->n_columns; c++)
    if (n_cells < info->n_columns && info->columns[c].mask == JD_MASK_OMIT)
      all[c] = (JdCell){ .type = JD_CELL_EMPTY };
    else
      all[c] = i < n_cells ? cells[i++] : (JdCell){ .type = JD_CELL_EMPTY };
  GArray *ids = loading->page->record_ids;
  gint64 record = ids->len ? g_array_index (ids, gint64, ids->len - 1) : 0;
  if (record
      && jd_deletions_contains (loading->page->deletions, loading->page->record_kind, record))
    return TRUE; /* deleted, not yet in the ledger */
  GStrv shown = shown_cells (all, info->n_columns, loading->text);

  if (shown)
    {
      /* Numbered as shown, as the export numbers them; the record's id after the cells. */
      g_free (shown[0]);
      shown[0] = g_strdup_printf ("%u", ++loading->shown);
      shown = g_renew (char *, shown, info->n_columns + 2);
      shown[info->n_columns] = g_strdup_printf ("%" G_GINT64_FORMAT, record);
      shown[info->n_columns + 1] = NULL;
      g_autoptr (JdBoxItem) row = jd_box_item_new (shown, (GDestroyNotify)g_strfreev);
      g_list_store_append (loading->page->rows, row);
    }
  return TRUE;
}

static JdRegisterQuery
page_query (JdRegisterPage *self)
{
  return (JdRegisterQuery){ .year = gtk_spin_button_get_value_as_int (self->year_button),
                            .mask = g_settings_get_boolean (
                                jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                                "mask-personal-data"),
                            .record_ids = self->record_ids };
}

void
jd_register_page_reload (JdRegisterPage *self)
{
  g_autoptr (GError) error = NULL;
  JdRegisterQuery query = page_query (self);
  Loading loading = { self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), 0 };

  const JdRegisterInfo *info = jd_register_info (self->register_);
  for (guint c = 0; c < info->n_columns; c++)
    if (info->columns[c].mask == JD_MASK_OMIT)
      {
        g_autoptr (GtkColumnViewColumn) column
            = g_list_model_get_item (gtk_column_view_get_columns (self->view), c);
        gtk_column_view_column_set_visible (column, !query.mask);
      }
  g_list_store_remove_all (self->rows);
  g_array_set_size (self->record_ids, 0);
  gboolean ok = jd_register_rows (jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                                  self->register_, &query, load_row_cb, &loading, &error);
  g_autofree char *subtitle
      = ok ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", loading.shown),
                              loading.shown)
           : g_strdup (error->message);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
}

/* ---- export
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  JdRegister register_;
  JdRegisterQuery query;
  char *text;
  JdRowFunc func;
  gpointer func_data;
  guint shown;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

static gboolean
export_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Shown *shown = user_data;
  g_auto (GStrv) text = shown_cells (cells, n_cells, shown->text);

  if (text == NULL)
    return TRUE;
  JdCell numbered[n_cells];
  memcpy (numbered, cells, sizeof numbered);
  numbered[0] = (JdCell){ .type = JD_CELL_COUNT, .number = ++shown->shown };
  return shown->func (numbered, n_cells, shown->func_data, error);
}

static gboolean
export_rows_cb (JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  Shown *shown = data;

  shown->func = func;
  shown->func_data = func_data;
  shown->shown = 0;
  return jd_register_rows (reader, shown->register_, &shown->query, export_row_cb, shown, error);
}

static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (page);
  const JdRegisterInfo *info = jd_register_info (self->register_);
  Shown *shown = g_new0 (Shown, 1);
  shown->register_ = self->register_;
  shown->query = page_query (self);
  shown->query.record_ids = NULL;
  /* Static: the export keeps pointing at it while it runs. The rows come
   * masked from the query already, with the columns of masked rows. */
  static JdListExport exports[2][JD_N_REGISTERS];
  guint n_columns;
  const JdColumn *columns = jd_register_columns (self->register_, shown->query.mask, &n_columns);
  exports[shown->query.mask][self->register_]
      = (JdListExport){ info->sheet, columns, n_columns, export_rows_cb };
  shown->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  *mask = FALSE;
  *data = shown;
  *data_free = (GDestroyNotify)shown_free;
  return &exports[shown->query.mask][self->register_];
}

void
jd_register_page_export (JdRegisterPage *self, const char *path)
{
  g_return_if_fail (JD_IS_REGISTER_PAGE (self));
  jd_section_page_export (JD_SECTION_PAGE (self), path);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_register_page_export (JD_REGISTER_PAGE (widget), NULL);
}

/* ---- forms
 * ---------------------------------------------------------------------------------------- */

/* A form saved: the ledger's notice of the commit has reloaded the page. */
static void
changed_cb (gpointer data)
{
}

const JdForm *
jd_register_page_get_form (JdRegisterPage *self, guint form)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self) && form < self->n_forms, NULL);
  return &self->forms[form];
}

/* register.add(FORM): the form, field by field. */
static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  guint form = g_variant_get_uint32 (parameter);

  if (form < self->n_forms)
    jd_form_dialog_present (widget, jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                            &self->forms[form], NULL, changed_cb, self);
}

static gint64
record_at (JdRegisterPage *self, guint position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  return item ? jd_register_page_item_record (item) : 0;
}

/* The column of a field: its key, but for a village's. */
static const char *
field_column (const JdField *field)
{
  return field->kind == JD_FIELD_VILLAGE || field->kind == JD_FIELD_AREA ? "village_id"
                                                                         : field->key;
}

AdwMessageDialog *
jd_register_page_edit (JdRegisterPage *self, guint position)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), NULL);

  gint64 id = record_at (self, position);
  const JdForm *form = &self->forms[0];
  const char *columns[JD_FORM_MAX_FIELDS + 1] = { NULL };
  g_autoptr (GError) error = NULL;

  if (id == 0 || form->edit_title == NULL)
    return NULL;
  for (guint f = 0; f < form->n_fields; f++)
    columns[f] = field_column (&form->fields[f]);
  g_auto (GStrv) record = jd_store_read_record (jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                                                self->record_kind, id, columns, &error);
  if (record == NULL)
    {
      jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return NULL;
    }
  JdFormValues values = { .id = id };
  for (guint f = 0; f < form->n_fields; f++)
    {
      const char *text = record[f];
      switch (form->fields[f].kind)
        {
          case JD_FIELD_DATE:
          case JD_FIELD_OPTIONAL_DATE:
          case JD_FIELD_END_DATE:
            values.number[f] = jd_day_parse (text);
            break;
          case JD_FIELD_VILLAGE:
          case JD_FIELD_AREA:
          case JD_FIELD_COUNT:
          case JD_FIELD_BOOLEAN:
            values.number[f] = g_ascii_strtoll (text, NULL, 10);
            break;
          default:
            values.text[f] = *text ? text : NULL;
            break;
        }
    }
  return jd_form_dialog_present (GTK_WIDGET (self),
                                 jd_section_page_get_ledger (JD_SECTION_PAGE (self)), form, &values,
                                 changed_cb, self);
}

static void
edit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  jd_register_page_edit (self, gtk_single_selection_get_selected (self->selection));
}

static void
activate_cb (GtkColumnView *view, guint position, JdRegisterPage *self)
{
  jd_register_page_edit (self, position);
}

/* ---- deleting with Undo
 * ---------------------------------------------------------------------------------------- */

static gboolean
delete_record (JdLedger *ledger, int kind, gint64 id, GError **error)
{
  return jd_store_delete_record (ledger, kind, id, error);
}

static void
deleted_cb (gpointer owner, const GError *error)
{
  JdRegisterPage *self = owner;
  if (error)
    jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  jd_register_page_reload (self);
}

static gboolean
delete_kind (JdRegisterPage *self, JdRecordKind kind, gint64 id)
{
  static const char *const messages[] = {
    [JD_RECORD_VENUE] = N_ ("Venue deleted with its inspections"),
    [JD_RECORD_INSPECTION] = N_ ("Inspection deleted"),
    [JD_RECORD_LETTER] = N_ ("Responsibility letter deleted"),
    [JD_RECORD_STAFF] = N_ ("Staff member deleted"),
  };
  AdwToast *toast = jd_deletions_add (self->deletions, kind, id, _ (messages[kind]),
                                      "register.undo-delete", FALSE);
  if (toast == NULL)
    return FALSE;
  jd_register_page_reload (self);
  jd_deletions_offer_undo (self->deletions, GTK_WIDGET (self), toast);
  return TRUE;
}

gboolean
jd_register_page_delete (JdRegisterPage *self, guint position)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), FALSE);

  gint64 id = record_at (self, position);
  if (id == 0 || self->forms[0].edit_title == NULL)
    return FALSE;
  return delete_kind (self, self->record_kind, id);
}

/* ---- a venue's inspections (the venues register's second form) ---------------------------------
 */

static gboolean
keeps_inspections (JdRegisterPage *self)
{
  return self->record_kind == JD_RECORD_VENUE && self->n_forms > 1
         && self->forms[1].edit_title != NULL;
}

gint64
jd_register_page_get_venue (JdRegisterPage *self, guint position)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), 0);
  return keeps_inspections (self) ? record_at (self, position) : 0;
}

AdwMessageDialog *
jd_register_page_edit_inspection (JdRegisterPage *self, gint64 inspection_id)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), NULL);
  if (!keeps_inspections (self))
    return NULL;

  JdLedger *ledger = jd_section_page_get_ledger (JD_SECTION_PAGE (self));
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) inspection = jd_store_read_record (
      ledger, JD_RECORD_INSPECTION, inspection_id,
      (const char *const[]){ "venue_id", "inspected_on", "inspector", "passed", "finding", NULL },
      &error);
  g_auto (GStrv) venue = inspection ? jd_store_read_record (
                             ledger, JD_RECORD_VENUE, g_ascii_strtoll (inspection[0], NULL, 10),
                             (const char *const[]){ "village_id", "name", NULL }, &error)
                                    : NULL;
  if (venue == NULL)
    {
      jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return NULL;
    }
  /* The inspection form: village, venue, date, inspector, passed, finding. */
  JdFormValues values = { .id = inspection_id };
  values.number[0] = g_ascii_strtoll (venue[0], NULL, 10);
  values.text[1] = venue[1];
  values.number[2] = jd_day_parse (inspection[1]);
  values.text[3] = *inspection[2] ? inspection[2] : NULL;
  values.number[4] = g_ascii_strtoll (inspection[3], NULL, 10);
  values.text[5] = *inspection[4] ? inspection[4] : NULL;
  return jd_form_dialog_present (GTK_WIDGET (self), ledger, &self->forms[1], &values, changed_cb,
                                 self);
}

gboolean
jd_register_page_delete_inspection (JdRegisterPage *self, gint64 inspection_id)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), FALSE);
  return keeps_inspections (self) && delete_kind (self, JD_RECORD_INSPECTION, inspection_id);
}

static void
edit_inspection_cb (JdRegisterPage *self, gint64 inspection_id)
{
  jd_register_page_edit_inspection (self, inspection_id);
}

static void
delete_inspection_cb (JdRegisterPage *self, gint64 inspection_id)
{
  jd_register_page_delete_inspection (self, inspection_id);
}

/* The page's rows read again (a save, a deletion, an undo): so are the inspections shown. */
static void
rows_changed_cb (JdRegisterPage *self)
{
  if (self->inspections)
    jd_venue_inspections_fill (self->inspections, self->deletions);
}

GtkWindow *
jd_register_page_show_inspections (JdRegisterPage *self, gint64 venue_id)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self), NULL);

  JdVenueInspections *window = jd_venue_inspections_new (
      GTK_WIDGET (self), jd_section_page_get_ledger (JD_SECTION_PAGE (self)), venue_id);
  if (window == NULL)
    return NULL;
  g_signal_connect_object (window, "edit-inspection", G_CALLBACK (edit_inspection_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "delete-inspection", G_CALLBACK (delete_inspection_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->inspections, window);
  jd_venue_inspections_fill (window, self->deletions);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
inspections_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  gint64 venue
      = jd_register_page_get_venue (self, gtk_single_selection_get_selected (self->selection));
  if (venue)
    jd_register_page_show_inspections (self, venue);
}

void
jd_register_page_commit_deletions (JdRegisterPage *self)
{
  g_return_if_fail (JD_IS_REGISTER_PAGE (self));
  jd_deletions_commit_all (self->deletions);
}

static void
delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  jd_register_page_delete (self, gtk_single_selection_get_selected (self->selection));
}

static void
undo_delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  if (jd_deletions_undo (self->deletions, g_variant_get_string (parameter, NULL)))
    jd_register_page_reload (self);
}

/* ---- building
 * ---------------------------------------------------------------------------------------- */

static char *
shown_cell (gpointer item, guint column)
{
  return g_strdup (jd_register_page_item_cells (item)[column]);
}

static void
build (JdRegisterPage *self)
{
  const JdRegisterInfo *info = jd_register_info (self->register_);
  GtkWidget *bar = jd_section_page_bar_new ();

  self->year_button = jd_section_page_year_button_new (JD_SECTION_PAGE (self));
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _ ("Search"), NULL);
  jd_accessible_name (GTK_WIDGET (self->search_entry), _ ("Search the register"));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (jd_register_page_reload), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->year_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  for (guint i = 0; i < self->n_forms; i++)
    gtk_box_append (GTK_BOX (bar),
                    jd_icon_button_new (self->forms[i].icon_name, "register.add",
                                        g_variant_new_uint32 (i), _ (self->forms[i].title)));
  if (self->n_forms && self->forms[0].edit_title)
    {
      gtk_box_append (GTK_BOX (bar), jd_icon_button_new ("document-edit-symbolic", "register.edit",
                                                         NULL, _ (self->forms[0].edit_title)));
      gtk_box_append (GTK_BOX (bar), jd_icon_button_new ("user-trash-symbolic", "register.delete",
                                                         NULL, _ ("Delete the Selected Row")));
    }
  if (keeps_inspections (self))
    gtk_box_append (GTK_BOX (bar),
                    jd_icon_button_new ("view-list-symbolic", "register.inspections", NULL,
                                        _ ("Inspections of the Selected Venue")));
  gtk_box_append (GTK_BOX (bar), jd_icon_button_new ("document-save-as-symbolic", "register.export",
                                                     NULL, _ ("Export the Shown Rows (Ctrl+E)")));
  gtk_box_append (GTK_BOX (bar), jd_icon_button_new ("document-print-symbolic", "page.print", NULL,
                                                     _ ("Print the Shown Rows (Ctrl+P)")));

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  for (guint c = 0; c < info->n_columns; c++)
    {
      /* The register's own headers: the official form's, in Chinese. */
      g_autoptr (GtkColumnViewColumn) column
          = jd_text_column_new (info->columns[c].header, shown_cell, c);
      gtk_column_view_append_column (self->view, column);
    }
  /* Nothing chosen until a row is clicked: the list looks as it did. */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);
  g_signal_connect (self->view, "activate", G_CALLBACK (activate_cb), self);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scroll, TRUE);

  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  gtk_widget_set_parent (scroll, GTK_WIDGET (self));
}

GListModel *
jd_register_page_get_model (JdRegisterPage *self)
{
  return G_LIST_MODEL (self->rows);
}

GtkSearchEntry *
jd_register_page_get_search_entry (JdRegisterPage *self)
{
  return self->search_entry;
}

GtkSpinButton *
jd_register_page_get_year_button (JdRegisterPage *self)
{
  return self->year_button;
}

static void
jd_register_page_dispose (GObject *object)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (object);
  /* What was deleted goes to the ledger with the page. */
  g_clear_pointer (&self->deletions, jd_deletions_free);
  g_clear_weak_pointer (&self->inspections);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  g_signal_handlers_disconnect_by_data (self->rows, self);
  G_OBJECT_CLASS (jd_register_page_parent_class)->dispose (object);
}

static void
jd_register_page_finalize (GObject *object)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (object);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->record_ids, g_array_unref);
  G_OBJECT_CLASS (jd_register_page_parent_class)->finalize (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_register_page_reload (JD_REGISTER_PAGE (page));
}

static void
jd_register_page_class_init (JdRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_register_page_dispose;
  object_class->finalize = jd_register_page_finalize;
  /* The subtitle: the number of rows shown. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "register.add", "u", add_action_cb);
  gtk_widget_class_install_action (widget_class, "register.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "register.inspections", NULL,
                                   inspections_action_cb);
  gtk_widget_class_install_action (widget_class, "register.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "register.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "register.undo-delete", "s",
                                   undo_delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "register.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "register.add", "u", 0);
}

static void
jd_register_page_init (JdRegisterPage *self)
{
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  g_signal_connect_swapped (self->rows, "items-changed", G_CALLBACK (rows_changed_cb), self);
  self->record_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
jd_register_page_new (JdLedger *ledger,
                      JdRegister register_,
                      const JdForm *forms,
                      guint n_forms,
                      JdRecordKind record_kind)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdRegisterPage *self = g_object_new (JD_TYPE_REGISTER_PAGE, "ledger", ledger, NULL);
  self->register_ = register_;
  self->forms = forms;
  self->n_forms = n_forms;
  self->record_kind = record_kind;
  self->deletions = jd_deletions_new (ledger, delete_record, deleted_cb, self);
  build (self);
  g_signal_connect_object (jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                           "changed::mask-personal-data", G_CALLBACK (jd_register_page_reload),
                           self, G_CONNECT_SWAPPED);
  jd_register_page_reload (self);
  return GTK_WIDGET (self);
}
