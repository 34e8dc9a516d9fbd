/* jd-register-page.c: one register of the inspection workbook as a list in the window */
#include "config.h"

#include "jd-register-page.h"

#include <glib/gi18n-lib.h>

#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-export-task.h"
#include "jd-store.h"
#include "jd-village-list.h"

/* ---- a row: the cells as shown ------------------------------------------------------------------
 */

const char *const *
jd_register_page_item_cells (gpointer item)
{
  return jd_box_item_get (item);
}

static char *
cell_text (const JdCell *cell)
{
  switch (cell->type)
    {
      case JD_CELL_TEXT:
        return g_strdup (cell->text);
      case JD_CELL_DAY:
        return jd_day_to_string (cell->day);
      case JD_CELL_COUNT:
        return g_strdup_printf ("%.0f", cell->number);
      case JD_CELL_NUMBER:
        return g_strdup_printf ("%.2f", cell->number);
      case JD_CELL_RATIO:
        return g_strdup_printf ("%.1f%%", cell->number * 100);
      default:
        return g_strdup ("");
    }
}

/* The row's cells as text, or NULL when it does not hold text (a search). */
static GStrv
shown_cells (const JdCell *cells, guint n_cells, const char *text)
{
  GStrv out = g_new0 (char *, n_cells + 1);
  gboolean found = text == NULL || *text == '\0';

  for (guint i = 0; i < n_cells; i++)
    {
      out[i] = cell_text (&cells[i]);
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
  GListStore *rows;
  GtkSpinButton *year_button;
  GtkSearchEntry *search_entry;
  GtkColumnView *view;
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
  GStrv shown = shown_cells (all, info->n_columns, loading->text);

  if (shown)
    {
      /* Numbered as shown, as the export numbers them. */
      g_free (shown[0]);
      shown[0] = g_strdup_printf ("%u", ++loading->shown);
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
                                "mask-personal-data") };
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

void
jd_register_page_export (JdRegisterPage *self, const char *path)
{
  g_return_if_fail (JD_IS_REGISTER_PAGE (self));

  const JdRegisterInfo *info = jd_register_info (self->register_);
  Shown *shown = g_new0 (Shown, 1);
  shown->register_ = self->register_;
  shown->query = page_query (self);
  /* Static: the export keeps pointing at it while it runs. The rows come
   * masked from the query already, with the columns of masked rows. */
  static JdListExport exports[2][JD_N_REGISTERS];
  guint n_columns;
  const JdColumn *columns = jd_register_columns (self->register_, shown->query.mask, &n_columns);
  exports[shown->query.mask][self->register_]
      = (JdListExport){ info->sheet, columns, n_columns, export_rows_cb };
  shown->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  jd_list_export (GTK_WIDGET (self), jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                  &exports[shown->query.mask][self->register_], FALSE, path, shown,
                  (GDestroyNotify)shown_free);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_register_page_export (JD_REGISTER_PAGE (widget), NULL);
}

/* ---- forms
 * ---------------------------------------------------------------------------------------- */

gboolean
jd_register_page_save (JdRegisterPage *self, guint form, const JdFormValues *values, GError **error)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (self) && form < self->n_forms, FALSE);

  /* In a transaction of its own: the ledger's notice of the commit reloads the page. */
  if (!jd_ledger_begin (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), error))
    return FALSE;
  if (!self->forms[form].save (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), values, error))
    {
      jd_ledger_rollback (jd_section_page_get_ledger (JD_SECTION_PAGE (self)));
      return FALSE;
    }
  return jd_ledger_commit (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), error);
}

typedef struct
{
  JdRegisterPage *page;
  guint form;
  GtkWidget *rows[16];
  GArray *village_ids;
  GtkLabel *error_label;
} Entry;

static void
entry_free (gpointer data, GClosure *closure)
{
  Entry *entry = data;
  g_object_unref (entry->page);
  g_array_unref (entry->village_ids);
  g_free (entry);
}

static void
date_changed_cb (GtkEditable *row)
{
  if (jd_day_parse (gtk_editable_get_text (row)))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
entry_response_cb (AdwMessageDialog *dialog, const char *response, Entry *entry)
{
  g_autoptr (GError) error = NULL;
  const JdForm *form = &entry->page->forms[entry->form];
  JdFormValues values = { { 0 } };

  if (g_strcmp0 (response, "add") != 0)
    return;
  for (guint f = 0; f < form->n_fields; f++)
    {
      GtkWidget *row = entry->rows[f];
      guint n = 0;
      switch (form->fields[f].kind)
        {
          case JD_FIELD_TEXT:
          case JD_FIELD_REQUIRED_TEXT:
            values.text[f] = gtk_editable_get_text (GTK_EDITABLE (row));
            if (*values.text[f] == '\0')
              values.text[f] = NULL;
            break;
          case JD_FIELD_DATE:
            values.number[f] = jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (row)));
            break;
          case JD_FIELD_ENUM:
            values.text[f]
                = jd_enum_values (form->fields[f].which,
                                  &n)[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), n - 1)]
                      .key;
            break;
          case JD_FIELD_VILLAGE:
            n = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
            values.number[f]
                = n < entry->village_ids->len ? g_array_index (entry->village_ids, gint64, n) : 0;
            break;
          case JD_FIELD_COUNT:
            values.number[f] = gtk_spin_button_get_value_as_int (
                GTK_SPIN_BUTTON (g_object_get_data (G_OBJECT (row), "jd-spin")));
            break;
          case JD_FIELD_BOOLEAN:
            values.number[f] = adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == 0;
            break;
        }
    }
  if (!jd_register_page_save (entry->page, entry->form, &values, &error))
    {
      /* Said in the dialog, which stays open with what was typed. */
      gtk_label_set_text (entry->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (entry->error_label), TRUE);
      g_signal_stop_emission_by_name (dialog, "response");
    }
}

static GtkWidget *
combo_row (const char *title, GtkStringList *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  return row;
}

static GtkWidget *
field_row (Entry *entry, const JdField *field)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  const char *title = _ (field->label);
  GtkWidget *row;
  guint n;

  switch (field->kind)
    {
      case JD_FIELD_ENUM:
        {
          const JdEnumValue *values = jd_enum_values (field->which, &n);
          for (guint i = 0; i < n; i++)
            gtk_string_list_append (choices, _ (values[i].label));
          return combo_row (title, choices);
        }
      case JD_FIELD_VILLAGE:
        {
          g_autoptr (GListStore) villages = jd_village_list_load (
              jd_section_page_get_ledger (JD_SECTION_PAGE (entry->page)), NULL);
          for (guint i = 0; villages && i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
            {
              g_autoptr (JdVillageItem) v = g_list_model_get_item (G_LIST_MODEL (villages), i);
              gint64 id = jd_village_item_get_id (v);
              gtk_string_list_append (choices, jd_village_item_get_name (v));
              g_array_append_val (entry->village_ids, id);
            }
          return combo_row (title, choices);
        }
      case JD_FIELD_BOOLEAN:
        gtk_string_list_append (choices, _ ("Yes"));
        gtk_string_list_append (choices, _ ("No"));
        return combo_row (title, choices);
      case JD_FIELD_COUNT:
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
          g_object_set_data (G_OBJECT (row), "jd-spin", spin);
          return row;
        }
      default:
        row = adw_entry_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        if (field->kind == JD_FIELD_DATE)
          {
            g_autofree char *today = jd_day_to_string (jd_today ());
            gtk_editable_set_text (GTK_EDITABLE (row), today);
            g_signal_connect (row, "changed", G_CALLBACK (date_changed_cb), NULL);
          }
        return row;
    }
}

/* register.add(FORM): the form, field by field. */
static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (widget);
  guint form_index = g_variant_get_uint32 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (form_index >= self->n_forms)
    return;
  const JdForm *form = &self->forms[form_index];
  Entry *entry = g_new0 (Entry, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  entry->page = g_object_ref (self);
  entry->form = form_index;
  entry->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint f = 0; f < form->n_fields && f < G_N_ELEMENTS (entry->rows); f++)
    {
      entry->rows[f] = field_row (entry, &form->fields[f]);
      gtk_list_box_append (GTK_LIST_BOX (list), entry->rows[f]);
    }
  entry->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (entry->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (entry->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (entry->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry->error_label));

  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ (form->title), NULL));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "add", _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  g_signal_connect_data (dialog, "response", G_CALLBACK (entry_response_cb), entry, entry_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- building
 * ---------------------------------------------------------------------------------------- */

static char *
shown_cell (gpointer item, guint column)
{
  return g_strdup (jd_register_page_item_cells (item)[column]);
}

static GtkWidget *
icon_button (const char *icon, const char *action, GVariant *target, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static void
build (JdRegisterPage *self)
{
  const JdRegisterInfo *info = jd_register_info (self->register_);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->year_button = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2000, 2100, 1));
  gtk_spin_button_set_value (self->year_button, jd_day_year (jd_today ()));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->year_button), _ ("Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Year"), -1);
  g_signal_connect_swapped (self->year_button, "value-changed",
                            G_CALLBACK (jd_register_page_reload), self);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _ ("Search"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (jd_register_page_reload), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->year_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  for (guint i = 0; i < self->n_forms; i++)
    gtk_box_append (GTK_BOX (bar),
                    icon_button (self->forms[i].icon_name, "register.add", g_variant_new_uint32 (i),
                                 _ (self->forms[i].title)));
  gtk_box_append (GTK_BOX (bar), icon_button ("document-save-as-symbolic", "register.export", NULL,
                                              _ ("Export the Shown Rows (Ctrl+E)")));

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  for (guint c = 0; c < info->n_columns; c++)
    {
      /* The register's own headers: the official form's, in Chinese. */
      g_autoptr (GtkColumnViewColumn) column
          = jd_text_column_new (info->columns[c].header, shown_cell, c);
      gtk_column_view_append_column (self->view, column);
    }
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
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
reload_cb (JdSectionPage *page)
{
  jd_register_page_reload (JD_REGISTER_PAGE (page));
}

static void
jd_register_page_finalize (GObject *object)
{
  JdRegisterPage *self = JD_REGISTER_PAGE (object);

  g_clear_object (&self->rows);
  G_OBJECT_CLASS (jd_register_page_parent_class)->finalize (object);
}

static void
jd_register_page_class_init (JdRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jd_register_page_finalize;
  /* The subtitle: the number of rows shown. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "register.add", "u", add_action_cb);
  gtk_widget_class_install_action (widget_class, "register.export", NULL, export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "register.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "register.add", "u", 0);
}

static void
jd_register_page_init (JdRegisterPage *self)
{
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
jd_register_page_new (JdLedger *ledger, JdRegister register_, const JdForm *forms, guint n_forms)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdRegisterPage *self = g_object_new (JD_TYPE_REGISTER_PAGE, "ledger", ledger, NULL);
  self->register_ = register_;
  self->forms = forms;
  self->n_forms = n_forms;
  build (self);
  g_signal_connect_object (jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                           "changed::mask-personal-data", G_CALLBACK (jd_register_page_reload),
                           self, G_CONNECT_SWAPPED);
  jd_register_page_reload (self);
  return GTK_WIDGET (self);
}

/* ---- the three registers
 * ------------------------------------------------------------------------------ */

static gboolean
save_venue (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdVenueRecord record = { .village_id = v->number[0],
                           .name = v->text[1],
                           .kind = v->text[2],
                           .address = v->text[3],
                           .manager = v->text[4],
                           .phone = v->text[5],
                           .key_spot = v->text[6] };
  return jd_store_venue (ledger, &record, NULL, error) != JD_STORE_FAILED;
}

static gboolean
save_inspection (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  gint64 venue = v->text[1] ? jd_store_find_venue (ledger, v->number[0], v->text[1]) : 0;
  if (venue == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("venue: the village has no venue called “%s”; record the venue first"),
                   v->text[1] ? v->text[1] : "");
      return FALSE;
    }
  JdInspectionRecord record = { .venue_id = venue,
                                .inspected_on = v->number[2],
                                .inspector = v->text[3],
                                .passed = v->number[4] != 0,
                                .finding = v->text[5] };
  return jd_store_inspection (ledger, &record, error) != JD_STORE_FAILED;
}

static const JdField venue_fields[] = {
  { N_ ("Village"), JD_FIELD_VILLAGE },
  { N_ ("Name"), JD_FIELD_REQUIRED_TEXT },
  { N_ ("Kind"), JD_FIELD_ENUM, JD_ENUM_VENUE_KIND },
  { N_ ("Address"), JD_FIELD_TEXT },
  { N_ ("Manager"), JD_FIELD_TEXT },
  { N_ ("Phone"), JD_FIELD_TEXT },
  { N_ ("Key Spot"), JD_FIELD_TEXT },
};

static const JdField inspection_fields[] = {
  { N_ ("Village"), JD_FIELD_VILLAGE }, { N_ ("Venue"), JD_FIELD_REQUIRED_TEXT },
  { N_ ("Date"), JD_FIELD_DATE },       { N_ ("Inspector"), JD_FIELD_TEXT },
  { N_ ("Passed"), JD_FIELD_BOOLEAN },  { N_ ("Finding"), JD_FIELD_TEXT },
};

static const JdForm venue_forms[] = {
  { N_ ("Record a Venue"), "list-add-symbolic", venue_fields, G_N_ELEMENTS (venue_fields),
    save_venue },
  { N_ ("Record an Inspection"), "emblem-ok-symbolic", inspection_fields,
    G_N_ELEMENTS (inspection_fields), save_inspection },
};

GtkWidget *
jd_venues_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_VENUES, venue_forms, G_N_ELEMENTS (venue_forms));
}

static gboolean
save_letter (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdLetterRecord record = { .village_id = v->number[0],
                            .level = v->text[1],
                            .signed_on = v->number[2],
                            .party = v->text[3],
                            .copies = v->number[4] > 0 ? v->number[4] : -1 };
  return jd_store_letter (ledger, &record, error) != JD_STORE_FAILED;
}

static const JdField letter_fields[] = {
  { N_ ("Village"), JD_FIELD_VILLAGE }, { N_ ("Level"), JD_FIELD_ENUM, JD_ENUM_LETTER_LEVEL },
  { N_ ("Signed On"), JD_FIELD_DATE },  { N_ ("Signed With"), JD_FIELD_TEXT },
  { N_ ("Copies"), JD_FIELD_COUNT },
};

static const JdForm letter_forms[] = {
  { N_ ("Record a Responsibility Letter"), "list-add-symbolic", letter_fields,
    G_N_ELEMENTS (letter_fields), save_letter },
};

GtkWidget *
jd_letters_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_LETTERS, letter_forms,
                               G_N_ELEMENTS (letter_forms));
}

static gboolean
save_staff (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdStaffRecord record = { .name = v->text[0],
                           .role = v->text[1],
                           .village_id = v->number[2],
                           .phone = v->text[3],
                           .since = v->number[4] };
  return jd_store_staff (ledger, &record, error) != JD_STORE_FAILED;
}

static const JdField staff_fields[] = {
  { N_ ("Name"), JD_FIELD_REQUIRED_TEXT }, { N_ ("Role"), JD_FIELD_ENUM, JD_ENUM_STAFF_ROLE },
  { N_ ("Village"), JD_FIELD_VILLAGE },    { N_ ("Phone"), JD_FIELD_TEXT },
  { N_ ("Since"), JD_FIELD_DATE },
};

static const JdForm staff_forms[] = {
  { N_ ("Record a Staff Member"), "list-add-symbolic", staff_fields, G_N_ELEMENTS (staff_fields),
    save_staff },
};

GtkWidget *
jd_staff_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_STAFF, staff_forms, G_N_ELEMENTS (staff_forms));
}
