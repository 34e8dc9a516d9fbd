/* jd-venue-inspections.c: a venue's inspections in a window of their own,
 * each with Edit and Delete (with Undo), from the venues register
 *
 * The window reads the venue's inspections; Edit and Delete are signals for
 * the register page that opened it, which fills the window again whenever its
 * rows are read again (a save, a deletion, an undo).
 */
#include "config.h"

#include "jd-venue-inspections.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-store-edit.h"

struct _JdVenueInspections
{
  AdwWindow parent_instance;

  JdLedger *ledger;
  gint64 venue_id;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (JdVenueInspections, jd_venue_inspections, ADW_TYPE_WINDOW)

enum
{
  EDIT_INSPECTION,
  DELETE_INSPECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row's button and the inspection it acts on. */
typedef struct
{
  JdVenueInspections *window;
  gint64 id;
  guint signal;
} RowAction;

static void
row_clicked_cb (GtkButton *button, RowAction *action)
{
  g_signal_emit (action->window, signals[action->signal], 0, action->id);
}

static void
row_action_free (gpointer data, GClosure *closure)
{
  g_free (data);
}

static GtkWidget *
row_button (
    JdVenueInspections *self, const char *icon, const char *tooltip, gint64 id, guint signal)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  jd_accessible_name (button, tooltip);
  RowAction *action = g_new (RowAction, 1);
  *action = (RowAction){ self, id, signal };
  g_signal_connect_data (button, "clicked", G_CALLBACK (row_clicked_cb), action, row_action_free,
                         0);
  return button;
}

void
jd_venue_inspections_fill (JdVenueInspections *self, JdDeletions *pending)
{
  g_return_if_fail (JD_IS_VENUE_INSPECTIONS (self));

  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = jd_store_list_inspections (self->ledger, self->venue_id, &error);
  guint shown = 0;
  for (guint i = 0; ids && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      if (pending && jd_deletions_contains (pending, JD_RECORD_INSPECTION, id))
        continue;
      g_auto (GStrv) values = jd_store_read_record (
          self->ledger, JD_RECORD_INSPECTION, id,
          (const char *const[]){ "inspected_on", "inspector", "passed", "finding", NULL }, NULL);
      if (values == NULL)
        continue;
      g_autofree char *title = g_strdup_printf (
          g_strcmp0 (values[2], "1") == 0 ? _ ("%s, passed") : _ ("%s, not passed"), values[0]);
      g_autofree char *subtitle
          = g_strjoin (" · ", *values[1] ? values[1] : _ ("No inspector"), values[3], NULL);
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, "document-edit-symbolic",
                                             _ ("Edit the Inspection"), id, EDIT_INSPECTION));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, "user-trash-symbolic",
                                             _ ("Delete the Inspection"), id, DELETE_INSPECTION));
      gtk_list_box_append (self->list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error ? error->message : _ ("No inspections recorded"));
      gtk_list_box_append (self->list, row);
    }
}

JdVenueInspections *
jd_venue_inspections_new (GtkWidget *parent, JdLedger *ledger, gint64 venue_id)
{
  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  g_auto (GStrv) venue = jd_store_read_record (ledger, JD_RECORD_VENUE, venue_id,
                                               (const char *const[]){ "name", NULL }, NULL);
  if (venue == NULL)
    return NULL;

  JdVenueInspections *self = g_object_new (JD_TYPE_VENUE_INSPECTIONS, NULL);
  self->ledger = g_object_ref (ledger);
  self->venue_id = venue_id;

  GtkRoot *root = gtk_widget_get_root (parent);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  g_autofree char *title = g_strdup_printf (_ ("Inspections of %s"), venue[0]);
  gtk_window_set_title (GTK_WINDOW (self), title);
  jd_accessible_name (GTK_WIDGET (self->list), title);
  return self;
}

static void
jd_venue_inspections_finalize (GObject *object)
{
  JdVenueInspections *self = JD_VENUE_INSPECTIONS (object);
  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (jd_venue_inspections_parent_class)->finalize (object);
}

static void
jd_venue_inspections_class_init (JdVenueInspectionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_venue_inspections_finalize;

  /* The inspection's id: its Edit or Delete was clicked. */
  signals[EDIT_INSPECTION]
      = g_signal_new ("edit-inspection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETE_INSPECTION]
      = g_signal_new ("delete-inspection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
jd_venue_inspections_init (JdVenueInspections *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 420);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}
