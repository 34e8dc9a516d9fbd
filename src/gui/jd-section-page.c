/* jd-section-page.c: the base of every section page
 *
 * A section page (Work Due, People, Villages …) is made on a ledger, shows a
 * subtitle under its title in the window's header bar, and follows the ledger:
 * when a write transaction commits, the ledger's "changed" signal names the
 * kinds of records written, and a page following one of them reloads. The
 * pages never hear of the window, the dialogs never call the pages: a change
 * flows store → commit → notice → pages (docs/architecture.md).
 *
 * A page that shows a list says what it shows (get_shown), and Print…
 * (Ctrl+P) prints it as its workbook sheet is laid out (docs/contract.md §7).
 */
#include "config.h"

#include "jd-section-page.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-print.h"

typedef struct
{
  JdLedger *ledger;
  GSettings *settings;
  char *subtitle;
} JdSectionPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JdSectionPage, jd_section_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LEDGER,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ledger_changed_cb (JdSectionPage *self, JdChanges changes, JdLedger *ledger)
{
  /* A page committing its pending deletions as it goes hears of them too. */
  if ((changes & JD_SECTION_PAGE_GET_CLASS (self)->follows)
      && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    jd_section_page_reload (self);
}

JdLedger *
jd_section_page_get_ledger (JdSectionPage *self)
{
  g_return_val_if_fail (JD_IS_SECTION_PAGE (self), NULL);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);
  return priv->ledger;
}

GSettings *
jd_section_page_get_settings (JdSectionPage *self)
{
  g_return_val_if_fail (JD_IS_SECTION_PAGE (self), NULL);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);
  return priv->settings;
}

const char *
jd_section_page_get_subtitle (JdSectionPage *self)
{
  g_return_val_if_fail (JD_IS_SECTION_PAGE (self), NULL);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);
  return priv->subtitle;
}

void
jd_section_page_set_subtitle (JdSectionPage *self, const char *subtitle)
{
  g_return_if_fail (JD_IS_SECTION_PAGE (self));
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  if (g_strcmp0 (priv->subtitle, subtitle) == 0)
    return;
  g_free (priv->subtitle);
  priv->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
jd_section_page_reload (JdSectionPage *self)
{
  g_return_if_fail (JD_IS_SECTION_PAGE (self));
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  if (priv->ledger && JD_SECTION_PAGE_GET_CLASS (self)->reload)
    JD_SECTION_PAGE_GET_CLASS (self)->reload (self);
}

static const JdListExport *
get_shown (JdSectionPage *self, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdSectionPageClass *klass = JD_SECTION_PAGE_GET_CLASS (self);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);
  *mask = FALSE;
  *data = NULL;
  *data_free = NULL;
  if (klass->get_shown == NULL || priv->ledger == NULL)
    return NULL;
  return klass->get_shown (self, mask, data, data_free);
}

void
jd_section_page_print (JdSectionPage *self)
{
  g_return_if_fail (JD_IS_SECTION_PAGE (self));
  gboolean mask;
  gpointer data;
  GDestroyNotify data_free;
  const JdListExport *list = get_shown (self, &mask, &data, &data_free);
  if (list == NULL)
    return;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  jd_print_list (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, jd_section_page_get_ledger (self),
                 list, mask, data, data_free);
}

void
jd_section_page_export (JdSectionPage *self, const char *path)
{
  g_return_if_fail (JD_IS_SECTION_PAGE (self));
  gboolean mask;
  gpointer data;
  GDestroyNotify data_free;
  const JdListExport *list = get_shown (self, &mask, &data, &data_free);
  if (list)
    jd_list_export (GTK_WIDGET (self), jd_section_page_get_ledger (self), list, mask, path, data,
                    data_free);
}

gboolean
jd_section_page_print_to_file (JdSectionPage *self, const char *path, GError **error)
{
  g_return_val_if_fail (JD_IS_SECTION_PAGE (self) && path != NULL, FALSE);
  gboolean mask;
  gpointer data;
  GDestroyNotify data_free;
  const JdListExport *list = get_shown (self, &mask, &data, &data_free);
  if (list == NULL)
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID,
                           _ ("This page shows no list to print"));
      return FALSE;
    }
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return jd_print_list_export (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               jd_section_page_get_ledger (self), list, mask, data, data_free, path,
                               error);
}

GtkWidget *
jd_section_page_bar_new (void)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  return bar;
}

GtkSpinButton *
jd_section_page_year_button_new (JdSectionPage *self)
{
  g_return_val_if_fail (JD_IS_SECTION_PAGE (self), NULL);
  GtkSpinButton *button = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2000, 2100, 1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _ ("Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Year"), -1);
  gtk_spin_button_set_value (button, jd_day_year (jd_today ()));
  g_signal_connect_swapped (button, "value-changed", G_CALLBACK (jd_section_page_reload), self);
  return button;
}

static void
print_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_section_page_print (JD_SECTION_PAGE (widget));
}

static void
jd_section_page_constructed (GObject *object)
{
  JdSectionPage *self = JD_SECTION_PAGE (object);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  G_OBJECT_CLASS (jd_section_page_parent_class)->constructed (object);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print",
                                 JD_SECTION_PAGE_GET_CLASS (self)->get_shown != NULL);

  if (priv->ledger)
    g_signal_connect_object (priv->ledger, "changed", G_CALLBACK (ledger_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
jd_section_page_dispose (GObject *object)
{
  JdSectionPage *self = JD_SECTION_PAGE (object);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);
  GtkWidget *child;

  /* The template's children the page's own dispose left. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (priv->settings)
    g_signal_handlers_disconnect_by_data (priv->settings, self);
  if (priv->ledger)
    g_signal_handlers_disconnect_by_data (priv->ledger, self);
  g_clear_object (&priv->settings);
  g_clear_object (&priv->ledger);

  G_OBJECT_CLASS (jd_section_page_parent_class)->dispose (object);
}

static void
jd_section_page_finalize (GObject *object)
{
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (JD_SECTION_PAGE (object));

  g_free (priv->subtitle);

  G_OBJECT_CLASS (jd_section_page_parent_class)->finalize (object);
}

static void
jd_section_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdSectionPage *self = JD_SECTION_PAGE (object);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_LEDGER:
        g_value_set_object (value, priv->ledger);
        break;
      case PROP_SUBTITLE:
        g_value_set_string (value, priv->subtitle);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_section_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  JdSectionPage *self = JD_SECTION_PAGE (object);
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_LEDGER:
        priv->ledger = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_section_page_class_init (JdSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jd_section_page_constructed;
  object_class->dispose = jd_section_page_dispose;
  object_class->finalize = jd_section_page_finalize;
  object_class->get_property = jd_section_page_get_property;
  object_class->set_property = jd_section_page_set_property;

  klass->follows = JD_CHANGE_RECORDS;

  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_install_action (widget_class, "page.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "page.print",
                                       NULL);

  properties[PROP_LEDGER]
      = g_param_spec_object ("ledger", NULL, NULL, JD_TYPE_LEDGER,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Shown under the section's title; NULL for none. */
  properties[PROP_SUBTITLE]
      = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_section_page_init (JdSectionPage *self)
{
  JdSectionPagePrivate *priv = jd_section_page_get_instance_private (self);

  priv->settings = g_settings_new (APP_ID);
}
