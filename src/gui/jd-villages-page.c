/* jd-villages-page.c: the villages section (村居)
 *
 * An AdwViewStack whose first view is the villages: a GtkColumnView over
 * jd_village_list_load () — every village and community, retired ones too
 * (with their date), sortable by any column; a township has 5–40 villages and a
 * city 300, so the whole list is loaded at once — and, on activating a row, the
 * village's own page (JdVillagePage). Other views of the section (letters,
 * staff) come in through jd_villages_page_add_view (); the view switcher shows
 * once there is more than one.
 */
#include "config.h"

#include "jd-villages-page.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-export-task.h"
#include "jd-title.h"
#include "jd-village-detail.h"
#include "jd-village-list.h"
#include "jd-register-page.h"
#include "jd-village-page.h"

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
  CELL_KIND,
  CELL_YES_NO,
  CELL_DATE,
} CellKind;

typedef struct
{
  const char *title;    /* translatable, in the context "village column" */
  const char *property; /* of JdVillageItem */
  CellKind kind;
  int chars; /* the narrowest it gets, in average characters */
  gboolean expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { NC_ ("village column", "Code"), "code", CELL_TEXT, 4, FALSE },
  { NC_ ("village column", "Name"), "name", CELL_TEXT, 6, TRUE },
  { NC_ ("village column", "Kind"), "kind", CELL_KIND, 4, FALSE },
  { NC_ ("village column", "Residents"), "resident-population", CELL_NUMBER, 5, FALSE },
  { NC_ ("village column", "Grids"), "grid-count", CELL_NUMBER, 3, FALSE },
  { NC_ ("village column", "Secretary"), "secretary", CELL_TEXT, 4, FALSE },
  { NC_ ("village column", "Education Site"), "education-site", CELL_YES_NO, 3, FALSE },
  { NC_ ("village column", "Retired On"), "retired-on", CELL_DATE, 10, FALSE },
};

struct _JdVillagesPage
{
  JdSectionPage parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *view_stack;
  AdwViewSwitcherBar *switcher_bar;
  GtkStack *stack;
  GtkColumnView *view;
  AdwStatusPage *error_page;
  GtkLabel *village_title;
  AdwBin *village_bin;

  GHashTable *stages; /* village id → JdTitleStage today */

  GtkSortListModel *model;
};

G_DEFINE_FINAL_TYPE (JdVillagesPage, jd_villages_page, JD_TYPE_SECTION_PAGE)

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  const ColumnInfo *info = user_data;
  /* Labels rather than inscriptions: a label is as tall as the Chinese
   * fallback font needs, where an inscription is as tall as the Latin one. */
  GtkWidget *cell = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (cell), info->chars);
  gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (cell), info->kind == CELL_NUMBER ? 1.0 : 0.0);
  gtk_list_item_set_child (list_item, cell);
}

static char *
format_cell (const ColumnInfo *info, GObject *item)
{
  g_auto (GValue) value = G_VALUE_INIT;

  g_object_get_property (item, info->property, &value);
  switch (info->kind)
    {
      case CELL_TEXT:
        return g_value_dup_string (&value);
      case CELL_NUMBER:
        return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      case CELL_KIND:
        return g_strdup (jd_enum_label (JD_ENUM_VILLAGE_KIND, g_value_get_string (&value)));
      case CELL_YES_NO:
        return g_strdup (g_value_get_boolean (&value) ? _ ("Yes") : _ ("No"));
      case CELL_DATE:
        return g_value_get_uint (&value) ? jd_day_to_string (g_value_get_uint (&value)) : NULL;
      default:
        g_assert_not_reached ();
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_autofree char *text = format_cell (user_data, gtk_list_item_get_item (list_item));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text ? text : "");
}

static GtkSorter *
create_sorter (const ColumnInfo *info)
{
  GtkExpression *expression
      = gtk_property_expression_new (JD_TYPE_VILLAGE_ITEM, NULL, info->property);
  switch (info->kind)
    {
      case CELL_TEXT:
      case CELL_KIND:
        return GTK_SORTER (gtk_string_sorter_new (expression));
      default:
        return GTK_SORTER (gtk_numeric_sorter_new (expression));
    }
}

static void
add_columns (JdVillagesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer)&columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer)&columns[i]);

      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "village column", columns[i].title), factory);
      g_autoptr (GtkSorter) sorter = create_sorter (&columns[i]);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->view, column);
    }
}

/* ---- the title column: each village's stage, walked from its events ---------------- */

static JdTitleStage
get_stage (JdVillagesPage *self, JdVillageItem *item)
{
  gint64 id = jd_village_item_get_id (item);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->stages, &id));
}

static void
bind_stage_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, JdVillagesPage *self)
{
  JdTitleStage stage = get_stage (self, gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gtk_label_set_text (GTK_LABEL (label), jd_title_stage_label (stage));
  if (stage == JD_TITLE_STAGE_YELLOW_CARD || stage == JD_TITLE_STAGE_REVOKED)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static int
compare_stage_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  JdVillagesPage *self = user_data;
  int sa = get_stage (self, (gpointer)a), sb = get_stage (self, (gpointer)b);
  return sa < sb ? GTK_ORDERING_SMALLER : sa > sb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_stage_column (JdVillagesPage *self)
{
  static const ColumnInfo info = { NULL, NULL, CELL_TEXT, 8, FALSE };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer)&info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_stage_cb), self);
  g_autoptr (GtkColumnViewColumn) column
      = gtk_column_view_column_new (C_ ("village column", "Title"), factory);
  g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_stage_cb, self, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->view, column);
}

/* ---- printing the list as shown (docs/contract.md §7b): Chinese headers, the order on screen */

static const JdColumn print_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "代码", JD_COLUMN_CENTER },
  { "村(社区)", JD_COLUMN_TEXT },
  { "类型", JD_COLUMN_CENTER },
  { "常住人口", JD_COLUMN_COUNT },
  { "网格数", JD_COLUMN_COUNT },
  { "书记", JD_COLUMN_NAME, JD_MASK_NAME },
  { "教育阵地", JD_COLUMN_CENTER },
  { "撤销日期", JD_COLUMN_DAY },
  { "创建阶段", JD_COLUMN_CENTER },
};

static const JdListExport villages_print
    = { "村居名单", print_columns, G_N_ELEMENTS (print_columns), jd_list_text_rows };

static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (page);
  GPtrArray *rows = jd_list_text_rows_new ();
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
      JdDay retired = jd_village_item_get_retired_on (item);
      const char *secretary = jd_village_item_get_secretary (item);
      char *cells[] = {
        g_strdup_printf ("%u", i + 1),
        g_strdup (jd_village_item_get_code (item)),
        g_strdup (jd_village_item_get_name (item)),
        g_strdup (jd_enum_zh (JD_ENUM_VILLAGE_KIND, jd_village_item_get_kind (item))),
        g_strdup_printf ("%" G_GINT64_FORMAT, jd_village_item_get_resident_population (item)),
        g_strdup_printf ("%" G_GINT64_FORMAT, jd_village_item_get_grid_count (item)),
        g_strdup (secretary ? secretary : ""),
        g_strdup (jd_village_item_get_education_site (item) ? "有" : "无"),
        retired ? jd_day_to_string (retired) : g_strdup (""),
        g_strdup (jd_title_stage_zh (get_stage (self, item))),
        NULL,
      };
      g_ptr_array_add (rows, g_strdupv (cells));
      for (guint c = 0; cells[c]; c++)
        g_free (cells[c]);
    }
  /* The secretary's name masked on paper when lists mask personal data. */
  *mask = g_settings_get_boolean (jd_section_page_get_settings (page), "mask-personal-data");
  *data = rows;
  *data_free = (GDestroyNotify)g_ptr_array_unref;
  return &villages_print;
}

/* A few indexed rows per village: 300 villages take a few milliseconds. */
static void
load_stages (JdVillagesPage *self, GListModel *villages)
{
  g_hash_table_remove_all (self->stages);
  for (guint i = 0; i < g_list_model_get_n_items (villages); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (villages, i);
      JdTitleState state;
      g_autoptr (GPtrArray) events
          = jd_village_load_title_events (jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                                          jd_village_item_get_id (item), &state, NULL);
      gint64 *id = g_new (gint64, 1);
      *id = jd_village_item_get_id (item);
      g_hash_table_insert (self->stages, id,
                           GINT_TO_POINTER (events ? state.stage : JD_TITLE_STAGE_NONE));
    }
}

static void
load (JdVillagesPage *self, JdLedger *ledger)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) store = jd_village_list_load (ledger, &error);
  gboolean showing_village
      = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "village") == 0;

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  load_stages (self, G_LIST_MODEL (store));
  g_clear_object (&self->model);
  self->model = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&store)),
                                         g_object_ref (gtk_column_view_get_sorter (self->view)));
  GtkSingleSelection *selection
      = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  GListModel *view_columns = gtk_column_view_get_columns (self->view);
  g_autoptr (GtkColumnViewColumn) code_column = g_list_model_get_item (view_columns, 0);
  gtk_column_view_sort_by_column (self->view, code_column, GTK_SORT_ASCENDING);

  if (!showing_village)
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u village", "%u villages", n), n);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
}

/* ---- the village page ------------------------------------------------------------ */

JdVillagePage *
jd_villages_page_get_village_page (JdVillagesPage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGES_PAGE (self), NULL);
  GtkWidget *child = adw_bin_get_child (self->village_bin);
  return child ? JD_VILLAGE_PAGE (child) : NULL;
}

void
jd_villages_page_open_village (JdVillagesPage *self, gint64 village_id)
{
  g_return_if_fail (JD_IS_VILLAGES_PAGE (self));

  for (guint i = 0; self->model && i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
      if (jd_village_item_get_id (item) != village_id)
        continue;
      g_autofree char *title = g_strdup_printf ("%s %s", jd_village_item_get_code (item),
                                                jd_village_item_get_name (item));
      gtk_label_set_text (self->village_title, title);
      adw_bin_set_child (
          self->village_bin,
          jd_village_page_new (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), village_id));
      adw_view_stack_set_visible_child_name (self->view_stack, "villages");
      gtk_stack_set_visible_child_name (self->stack, "village");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "villages.back", TRUE);
      return;
    }
}

static void
row_activated_cb (JdVillagesPage *self, guint position)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->view);
  g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (selection), position);
  if (item)
    jd_villages_page_open_village (self, jd_village_item_get_id (item));
}

static void
close_village (JdVillagesPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
  adw_bin_set_child (self->village_bin, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "villages.back", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
discard_response_cb (AdwMessageDialog *dialog, const char *response, JdVillagesPage *self)
{
  if (g_str_equal (response, "discard"))
    close_village (self);
}

/* villages.back: to the list; changes not saved are discarded only when the user says so. */
static void
back_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (widget);
  JdVillagePage *page = jd_villages_page_get_village_page (self);

  if (page == NULL)
    return;
  if (!jd_village_page_get_dirty (page))
    {
      close_village (self);
      return;
    }
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog = jd_ask_question (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Discard the Changes?"),
      _ ("The village record has changes that are not saved."), _ ("_Keep Editing"), "discard",
      _ ("_Discard"), ADW_RESPONSE_DESTRUCTIVE, NULL, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
}

/* The ledger announced a change; the village shown follows it on its own. */
static void
reload_cb (JdSectionPage *page)
{
  load (JD_VILLAGES_PAGE (page), jd_section_page_get_ledger (page));
}

static void
update_switcher (JdVillagesPage *self)
{
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));
  gboolean several = g_list_model_get_n_items (pages) > 1;
  g_object_unref (pages);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), several);
  adw_view_switcher_bar_set_reveal (
      self->switcher_bar,
      several && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* The one way to add a view to the section (e.g. 责任书 letters, 工作人员 staff):
 * it gets a button in the view switcher, which shows once there are two views. */
void
jd_villages_page_add_view (JdVillagesPage *self,
                           const char *name,
                           const char *title,
                           const char *icon_name,
                           GtkWidget *view)
{
  g_return_if_fail (JD_IS_VILLAGES_PAGE (self));
  g_return_if_fail (name != NULL && title != NULL && GTK_IS_WIDGET (view));

  AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, view, name, title);
  if (icon_name)
    adw_view_stack_page_set_icon_name (page, icon_name);
  update_switcher (self);
}

GListModel *
jd_villages_page_get_model (JdVillagesPage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGES_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkColumnView *
jd_villages_page_get_view (JdVillagesPage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGES_PAGE (self), NULL);
  return self->view;
}

static void
jd_villages_page_dispose (GObject *object)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (object);

  /* Clears the bound fields; children without an id are unparented here. */
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_VILLAGES_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jd_villages_page_parent_class)->dispose (object);
}

static void
jd_villages_page_finalize (GObject *object)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (object);

  g_hash_table_unref (self->stages);

  G_OBJECT_CLASS (jd_villages_page_parent_class)->finalize (object);
}

static void
jd_villages_page_class_init (JdVillagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_villages_page_dispose;
  object_class->finalize = jd_villages_page_finalize;
  /* The subtitle: the number of villages. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-villages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, view);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, village_title);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, village_bin);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "villages.back", NULL, back_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "villages.back",
                                       NULL);
}

static void
jd_villages_page_init (JdVillagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  add_columns (self);
  add_stage_column (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "villages.back", FALSE);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_switcher), self);
}

GtkWidget *
jd_villages_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdVillagesPage *self = g_object_new (JD_TYPE_VILLAGES_PAGE, "ledger", ledger, NULL);
  load (self, ledger);
  /* The registers kept village by village: letters and the staff roster. */
  jd_villages_page_add_view (self, "letters", _ ("Letters"), "document-edit-symbolic",
                             jd_letters_page_new (ledger));
  jd_villages_page_add_view (self, "staff", _ ("Staff"), "system-users-symbolic",
                             jd_staff_page_new (ledger));
  return GTK_WIDGET (self);
}
