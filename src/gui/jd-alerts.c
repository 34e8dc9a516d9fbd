/* jd-alerts.c: what the window says to the user: an error to read, a toast
 *
 * A page or dialog says what happened without knowing the window it is in: a
 * toast goes to the nearest AdwToastOverlay up the widget tree, then up the
 * chain of transient windows (a dialog's toast shows on the main window).
 */
#include "config.h"

#include "jd-alerts.h"

#include <glib/gi18n-lib.h>

void
jd_show_error_dialog (GtkWindow *parent, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
jd_ask_question (GtkWindow *parent,
                 const char *heading,
                 const char *body,
                 const char *cancel_label,
                 const char *response,
                 const char *label,
                 AdwResponseAppearance appearance,
                 GCallback callback,
                 gpointer user_data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", cancel_label, response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (callback)
    g_signal_connect (dialog, "response", callback, user_data);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The first toast overlay in widget's tree, widget included, depth first. */
static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);
      if (found)
        return found;
    }
  return NULL;
}

AdwToastOverlay *
jd_find_toast_overlay (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
       overlay == NULL && window != NULL; window = gtk_window_get_transient_for (window))
    overlay = (GtkWidget *)find_overlay_below (GTK_WIDGET (window));
  return (AdwToastOverlay *)overlay;
}

void
jd_show_toast (GtkWidget *widget, AdwToast *toast)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  AdwToastOverlay *overlay = jd_find_toast_overlay (widget);
  if (overlay)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (toast);
}

void
jd_show_toast_in_place (AdwToastOverlay *overlay, AdwToast **last, AdwToast *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (*last)
    {
      AdwToast *previous = *last;
      g_clear_weak_pointer (last);
      adw_toast_dismiss (previous);
    }
  g_set_weak_pointer (last, toast);
  adw_toast_overlay_add_toast (overlay, toast);
}
