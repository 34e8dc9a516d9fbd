/* jd-assessments-page.c: the assessments section (考核)
 *
 * A township overview: every village not retired in the year against the ten
 * standards (jd_readiness_compute ()), one coloured cell per standard, with the
 * count of standards met, the title stage and whether the village can apply,
 * sortable by any column. At city scale (300 villages) the readiness takes
 * longer than a frame, so the core computes it on a thread and a connection of
 * its own (jd_readiness_compute_async ()) and it is shown when it returns. Activating a row (or
 * Ctrl+E) opens the village's assessment for the year (JdAssessmentDialog).
 */
#include "config.h"

#include "jd-assessments-page.h"

#include <glib/gi18n-lib.h>

#include "jd-assessment-dialog.h"
#include "jd-date.h"
#include "jd-export-task.h"
#include "jd-ledger-async.h"
#include "jd-mask.h"
#include "jd-readiness.h"
#include "jd-title.h"
#include "jd-village-detail.h"

/* ---- one row: a village's readiness ------------------------------------------------ */

#define JD_TYPE_READINESS_ROW (jd_readiness_row_get_type ())
G_DECLARE_FINAL_TYPE (JdReadinessRow, jd_readiness_row, JD, READINESS_ROW, GObject)

struct _JdReadinessRow
{
  GObject parent_instance;
  JdVillageReadiness *readiness;
  JdTitleStage stage;
  gboolean can_apply;
  int met, not_met, manual;
};

G_DEFINE_FINAL_TYPE (JdReadinessRow, jd_readiness_row, G_TYPE_OBJECT)

enum
{
  ROW_PROP_0,
  ROW_PROP_CODE,
  ROW_PROP_NAME,
  ROW_PROP_MET,
  ROW_PROP_NOT_MET,
  ROW_PROP_MANUAL,
  ROW_PROP_STAGE,
  ROW_PROP_CAN_APPLY,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
jd_readiness_row_finalize (GObject *object)
{
  g_clear_pointer (&JD_READINESS_ROW (object)->readiness, jd_village_readiness_free);
  G_OBJECT_CLASS (jd_readiness_row_parent_class)->finalize (object);
}

static void
jd_readiness_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdReadinessRow *self = JD_READINESS_ROW (object);
  switch (prop_id)
    {
      case ROW_PROP_CODE:
        g_value_set_string (value, self->readiness->code);
        break;
      case ROW_PROP_NAME:
        g_value_set_string (value, self->readiness->name);
        break;
      case ROW_PROP_MET:
        g_value_set_int (value, self->met);
        break;
      case ROW_PROP_NOT_MET:
        g_value_set_int (value, self->not_met);
        break;
      case ROW_PROP_MANUAL:
        g_value_set_int (value, self->manual);
        break;
      case ROW_PROP_STAGE:
        g_value_set_int (value, self->stage);
        break;
      case ROW_PROP_CAN_APPLY:
        g_value_set_boolean (value, self->can_apply);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_readiness_row_class_init (JdReadinessRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->finalize = jd_readiness_row_finalize;
  object_class->get_property = jd_readiness_row_get_property;
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  row_properties[ROW_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_MET] = g_param_spec_int ("met", NULL, NULL, 0, 10, 0, flags);
  row_properties[ROW_PROP_NOT_MET] = g_param_spec_int ("not-met", NULL, NULL, 0, 10, 0, flags);
  row_properties[ROW_PROP_MANUAL] = g_param_spec_int ("manual", NULL, NULL, 0, 10, 0, flags);
  row_properties[ROW_PROP_STAGE] = g_param_spec_int ("stage", NULL, NULL, 0, 100, 0, flags);
  row_properties[ROW_PROP_CAN_APPLY] = g_param_spec_boolean ("can-apply", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
jd_readiness_row_init (JdReadinessRow *self)
{
}

/* ---- the rows of what the core computed ------------------------------------------------ */

/* One row per village, from jd_readiness_compute_finish (): its readiness
 * (taken from villages) and its title state. */
static GListStore *
rows_new (GPtrArray *villages, GArray *titles)
{
  GListStore *store = g_list_store_new (JD_TYPE_READINESS_ROW);
  for (guint i = 0; i < villages->len; i++)
    {
      g_autoptr (JdReadinessRow) row = g_object_new (JD_TYPE_READINESS_ROW, NULL);
      row->readiness = g_steal_pointer (&g_ptr_array_index (villages, i));
      for (int k = 0; k < JD_N_STANDARDS; k++)
        {
          JdFinding met = row->readiness->standards[k].met;
          row->met += met == JD_FINDING_MET;
          row->not_met += met == JD_FINDING_NOT_MET;
          row->manual += met == JD_FINDING_MANUAL;
        }
      const JdTitleState *state = &g_array_index (titles, JdTitleState, i);
      row->stage = state->stage;
      row->can_apply = row->not_met == 0 && jd_title_allows (state, "applied");
      g_list_store_append (store, row);
    }
  return store;
}

/* ---- the page ------------------------------------------------------------------------ */

struct _JdAssessmentsPage
{
  JdSectionPage parent_instance;

  GtkSpinButton *year_spin;
  GtkLabel *summary;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkColumnView *view;
  AdwStatusPage *error_page;

  GCancellable *cancellable;
  GtkSortListModel *model;
  GtkSingleSelection *selection;
  int year;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (JdAssessmentsPage, jd_assessments_page, JD_TYPE_SECTION_PAGE)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) titles = NULL;
  g_autoptr (GPtrArray) villages = jd_readiness_compute_finish (result, &titles, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  JdAssessmentsPage *self = JD_ASSESSMENTS_PAGE (user_data);
  gtk_spinner_stop (self->spinner);
  self->loading = FALSE;
  if (villages == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }
  g_autoptr (GListStore) store = rows_new (villages, titles);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint can_apply = 0, titled = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdReadinessRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);
      can_apply += row->can_apply;
      titled += row->stage == JD_TITLE_STAGE_NAMED || row->stage == JD_TITLE_STAGE_YELLOW_CARD;
    }
  gtk_sort_list_model_set_model (self->model, G_LIST_MODEL (store));
  g_autofree char *summary = g_strdup_printf (
      _ ("%u villages: %u hold the title, %u meet every automatic standard and can apply"), n,
      titled, can_apply);
  gtk_label_set_text (self->summary, summary);
  gtk_stack_set_visible_child_name (self->stack, n ? "table" : "empty");
  g_autofree char *subtitle = g_strdup_printf (_ ("Readiness in %d"), self->year);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
jd_assessments_page_reload (JdAssessmentsPage *self)
{
  g_return_if_fail (JD_IS_ASSESSMENTS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "table") != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }

  jd_readiness_compute_async (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), self->year, 0,
                              self->cancellable, load_done_cb, self);
}

static void
year_changed_cb (JdAssessmentsPage *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  if (year != self->year && jd_section_page_get_ledger (JD_SECTION_PAGE (self)))
    {
      self->year = year;
      jd_assessments_page_reload (self);
    }
}

void
jd_assessments_page_set_year (JdAssessmentsPage *self, int year)
{
  g_return_if_fail (JD_IS_ASSESSMENTS_PAGE (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

static JdReadinessRow *
get_row (JdAssessmentsPage *self, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->model), position);
}

int
jd_assessments_page_get_finding (JdAssessmentsPage *self, guint position, int no)
{
  g_return_val_if_fail (JD_IS_ASSESSMENTS_PAGE (self), -1);
  g_return_val_if_fail (no >= 1 && no <= JD_N_STANDARDS, -1);
  g_autoptr (JdReadinessRow) row = get_row (self, position);
  g_return_val_if_fail (row != NULL, -1);
  return row->readiness->standards[no - 1].met;
}

static void
open_assessment (JdAssessmentsPage *self, guint position)
{
  g_autoptr (JdReadinessRow) row = get_row (self, position);
  if (row == NULL)
    return;
  GtkWidget *dialog = jd_assessment_dialog_new (jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                                                row->readiness->village_id, self->year);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (JdAssessmentsPage *self, guint position)
{
  open_assessment (self, position);
}

static void
assess_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdAssessmentsPage *self = JD_ASSESSMENTS_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    open_assessment (self, position);
}

static void
selection_changed_cb (JdAssessmentsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.assess",
                                 gtk_single_selection_get_selected (self->selection)
                                     != GTK_INVALID_LIST_POSITION);
}

/* ---- columns -------------------------------------------------------------------------- */

static void
setup_label_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 0.5 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

typedef enum
{
  TEXT_CODE,
  TEXT_NAME,
  TEXT_MET,
  TEXT_STAGE,
  TEXT_CAN_APPLY,
} TextColumn;

static void
bind_text_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  JdReadinessRow *row = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;
  switch (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "jd-column")))
    {
      case TEXT_CODE:
        text = g_strdup (row->readiness->code);
        break;
      case TEXT_NAME:
        text = g_strdup (row->readiness->name);
        break;
      case TEXT_MET:
        /* TRANSLATORS: standards met out of ten, in the overview */
        text = g_strdup_printf (_ ("%d / 10"), row->met);
        break;
      case TEXT_STAGE:
        text = g_strdup (jd_title_stage_label (row->stage));
        break;
      case TEXT_CAN_APPLY:
        text = g_strdup (row->can_apply ? _ ("Yes") : "");
        break;
      default:
        g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
}

/* The evidence shows as a tooltip, made when asked for: masking the ID numbers
 * of 200 rows × 10 cells up front would hold the window for a third of a second
 * at city scale. */
static gboolean
query_standard_tooltip_cb (
    GtkWidget *label, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer user_data)
{
  int no = GPOINTER_TO_INT (user_data);
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "jd-list-item");
  JdReadinessRow *row = list_item ? gtk_list_item_get_item (list_item) : NULL;
  if (row == NULL)
    return FALSE;
  const JdStandardFinding *finding = &row->readiness->standards[no - 1];
  const char *verdict = finding->met == JD_FINDING_MET       ? _ ("Met")
                        : finding->met == JD_FINDING_NOT_MET ? _ ("Not met")
                                                             : _ ("To be confirmed");
  g_autofree char *evidence = jd_mask_text (finding->evidence);
  g_autofree char *text = g_strdup_printf ("%d. %s: %s\n%s", no, jd_standard_title (no), verdict,
                                           evidence ? evidence : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_standard_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  setup_label_cb (factory, list_item, GINT_TO_POINTER (TRUE));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_object_set_data (G_OBJECT (label), "jd-list-item", list_item);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_standard_tooltip_cb), user_data);
}

static void
bind_standard_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  int no = GPOINTER_TO_INT (user_data);
  JdReadinessRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const JdStandardFinding *finding = &row->readiness->standards[no - 1];

  gtk_widget_remove_css_class (label, "met");
  gtk_widget_remove_css_class (label, "not-met");
  gtk_widget_remove_css_class (label, "manual");
  gtk_widget_add_css_class (label, "readiness-cell");
  gtk_widget_add_css_class (label, finding->met == JD_FINDING_MET       ? "met"
                                   : finding->met == JD_FINDING_NOT_MET ? "not-met"
                                                                        : "manual");
  /* A sign as well as a colour, for those who cannot tell the colours apart. */
  gtk_label_set_text (GTK_LABEL (label), finding->met == JD_FINDING_MET       ? "✓"
                                         : finding->met == JD_FINDING_NOT_MET ? "✗"
                                                                              : "?");
  const char *verdict = finding->met == JD_FINDING_MET       ? _ ("Met")
                        : finding->met == JD_FINDING_NOT_MET ? _ ("Not met")
                                                             : _ ("To be confirmed");
  g_autofree char *accessible = g_strdup_printf ("%d. %s: %s", no, jd_standard_title (no), verdict);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static int
compare_standard_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  int no = GPOINTER_TO_INT (user_data);
  /* Ascending: not met, to be confirmed, met; descending puts met first. */
  static const int rank[] = { [0] = 1, [1] = 0, [2] = 2 }; /* indexed by finding + 1 */
  int ra = rank[JD_READINESS_ROW ((gpointer)a)->readiness->standards[no - 1].met + 1];
  int rb = rank[JD_READINESS_ROW ((gpointer)b)->readiness->standards[no - 1].met + 1];
  return ra < rb ? GTK_ORDERING_SMALLER : ra > rb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
append_column (JdAssessmentsPage *self,
               const char *title,
               GtkListItemFactory *factory,
               GtkSorter *sorter,
               gboolean expand)
{
  g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->view, column);
  g_clear_object (&sorter);
}

static GtkListItemFactory *
text_factory (TextColumn which, gboolean centred)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "jd-column", GINT_TO_POINTER (which));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (centred));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cb), NULL);
  return factory;
}

static void
add_columns (JdAssessmentsPage *self)
{
  append_column (self, C_ ("readiness column", "Code"), text_factory (TEXT_CODE, FALSE),
                 GTK_SORTER (gtk_string_sorter_new (
                     gtk_property_expression_new (JD_TYPE_READINESS_ROW, NULL, "code"))),
                 FALSE);
  append_column (self, C_ ("readiness column", "Name"), text_factory (TEXT_NAME, FALSE),
                 GTK_SORTER (gtk_string_sorter_new (
                     gtk_property_expression_new (JD_TYPE_READINESS_ROW, NULL, "name"))),
                 TRUE);
  append_column (self, C_ ("readiness column", "Met"), text_factory (TEXT_MET, TRUE),
                 GTK_SORTER (gtk_numeric_sorter_new (
                     gtk_property_expression_new (JD_TYPE_READINESS_ROW, NULL, "met"))),
                 FALSE);
  for (int no = 1; no <= JD_N_STANDARDS; no++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_standard_cb), GINT_TO_POINTER (no));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_standard_cb), GINT_TO_POINTER (no));
      g_autofree char *title = g_strdup_printf ("%d", no);
      append_column (
          self, title, factory,
          GTK_SORTER (gtk_custom_sorter_new (compare_standard_cb, GINT_TO_POINTER (no), NULL)),
          FALSE);
    }
  append_column (self, C_ ("readiness column", "Title Stage"), text_factory (TEXT_STAGE, FALSE),
                 GTK_SORTER (gtk_numeric_sorter_new (
                     gtk_property_expression_new (JD_TYPE_READINESS_ROW, NULL, "stage"))),
                 FALSE);
  append_column (self, C_ ("readiness column", "Can Apply"), text_factory (TEXT_CAN_APPLY, TRUE),
                 GTK_SORTER (gtk_numeric_sorter_new (
                     gtk_property_expression_new (JD_TYPE_READINESS_ROW, NULL, "can-apply"))),
                 FALSE);
}

/* ---- printing what the overview shows ------------------------------------------------ */

/* Chinese, as the office's forms are, whatever the interface language. */
static const JdColumn print_columns[] = {
  { "序号", JD_COLUMN_SERIAL },     { "代码", JD_COLUMN_CENTER },
  { "村(社区)", JD_COLUMN_TEXT },   { "达标项数", JD_COLUMN_CENTER },
  { "标准一", JD_COLUMN_CENTER },   { "标准二", JD_COLUMN_CENTER },
  { "标准三", JD_COLUMN_CENTER },   { "标准四", JD_COLUMN_CENTER },
  { "标准五", JD_COLUMN_CENTER },   { "标准六", JD_COLUMN_CENTER },
  { "标准七", JD_COLUMN_CENTER },   { "标准八", JD_COLUMN_CENTER },
  { "标准九", JD_COLUMN_CENTER },   { "标准十", JD_COLUMN_CENTER },
  { "创建阶段", JD_COLUMN_CENTER }, { "可否申报", JD_COLUMN_CENTER },
};

static const JdListExport readiness_print = {
  "无毒村居创建达标情况",
  print_columns,
  G_N_ELEMENTS (print_columns),
  jd_list_text_rows,
};

/* The rows in the order on screen, taken now: the readiness is the page's own. */
static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdAssessmentsPage *self = JD_ASSESSMENTS_PAGE (page);
  GPtrArray *rows = jd_list_text_rows_new ();
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  G_STATIC_ASSERT (G_N_ELEMENTS (print_columns) == 6 + JD_N_STANDARDS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdReadinessRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), i);
      char **cells = g_new0 (char *, G_N_ELEMENTS (print_columns) + 1);
      cells[0] = g_strdup_printf ("%u", i + 1);
      cells[1] = g_strdup (row->readiness->code);
      cells[2] = g_strdup (row->readiness->name);
      cells[3] = g_strdup_printf ("%d", row->met);
      for (int no = 1; no <= JD_N_STANDARDS; no++)
        {
          JdFinding met = row->readiness->standards[no - 1].met;
          cells[3 + no] = g_strdup (met == JD_FINDING_MET       ? "达标"
                                    : met == JD_FINDING_NOT_MET ? "未达标"
                                                                : "待核实");
        }
      cells[4 + JD_N_STANDARDS] = g_strdup (jd_title_stage_zh (row->stage));
      cells[5 + JD_N_STANDARDS] = g_strdup (row->can_apply ? "是" : "否");
      g_ptr_array_add (rows, cells);
    }
  *mask = FALSE;
  *data = rows;
  *data_free = (GDestroyNotify)g_ptr_array_unref;
  return &readiness_print;
}

/* ---- life ------------------------------------------------------------------------------ */

static void
reload_cb (JdSectionPage *page)
{
  jd_assessments_page_reload (JD_ASSESSMENTS_PAGE (page));
}

GListModel *
jd_assessments_page_get_model (JdAssessmentsPage *self)
{
  g_return_val_if_fail (JD_IS_ASSESSMENTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkColumnView *
jd_assessments_page_get_view (JdAssessmentsPage *self)
{
  g_return_val_if_fail (JD_IS_ASSESSMENTS_PAGE (self), NULL);
  return self->view;
}

gboolean
jd_assessments_page_get_loading (JdAssessmentsPage *self)
{
  g_return_val_if_fail (JD_IS_ASSESSMENTS_PAGE (self), FALSE);
  return self->loading;
}

static void
jd_assessments_page_dispose (GObject *object)
{
  JdAssessmentsPage *self = JD_ASSESSMENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jd_assessments_page_parent_class)->dispose (object);
}

static void
jd_assessments_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdAssessmentsPage *self = JD_ASSESSMENTS_PAGE (object);
  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_assessments_page_class_init (JdAssessmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_assessments_page_dispose;
  object_class->get_property = jd_assessments_page_get_property;
  /* The subtitle: the year whose readiness is shown. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-assessments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, view);
  gtk_widget_class_bind_template_child (widget_class, JdAssessmentsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "assessments.assess", NULL, assess_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "assessments.assess", NULL);
}

static void
jd_assessments_page_init (JdAssessmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  self->model
      = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.assess", FALSE);
}

GtkWidget *
jd_assessments_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdAssessmentsPage *self = g_object_new (JD_TYPE_ASSESSMENTS_PAGE, "ledger", ledger, NULL);
  self->year = jd_day_year (jd_today ());
  gtk_spin_button_set_value (self->year_spin, self->year);
  /* Most villages able to apply first. */
  GListModel *columns = gtk_column_view_get_columns (self->view);
  g_autoptr (GtkColumnViewColumn) met = g_list_model_get_item (columns, 2);
  gtk_column_view_sort_by_column (self->view, met, GTK_SORT_DESCENDING);
  jd_assessments_page_reload (self);
  return GTK_WIDGET (self);
}
