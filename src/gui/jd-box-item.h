/* jd-box-item.h: a list item that holds a pointer (a row of a list built in C) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JD_TYPE_BOX_ITEM (jd_box_item_get_type ())
G_DECLARE_FINAL_TYPE (JdBoxItem, jd_box_item, JD, BOX_ITEM, GObject)

/* Takes data, which free (may be NULL) releases with the item. */
JdBoxItem *jd_box_item_new (gpointer data, GDestroyNotify free);
gpointer jd_box_item_get (gpointer item);

/* The text of column of a row's item (freed by the column). */
typedef char *(*JdCellTextFunc) (gpointer item, guint column);

/* A resizable column of left-aligned labels, ellipsized, a text cut short
 * shown whole as the tooltip: the cells of every list built in C. */
GtkColumnViewColumn *jd_text_column_new (const char *title, JdCellTextFunc text, guint column);

/* An ellipsized label's whole text as its tooltip, when it is cut short. */
void jd_label_show_whole_as_tooltip (GtkWidget *label);

G_END_DECLS
