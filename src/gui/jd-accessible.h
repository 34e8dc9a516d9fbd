/* jd-accessible.h: what a screen reader hears (docs/architecture.md, "Accessibility") */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void jd_accessible_init (void);
void jd_accessible_name (GtkWidget *widget, const char *name);

G_END_DECLS
