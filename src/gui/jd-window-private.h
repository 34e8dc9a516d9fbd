/* jd-window-private.h: the main window's parts, for its own files */
#pragma once

#include "jd-empty-page.h"
#include "jd-window.h"

G_BEGIN_DECLS

struct _JdWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  GtkSpinner *spinner;
  JdEmptyPage *empty_page;
  AdwLeaflet *leaflet;
  AdwWindowTitle *sidebar_title;
  GtkListBox *sidebar_list;
  GtkStack *content_stack;

  GSettings *settings;
  JdLedger *ledger;
  JdCounty *county;      /* a county ledger shown instead (read-only, docs/contract.md §9) */
  gboolean adding;       /* packages are being added to the county (jd-window-county.c) */
  char *path;            /* the ledger shown or being opened */
  char *section;         /* "" before there is one */
  char *pending_section; /* asked for before the sections were built */
  gboolean pending_present;
  GCancellable *cancellable; /* the open in progress */
  GObject *opened;           /* a JdLedger or JdCounty opened before the first frame */
  gulong paint_handler;      /* until the first frame is painted */
  gboolean painted;
  gboolean selecting;        /* the sidebar follows the section */
  GtkWindow *damaged_dialog; /* "The Ledger Is Damaged", while it is shown */
};

/* The sections (jd-window-sections.c): the sidebar beside the content stack. */
void jd_window_remove_sections (JdWindow *self);
void jd_window_sidebar_row_selected_cb (JdWindow *self, GtkListBoxRow *row);
void jd_window_sidebar_row_activated_cb (JdWindow *self, GtkListBoxRow *row);
/* The sidebar's order: the table's. */
int jd_window_sort_rows_cb (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data);
/* The sections of the ledger (or county) shown, wanted shown if it is one. */
void jd_window_show_sections (JdWindow *self, const char *wanted);

/* A county ledger's window (jd-window-county.c): jd-window.c calls it, never
 * the other way round. */
void jd_window_show_county (JdWindow *self, JdCounty *county);
void jd_window_update_actions (JdWindow *self);
void jd_window_county_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
