/* jd-window-sections.c: the main window's sections, a sidebar beside their pages
 *
 * The sidebar has a row per section of the table (jd-sections.c), the content
 * stack a header bar per section, under which the section's page (a
 * JdSectionPage) is made the first time it is shown or asked for, so a large
 * ledger opens on its first section without waiting for the others. Only the
 * page shown is visible.
 */
#include "config.h"

#include "jd-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-section-page.h"

static const char *
get_row_section (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "jd-section");
}

/* In the order of the table of sections (jd-sections.c). */
int
jd_window_sort_rows_cb (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data)
{
  JdWindow *self = user_data;
  gboolean county = self->county != NULL;
  const JdSection *first = jd_section_find_of (county, get_row_section (a));
  const JdSection *second = jd_section_find_of (county, get_row_section (b));
  guint n;
  const JdSection *table = jd_sections_of (county, &n);

  return (first ? first - table : (int)n) - (second ? second - table : (int)n);
}

static GtkListBoxRow *
find_row (JdWindow *self, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child)
        && g_strcmp0 (get_row_section (GTK_LIST_BOX_ROW (child)), name) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void add_section (JdWindow *self,
                         const char *name,
                         const char *title,
                         const char *icon_name,
                         const char *key,
                         gpointer new_page);

static void
back_clicked_cb (JdWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Puts a section in the window: a sidebar row (icon and title) and, in the
 * content stack, its header bar, under which new_page's page (a
 * JdSectionPage) comes when the section is first shown; its subtitle is shown
 * under the title. */
void
jd_window_add_section (
    JdWindow *self, const char *name, const char *title, const char *icon_name, JdPageFunc new_page)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (title != NULL);
  g_return_if_fail (new_page != NULL);
  g_return_if_fail (gtk_stack_get_child_by_name (self->content_stack, name) == NULL);

  add_section (self, name, title, icon_name, "jd-new-page", new_page);
}

static void
add_section (JdWindow *self,
             const char *name,
             const char *title,
             const char *icon_name,
             const char *key,
             gpointer new_page)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  g_object_bind_property (self->leaflet, "folded", header, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE);

  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (back, _ ("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Back"),
                                  -1);
  g_object_bind_property (self->leaflet, "folded", back, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);

  /* The page comes later, under the header (ensure_page). */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  g_object_set_data (G_OBJECT (box), key, new_page);
  g_object_set_data (G_OBJECT (box), "jd-title", window_title);
  gtk_widget_set_visible (box, FALSE); /* until shown (jd_window_set_section) */
  gtk_stack_add_titled (self->content_stack, box, name, title);

  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (row_box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (row_box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_box);
  g_object_set_data_full (G_OBJECT (row), "jd-section", g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (self->sidebar_list, row);
}

/* Puts the sections of the ledger shown in the window (the table of a
 * township's or of a county's) and shows wanted, else the one the user left,
 * else the first: only its page is made now. */
void
jd_window_show_sections (JdWindow *self, const char *wanted)
{
  gboolean county = self->county != NULL;
  guint n;
  const JdSection *sections = jd_sections_of (county, &n);
  for (guint i = 0; i < n; i++)
    add_section (self, sections[i].name, _ (sections[i].title), sections[i].icon_name,
                 county ? "jd-new-county-page" : "jd-new-page",
                 county ? (gpointer)sections[i].new_county_page : (gpointer)sections[i].new_page);

  g_autofree char *last = g_settings_get_string (self->settings, "last-section");
  const char *shown = sections[0].name;
  if (wanted && gtk_stack_get_child_by_name (self->content_stack, wanted))
    shown = wanted;
  else if (last && gtk_stack_get_child_by_name (self->content_stack, last))
    shown = last;
  jd_window_set_section (self, shown);

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "ledger");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/* The page of a section's box, made now if it was not yet. */
static GtkWidget *
ensure_page (JdWindow *self, GtkWidget *box)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (box), "jd-page");
  if (page || (self->ledger == NULL && self->county == NULL))
    return page;

  JdPageFunc new_page = g_object_get_data (G_OBJECT (box), "jd-new-page");
  JdCountyPageFunc new_county_page = g_object_get_data (G_OBJECT (box), "jd-new-county-page");
  if (self->county ? new_county_page == NULL : new_page == NULL)
    return NULL;
  page = self->county ? new_county_page (self->county) : new_page (self->ledger);
  g_assert (JD_IS_SECTION_PAGE (page));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  g_object_set_data (G_OBJECT (box), "jd-page", page);
  g_object_bind_property (page, "subtitle", g_object_get_data (G_OBJECT (box), "jd-title"),
                          "subtitle", G_BINDING_SYNC_CREATE);
  return page;
}

void
jd_window_remove_sections (JdWindow *self)
{
  GtkWidget *child;

  self->selecting = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))))
    gtk_list_box_remove (self->sidebar_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))))
    gtk_stack_remove (self->content_stack, child);
  self->selecting = FALSE;

  if (*self->section != '\0')
    {
      g_free (self->section);
      self->section = g_strdup ("");
      g_object_notify (G_OBJECT (self), "section");
    }
}

const char *
jd_window_get_section (JdWindow *self)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  return self->section;
}

/* Shows the named section; a section that is not built is remembered while a
 * ledger opens and otherwise ignored (Alt+1 before there is a Work Due page). */
void
jd_window_set_section (JdWindow *self, const char *name)
{
  g_return_if_fail (JD_IS_WINDOW (self));

  if (name == NULL || g_strcmp0 (self->section, name) == 0)
    return;

  GtkWidget *child = gtk_stack_get_child_by_name (self->content_stack, name);
  if (child == NULL)
    {
      if (self->ledger == NULL && self->county == NULL && jd_section_find (name))
        {
          g_free (self->pending_section);
          self->pending_section = g_strdup (name);
        }
      return;
    }

  g_clear_pointer (&self->pending_section, g_free);
  g_free (self->section);
  self->section = g_strdup (name);
  ensure_page (self, child);
  /* Only the page shown is visible: GTK went on measuring and styling the
   * hidden ones at every frame of the one shown (a list scrolled at half
   * the speed with the six others built). */
  gtk_widget_set_visible (child, TRUE);
  gtk_stack_set_visible_child (self->content_stack, child);
  for (GtkWidget *other = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack)); other;
       other = gtk_widget_get_next_sibling (other))
    if (other != child)
      gtk_widget_set_visible (other, FALSE);

  self->selecting = TRUE;
  gtk_list_box_select_row (self->sidebar_list, find_row (self, name));
  self->selecting = FALSE;

  g_settings_set_string (self->settings, "last-section", name);
  g_object_notify (G_OBJECT (self), "section");
}

GtkWidget *
jd_window_get_page (JdWindow *self, const char *name)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  GtkWidget *child = gtk_stack_get_child_by_name (self->content_stack, name);
  return child ? ensure_page (self, child) : NULL;
}

void
jd_window_sidebar_row_selected_cb (JdWindow *self, GtkListBoxRow *row)
{
  if (row != NULL && !self->selecting)
    jd_window_set_section (self, get_row_section (row));
}

void
jd_window_sidebar_row_activated_cb (JdWindow *self, GtkListBoxRow *row)
{
  jd_window_set_section (self, get_row_section (row));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/* --present: the dashboard's presentation, once the dashboard exists; until
 * then the window simply opens. The dashboard page provides the action. */
void
jd_window_start_presentation (JdWindow *self)
{
  g_return_if_fail (JD_IS_WINDOW (self));

  if (self->ledger == NULL)
    {
      self->pending_present = self->cancellable != NULL;
      return;
    }

  GtkWidget *page = jd_window_get_page (self, "dashboard");
  if (page == NULL)
    return;
  jd_window_set_section (self, "dashboard");
  gtk_widget_activate_action (page, "dashboard.present", NULL);
}
