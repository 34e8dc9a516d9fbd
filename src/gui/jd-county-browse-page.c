/* jd-county-browse-page.c: county → township → village → persons (docs/contract.md §9)
 *
 * Three levels in a stack: the townships of the county (from its ledger),
 * the villages of one (read from that township's snapshot), and the persons
 * a village manages (JdPersonQuery on the snapshot, paged in SQL). Each level
 * is read by a core pair on a worker thread (jd-county-async.h), the page
 * showing a spinner meanwhile and the window going on; a newer step, going up
 * or the page closing cancels the read under way. Names and ID numbers show
 * masked as docs/contract.md §7 says, and a county has no way to unmask
 * them; nothing here opens a person or writes.
 */
#include "config.h"

#include "jd-county-browse-page.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-alerts.h"
#include "jd-box-item.h"
#include "jd-county-async.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-mask.h"
#include "jd-person-query.h"
#include "jd-village-list.h"

struct _JdCountyBrowsePage
{
  JdSectionPage parent_instance;

  JdCounty *county;
  GtkWidget *box;
  AdwWindowTitle *place;
  GtkWidget *back;
  GtkStack *stack;
  GtkListBox *townships_list;
  GtkListBox *villages_list;
  GtkColumnView *persons_view;
  GtkNoSelection *persons_selection;

  char *township; /* the township shown, below the first level */
  GListStore *villages;
  JdPersonQuery *persons;
  AdwStatusPage *reading;   /* what is read, while it is */
  GCancellable *loading;    /* the level being read, while it is */
  const char *loading_from; /* the level shown before, back to it on failure */
  gboolean reading_townships;
};

G_DEFINE_FINAL_TYPE (JdCountyBrowsePage, jd_county_browse_page, JD_TYPE_SECTION_PAGE)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title, const char *subtitle, const char *key)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "jd-key", g_strdup (key), g_free);
  return row;
}

static void
show_level (JdCountyBrowsePage *self, const char *level)
{
  gtk_stack_set_visible_child_name (self->stack, level);
  gtk_widget_set_visible (self->back, !g_str_equal (level, "townships"));
  if (g_str_equal (level, "townships"))
    {
      adw_window_title_set_title (self->place, jd_county_get_name (self->county));
      adw_window_title_set_subtitle (self->place, _ ("The county’s townships"));
    }
  else if (g_str_equal (level, "villages"))
    {
      adw_window_title_set_title (self->place, self->township);
      adw_window_title_set_subtitle (self->place, _ ("Its villages"));
    }
}

/* A read begun: what is read shown with a spinner, the read under way cancelled. */
static GCancellable *
start_loading (JdCountyBrowsePage *self, const char *what)
{
  adw_status_page_set_title (self->reading, what);
  if (self->loading)
    g_cancellable_cancel (self->loading);
  else
    self->loading_from = gtk_stack_get_visible_child_name (self->stack);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  self->reading_townships = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_visible (self->back, TRUE);
  return self->loading;
}

/* A read ended: NULL when it was cancelled (self may be gone), else the page. */
static JdCountyBrowsePage *
end_loading (gpointer user_data, const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  JdCountyBrowsePage *self = JD_COUNTY_BROWSE_PAGE (user_data);
  g_clear_object (&self->loading);
  return self;
}

/* A level that could not be read: said, and the level shown before back. */
static void
show_failure (JdCountyBrowsePage *self, const char *heading, const GError *error)
{
  show_level (self, self->loading_from ? self->loading_from : "townships");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  jd_show_error_dialog (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
}

/* A JdCountyReadFunc: the townships, on the job's connection. */
static gpointer
read_townships (JdCounty *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  return jd_county_list (reader, error);
}

static void
townships_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = jd_county_read_finish (result, &error);
  JdCountyBrowsePage *self = end_loading (user_data, error);
  if (self == NULL)
    return;
  self->reading_townships = FALSE;
  show_level (self, "townships");
  if (list == NULL)
    {
      jd_section_page_set_subtitle (JD_SECTION_PAGE (self), error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JdCountyTownship *t = g_ptr_array_index (list, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (t->as_of, NULL);
      g_autoptr (GDateTime) local = time ? g_date_time_to_local (time) : NULL;
      g_autofree char *as_of = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *subtitle
          = g_strdup_printf (ngettext ("%" PRId64 " person registered · as of %s",
                                       "%" PRId64 " persons registered · as of %s", t->persons),
                             t->persons, as_of ? as_of : t->as_of);
      gtk_list_box_append (self->townships_list, new_row (t->name, subtitle, t->name));
    }
  g_autofree char *subtitle
      = g_strdup_printf (ngettext ("%u township", "%u townships", list->len), list->len);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
}

static void
load_townships (JdCountyBrowsePage *self)
{
  clear_list (self->townships_list);
  GCancellable *cancellable = start_loading (self, _ ("Reading the county’s townships…"));
  self->reading_townships = TRUE;
  gtk_widget_set_visible (self->back, FALSE);
  adw_window_title_set_title (self->place, jd_county_get_name (self->county));
  adw_window_title_set_subtitle (self->place, _ ("The county’s townships"));
  jd_county_read_async (self->county, read_townships, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                        cancellable, townships_read_cb, self);
}

static void
villages_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) villages = jd_county_villages_finish (result, &error);
  JdCountyBrowsePage *self = end_loading (user_data, error);
  if (self == NULL)
    return;
  if (villages == NULL)
    {
      show_failure (self, _ ("The Township Cannot Be Shown"), error);
      return;
    }
  gtk_column_view_set_model (self->persons_view, NULL);
  g_clear_object (&self->persons);
  g_set_object (&self->villages, villages);

  clear_list (self->villages_list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (villages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdVillageItem) v = g_list_model_get_item (G_LIST_MODEL (villages), i);
      if (jd_village_item_get_retired_on (v))
        continue;
      g_autofree char *subtitle
          = g_strdup_printf ("%s · %s", jd_village_item_get_code (v),
                             jd_enum_label (JD_ENUM_VILLAGE_KIND, jd_village_item_get_kind (v)));
      gtk_list_box_append (self->villages_list, new_row (jd_village_item_get_name (v), subtitle,
                                                         jd_village_item_get_code (v)));
    }
  show_level (self, "villages");
}

gboolean
jd_county_browse_page_show_township (JdCountyBrowsePage *self, const char *township)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), FALSE);
  g_return_val_if_fail (township != NULL, FALSE);
  GCancellable *cancellable = start_loading (self, _ ("Reading its villages…"));
  g_free (self->township);
  self->township = g_strdup (township);
  g_clear_object (&self->villages);
  adw_window_title_set_title (self->place, township);
  adw_window_title_set_subtitle (self->place, _ ("Its villages"));
  jd_county_villages_async (self->county, township, cancellable, villages_read_cb, self);
  return TRUE;
}

/* The village of code among the township's, or NULL. */
static JdVillageItem *
find_village (JdCountyBrowsePage *self, const char *code)
{
  guint n = self->villages ? g_list_model_get_n_items (G_LIST_MODEL (self->villages)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdVillageItem) v = g_list_model_get_item (G_LIST_MODEL (self->villages), i);
      if (g_strcmp0 (jd_village_item_get_code (v), code) == 0)
        return g_steal_pointer (&v);
    }
  return NULL;
}

static void
persons_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPersonQuery) persons = jd_county_village_persons_finish (result, &error);
  JdCountyBrowsePage *self = end_loading (user_data, error);
  if (self == NULL)
    return;
  if (persons == NULL)
    {
      show_failure (self, _ ("The Village Cannot Be Shown"), error);
      return;
    }
  g_set_object (&self->persons, persons);
  gtk_no_selection_set_model (self->persons_selection, G_LIST_MODEL (persons));
  gtk_column_view_set_model (self->persons_view, GTK_SELECTION_MODEL (self->persons_selection));
  guint count = g_list_model_get_n_items (G_LIST_MODEL (persons));
  g_autofree char *subtitle = g_strdup_printf (
      ngettext ("%u person managed · masked", "%u persons managed · masked", count), count);
  adw_window_title_set_subtitle (self->place, subtitle);
  show_level (self, "persons");
}

gboolean
jd_county_browse_page_show_village (JdCountyBrowsePage *self, const char *code)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), FALSE);
  g_autoptr (JdVillageItem) v = find_village (self, code);
  if (v == NULL)
    return FALSE;
  JdWorkDueOptions options;
  jd_work_due_options_load (&options, jd_section_page_get_settings (JD_SECTION_PAGE (self)));
  GCancellable *cancellable = start_loading (self, _ ("Reading its persons…"));
  g_autofree char *title
      = g_strdup_printf ("%s › %s", self->township, jd_village_item_get_name (v));
  adw_window_title_set_title (self->place, title);
  adw_window_title_set_subtitle (self->place, NULL);
  jd_county_village_persons_async (self->county, self->township, code, &options, cancellable,
                                   persons_read_cb, self);
  return TRUE;
}

gboolean
jd_county_browse_page_is_loading (JdCountyBrowsePage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), FALSE);
  return self->loading != NULL;
}

void
jd_county_browse_page_go_back (JdCountyBrowsePage *self)
{
  g_return_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self));
  const char *level = gtk_stack_get_visible_child_name (self->stack);
  /* The townships being read: there is no level above. */
  if (self->reading_townships)
    return;
  /* Up from a level still being read: the read is dropped, the one above shown. */
  if (self->loading)
    {
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      show_level (self, self->loading_from ? self->loading_from : "townships");
      return;
    }
  show_level (self, g_strcmp0 (level, "persons") == 0 ? "villages" : "townships");
}

const char *
jd_county_browse_page_get_level (JdCountyBrowsePage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
jd_county_browse_page_get_persons (JdCountyBrowsePage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), NULL);
  return g_strcmp0 (jd_county_browse_page_get_level (self), "persons") == 0
             ? G_LIST_MODEL (self->persons)
             : NULL;
}

GtkColumnView *
jd_county_browse_page_get_persons_view (JdCountyBrowsePage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_BROWSE_PAGE (self), NULL);
  return self->persons_view;
}

static void
township_activated_cb (JdCountyBrowsePage *self, GtkListBoxRow *row)
{
  jd_county_browse_page_show_township (self, g_object_get_data (G_OBJECT (row), "jd-key"));
}

static void
village_activated_cb (JdCountyBrowsePage *self, GtkListBoxRow *row)
{
  jd_county_browse_page_show_village (self, g_object_get_data (G_OBJECT (row), "jd-key"));
}

/* The persons' cells, masked (docs/contract.md §7). */
static char *
person_cell_text (gpointer item, guint column)
{
  JdPersonRow *row = item;
  if (row == NULL) /* a page that could not be read */
    return NULL;
  switch (column)
    {
      case 0:
        return jd_mask_name (jd_person_row_get_name (row));
      case 1:
        return g_strdup (jd_enum_label (JD_ENUM_SEX, jd_person_row_get_sex (row)));
      case 2:
        return jd_mask_id_number (jd_person_row_get_id_number (row));
      case 3:
        return g_strdup (jd_enum_label (JD_ENUM_STATUS, jd_person_row_get_status (row)));
      default:
        return jd_day_to_string (jd_person_row_get_first_found_on (row));
    }
}

static void
reload (JdSectionPage *page)
{
  load_townships (JD_COUNTY_BROWSE_PAGE (page));
}

static void
jd_county_browse_page_dispose (GObject *object)
{
  JdCountyBrowsePage *self = JD_COUNTY_BROWSE_PAGE (object);
  /* A read under way finds the page gone (its callback told so by the cancel). */
  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->persons_selection);
  g_clear_object (&self->persons);
  g_clear_object (&self->villages);
  g_clear_object (&self->county);
  G_OBJECT_CLASS (jd_county_browse_page_parent_class)->dispose (object);
}

static void
jd_county_browse_page_finalize (GObject *object)
{
  g_free (JD_COUNTY_BROWSE_PAGE (object)->township);
  G_OBJECT_CLASS (jd_county_browse_page_parent_class)->finalize (object);
}

static void
jd_county_browse_page_class_init (JdCountyBrowsePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = jd_county_browse_page_dispose;
  object_class->finalize = jd_county_browse_page_finalize;
  JD_SECTION_PAGE_CLASS (klass)->reload = reload;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkListBox *
new_list (const char *label,
          GCallback activated,
          JdCountyBrowsePage *self,
          GtkStack *stack,
          const char *name)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (list, "row-activated", activated, self);
  GtkWidget *clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (stack, scrolled, name);
  return GTK_LIST_BOX (list);
}

static void
jd_county_browse_page_init (JdCountyBrowsePage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  GtkWidget *bar = gtk_center_box_new ();
  gtk_widget_add_css_class (bar, "toolbar");
  self->back = gtk_button_new_from_icon_name ("go-up-symbolic");
  gtk_widget_set_tooltip_text (self->back, _ ("Up One Level"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Up One Level"), -1);
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (jd_county_browse_page_go_back),
                            self);
  self->place = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (bar), self->back);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (bar), GTK_WIDGET (self->place));
  gtk_box_append (GTK_BOX (self->box), bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->townships_list = new_list (_ ("Townships"), G_CALLBACK (township_activated_cb), self,
                                   self->stack, "townships");
  self->villages_list
      = new_list (_ ("Villages"), G_CALLBACK (village_activated_cb), self, self->stack, "villages");

  self->persons_selection = gtk_no_selection_new (NULL);
  self->persons_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->persons_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->persons_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persons_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("The village’s persons, masked"), -1);
  const char *titles[]
      = { N_ ("Name"), N_ ("Sex"), N_ ("ID number"), N_ ("Status"), N_ ("First found") };
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      g_autoptr (GtkColumnViewColumn) column
          = jd_text_column_new (_ (titles[c]), person_cell_text, c);
      gtk_column_view_append_column (self->persons_view, column);
    }
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->persons_view));
  gtk_stack_add_named (self->stack, scrolled, "persons");

  /* While a level is read: what, over a spinner. */
  self->reading = ADW_STATUS_PAGE (adw_status_page_new ());
  GtkWidget *spinning = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinning), TRUE);
  gtk_widget_set_size_request (spinning, 32, 32);
  adw_status_page_set_child (self->reading, spinning);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->reading), "loading");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
}

GtkWidget *
jd_county_browse_page_new (JdCounty *county)
{
  JdCountyBrowsePage *self = g_object_new (JD_TYPE_COUNTY_BROWSE_PAGE, NULL);
  self->county = g_object_ref (county);
  reload (JD_SECTION_PAGE (self));
  return GTK_WIDGET (self);
}
