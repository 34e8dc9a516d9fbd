/* jd-venue-inspections.c: a venue's inspections in a window of their own,
 * each with Edit and Delete (with Undo), from the venues register
 *
 * The list follows the register page: every save, deletion or undo reloads
 * the page's rows, and the window reads the venue's inspections again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-register-page.h"
#include "jd-store-edit.h"

typedef struct
{
  JdRegisterPage *page; /* weak */
  gint64 venue_id;
  GtkListBox *list;
} Inspections;

static void
inspections_free (Inspections *inspections)
{
  g_clear_weak_pointer (&inspections->page);
  g_free (inspections);
}

static void
edit_clicked_cb (GtkButton *button, Inspections *inspections)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "inspection");
  if (inspections->page)
    jd_register_page_edit_inspection (inspections->page, *id);
}

static void
delete_clicked_cb (GtkButton *button, Inspections *inspections)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "inspection");
  if (inspections->page)
    jd_register_page_delete_inspection (inspections->page, *id);
}

static GtkWidget *
row_button (const char *icon, const char *tooltip, gint64 id, GCallback clicked, gpointer data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  jd_accessible_name (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "inspection", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (button, "clicked", clicked, data);
  return button;
}

static void
fill (Inspections *inspections)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (inspections->list))))
    gtk_list_box_remove (inspections->list, child);
  if (inspections->page == NULL)
    return;

  JdLedger *ledger = jd_section_page_get_ledger (JD_SECTION_PAGE (inspections->page));
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = jd_store_list_inspections (ledger, inspections->venue_id, &error);
  guint shown = 0;
  for (guint i = 0; ids && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      if (jd_register_page_is_deleted (inspections->page, JD_RECORD_INSPECTION, id))
        continue;
      g_auto (GStrv) values = jd_store_read_record (
          ledger, JD_RECORD_INSPECTION, id,
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
                                 row_button ("document-edit-symbolic", _ ("Edit the Inspection"),
                                             id, G_CALLBACK (edit_clicked_cb), inspections));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", _ ("Delete the Inspection"), id,
                                             G_CALLBACK (delete_clicked_cb), inspections));
      gtk_list_box_append (inspections->list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error ? error->message : _ ("No inspections recorded"));
      gtk_list_box_append (inspections->list, row);
    }
}

/* The page's rows read again (a save, a deletion, an undo): so are these. */
static void
rows_changed_cb (GtkWindow *window)
{
  fill (g_object_get_data (G_OBJECT (window), "jd-inspections"));
}

GtkWindow *
jd_venue_inspections_present (JdRegisterPage *page, gint64 venue_id)
{
  g_return_val_if_fail (JD_IS_REGISTER_PAGE (page), NULL);

  JdLedger *ledger = jd_section_page_get_ledger (JD_SECTION_PAGE (page));
  g_auto (GStrv) venue = jd_store_read_record (ledger, JD_RECORD_VENUE, venue_id,
                                               (const char *const[]){ "name", NULL }, NULL);
  if (venue == NULL)
    return NULL;

  Inspections *inspections = g_new0 (Inspections, 1);
  g_set_weak_pointer (&inspections->page, page);
  inspections->venue_id = venue_id;

  GtkWidget *window = adw_window_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 420);
  g_autofree char *title = g_strdup_printf (_ ("Inspections of %s"), venue[0]);
  gtk_window_set_title (GTK_WINDOW (window), title);
  g_object_set_data_full (G_OBJECT (window), "jd-inspections", inspections,
                          (GDestroyNotify)inspections_free);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  inspections->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (inspections->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (inspections->list), "boxed-list");
  gtk_widget_set_margin_start (GTK_WIDGET (inspections->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (inspections->list), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (inspections->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (inspections->list), 12);
  jd_accessible_name (GTK_WIDGET (inspections->list), title);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (inspections->list));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_object (jd_register_page_get_model (page), "items-changed",
                           G_CALLBACK (rows_changed_cb), window, G_CONNECT_SWAPPED);
  fill (inspections);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
