/* jd-people-page.c: the people section, the register of persons
 *
 * A GtkColumnView straight over a JdPersonQuery, which reads pages of rows
 * from the ledger as the view asks for them; there is no GtkSortListModel or
 * GtkFilterListModel in between, since those would read all 100,000 rows of a
 * city ledger. Searching, filtering and sorting change the query and count
 * again in SQL.
 *
 * The column headers still sort the usual way: each column has a sorter, and
 * when the view's sorter changes the page asks it which column is first and
 * in which direction. GTK 4.8 has no getter for that, so the page compares
 * two rows with the view's sorter: every column's sorter is a GtkCustomSorter
 * that notes its column and says "larger", so the column noted is the first
 * one, and the answer's sign is the direction.
 */
#include "config.h"

#include "jd-people-page.h"

#include <glib/gi18n-lib.h>

#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-export-task.h"
#include "jd-mask.h"
#include "jd-person-query.h"
#include "jd-village-list.h"
#include "jd-work-due.h"

typedef enum
{
  CELL_NAME,
  CELL_SEX,
  CELL_ID_NUMBER,
  CELL_VILLAGE,
  CELL_STATUS,
  CELL_FIRST_FOUND,
  CELL_LAST_TALK,
  CELL_LAST_URINE_TEST,
  CELL_OVERDUE,
} CellKind;

typedef struct
{
  const char *title; /* translatable, in the context "person column" */
  CellKind kind;
  JdPersonSort sort;
  int chars;
  gboolean expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { NC_ ("person column", "Name"), CELL_NAME, JD_PERSON_SORT_NAME, 4, FALSE },
  { NC_ ("person column", "Sex"), CELL_SEX, JD_PERSON_SORT_SEX, 5, FALSE },
  { NC_ ("person column", "ID Number"), CELL_ID_NUMBER, JD_PERSON_SORT_ID_NUMBER, 15, FALSE },
  { NC_ ("person column", "Village"), CELL_VILLAGE, JD_PERSON_SORT_VILLAGE, 4, FALSE },
  { NC_ ("person column", "Status"), CELL_STATUS, JD_PERSON_SORT_STATUS, 12, FALSE },
  { NC_ ("person column", "First Found"), CELL_FIRST_FOUND, JD_PERSON_SORT_FIRST_FOUND, 8, FALSE },
  { NC_ ("person column", "Last Talk"), CELL_LAST_TALK, JD_PERSON_SORT_LAST_TALK, 8, FALSE },
  { NC_ ("person column", "Last Urine Test"), CELL_LAST_URINE_TEST, JD_PERSON_SORT_LAST_URINE_TEST,
    8, FALSE },
  { NC_ ("person column", "Overdue"), CELL_OVERDUE, JD_PERSON_SORT_OVERDUE, 6, TRUE },
};

struct _JdPeoplePage
{
  JdSectionPage parent_instance;

  GtkWidget *filter_bar;
  GtkSearchEntry *search_entry;
  GtkDropDown *village_filter;
  GtkDropDown *status_filter;
  GtkToggleButton *overdue_filter;
  GtkStack *stack;
  GtkColumnView *view;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;

  JdPersonQuery *query;
  GArray *village_ids; /* gint64 by village_filter position; 0 is "all" */
  GPtrArray *statuses; /* status key by status_filter position; NULL is "all" */
  gboolean mask;
  gboolean loading; /* the filters are being filled: no queries */
};

G_DEFINE_FINAL_TYPE (JdPeoplePage, jd_people_page, JD_TYPE_SECTION_PAGE)

/* ---- cells ------------------------------------------------------------------------ */

static char *
format_day (JdDay day)
{
  return day ? jd_day_to_string (day) : g_strdup ("—");
}

/* The overdue work of a row: the kinds, "Talk · Home visit" (or in the official
 * Chinese terms, for a workbook). */
static char *
format_overdue (JdPersonRow *row, gboolean official)
{
  guint kinds = jd_person_row_get_overdue_kinds (row);
  const JdEnumValue *values = jd_enum_values (JD_ENUM_WORK_KIND, NULL);
  g_autoptr (GString) out = g_string_new (NULL);

  for (int kind = 0; kind < JD_N_WORK_KINDS; kind++)
    if (kinds & (1u << kind))
      {
        if (out->len)
          g_string_append (out, " · ");
        g_string_append (out, official ? values[kind].zh : jd_work_kind_label (kind));
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The overdue work whole (a narrow column cuts it short) and by how much:
 * "Talk · Home visit", "Overdue by up to 12 days"; made when the pointer rests
 * on the cell. */
static gboolean
overdue_tooltip_cb (
    GtkWidget *cell, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer user_data)
{
  JdPersonRow *row = gtk_list_item_get_item (GTK_LIST_ITEM (user_data));
  if (row == NULL || jd_person_row_get_overdue_kinds (row) == 0)
    return FALSE;
  int days = jd_person_row_get_overdue_days (row);
  g_autofree char *kinds = format_overdue (row, FALSE);
  g_autofree char *by = g_strdup_printf (
      ngettext ("Overdue by up to %d day", "Overdue by up to %d days", days), days);
  g_autofree char *text = g_strconcat (kinds, "\n", by, NULL);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  const ColumnInfo *info = user_data;
  GtkWidget *cell = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (cell), info->chars);
  /* Names, villages, statuses and the overdue work may be long, and show whole
   * in their tooltip; the rest are short and shown whole. */
  if (info->kind == CELL_OVERDUE)
    {
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (overdue_tooltip_cb), list_item);
    }
  else if (info->kind == CELL_NAME || info->kind == CELL_VILLAGE || info->kind == CELL_STATUS)
    {
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      jd_label_show_whole_as_tooltip (cell);
    }
  gtk_label_set_xalign (GTK_LABEL (cell), 0.0);
  if (info->kind == CELL_ID_NUMBER || info->kind >= CELL_FIRST_FOUND)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (list_item, cell);
}

static char *
format_cell (JdPeoplePage *self, const ColumnInfo *info, JdPersonRow *row)
{
  switch (info->kind)
    {
      case CELL_NAME:
        return g_strdup (jd_person_row_get_name (row));
      case CELL_SEX:
        return g_strdup (jd_enum_label (JD_ENUM_SEX, jd_person_row_get_sex (row)));
      case CELL_ID_NUMBER:
        return self->mask ? jd_mask_id_number (jd_person_row_get_id_number (row))
                          : g_strdup (jd_person_row_get_id_number (row));
      case CELL_VILLAGE:
        return g_strdup (jd_person_row_get_village_name (row));
      case CELL_STATUS:
        return g_strdup (jd_enum_label (JD_ENUM_STATUS, jd_person_row_get_status (row)));
      case CELL_FIRST_FOUND:
        return format_day (jd_person_row_get_first_found_on (row));
      case CELL_LAST_TALK:
        return format_day (jd_person_row_get_last_talk_on (row));
      case CELL_LAST_URINE_TEST:
        return format_day (jd_person_row_get_last_urine_test_on (row));
      case CELL_OVERDUE:
        return format_overdue (row, FALSE);
      default:
        g_assert_not_reached ();
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  const ColumnInfo *info = user_data;
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  JdPersonRow *row = gtk_list_item_get_item (list_item);
  JdPeoplePage *self = g_object_get_data (G_OBJECT (factory), "jd-page");

  if (row == NULL)
    {
      gtk_label_set_text (GTK_LABEL (cell), "");
      return;
    }
  g_autofree char *text = format_cell (self, info, row);
  gtk_label_set_text (GTK_LABEL (cell), text ? text : "");
  /* Its tooltip is made when asked for (overdue_tooltip_cb). */
  if (info->kind != CELL_OVERDUE)
    return;
  if (jd_person_row_get_overdue_kinds (row))
    gtk_widget_add_css_class (cell, "error");
  else
    gtk_widget_remove_css_class (cell, "error");
}

/* ---- sorting -------------------------------------------------------------------------- */

static const ColumnInfo *probed_column;

static int
probe_compare_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  probed_column = user_data;
  return GTK_ORDERING_LARGER;
}

/* ---- the query ------------------------------------------------------------------------ */

static void
show_error (JdPeoplePage *self, const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static gboolean
is_filtered (JdPeoplePage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
         || gtk_drop_down_get_selected (self->village_filter) > 0
         || gtk_drop_down_get_selected (self->status_filter) > 0
         || gtk_toggle_button_get_active (self->overdue_filter);
}

static void
show_count (JdPeoplePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->query));
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u person", "%u persons", n), n);

  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (is_filtered (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _ ("No Persons Found"));
      adw_status_page_set_description (self->empty_page,
                                       _ ("No registered person matches the search and filters."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _ ("No Persons Registered"));
      adw_status_page_set_description (
          self->empty_page, _ ("The ledger has no registered persons yet. Import the register "
                               "or add a person to fill this list."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The first sort column and its direction, asked of the view's sorter. */
static void
get_sort (JdPeoplePage *self, JdPersonSort *sort, gboolean *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->view);
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);

  probed_column = NULL;
  GtkOrdering order = gtk_sorter_compare (sorter, a, b);
  *sort = probed_column ? probed_column->sort : JD_PERSON_SORT_NAME;
  *descending = probed_column && order == GTK_ORDERING_SMALLER;
}

/* The search, the filters and the sort order on screen, into filter (its
 * strings the caller's: jd_person_filter_clear ()). */
static void
get_filter (JdPeoplePage *self, JdPersonFilter *filter)
{
  filter->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint village = gtk_drop_down_get_selected (self->village_filter);
  filter->village_id
      = village < self->village_ids->len ? g_array_index (self->village_ids, gint64, village) : 0;
  guint status = gtk_drop_down_get_selected (self->status_filter);
  filter->status = g_strdup (status < self->statuses->len ? self->statuses->pdata[status] : NULL);
  filter->overdue_only = gtk_toggle_button_get_active (self->overdue_filter);
  get_sort (self, &filter->sort, &filter->descending);
}

/* Puts the search, the filters and the sort order into the query and counts. */
static void
apply (JdPeoplePage *self, gboolean reload)
{
  g_autoptr (GError) error = NULL;

  if (self->loading || self->query == NULL)
    return;

  JdPersonFilter filter = { 0 };
  get_filter (self, &filter);
  jd_person_query_set_filter (self->query, &filter);
  jd_person_filter_clear (&filter);

  gboolean ok = reload ? jd_person_query_reload (self->query, &error)
                       : jd_person_query_refresh (self->query, &error);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  show_count (self);
}

static void
search_changed_cb (JdPeoplePage *self)
{
  apply (self, FALSE);
}

static void
stop_search_cb (JdPeoplePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_changed_cb (JdPeoplePage *self)
{
  apply (self, FALSE);
}

static void
sorter_changed_cb (JdPeoplePage *self)
{
  apply (self, FALSE);
}

static void
row_activated_cb (JdPeoplePage *self, guint position)
{
  g_autoptr (JdPersonRow) row = g_list_model_get_item (G_LIST_MODEL (self->query), position);

  if (row)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-person", "x",
                                jd_person_row_get_id (row));
}

/* Every row again: the ledger, the intervals or the mask changed. */
void
jd_people_page_reload (JdPeoplePage *self)
{
  g_return_if_fail (JD_IS_PEOPLE_PAGE (self));

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  jd_work_due_options_load (&options, jd_section_page_get_settings (JD_SECTION_PAGE (self)));
  self->mask = g_settings_get_boolean (jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                                       "mask-personal-data");
  if (self->query)
    jd_person_query_set_options (self->query, &options);
  apply (self, TRUE);
}

static void
settings_changed_cb (JdPeoplePage *self, const char *key)
{
  static const char *const keys[]
      = { "mask-personal-data",    "talk-interval-months", "urine-interval-months",
          "visit-interval-months", "urine-schedule",       NULL };
  if (g_strv_contains (keys, key))
    jd_people_page_reload (self);
}

/* ---- exporting the shown rows ------------------------------------------------------------ */

/* Masked (the preference) as the workbook is: the file leaves the office. */
static const JdColumn export_columns[] = {
  { "序号", JD_COLUMN_SERIAL },       { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "性别", JD_COLUMN_CENTER },       { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "管理村(社区)", JD_COLUMN_TEXT }, { "当前状态", JD_COLUMN_CENTER },
  { "初次发现日期", JD_COLUMN_DAY },  { "末次谈话日期", JD_COLUMN_DAY },
  { "末次尿检日期", JD_COLUMN_DAY },  { "逾期事项", JD_COLUMN_WRAP },
};

/* What the list shows, taken on the main thread for the export's own query. */
typedef struct
{
  JdPersonFilter filter;
  JdWorkDueOptions options;
} ShownRows;

static void
shown_rows_free (ShownRows *shown)
{
  jd_person_filter_clear (&shown->filter);
  g_free (shown);
}

static void
cell_text (JdCell *cell, const char *text)
{
  *cell = (JdCell){ .type = text && *text ? JD_CELL_TEXT : JD_CELL_EMPTY, .text = text };
}

static void
cell_day (JdCell *cell, JdDay day)
{
  *cell = (JdCell){ .type = day ? JD_CELL_DAY : JD_CELL_EMPTY, .day = day };
}

static gboolean
shown_rows_cb (JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  ShownRows *shown = data;
  g_autoptr (JdPersonQuery) query = jd_person_query_new (reader, &shown->options);

  jd_person_query_set_filter (query, &shown->filter);
  if (!jd_person_query_reload (query, error))
    return FALSE;

  guint n = g_list_model_get_n_items (G_LIST_MODEL (query));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdPersonRow) row = g_list_model_get_item (G_LIST_MODEL (query), i);
      if (row == NULL)
        {
          g_propagate_error (error, g_error_copy (jd_person_query_get_error (query)));
          return FALSE;
        }
      g_autofree char *overdue = format_overdue (row, TRUE);
      JdCell cells[G_N_ELEMENTS (export_columns)];
      cells[0] = (JdCell){ .type = JD_CELL_COUNT, .number = i + 1 };
      cell_text (&cells[1], jd_person_row_get_name (row));
      cell_text (&cells[2], jd_enum_zh (JD_ENUM_SEX, jd_person_row_get_sex (row)));
      cell_text (&cells[3], jd_person_row_get_id_number (row));
      cell_text (&cells[4], jd_person_row_get_village_name (row));
      cell_text (&cells[5], jd_enum_zh (JD_ENUM_STATUS, jd_person_row_get_status (row)));
      cell_day (&cells[6], jd_person_row_get_first_found_on (row));
      cell_day (&cells[7], jd_person_row_get_last_talk_on (row));
      cell_day (&cells[8], jd_person_row_get_last_urine_test_on (row));
      cell_text (&cells[9], overdue);
      if (!func (cells, G_N_ELEMENTS (cells), func_data, error))
        return FALSE;
    }
  return TRUE;
}

static const JdListExport people_export = {
  "吸毒人员名单",
  export_columns,
  G_N_ELEMENTS (export_columns),
  shown_rows_cb,
};

/* What the list shows: its search, filters and order on screen. */
static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdPeoplePage *self = JD_PEOPLE_PAGE (page);
  ShownRows *shown = g_new0 (ShownRows, 1);
  get_filter (self, &shown->filter);
  jd_work_due_options_init (&shown->options);
  jd_work_due_options_load (&shown->options, jd_section_page_get_settings (page));
  *mask = self->mask;
  *data = shown;
  *data_free = (GDestroyNotify)shown_rows_free;
  return &people_export;
}

/* Exports the rows shown, with the search, filters and order on screen, into path
 * (NULL: ask where). */
void
jd_people_page_export (JdPeoplePage *self, const char *path)
{
  g_return_if_fail (JD_IS_PEOPLE_PAGE (self));
  jd_section_page_export (JD_SECTION_PAGE (self), path);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_people_page_export (JD_PEOPLE_PAGE (widget), NULL);
}

/* ---- building ------------------------------------------------------------------------- */

static void
add_columns (JdPeoplePage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "jd-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer)&columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer)&columns[i]);

      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "person column", columns[i].title), factory);
      g_autoptr (GtkSorter) sorter
          = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, (gpointer)&columns[i], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->view, column);
    }
}

static void
fill_filters (JdPeoplePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) villages = gtk_string_list_new (NULL);
  g_autoptr (GListStore) store
      = jd_village_list_load (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), &error);
  gint64 all = 0;

  gtk_string_list_append (villages, _ ("All Villages"));
  g_array_append_val (self->village_ids, all);
  for (guint i = 0; store && i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (JdVillageItem) village = g_list_model_get_item (G_LIST_MODEL (store), i);
      gint64 id = jd_village_item_get_id (village);
      gtk_string_list_append (villages, jd_village_item_get_name (village));
      g_array_append_val (self->village_ids, id);
    }
  gtk_drop_down_set_model (self->village_filter, G_LIST_MODEL (villages));

  g_autoptr (GtkStringList) statuses = gtk_string_list_new (NULL);
  guint n_values;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_STATUS, &n_values);
  gtk_string_list_append (statuses, _ ("All Statuses"));
  g_ptr_array_add (self->statuses, NULL);
  for (guint i = 0; i < n_values; i++)
    {
      gtk_string_list_append (statuses, jd_enum_label (JD_ENUM_STATUS, values[i].key));
      g_ptr_array_add (self->statuses, g_strdup (values[i].key));
    }
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));

  if (store == NULL)
    g_warning ("The village filter is empty: %s", error->message);
}

GListModel *
jd_people_page_get_model (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return G_LIST_MODEL (self->query);
}

GtkColumnView *
jd_people_page_get_view (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return self->view;
}

GtkSearchEntry *
jd_people_page_get_search_entry (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return self->search_entry;
}

GtkDropDown *
jd_people_page_get_village_filter (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return self->village_filter;
}

GtkDropDown *
jd_people_page_get_status_filter (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return self->status_filter;
}

GtkToggleButton *
jd_people_page_get_overdue_filter (JdPeoplePage *self)
{
  g_return_val_if_fail (JD_IS_PEOPLE_PAGE (self), NULL);
  return self->overdue_filter;
}

static void
jd_people_page_dispose (GObject *object)
{
  JdPeoplePage *self = JD_PEOPLE_PAGE (object);

  if (self->view)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_PEOPLE_PAGE);
  g_clear_object (&self->query);

  G_OBJECT_CLASS (jd_people_page_parent_class)->dispose (object);
}

static void
jd_people_page_finalize (GObject *object)
{
  JdPeoplePage *self = JD_PEOPLE_PAGE (object);

  g_array_unref (self->village_ids);
  g_ptr_array_unref (self->statuses);

  G_OBJECT_CLASS (jd_people_page_parent_class)->finalize (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_people_page_reload (JD_PEOPLE_PAGE (page));
}

static void
jd_people_page_class_init (JdPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_people_page_dispose;
  object_class->finalize = jd_people_page_finalize;
  /* The subtitle: the number of persons shown, under the section's title. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, village_filter);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, overdue_filter);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, view);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JdPeoplePage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "people.export", NULL, export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "people.export",
                                       NULL);
}

static void
jd_people_page_init (JdPeoplePage *self)
{
  self->loading = TRUE;
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->statuses = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

GtkWidget *
jd_people_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdPeoplePage *self = g_object_new (JD_TYPE_PEOPLE_PAGE, "ledger", ledger, NULL);
  fill_filters (self);

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  jd_work_due_options_load (&options, jd_section_page_get_settings (JD_SECTION_PAGE (self)));
  self->mask = g_settings_get_boolean (jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                                       "mask-personal-data");
  self->query = jd_person_query_new (ledger, &options);

  GtkSingleSelection *selection
      = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->query)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  GListModel *view_columns = gtk_column_view_get_columns (self->view);
  g_autoptr (GtkColumnViewColumn) name_column = g_list_model_get_item (view_columns, 0);
  gtk_column_view_sort_by_column (self->view, name_column, GTK_SORT_ASCENDING);

  g_signal_connect_swapped (jd_section_page_get_settings (JD_SECTION_PAGE (self)), "changed",
                            G_CALLBACK (settings_changed_cb), self);
  self->loading = FALSE;
  apply (self, TRUE);
  return GTK_WIDGET (self);
}
