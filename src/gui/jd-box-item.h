/* jd-box-item.h: a list item that holds a pointer (a row of a list built in C) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JD_TYPE_BOX_ITEM (jd_box_item_get_type ())
G_DECLARE_FINAL_TYPE (JdBoxItem, jd_box_item, JD, BOX_ITEM, GObject)

/* Takes data, which free (may be NULL) releases with the item. */
JdBoxItem *jd_box_item_new (gpointer data, GDestroyNotify free);
gpointer jd_box_item_get (gpointer item);

G_END_DECLS
