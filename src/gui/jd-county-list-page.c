/* jd-county-list-page.c: a county's lists, read-only (docs/contract.md §9)
 *
 * One page type for the county's lists: readiness of every village, the work
 * due counted by township, the persons registered twice and the packages
 * received. Each kind is a row of the table below: its columns and the
 * function that reads its rows (on a worker thread and a connection of its
 * own, jd_county_read_async (), from the county's snapshots, as `jindu
 * readiness`, `todo` and `county duplicates|list` do).
 * Rows are plain strings; nothing on the page writes. Personal data shows
 * masked (docs/contract.md §7), and a county cannot unmask it.
 */
#include "config.h"

#include "jd-county-list-page.h"

#include <glib/gi18n-lib.h>

#include "jd-box-item.h"
#include "jd-county-async.h"
#include "jd-date.h"
#include "jd-mask.h"
#include "jd-readiness.h"
#include "jd-work-due.h"

#define MAX_COLUMNS 6

typedef struct
{
  const char *label; /* the list's accessible name */
  const char *titles[MAX_COLUMNS];
  JdCountyReadFunc load; /* data: the JdWorkDueOptions */
  const char *empty_title;
  const char *empty_description;
  char *(*describe) (guint n); /* "12 villages": the subtitle */
} ListKind;

struct _JdCountyListPage
{
  JdSectionPage parent_instance;

  JdCounty *county;
  const ListKind *kind;
  GtkStack *stack;
  GtkColumnView *view;
  GListStore *rows;
  GPtrArray *strvs;
  AdwStatusPage *status;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (JdCountyListPage, jd_county_list_page, JD_TYPE_SECTION_PAGE)

static GPtrArray *
new_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
}

/* 2026-12-06T09:00:00.123456Z as the local time, to the minute. */
static char *
format_time (const char *utc)
{
  g_autoptr (GDateTime) time = utc ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr (GDateTime) local = time ? g_date_time_to_local (time) : NULL;
  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (utc ? utc : "");
}

/* ---- the kinds ------------------------------------------------------------------ */

static gpointer
load_readiness (JdCounty *county, gpointer data, GCancellable *cancellable, GError **error)
{
  const JdWorkDueOptions *options = data;
  g_autoptr (GPtrArray) townships = NULL;
  JdDay today = options->today ? options->today : jd_today ();
  g_autoptr (GPtrArray) villages = jd_county_readiness (county, NULL, jd_day_year (today), today,
                                                        &townships, cancellable, error);
  if (villages == NULL)
    return NULL;
  GPtrArray *rows = new_rows ();
  for (guint v = 0; v < villages->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, v);
      int met = 0, manual = 0;
      g_autoptr (GString) not_met = g_string_new (NULL);
      for (int s = 0; s < JD_N_STANDARDS; s++)
        {
          if (r->standards[s].met == JD_FINDING_MET)
            met++;
          else if (r->standards[s].met == JD_FINDING_MANUAL)
            manual++;
          else
            g_string_append_printf (not_met, "%s%d", not_met->len ? ", " : "", r->standards[s].no);
        }
      GStrvBuilder *row = g_strv_builder_new ();
      g_strv_builder_add (row, g_ptr_array_index (townships, v));
      g_strv_builder_add (row, r->code);
      g_strv_builder_add (row, r->name);
      g_autofree char *met_text = g_strdup_printf ("%d", met);
      g_autofree char *manual_text = g_strdup_printf ("%d", manual);
      g_strv_builder_add (row, met_text);
      g_strv_builder_add (row, not_met->len ? not_met->str : "—");
      g_strv_builder_add (row, manual_text);
      g_ptr_array_add (rows, g_strv_builder_end (row));
      g_strv_builder_unref (row);
    }
  return rows;
}

static gpointer
load_work_due (JdCounty *county, gpointer data, GCancellable *cancellable, GError **error)
{
  const JdWorkDueOptions *options = data;
  g_autoptr (GPtrArray) list = jd_county_list (county, error);
  if (list == NULL)
    return NULL;
  g_autoptr (GPtrArray) townships = NULL;
  g_autoptr (GPtrArray) items
      = jd_county_work_due (county, NULL, options, &townships, cancellable, error);
  if (items == NULL)
    return NULL;
  GPtrArray *rows = new_rows ();
  for (guint t = 0; t < list->len; t++)
    {
      const JdCountyTownship *township = g_ptr_array_index (list, t);
      g_autoptr (GPtrArray) own = g_ptr_array_new ();
      for (guint i = 0; i < items->len; i++)
        if (g_str_equal (g_ptr_array_index (townships, i), township->name))
          g_ptr_array_add (own, g_ptr_array_index (items, i));
      JdWorkCount counts[JD_N_WORK_KINDS];
      jd_work_due_tally (own, counts);
      guint overdue = 0, soon = 0;
      g_autoptr (GString) kinds = g_string_new (NULL);
      for (guint k = 0; k < JD_N_WORK_KINDS; k++)
        {
          overdue += counts[k].overdue;
          soon += counts[k].due_soon;
          if (counts[k].overdue + counts[k].due_soon > 0)
            /* TRANSLATORS: one kind of work in the county's work-due list:
             * its name, overdue, due soon. */
            g_string_append_printf (kinds, _ ("%s%s %u/%u"), kinds->len ? " · " : "",
                                    jd_work_kind_label (k), counts[k].overdue, counts[k].due_soon);
        }
      g_autofree char *overdue_text = g_strdup_printf ("%u", overdue);
      g_autofree char *soon_text = g_strdup_printf ("%u", soon);
      const char *row[] = { township->name, overdue_text, soon_text, kinds->str, NULL };
      g_ptr_array_add (rows, g_strdupv ((char **)row));
    }
  return rows;
}

static gpointer
load_duplicates (JdCounty *county, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) duplicates = jd_county_duplicates (county, error);
  if (duplicates == NULL)
    return NULL;
  GPtrArray *rows = new_rows ();
  for (guint i = 0; i < duplicates->len; i++)
    {
      const JdCountyDuplicate *d = g_ptr_array_index (duplicates, i);
      g_autofree char *masked = jd_mask_id_number (d->id_number);
      g_autofree char *townships = g_strjoinv ("、", d->townships);
      const char *row[] = { masked, townships, NULL };
      g_ptr_array_add (rows, g_strdupv ((char **)row));
    }
  return rows;
}

static gpointer
load_packages (JdCounty *county, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) receipts = jd_county_receipts (county, error);
  if (receipts == NULL)
    return NULL;
  GPtrArray *rows = new_rows ();
  for (guint i = 0; i < receipts->len; i++)
    {
      const JdCountyReceipt *r = g_ptr_array_index (receipts, i);
      g_autofree char *received = format_time (r->received_at);
      g_autofree char *as_of = format_time (r->as_of);
      const char *row[] = { r->township, received, as_of, r->fingerprint, r->file, NULL };
      g_ptr_array_add (rows, g_strdupv ((char **)row));
    }
  return rows;
}

static char *
describe_villages (guint n)
{
  return g_strdup_printf (ngettext ("%u village", "%u villages", n), n);
}

static char *
describe_townships (guint n)
{
  return g_strdup_printf (ngettext ("%u township", "%u townships", n), n);
}

static char *
describe_duplicates (guint n)
{
  return g_strdup_printf (ngettext ("%u person registered twice", "%u persons registered twice", n),
                          n);
}

static char *
describe_packages (guint n)
{
  return g_strdup_printf (ngettext ("%u package", "%u packages", n), n);
}

static const ListKind readiness_kind = {
  N_ ("Readiness of the county’s villages"),
  { N_ ("Township"), N_ ("Code"), N_ ("Village"), N_ ("Standards met"), N_ ("Not met"),
    N_ ("To assess") },
  load_readiness,
  N_ ("No Villages Yet"),
  N_ ("Add the townships’ packages (main menu: Add County Package…)"),
  describe_villages,
};

static const ListKind work_due_kind = {
  N_ ("Work due by township"),
  { N_ ("Township"), N_ ("Overdue"), N_ ("Due soon"), N_ ("By kind (overdue/due soon)") },
  load_work_due,
  N_ ("No Townships Yet"),
  N_ ("Add the townships’ packages (main menu: Add County Package…)"),
  describe_townships,
};

static const ListKind duplicates_kind = {
  N_ ("Persons registered in two townships"),
  { N_ ("ID number"), N_ ("Registered in") },
  load_duplicates,
  N_ ("No One Registered Twice"),
  N_ ("No ID number is registered in two townships of the county"),
  describe_duplicates,
};

static const ListKind packages_kind = {
  N_ ("Packages received"),
  { N_ ("Township"), N_ ("Received"), N_ ("As of"), N_ ("Key fingerprint"), N_ ("File") },
  load_packages,
  N_ ("No Packages Yet"),
  N_ ("Add the townships’ packages (main menu: Add County Package…)"),
  describe_packages,
};

/* ---- the page ------------------------------------------------------------------- */

static char *
cell_text (gpointer item, guint column)
{
  GStrv row = jd_box_item_get (item);
  return g_strdup (column < g_strv_length (row) ? row[column] : "");
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = jd_county_read_finish (result, &error);
  /* Cancelled: a newer reload, or the page gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  JdCountyListPage *self = JD_COUNTY_LIST_PAGE (user_data);
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->strvs, g_ptr_array_unref);
  if (rows == NULL)
    {
      adw_status_page_set_icon_name (self->status, "dialog-error-symbolic");
      adw_status_page_set_title (self->status, _ ("The County Ledger Cannot Be Read"));
      adw_status_page_set_description (self->status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "status");
      jd_section_page_set_subtitle (JD_SECTION_PAGE (self), NULL);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      /* Held by the page's rows, which outlive the items. */
      g_autoptr (JdBoxItem) item = jd_box_item_new (g_ptr_array_index (rows, i), NULL);
      g_list_store_append (self->rows, item);
    }
  g_autofree char *subtitle = self->kind->describe (rows->len);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  if (rows->len == 0)
    {
      adw_status_page_set_icon_name (self->status, "folder-symbolic");
      adw_status_page_set_title (self->status, _ (self->kind->empty_title));
      adw_status_page_set_description (self->status, _ (self->kind->empty_description));
    }
  gtk_stack_set_visible_child_name (self->stack, rows->len ? "list" : "status");
  self->strvs = g_steal_pointer (&rows);
}

static void
reload (JdSectionPage *page)
{
  JdCountyListPage *self = JD_COUNTY_LIST_PAGE (page);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  JdWorkDueOptions *options = g_new0 (JdWorkDueOptions, 1);
  jd_work_due_options_load (options, jd_section_page_get_settings (page));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  jd_county_read_async (self->county, self->kind->load, options, g_free,
                        (GDestroyNotify)g_ptr_array_unref, self->cancellable, load_done_cb, self);
}

gboolean
jd_county_list_page_is_loading (JdCountyListPage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_LIST_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

GPtrArray *
jd_county_list_page_get_rows (JdCountyListPage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_LIST_PAGE (self), NULL);
  return self->strvs;
}

GtkColumnView *
jd_county_list_page_get_view (JdCountyListPage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_LIST_PAGE (self), NULL);
  return self->view;
}

static void
jd_county_list_page_dispose (GObject *object)
{
  JdCountyListPage *self = JD_COUNTY_LIST_PAGE (object);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->stack)
    gtk_widget_unparent (GTK_WIDGET (self->stack));
  self->stack = NULL;
  g_clear_object (&self->rows);
  g_clear_object (&self->county);
  G_OBJECT_CLASS (jd_county_list_page_parent_class)->dispose (object);
}

static void
jd_county_list_page_finalize (GObject *object)
{
  JdCountyListPage *self = JD_COUNTY_LIST_PAGE (object);
  g_clear_pointer (&self->strvs, g_ptr_array_unref);
  G_OBJECT_CLASS (jd_county_list_page_parent_class)->finalize (object);
}

static void
jd_county_list_page_class_init (JdCountyListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JdSectionPageClass *page_class = JD_SECTION_PAGE_CLASS (klass);

  object_class->dispose = jd_county_list_page_dispose;
  object_class->finalize = jd_county_list_page_finalize;
  page_class->reload = reload;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jd_county_list_page_init (JdCountyListPage *self)
{
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
}

static GtkWidget *
new_page (JdCounty *county, const ListKind *kind)
{
  JdCountyListPage *self = g_object_new (JD_TYPE_COUNTY_LIST_PAGE, NULL);
  self->county = g_object_ref (county);
  self->kind = kind;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  GtkWidget *spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Reading the townships’ packages"), -1);
  gtk_stack_add_named (self->stack, spinner, "loading");

  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (kind->label), -1);
  for (guint c = 0; c < MAX_COLUMNS && kind->titles[c]; c++)
    {
      g_autoptr (GtkColumnViewColumn) column
          = jd_text_column_new (_ (kind->titles[c]), cell_text, c);
      gtk_column_view_append_column (self->view, column);
    }
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "folder-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status), "status");

  reload (JD_SECTION_PAGE (self));
  return GTK_WIDGET (self);
}

GtkWidget *
jd_county_readiness_page_new (JdCounty *county)
{
  return new_page (county, &readiness_kind);
}

GtkWidget *
jd_county_work_due_page_new (JdCounty *county)
{
  return new_page (county, &work_due_kind);
}

GtkWidget *
jd_county_duplicates_page_new (JdCounty *county)
{
  return new_page (county, &duplicates_kind);
}

GtkWidget *
jd_county_packages_page_new (JdCounty *county)
{
  return new_page (county, &packages_kind);
}
