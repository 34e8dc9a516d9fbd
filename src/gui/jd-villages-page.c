/* jd-villages-page.c: the villages section, a read-only list
 *
 * A GtkColumnView over jd_village_list_load (): every village and community,
 * retired ones too (with their date), sortable by any column. A township has
 * 5–40 villages and a city 300, so the whole list is loaded at once.
 */
#include "config.h"

#include "jd-villages-page.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-village-list.h"

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
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkColumnView *view;
  AdwStatusPage *error_page;

  GtkSortListModel *model;
  char *subtitle;
};

G_DEFINE_FINAL_TYPE (JdVillagesPage, jd_villages_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
load (JdVillagesPage *self, JdLedger *ledger)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) store = jd_village_list_load (ledger, &error);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
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

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_free (self->subtitle);
  self->subtitle = g_strdup_printf (ngettext ("%u village", "%u villages", n), n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
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

const char *
jd_villages_page_get_subtitle (JdVillagesPage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGES_PAGE (self), NULL);
  return self->subtitle;
}

static void
jd_villages_page_dispose (GObject *object)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (object);

  GtkWidget *child;

  /* Clears the bound fields; children without an id are unparented here. */
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_VILLAGES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jd_villages_page_parent_class)->dispose (object);
}

static void
jd_villages_page_finalize (GObject *object)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (object);

  g_free (self->subtitle);

  G_OBJECT_CLASS (jd_villages_page_parent_class)->finalize (object);
}

static void
jd_villages_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdVillagesPage *self = JD_VILLAGES_PAGE (object);

  switch (prop_id)
    {
      case PROP_SUBTITLE:
        g_value_set_string (value, self->subtitle);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_villages_page_class_init (JdVillagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_villages_page_dispose;
  object_class->finalize = jd_villages_page_finalize;
  object_class->get_property = jd_villages_page_get_property;

  /* What the section's header shows under its title; the window binds it. */
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-villages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, view);
  gtk_widget_class_bind_template_child (widget_class, JdVillagesPage, error_page);
}

static void
jd_villages_page_init (JdVillagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
}

GtkWidget *
jd_villages_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdVillagesPage *self = g_object_new (JD_TYPE_VILLAGES_PAGE, NULL);
  load (self, ledger);
  return GTK_WIDGET (self);
}
