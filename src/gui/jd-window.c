/* jd-window.c: the main window, a sidebar of sections beside their pages
 *
 * Three states in one stack: "loading" while a ledger opens in a thread,
 * "empty" when there is none (JdEmptyPage), and "ledger": an AdwLeaflet with the
 * sidebar and the content stack, each section page under its own header bar.
 * A section exists only when its page is built: the table below lists the
 * sections that are, and jd_window_add_section () is the one way in. Each page
 * is made the first time it is shown or asked for (jd_window_get_page), so a
 * large ledger opens on its first section without waiting for the others.
 */
#include "config.h"

#include "jd-window.h"

#include <glib/gi18n-lib.h>

#include "jd-activities-page.h"
#include "jd-audit-window.h"
#include "jd-backups-dialog.h"
#include "jd-backups.h"
#include "jd-dashboard-page.h"
#include "jd-empty-page.h"
#include "jd-error.h"
#include "jd-export-dialog.h"
#include "jd-output.h"
#include "jd-followup-dialog.h"
#include "jd-person-window.h"
#include "jd-people-page.h"
#include "jd-preferences.h"
#include "jd-register-page.h"
#include "jd-todo-page.h"
#include "jd-ui-resources.h"
#include "jd-villages-page.h"
#include "jd-assessments-page.h"

typedef struct
{
  const char *name;
  const char *title; /* translatable */
  const char *icon_name;
  JdPageFunc new_page;
} JdSectionInfo;

#define SAVE_BUSY_TIMEOUT_MS 2000

/* The sections whose pages are built, in sidebar order. */
static const JdSectionInfo sections[] = {
  { "todo", N_ ("Work Due"), "task-due-symbolic", jd_todo_page_new },
  { "people", N_ ("People"), "system-users-symbolic", jd_people_page_new },
  { "villages", N_ ("Villages"), "mark-location-symbolic", jd_villages_page_new },
  { "activities", N_ ("Activities"), "user-bookmarks-symbolic", jd_activities_page_new },
  { "venues", N_ ("Venues"), "find-location-symbolic", jd_venues_page_new },
  { "assessments", N_ ("Assessments"), "emblem-ok-symbolic", jd_assessments_page_new },
  { "dashboard", N_ ("Dashboard"), "view-grid-symbolic", jd_dashboard_page_new },
};

/* Every section of docs/contract.md §8, in sidebar order; Alt+1 … Alt+7 follow it. */
static const char *const section_names[] = {
  "todo", "people", "villages", "activities", "venues", "assessments", "dashboard", NULL,
};

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
  char *path;            /* the ledger shown or being opened */
  char *section;         /* "" before there is one */
  char *pending_section; /* asked for before the sections were built */
  gboolean pending_present;
  GCancellable *cancellable; /* the open in progress */
  JdLedger *opened;          /* opened before the window's first frame */
  gulong paint_handler;      /* until the first frame is painted */
  gboolean painted;
  gboolean selecting;        /* the sidebar follows the section */
  GtkWindow *damaged_dialog; /* "The Ledger Is Damaged", while it is shown */
};

G_DEFINE_FINAL_TYPE (JdWindow, jd_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LEDGER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Says that the ledger's records changed (a form saved, a row was deleted), so
 * that every page showing them reloads. */
void
jd_window_notify_changed (JdWindow *self)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_signal_emit (self, signals[LEDGER_CHANGED], 0);
}

/* win.open-person (x): the person's window; 0 opens an empty one for a new person. */
static void
open_person_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger != NULL)
    jd_person_window_present (self, g_variant_get_int64 (parameter));
}

static void
new_person_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger != NULL)
    jd_person_window_present (self, 0);
}

/* win.record-followup ((xs)): the quick entry for a person, the kind chosen. */
static void
record_followup_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);
  gint64 person_id;
  const char *kind;

  g_variant_get (parameter, "(x&s)", &person_id, &kind);
  if (self->ledger != NULL && person_id > 0)
    jd_followup_dialog_present (self, NULL, person_id, kind);
}

const char *const *
jd_window_section_names (void)
{
  return section_names;
}

gboolean
jd_window_is_section_name (const char *name)
{
  return name != NULL && g_strv_contains (section_names, name);
}

static int
get_section_order (const char *name)
{
  for (int i = 0; section_names[i]; i++)
    if (g_str_equal (section_names[i], name))
      return i;
  return G_N_ELEMENTS (section_names);
}

void
jd_show_error_dialog (GtkWindow *parent, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- pages that follow the ledger ---------------------------------------------------- */

typedef struct
{
  GCallback reload;
  JdWindow *window; /* weak: the window whose ledger-changed is heard */
} Follow;

static void
follow_free (Follow *follow)
{
  g_clear_weak_pointer (&follow->window);
  g_free (follow);
}

static void
follow_root_cb (GtkWidget *page, GParamSpec *pspec, Follow *follow)
{
  GtkRoot *root = gtk_widget_get_root (page);
  JdWindow *window = JD_IS_WINDOW (root) ? JD_WINDOW (root) : NULL;

  if (window == follow->window)
    return;
  if (follow->window)
    g_signal_handlers_disconnect_by_func (follow->window, follow->reload, page);
  g_set_weak_pointer (&follow->window, window);
  if (window)
    g_signal_connect_object (window, "ledger-changed", follow->reload, page, G_CONNECT_SWAPPED);
}

/* Calls reload (page) each time the window the page is in says its ledger
 * changed: what every section page does, in one place. */
void
jd_window_follow_changes (GtkWidget *page, GCallback reload)
{
  g_return_if_fail (GTK_IS_WIDGET (page));

  Follow *follow = g_new0 (Follow, 1);
  follow->reload = reload;
  g_object_set_data_full (G_OBJECT (page), "jd-follow", follow, (GDestroyNotify)follow_free);
  g_signal_connect (page, "notify::root", G_CALLBACK (follow_root_cb), follow);
}

/* The main window a widget is in, or NULL. */
JdWindow *
jd_window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  return JD_IS_WINDOW (root) ? JD_WINDOW (root) : NULL;
}

/* Shows a toast over the whole window; takes the toast. */
void
jd_window_show_toast (JdWindow *self, AdwToast *toast)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* win.export: the inspection workbook, from the dialog. */
static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    gtk_window_present (GTK_WINDOW (jd_export_dialog_new (GTK_WINDOW (self), self->ledger)));
}

/* win.backups: the backups, one made now, one restored. */
static void
backups_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    gtk_window_present (GTK_WINDOW (jd_backups_dialog_new (self, self->path)));
}

/* win.audit (Ctrl+Shift+L): the audit log. */
static void
audit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    gtk_window_present (GTK_WINDOW (jd_audit_window_new (GTK_WINDOW (self), self->ledger)));
}

/* win.preferences (Ctrl+,) */
static void
preferences_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_present (GTK_WINDOW (jd_preferences_new (JD_WINDOW (widget))));
}

/* win.present (F5): the dashboard full screen. */
static void
present_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_window_start_presentation (JD_WINDOW (widget));
}

/* win.open-folder(URI): the folder an export went to, in the file manager. */
static void
open_folder_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* ---- sections ------------------------------------------------------------------ */

static const char *
get_row_section (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "jd-section");
}

static int
sort_rows_cb (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data)
{
  return get_section_order (get_row_section (a)) - get_section_order (get_row_section (b));
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

static void
back_clicked_cb (JdWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Puts a section in the window: a sidebar row (icon and title) and, in the
 * content stack, its header bar, under which new_page's page comes when the
 * section is first shown. A page with a "subtitle" property has it shown
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
  g_object_set_data (G_OBJECT (box), "jd-new-page", new_page);
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

/* The page of a section's box, made now if it was not yet. */
static GtkWidget *
ensure_page (JdWindow *self, GtkWidget *box)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (box), "jd-page");
  if (page || self->ledger == NULL)
    return page;

  JdPageFunc new_page = g_object_get_data (G_OBJECT (box), "jd-new-page");
  page = new_page (self->ledger);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  g_object_set_data (G_OBJECT (box), "jd-page", page);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "subtitle"))
    g_object_bind_property (page, "subtitle", g_object_get_data (G_OBJECT (box), "jd-title"),
                            "subtitle", G_BINDING_SYNC_CREATE);
  return page;
}

static void
remove_sections (JdWindow *self)
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
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
      if (self->ledger == NULL && jd_window_is_section_name (name))
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

GtkWidget *
jd_window_get_page (JdWindow *self, const char *name)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  GtkWidget *child = gtk_stack_get_child_by_name (self->content_stack, name);
  return child ? ensure_page (self, child) : NULL;
}

static void
sidebar_row_selected_cb (JdWindow *self, GtkListBoxRow *row)
{
  if (row != NULL && !self->selecting)
    jd_window_set_section (self, get_row_section (row));
}

static void
sidebar_row_activated_cb (JdWindow *self, GtkListBoxRow *row)
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

/* ---- the ledger ------------------------------------------------------------------- */

JdLedger *
jd_window_get_ledger (JdWindow *self)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  return self->ledger;
}

const char *
jd_window_get_path (JdWindow *self)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  return self->path;
}

/* No ledger, none opening, no demo being made: the window can take a ledger. */
gboolean
jd_window_is_idle_empty (JdWindow *self)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), FALSE);
  return self->ledger == NULL && self->cancellable == NULL
         && !jd_empty_page_is_busy (self->empty_page);
}

/* ---- the daily backup ---------------------------------------------------------------- */

static void
daily_backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (JdLedger) reader = jd_ledger_open (task_data, &error);
  guint keep = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "jd-keep"));

  if (reader && jd_backups_make_daily (reader, keep, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
daily_backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    jd_window_show_toast (JD_WINDOW (source),
                          adw_toast_new_format (_ ("Today’s backup failed: %s"), error->message));
}

/* At most one a day, the last N kept (the backups-kept preference), on a thread. */
static void
start_daily_backup (JdWindow *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, daily_backup_done_cb, NULL);
  g_object_set_data (G_OBJECT (task), "jd-keep",
                     GUINT_TO_POINTER (g_settings_get_int (self->settings, "backups-kept")));
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

static void
show_empty (JdWindow *self, gboolean first_run)
{
  remove_sections (self);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending_section, g_free);
  self->pending_present = FALSE;
  gtk_window_set_title (GTK_WINDOW (self), _ ("Jindu Ledger"));
  jd_empty_page_set_first_run (self->empty_page, first_run);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

/* Said once, when the ledger opens, before anyone types in a form that
 * cannot be saved: the message every failed save gives, and what to do. */
static void
show_read_only (JdWindow *self, const GError *error)
{
  g_autofree char *body = g_strdup_printf (
      "%s\n\n%s", error->message,
      _ ("You can look through the ledger, but nothing can be saved in it. To work in it, make "
         "the file writable, or copy it to a folder of your own and open the copy."));
  jd_show_error_dialog (GTK_WINDOW (self), _ ("Opened Read-Only"), body);
}

static void
privacy_response_cb (AdwMessageDialog *dialog, const char *response, JdWindow *self)
{
  g_autoptr (GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "jd-path");

  if (g_strcmp0 (response, "private") != 0)
    return;
  if (jd_output_make_ledger_private (path, &error))
    jd_window_show_toast (self, adw_toast_new (_ ("Only you can read the ledger now")));
  else
    jd_show_error_dialog (GTK_WINDOW (self), _ ("The Ledger Is Still Shared"), error->message);
}

/* Said once, when the ledger opens: a file others may read gives personal
 * data away; the fix (chmod 600, with its -wal and -shm) is one button. */
static void
offer_privacy (JdWindow *self, guint mode)
{
  g_autofree char *body = g_strdup_printf (
      _ ("Other users of this computer can read %s (permissions %03o), and it holds personal "
         "data. Make it readable by you only?"),
      self->path, mode);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (self), _ ("Others Can Read This Ledger"), body));
  adw_message_dialog_add_responses (dialog, "later", _ ("_Not Now"), "private", _ ("_Make Private"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "private", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "private");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (self->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (privacy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shows a ledger (NULL: the empty state): its township in the title and the
 * sections built on it. */
void
jd_window_set_ledger (JdWindow *self, JdLedger *ledger)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (ledger == NULL || JD_IS_LEDGER (ledger));

  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->opened);
      g_clear_object (&self->cancellable);
    }
  if (ledger == NULL)
    {
      show_empty (self, FALSE);
      return;
    }
  if (ledger == self->ledger)
    return;

  g_autofree char *wanted = g_steal_pointer (&self->pending_section);
  g_autofree char *last = g_settings_get_string (self->settings, "last-section");
  gboolean present = self->pending_present;
  remove_sections (self);
  g_set_object (&self->ledger, ledger);
  /* Saves run here, on the main thread: one that meets another program's
   * lock gives up after a short wait and says so, rather than freeze the
   * window for the core's ten seconds. */
  jd_ledger_set_busy_timeout (ledger, SAVE_BUSY_TIMEOUT_MS);
  g_free (self->path);
  self->path = g_strdup (jd_ledger_get_path (ledger));
  self->pending_present = FALSE;

  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_autofree char *county = jd_ledger_dup_county (ledger);
  adw_window_title_set_title (self->sidebar_title, township);
  adw_window_title_set_subtitle (self->sidebar_title, county);
  gtk_window_set_title (GTK_WINDOW (self), township);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    jd_window_add_section (self, sections[i].name, _ (sections[i].title), sections[i].icon_name,
                           sections[i].new_page);

  /* --section, else the one the user left, else the first: only its page is made now. */
  const char *shown = sections[0].name;
  if (wanted && gtk_stack_get_child_by_name (self->content_stack, wanted))
    shown = wanted;
  else if (last && gtk_stack_get_child_by_name (self->content_stack, last))
    shown = last;
  jd_window_set_section (self, shown);

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "ledger");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  if (present)
    jd_window_start_presentation (self);
  start_daily_backup (self);
  g_autoptr (GError) read_only = NULL;
  guint mode = 0;
  if (!jd_ledger_check_writable (ledger, &read_only))
    show_read_only (self, read_only);
  else if (jd_output_ledger_is_shared (self->path, &mode))
    offer_privacy (self, mode);
}

/* Closes the ledger and every window on it, so that its file can be replaced;
 * jd_window_open () opens it again. */
void
jd_window_unload (JdWindow *self)
{
  g_return_if_fail (JD_IS_WINDOW (self));

  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      if (JD_IS_PERSON_WINDOW (window) || JD_IS_FOLLOWUP_DIALOG (window))
        gtk_window_destroy (window);
    }
  remove_sections (self);
  g_clear_object (&self->ledger);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

static void
open_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  /* An older ledger is backed up before it is migrated (see the backups dialog). */
  JdLedger *ledger = jd_backups_open_ledger (task_data, NULL, &error);

  if (ledger)
    g_task_return_pointer (task, ledger, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
open_failure_response_cb (AdwMessageDialog *dialog, const char *response, JdWindow *self)
{
  if (g_strcmp0 (response, "backups") == 0)
    gtk_window_present (GTK_WINDOW (
        jd_backups_dialog_new (self, g_object_get_data (G_OBJECT (dialog), "jd-path"))));
}

/* What went wrong, in a heading, the core's message (which names the file) and
 * what to do; a damaged ledger with backups offers to restore one. The file
 * itself was not changed: the core reads its header before SQLite may write. */
static GtkWindow *
show_open_failure (JdWindow *self, const char *path, const GError *error)
{
  const char *heading = _ ("Cannot Open the Ledger");
  const char *advice = NULL;
  gboolean offer_backups = FALSE;

  if (error->domain == JD_ERROR)
    switch (error->code)
      {
        case JD_ERROR_NOT_LEDGER:
          heading = _ ("Not a Jindu Ledger");
          advice = _ ("The file was not changed. Open a ledger file made by Jindu Ledger, or "
                      "create a new ledger.");
          break;
        case JD_ERROR_DAMAGED:
          heading = _ ("The Ledger Is Damaged");
          advice = _ ("The file was not changed. Restore the latest backup, or ask for a good "
                      "copy of the file.");
          offer_backups = TRUE;
          break;
        case JD_ERROR_TOO_NEW:
          heading = _ ("Made by a Newer Version");
          advice = _ ("The file was not changed. Open it with the newer Jindu Ledger that wrote "
                      "it, or update this one.");
          break;
        case JD_ERROR_NOT_FOUND:
          heading = _ ("The Ledger Is Missing");
          advice = _ ("Open another ledger, or create a new one.");
          break;
        case JD_ERROR_BUSY:
          heading = _ ("The Ledger Is in Use");
          advice = _ ("Close the other program that has it open, then open it again.");
          break;
        default:
          break;
      }

  g_autoptr (GPtrArray) backups = path && offer_backups ? jd_backups_list (path, NULL) : NULL;
  g_autofree char *body
      = advice ? g_strdup_printf ("%s\n\n%s", error->message, advice) : g_strdup (error->message);
  AdwMessageDialog *dialog
      = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  if (backups && backups->len > 0)
    {
      adw_message_dialog_add_response (dialog, "backups", _ ("Restore a _Backup…"));
      adw_message_dialog_set_response_appearance (dialog, "backups", ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (open_failure_response_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* ---- damage met after opening ------------------------------------------------------ */

/* A ledger opens when its header and schema are sound; a damaged page further
 * in is met only when something reads it: a page loading, the dashboard, an
 * export, a save. Whichever connection and thread met it, the window showing
 * that ledger says so with the dialog a damaged file gets on opening (and its
 * Restore a Backup…), rather than leave the page empty or half-filled. */
static void
show_damaged (JdWindow *self, const char *path, const GError *error)
{
  if (self->ledger == NULL || g_strcmp0 (path, self->path) != 0 || self->damaged_dialog)
    return;
  self->damaged_dialog = show_open_failure (self, path, error);
  g_object_add_weak_pointer (G_OBJECT (self->damaged_dialog), (gpointer *)&self->damaged_dialog);
}

typedef struct
{
  char *path;
  GError *error;
} Damage;

static void
damage_free (gpointer data)
{
  Damage *damage = data;
  g_free (damage->path);
  g_error_free (damage->error);
  g_free (damage);
}

static gboolean
show_damage_cb (gpointer data)
{
  Damage *damage = data;
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (JD_IS_WINDOW (window))
        show_damaged (JD_WINDOW (window), damage->path, damage->error);
    }
  return G_SOURCE_REMOVE;
}

/* On the thread that met the damage: the main loop shows it. */
static void
damage_met_cb (const char *path, const GError *error)
{
  Damage *damage = g_new (Damage, 1);
  damage->path = g_strdup (path);
  damage->error = g_error_copy (error);
  g_idle_add_full (G_PRIORITY_DEFAULT, show_damage_cb, damage, damage_free);
}

static void
open_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JdWindow *self = JD_WINDOW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded, or the window closed meanwhile. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (ledger)
    {
      /* Before the first frame: the window shows itself (loading) first, then
       * builds the sections, whose lists take a while on a large ledger. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->painted)
        {
          g_set_object (&self->opened, ledger);
          return;
        }
      g_clear_object (&self->cancellable);
      jd_window_set_ledger (self, ledger);
      return;
    }
  g_clear_object (&self->cancellable);
  g_autofree char *path = g_strdup (self->path);
  show_empty (self, FALSE);
  show_open_failure (self, path, error);
}

static gboolean
show_opened_cb (gpointer data)
{
  JdWindow *self = data;
  g_autoptr (JdLedger) ledger = g_steal_pointer (&self->opened);

  if (ledger && self->cancellable && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      jd_window_set_ledger (self, ledger);
    }
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock, JdWindow *self)
{
  g_clear_signal_handler (&self->paint_handler, clock);
  self->painted = TRUE;
  if (self->opened)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_opened_cb, g_object_ref (self), g_object_unref);
}

static void
realize_cb (JdWindow *self)
{
  if (!self->painted && self->paint_handler == 0)
    self->paint_handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                            "after-paint", G_CALLBACK (after_paint_cb), self);
}

static void
unrealize_cb (JdWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock)
    g_clear_signal_handler (&self->paint_handler, clock);
  self->paint_handler = 0;
}

/* Opens a ledger file in a thread (opening may migrate it). A failure shows its
 * message and then the empty state; with first_run_if_missing a file that does
 * not exist is no failure but the first run. */
void
jd_window_open (JdWindow *self, const char *path, gboolean first_run_if_missing)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->opened);
  g_clear_object (&self->cancellable);

  if (first_run_if_missing && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wanted = g_steal_pointer (&self->pending_section);
      gboolean present = self->pending_present;
      show_empty (self, TRUE);
      self->pending_section = g_steal_pointer (&wanted);
      self->pending_present = present;
      return;
    }

  remove_sections (self);
  g_clear_object (&self->ledger);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Jindu Ledger"));
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  self->cancellable = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, jd_window_open);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

static void
empty_page_open_cb (JdWindow *self, const char *path)
{
  jd_window_open (self, path, FALSE);
}

/* ---- the window ----------------------------------------------------------------- */

static gboolean
jd_window_close_request (GtkWindow *window)
{
  JdWindow *self = JD_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (jd_window_parent_class)->close_request (window);
}

static void
jd_window_dispose (GObject *object)
{
  JdWindow *self = JD_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->opened);
  g_clear_weak_pointer (&self->damaged_dialog);

  G_OBJECT_CLASS (jd_window_parent_class)->dispose (object);
}

static void
jd_window_finalize (GObject *object)
{
  JdWindow *self = JD_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->ledger);
  g_free (self->path);
  g_free (self->section);
  g_free (self->pending_section);

  G_OBJECT_CLASS (jd_window_parent_class)->finalize (object);
}

static void
jd_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdWindow *self = JD_WINDOW (object);

  switch (prop_id)
    {
      case PROP_SECTION:
        g_value_set_string (value, self->section);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  JdWindow *self = JD_WINDOW (object);

  switch (prop_id)
    {
      case PROP_SECTION:
        jd_window_set_section (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_window_class_init (JdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jd_window_dispose;
  object_class->finalize = jd_window_finalize;
  object_class->get_property = jd_window_get_property;
  object_class->set_property = jd_window_set_property;
  window_class->close_request = jd_window_close_request;

  /* The section shown: one of jd_window_section_names (), "" before any. */
  properties[PROP_SECTION]
      = g_param_spec_string ("section", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted by jd_window_notify_changed () after a write to the ledger. */
  signals[LEDGER_CHANGED] = g_signal_new ("ledger-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  jd_ledger_set_damage_func (damage_met_cb);

  /* Referring to the resource links it, and its registration, out of the static library. */
  g_assert (jd_ui_get_resource () != NULL);
  g_type_ensure (JD_TYPE_EMPTY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, empty_page_open_cb);

  /* win.section::NAME, stateful: its state is the section shown. */
  gtk_widget_class_install_property_action (widget_class, "win.section", "section");
  gtk_widget_class_install_action (widget_class, "win.open-person", "x", open_person_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-person", NULL, new_person_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action_cb);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action_cb);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, audit_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.audit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.record-followup", "(xs)",
                                   record_followup_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-person", NULL);
  for (guint i = 0; section_names[i]; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.section",
                                         "s", section_names[i]);
}

static void
jd_window_init (JdWindow *self)
{
  self->section = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->sidebar_list, sort_rows_cb, NULL, NULL);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

JdWindow *
jd_window_new (GtkApplication *application)
{
  return g_object_new (JD_TYPE_WINDOW, "application", application, NULL);
}
