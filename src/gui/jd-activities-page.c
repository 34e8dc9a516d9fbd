/* jd-activities-page.c: the activities section, the publicity register (宣传活动)
 *
 * Two views of a year: the register (search, filters by village, month and
 * form, a count, quick entry, deletion with Undo, export of the shown rows)
 * and the months (villages × twelve months, ✓ where a month had four
 * activities or more, so gaps show before the assessment does).
 */
#include "config.h"

#include "jd-activities-page.h"

#include <glib/gi18n-lib.h>

#include "jd-activity-query.h"
#include "jd-alerts.h"
#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-export-task.h"
#include "jd-store.h"
#include "jd-village-list.h"

/* ---- a row of the register ------------------------------------------------------------------ */

const JdActivity *
jd_activities_page_item_activity (gpointer item)
{
  return jd_box_item_get (item);
}

/* ---- the page -------------------------------------------------------------------------------- */

struct _JdActivitiesPage
{
  JdSectionPage parent_instance;

  GtkSpinButton *year_button;
  GtkSearchEntry *search_entry;
  GtkDropDown *village_filter;
  GtkDropDown *month_filter;
  GtkDropDown *form_filter;
  GtkDropDown *audience_filter;
  AdwViewStack *stack;
  GtkColumnView *view;
  GtkGrid *months_grid;

  GListStore *rows;
  GArray *village_ids; /* by village_filter position: 0 all, -1 township-wide */
  GHashTable *pending; /* activity id → its row, deleted on screen, not yet in the ledger */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (JdActivitiesPage, jd_activities_page, JD_TYPE_SECTION_PAGE)

static void
fill_filter (JdActivitiesPage *self, JdActivityFilter *filter)
{
  guint village = gtk_drop_down_get_selected (self->village_filter);
  guint form = gtk_drop_down_get_selected (self->form_filter);
  guint audience = gtk_drop_down_get_selected (self->audience_filter);
  guint n_forms, n_audiences;
  const JdEnumValue *forms = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n_forms);
  const JdEnumValue *audiences = jd_enum_values (JD_ENUM_AUDIENCE, &n_audiences);

  *filter = (JdActivityFilter){
    .year = gtk_spin_button_get_value_as_int (self->year_button),
    .month = (int)gtk_drop_down_get_selected (self->month_filter),
    .village_id
    = village < self->village_ids->len ? g_array_index (self->village_ids, gint64, village) : 0,
    .form = form > 0 && form <= n_forms ? forms[form - 1].key : NULL,
    .audience = audience > 0 && audience <= n_audiences ? audiences[audience - 1].key : NULL,
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
  };
}

static void
show_months (JdActivitiesPage *self, int year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months
      = jd_activity_months (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), year, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->months_grid))))
    gtk_grid_remove (self->months_grid, child);
  if (months == NULL)
    {
      gtk_grid_attach (self->months_grid, gtk_label_new (error->message), 0, 0, 13, 1);
      return;
    }
  for (int m = 0; m < 12; m++)
    {
      g_autofree char *head = g_strdup_printf (_ ("Month %d"), m + 1);
      GtkWidget *label = gtk_label_new (head);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->months_grid, label, m + 1, 0, 1, 1);
    }
  for (guint v = 0; v < months->len; v++)
    {
      const JdActivityMonths *village = months->pdata[v];
      GtkWidget *name = gtk_label_new (village->name);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_grid_attach (self->months_grid, name, 0, v + 1, 1, 1);
      for (int m = 0; m < 12; m++)
        {
          gboolean met = village->counts[m] >= 4;
          g_autofree char *text = met ? g_strdup_printf ("%d ✓", village->counts[m])
                                      : g_strdup_printf ("%d", village->counts[m]);
          GtkWidget *cell = gtk_label_new (text);
          gtk_widget_add_css_class (cell, "month-cell");
          gtk_widget_add_css_class (cell, met ? "met" : "short");
          g_autofree char *said
              = g_strdup_printf (met ? _ ("%s, month %d: %d activities, four or more")
                                     : _ ("%s, month %d: %d activities, fewer than four"),
                                 village->name, m + 1, village->counts[m]);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          said, -1);
          gtk_grid_attach (self->months_grid, cell, m + 1, v + 1, 1, 1);
        }
    }
}

/* Reads the year again with the filters on screen. */
void
jd_activities_page_reload (JdActivitiesPage *self)
{
  g_autoptr (GError) error = NULL;
  JdActivityFilter filter;

  if (self->loading || jd_section_page_get_ledger (JD_SECTION_PAGE (self)) == NULL)
    return;
  fill_filter (self, &filter);
  g_autoptr (GPtrArray) found
      = jd_activity_query (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), &filter, &error);
  g_list_store_remove_all (self->rows);
  for (guint i = 0; found && i < found->len; i++)
    {
      JdActivity *activity = found->pdata[i];
      if (self->pending && g_hash_table_contains (self->pending, &activity->id))
        continue;
      g_autoptr (JdBoxItem) row
          = jd_box_item_new (g_steal_pointer (&found->pdata[i]), (GDestroyNotify)jd_activity_free);
      g_list_store_append (self->rows, row);
    }
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *subtitle
      = found
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity", "%u activities", n), n)
            : g_strdup (error->message);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  show_months (self, filter.year);
}

/* ---- cells ------------------------------------------------------------------------------------
 */

typedef enum
{
  CELL_DATE,
  CELL_VILLAGE,
  CELL_FORM,
  CELL_TITLE,
  CELL_LOCATION,
  CELL_AUDIENCE,
  CELL_PARTICIPANTS,
} CellKind;

static char *
cell_text (const JdActivity *a, CellKind kind)
{
  switch (kind)
    {
      case CELL_DATE:
        return jd_day_to_string (a->held_on);
      case CELL_VILLAGE:
        return g_strdup (a->village ? a->village : _ ("Township-wide"));
      case CELL_FORM:
        return g_strdup (jd_enum_label (JD_ENUM_ACTIVITY_FORM, a->form));
      case CELL_TITLE:
        return g_strdup (a->title);
      case CELL_LOCATION:
        return g_strdup (a->location ? a->location : "");
      case CELL_AUDIENCE:
        return g_strdup (a->audience ? jd_enum_label (JD_ENUM_AUDIENCE, a->audience) : "");
      case CELL_PARTICIPANTS:
        return a->participants >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, a->participants)
                                    : g_strdup ("");
      default:
        g_assert_not_reached ();
    }
}

static char *
activity_cell (gpointer item, guint column)
{
  return cell_text (jd_box_item_get (item), column);
}

static void
add_columns (JdActivitiesPage *self)
{
  const char *titles[]
      = { NC_ ("activity column", "Date"),        NC_ ("activity column", "Village"),
          NC_ ("activity column", "Form"),        NC_ ("activity column", "Theme"),
          NC_ ("activity column", "Location"),    NC_ ("activity column", "Audience"),
          NC_ ("activity column", "Participants") };
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = jd_text_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "activity column", titles[i]), activity_cell, i);
      gtk_column_view_column_set_expand (column, i == CELL_TITLE);
      gtk_column_view_append_column (self->view, column);
    }
}

/* ---- export ------------------------------------------------------------------------------------
 */

static const JdColumn export_columns[] = {
  { "序号", JD_COLUMN_SERIAL }, { "日期", JD_COLUMN_DAY },       { "村(社区)", JD_COLUMN_TEXT },
  { "形式", JD_COLUMN_CENTER }, { "主题", JD_COLUMN_WRAP },      { "地点", JD_COLUMN_TEXT },
  { "对象", JD_COLUMN_CENTER }, { "参与人数", JD_COLUMN_COUNT },
};

typedef struct
{
  JdActivityFilter filter;
  char *text;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

static gboolean
shown_rows_cb (JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  Shown *shown = data;
  g_autoptr (GPtrArray) found = jd_activity_query (reader, &shown->filter, error);

  for (guint i = 0; found && i < found->len; i++)
    {
      const JdActivity *a = found->pdata[i];
      JdCell cells[G_N_ELEMENTS (export_columns)] = { { 0 } };
      cells[0] = (JdCell){ .type = JD_CELL_COUNT, .number = i + 1 };
      cells[1] = (JdCell){ .type = JD_CELL_DAY, .day = a->held_on };
      cells[2] = (JdCell){ .type = JD_CELL_TEXT, .text = a->village ? a->village : "全镇" };
      cells[3]
          = (JdCell){ .type = JD_CELL_TEXT, .text = jd_enum_zh (JD_ENUM_ACTIVITY_FORM, a->form) };
      cells[4] = (JdCell){ .type = JD_CELL_TEXT, .text = a->title };
      if (a->location)
        cells[5] = (JdCell){ .type = JD_CELL_TEXT, .text = a->location };
      if (a->audience)
        cells[6]
            = (JdCell){ .type = JD_CELL_TEXT, .text = jd_enum_zh (JD_ENUM_AUDIENCE, a->audience) };
      if (a->participants >= 0)
        cells[7] = (JdCell){ .type = JD_CELL_COUNT, .number = a->participants };
      if (!func (cells, G_N_ELEMENTS (cells), func_data, error))
        return FALSE;
    }
  return found != NULL;
}

static const JdListExport activities_export = {
  "禁毒宣传活动台账",
  export_columns,
  G_N_ELEMENTS (export_columns),
  shown_rows_cb,
};

void
jd_activities_page_export (JdActivitiesPage *self, const char *path)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));

  Shown *shown = g_new0 (Shown, 1);
  fill_filter (self, &shown->filter);
  shown->text = g_strdup (shown->filter.text);
  shown->filter.text = shown->text;
  jd_list_export (GTK_WIDGET (self), jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                  &activities_export, FALSE, path, shown, (GDestroyNotify)shown_free);
}

/* ---- quick entry --------------------------------------------------------------------------------
 */

/* Records an activity (the quick entry's "add"); FALSE with the reason when the
 * store refuses it. */
gboolean
jd_activities_page_add (JdActivitiesPage *self, const JdActivityRecord *record, GError **error)
{
  g_return_val_if_fail (JD_IS_ACTIVITIES_PAGE (self), FALSE);

  /* In a transaction of its own: the ledger's notice of the commit reloads the page. */
  if (!jd_ledger_begin (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), error))
    return FALSE;
  if (jd_store_activity (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), record, error)
      == JD_STORE_FAILED)
    {
      jd_ledger_rollback (jd_section_page_get_ledger (JD_SECTION_PAGE (self)));
      return FALSE;
    }
  return jd_ledger_commit (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), error);
}

typedef struct
{
  JdActivitiesPage *page;
  AdwEntryRow *date_row, *title_row, *location_row;
  AdwComboRow *village_row, *form_row, *audience_row;
  GtkSpinButton *participants;
  GtkLabel *error_label;
} Entry;

static void
entry_free (gpointer data, GClosure *closure)
{
  Entry *entry = data;
  g_object_unref (entry->page);
  g_free (entry);
}

static GtkWidget *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static GtkWidget *
combo_row (const char *title, GtkStringList *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  return row;
}

static void
date_changed_cb (AdwEntryRow *row)
{
  if (jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (row))))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
entry_response_cb (AdwMessageDialog *dialog, const char *response, Entry *entry)
{
  g_autoptr (GError) error = NULL;
  guint n_forms, n_audiences;
  const JdEnumValue *forms = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n_forms);
  const JdEnumValue *audiences = jd_enum_values (JD_ENUM_AUDIENCE, &n_audiences);
  guint village = adw_combo_row_get_selected (entry->village_row);
  guint audience = adw_combo_row_get_selected (entry->audience_row);
  GArray *ids = entry->page->village_ids;

  if (g_strcmp0 (response, "add") != 0)
    return;
  JdActivityRecord record = {
    /* The village list's first two entries are "all" and "township-wide". */
    .village_id = village + 1 < ids->len ? MAX (g_array_index (ids, gint64, village + 1), 0) : 0,
    .held_on = jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (entry->date_row))),
    .form = forms[MIN (adw_combo_row_get_selected (entry->form_row), n_forms - 1)].key,
    .title = gtk_editable_get_text (GTK_EDITABLE (entry->title_row)),
    .location = gtk_editable_get_text (GTK_EDITABLE (entry->location_row)),
    .audience = audience > 0 && audience <= n_audiences ? audiences[audience - 1].key : NULL,
    .participants = gtk_spin_button_get_value_as_int (entry->participants),
    .materials = -1,
    .banners = -1,
  };
  if (record.location && *record.location == '\0')
    record.location = NULL;
  if (!jd_activities_page_add (entry->page, &record, &error))
    {
      /* Shown in the dialog, which stays open with what was typed. */
      gtk_label_set_text (entry->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (entry->error_label), TRUE);
      g_signal_stop_emission_by_name (dialog, "response");
    }
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  Entry *entry = g_new0 (Entry, 1);
  GtkWidget *list = gtk_list_box_new ();

  entry->page = g_object_ref (self);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);

  entry->date_row = ADW_ENTRY_ROW (entry_row (_ ("Date")));
  g_autofree char *today = jd_day_to_string (jd_today ());
  gtk_editable_set_text (GTK_EDITABLE (entry->date_row), today);
  g_signal_connect (entry->date_row, "changed", G_CALLBACK (date_changed_cb), NULL);

  g_autoptr (GtkStringList) villages = gtk_string_list_new (NULL);
  GListModel *filter_villages = gtk_drop_down_get_model (self->village_filter);
  for (guint i = 1; i < g_list_model_get_n_items (filter_villages); i++)
    gtk_string_list_append (villages,
                            gtk_string_list_get_string (GTK_STRING_LIST (filter_villages), i));
  entry->village_row = ADW_COMBO_ROW (combo_row (_ ("Village"), villages));

  g_autoptr (GtkStringList) forms = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) audiences = gtk_string_list_new (NULL);
  guint n;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (forms, _ (values[i].label));
  values = jd_enum_values (JD_ENUM_AUDIENCE, &n);
  gtk_string_list_append (audiences, _ ("Not Given"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (audiences, _ (values[i].label));
  entry->form_row = ADW_COMBO_ROW (combo_row (_ ("Form"), forms));
  entry->title_row = ADW_ENTRY_ROW (entry_row (_ ("Theme")));
  entry->location_row = ADW_ENTRY_ROW (entry_row (_ ("Location")));
  entry->audience_row = ADW_COMBO_ROW (combo_row (_ ("Audience"), audiences));

  GtkWidget *participants_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (participants_row), _ ("Participants"));
  entry->participants = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 1));
  gtk_widget_set_valign (GTK_WIDGET (entry->participants), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (participants_row), GTK_WIDGET (entry->participants));

  GtkWidget *rows[] = { GTK_WIDGET (entry->date_row),
                        GTK_WIDGET (entry->village_row),
                        GTK_WIDGET (entry->form_row),
                        GTK_WIDGET (entry->title_row),
                        GTK_WIDGET (entry->location_row),
                        GTK_WIDGET (entry->audience_row),
                        participants_row };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_list_box_append (GTK_LIST_BOX (list), rows[i]);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (entry->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (entry->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (entry->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry->error_label));

  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Record an Activity"), NULL));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "add", _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  g_signal_connect_data (dialog, "response", G_CALLBACK (entry_response_cb), entry, entry_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (entry->title_row));
}

/* ---- deleting with Undo ------------------------------------------------------------------------
 */

static void
commit_deletion (JdActivitiesPage *self, gint64 id)
{
  g_autoptr (GError) error = NULL;

  if (!g_hash_table_remove (self->pending, &id))
    return; /* undone */
  if (!jd_activity_delete (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), id, &error))
    {
      jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      jd_activities_page_reload (self);
    }
}

static void
toast_dismissed_cb (AdwToast *toast, JdActivitiesPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "jd-id");
  commit_deletion (self, *id);
}

/* Deletes on screen at once and in the ledger when the toast goes, unless undone. */
void
jd_activities_page_delete (JdActivitiesPage *self, gint64 id)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));

  gint64 *key = g_memdup2 (&id, sizeof id);
  g_hash_table_add (self->pending, key);
  jd_activities_page_reload (self);
  if (jd_find_toast_overlay (GTK_WIDGET (self)) == NULL)
    {
      commit_deletion (self, id);
      return;
    }
  AdwToast *toast = adw_toast_new (_ ("Activity deleted"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_action_name (toast, "activities.undo");
  adw_toast_set_action_target (toast, "x", id);
  g_object_set_data_full (G_OBJECT (toast), "jd-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  jd_show_toast (GTK_WIDGET (self), toast);
}

void
jd_activities_page_undo (JdActivitiesPage *self, gint64 id)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));
  if (g_hash_table_remove (self->pending, &id))
    jd_activities_page_reload (self);
}

void
jd_activities_page_commit_deletions (JdActivitiesPage *self)
{
  g_autoptr (GList) ids = g_hash_table_get_keys (self->pending);
  for (GList *l = ids; l; l = l->next)
    {
      gint64 id = *(gint64 *)l->data;
      commit_deletion (self, id);
    }
}

static void
delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (widget);
  GtkSelectionModel *selection = gtk_column_view_get_model (self->view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  g_autoptr (JdBoxItem) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row)
    jd_activities_page_delete (self, ((JdActivity *)jd_box_item_get (row))->id);
}

static void
undo_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_activities_page_undo (JD_ACTIVITIES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_activities_page_export (JD_ACTIVITIES_PAGE (widget), NULL);
}

/* ---- building ----------------------------------------------------------------------------------
 */

static GtkWidget *
dropdown (JdActivitiesPage *self, GtkStringList *choices, const char *tooltip)
{
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
  gtk_widget_set_tooltip_text (drop, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_signal_connect_swapped (drop, "notify::selected", G_CALLBACK (jd_activities_page_reload), self);
  return drop;
}

static GtkWidget *
icon_button (const char *icon, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static void
build (JdActivitiesPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->year_button = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2000, 2100, 1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->year_button), _ ("Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Year"), -1);
  gtk_spin_button_set_value (self->year_button, jd_day_year (jd_today ()));
  g_signal_connect_swapped (self->year_button, "value-changed",
                            G_CALLBACK (jd_activities_page_reload), self);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _ ("Search theme or location"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (jd_activities_page_reload), self);

  g_autoptr (GtkStringList) months = gtk_string_list_new (NULL);
  gtk_string_list_append (months, _ ("All Months"));
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *name = g_strdup_printf (_ ("Month %d"), m);
      gtk_string_list_append (months, name);
    }
  self->month_filter = GTK_DROP_DOWN (dropdown (self, months, _ ("Month")));

  g_autoptr (GtkStringList) forms = gtk_string_list_new (NULL);
  guint n;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n);
  gtk_string_list_append (forms, _ ("All Forms"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (forms, _ (values[i].label));
  self->form_filter = GTK_DROP_DOWN (dropdown (self, forms, _ ("Form")));

  g_autoptr (GtkStringList) audiences = gtk_string_list_new (NULL);
  values = jd_enum_values (JD_ENUM_AUDIENCE, &n);
  gtk_string_list_append (audiences, _ ("All Audiences"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (audiences, _ (values[i].label));
  self->audience_filter = GTK_DROP_DOWN (dropdown (self, audiences, _ ("Audience")));

  g_autoptr (GtkStringList) villages = gtk_string_list_new (NULL);
  self->village_filter = GTK_DROP_DOWN (dropdown (self, villages, _ ("Village")));

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *switcher = adw_view_switcher_new ();
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);

  GtkWidget *controls[] = { GTK_WIDGET (self->year_button),
                            switcher,
                            GTK_WIDGET (self->search_entry),
                            GTK_WIDGET (self->village_filter),
                            GTK_WIDGET (self->month_filter),
                            GTK_WIDGET (self->form_filter),
                            icon_button ("list-add-symbolic", "activities.add",
                                         _ ("Record an Activity (Ctrl+Shift+A)")),
                            icon_button ("document-save-as-symbolic", "activities.export",
                                         _ ("Export the Shown Rows (Ctrl+E)")) };
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_box_append (GTK_BOX (bar), controls[i]);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  add_columns (self);
  GtkSingleSelection *selection
      = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  GtkWidget *list_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroll), GTK_WIDGET (self->view));
  AdwViewStackPage *page
      = adw_view_stack_add_titled (self->stack, list_scroll, "register", _ ("Register"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  self->months_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->months_grid, 4);
  gtk_grid_set_column_spacing (self->months_grid, 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self->months_grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->months_grid), 12);
  GtkWidget *months_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (months_scroll),
                                 GTK_WIDGET (self->months_grid));
  page = adw_view_stack_add_titled (self->stack, months_scroll, "months", _ ("Months"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

static void
fill_villages (JdActivitiesPage *self)
{
  g_autoptr (GListStore) store
      = jd_village_list_load (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), NULL);
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->village_filter));
  gint64 all = 0, township = JD_ACTIVITY_TOWNSHIP;

  gtk_string_list_append (names, _ ("All Villages"));
  g_array_append_val (self->village_ids, all);
  gtk_string_list_append (names, _ ("Township-wide"));
  g_array_append_val (self->village_ids, township);
  for (guint i = 0; store && i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (JdVillageItem) village = g_list_model_get_item (G_LIST_MODEL (store), i);
      gint64 id = jd_village_item_get_id (village);
      gtk_string_list_append (names, jd_village_item_get_name (village));
      g_array_append_val (self->village_ids, id);
    }
}

GListModel *
jd_activities_page_get_model (JdActivitiesPage *self)
{
  return G_LIST_MODEL (self->rows);
}

GtkSearchEntry *
jd_activities_page_get_search_entry (JdActivitiesPage *self)
{
  return self->search_entry;
}

GtkDropDown *
jd_activities_page_get_audience_filter (JdActivitiesPage *self)
{
  return self->audience_filter;
}

GtkDropDown *
jd_activities_page_get_month_filter (JdActivitiesPage *self)
{
  return self->month_filter;
}

GtkSpinButton *
jd_activities_page_get_year_button (JdActivitiesPage *self)
{
  return self->year_button;
}

GtkGrid *
jd_activities_page_get_months_grid (JdActivitiesPage *self)
{
  return self->months_grid;
}

static void
jd_activities_page_dispose (GObject *object)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (object);

  /* Deletions still waiting for their toast become final with the page. */
  if (self->pending && jd_section_page_get_ledger (JD_SECTION_PAGE (self)))
    jd_activities_page_commit_deletions (self);
  G_OBJECT_CLASS (jd_activities_page_parent_class)->dispose (object);
}

static void
jd_activities_page_finalize (GObject *object)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_object (&self->rows);
  g_array_unref (self->village_ids);
  G_OBJECT_CLASS (jd_activities_page_parent_class)->finalize (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_activities_page_reload (JD_ACTIVITIES_PAGE (page));
}

static void
jd_activities_page_class_init (JdActivitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_activities_page_dispose;
  object_class->finalize = jd_activities_page_finalize;
  /* The subtitle: the number of activities shown. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  gtk_widget_class_install_action (widget_class, "activities.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.undo", "x", undo_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "activities.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "activities.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "activities.delete", NULL);
}

static void
jd_activities_page_init (JdActivitiesPage *self)
{
  self->loading = TRUE;
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  build (self);
}

GtkWidget *
jd_activities_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdActivitiesPage *self = g_object_new (JD_TYPE_ACTIVITIES_PAGE, "ledger", ledger, NULL);
  fill_villages (self);
  self->loading = FALSE;
  jd_activities_page_reload (self);
  return GTK_WIDGET (self);
}
