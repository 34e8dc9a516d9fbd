/* jd-alerts.h: what the window says to the user: an error to read, a toast */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A failure the user must read: an AdwMessageDialog with a heading, the
 * message and Close, over parent. */
void jd_show_error_dialog (GtkWindow *parent, const char *heading, const char *message);

/* A question over parent, answered "cancel" (cancel_label; also Escape, the
 * default) or response (its label, shown with appearance): callback, unless
 * NULL, is connected to the dialog's "response" with user_data. Returns the
 * dialog, presented (the caller may hang data on it or connect otherwise). */
AdwMessageDialog *jd_ask_question (GtkWindow *parent,
                                   const char *heading,
                                   const char *body,
                                   const char *cancel_label,
                                   const char *response,
                                   const char *label,
                                   AdwResponseAppearance appearance,
                                   GCallback callback,
                                   gpointer user_data);

/* The toast overlay nearest to widget: the one it is in, else the first in
 * its window, else in the window that window is transient for; or NULL. */
AdwToastOverlay *jd_find_toast_overlay (GtkWidget *widget);

/* Shows toast on jd_find_toast_overlay (widget). Takes the toast; with no
 * overlay anywhere it is dropped. */
void jd_show_toast (GtkWidget *widget, AdwToast *toast);

/* Shows toast on overlay in place of *last, the toast shown there before
 * (dismissed: a deletion behind it becomes final); *last becomes a weak
 * pointer to toast (clear it with g_clear_weak_pointer). Takes the toast. */
void jd_show_toast_in_place (AdwToastOverlay *overlay, AdwToast **last, AdwToast *toast);

G_END_DECLS
