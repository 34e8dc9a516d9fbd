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
