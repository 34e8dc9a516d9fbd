/* jd-accessible.c: what a screen reader hears
 *
 * GTK 4.8 gets three things wrong that every window of ours would otherwise
 * repeat (tests/gui/check-accessible.py reads the window through AT-SPI, as Orca
 * does, and fails on each):
 * - a button with a mnemonic is announced by its raw label and its label's
 *   text, "_Save Save": its name is set here to the text alone;
 * - a drop-down's button is announced by its class name, "GtkToggleButton":
 *   it is named here by the drop-down (which the .ui or the code names);
 * - so is a menu button with only an icon, "GtkMenuButton": the code names
 *   those with jd_accessible_name().
 */
#include "config.h"

#include "jd-accessible.h"

/* "_Save" → "Save", "Rock __n Roll" → "Rock _n Roll", as GTK shows them. */
static char *
without_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            g_string_append_c (text, '_');
          if (p[1] != '\0')
            p++;
          else
            break;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
name_mnemonic_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  if (label == NULL || !gtk_button_get_use_underline (button))
    return;
  g_autofree char *name = without_mnemonic (label);
  /* The label names the button through this relation as well as its text. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
button_hook (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  if (!GTK_IS_BUTTON (object))
    return TRUE; /* stay connected */
  name_mnemonic_button (GTK_BUTTON (object));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (object));
  if (GTK_IS_TOGGLE_BUTTON (object) && GTK_IS_DROP_DOWN (parent))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    parent, NULL, -1);
  return TRUE;
}

/* Names every button of the program that needs it when it is realized, before
 * anyone can reach it. ("notify" takes no hooks, so a label changed later is
 * not seen here: no button of ours changes a mnemonic label once shown.) */
void
jd_accessible_init (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  /* A signal exists once its class does. */
  g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
  g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0, button_hook, NULL,
                              NULL);
  g_once_init_leave (&done, 1);
}

/* Gives widget the name a screen reader says, translated by the caller. */
void
jd_accessible_name (GtkWidget *widget, const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
