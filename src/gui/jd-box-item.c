/* jd-box-item.c: a list item that holds a pointer */
#include "config.h"

#include "jd-box-item.h"

struct _JdBoxItem
{
  GObject parent_instance;
  gpointer data;
  GDestroyNotify free;
};

G_DEFINE_FINAL_TYPE (JdBoxItem, jd_box_item, G_TYPE_OBJECT)

static void
jd_box_item_finalize (GObject *object)
{
  JdBoxItem *self = JD_BOX_ITEM (object);

  if (self->free)
    self->free (self->data);
  G_OBJECT_CLASS (jd_box_item_parent_class)->finalize (object);
}

static void
jd_box_item_class_init (JdBoxItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_box_item_finalize;
}

static void
jd_box_item_init (JdBoxItem *self)
{
}

JdBoxItem *
jd_box_item_new (gpointer data, GDestroyNotify free)
{
  JdBoxItem *self = g_object_new (JD_TYPE_BOX_ITEM, NULL);
  self->data = data;
  self->free = free;
  return self;
}

gpointer
jd_box_item_get (gpointer item)
{
  g_return_val_if_fail (JD_IS_BOX_ITEM (item), NULL);
  return JD_BOX_ITEM (item)->data;
}

/* ---- columns of text ------------------------------------------------------------------ */

typedef struct
{
  JdCellTextFunc text;
  guint column;
} TextColumn;

/* A tooltip is asked for when the pointer rests on the label, never set in a
 * bind: gtk_widget_set_tooltip_text () asks the X server where the pointer is,
 * three round trips for every row bound while a list scrolls. */
static gboolean
ellipsized_tooltip_cb (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  GtkLabel *label = GTK_LABEL (widget);
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

void
jd_label_show_whole_as_tooltip (GtkWidget *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (ellipsized_tooltip_cb), NULL);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  jd_label_show_whole_as_tooltip (label);
  gtk_list_item_set_child (item, label);
}

static void
text_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, TextColumn *column)
{
  g_autofree char *text = column->text (gtk_list_item_get_item (item), column->column);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

GtkColumnViewColumn *
jd_text_column_new (const char *title, JdCellTextFunc text, guint column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  TextColumn *data = g_new (TextColumn, 1);

  *data = (TextColumn){ text, column };
  g_object_set_data_full (G_OBJECT (factory), "jd-text-column", data, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (text_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), data);
  GtkColumnViewColumn *view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}
