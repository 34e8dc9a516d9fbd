/* jd-window.c: the main window, a sidebar of sections beside their pages
 *
 * Three states in one stack: "loading" while a ledger opens in a thread,
 * "empty" when there is none (JdEmptyPage), and "ledger": an AdwLeaflet with the
 * sidebar and the content stack, each section page under its own header bar
 * (jd-window-sections.c, from the table of jd-sections.c). The window owns the
 * ledger's read-write connection and hands it to the pages and dialogs it
 * opens; they follow the ledger's "changed" notice, not the window. What it
 * says of the file itself is in jd-ledger-dialogs.c.
 */
#include "config.h"

#include "jd-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-audit-window.h"
#include "jd-import-history-window.h"
#include "jd-backups-dialog.h"
#include "jd-county-async.h"
#include "jd-daily-backup.h"
#include "jd-empty-page.h"
#include "jd-export-dialog.h"
#include "jd-followup-dialog.h"
#include "jd-import-assistant.h"
#include "jd-ledger-async.h"
#include "jd-ledger-dialogs.h"
#include "jd-package-dialogs.h"
#include "jd-output.h"
#include "jd-person-window.h"
#include "jd-preferences.h"
#include "jd-section-page.h"
#include "jd-sections.h"
#include "jd-ui-resources.h"

#define SAVE_BUSY_TIMEOUT_MS 2000

G_DEFINE_FINAL_TYPE (JdWindow, jd_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SECTION,
  PROP_LEDGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The ledger shown: its property notified when it changes. */
static void
set_ledger_field (JdWindow *self, JdLedger *ledger)
{
  if (g_set_object (&self->ledger, ledger))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
}

/* win.open-person (x): the person's window; 0 opens an empty one for a new person. */
static void
open_person_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger != NULL)
    jd_person_window_present (GTK_WINDOW (self), self->ledger, g_variant_get_int64 (parameter));
}

static void
new_person_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger != NULL)
    jd_person_window_present (GTK_WINDOW (self), self->ledger, 0);
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
    jd_followup_dialog_present (self->ledger, GTK_WINDOW (self), person_id, kind);
}

/* win.export: the inspection workbook (a county's on a county ledger), from the dialog. */
static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    gtk_window_present (GTK_WINDOW (jd_export_dialog_new (GTK_WINDOW (self), self->ledger)));
  else if (self->county)
    gtk_window_present (GTK_WINDOW (jd_export_dialog_new_county (GTK_WINDOW (self), self->county)));
}

/* win.import (Ctrl+I): the import assistant, with the file dropped on the window if any. */
static void
present_import (JdWindow *self, GFile *file)
{
  JdImportAssistant *assistant = jd_import_assistant_new (GTK_WINDOW (self), self->ledger);
  gtk_window_present (GTK_WINDOW (assistant));
  if (file)
    jd_import_assistant_open (assistant, file);
}

static void
import_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    present_import (self, NULL);
}

static gboolean
drop_file_cb (GtkDropTarget *target, const GValue *value, double x, double y, JdWindow *self)
{
  if (self->ledger == NULL || !G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  present_import (self, g_value_get_object (value));
  return TRUE;
}

static void
backups_close_ledger_cb (JdWindow *self)
{
  jd_window_unload (self);
}

static void
backups_open_ledger_cb (JdWindow *self, const char *path)
{
  jd_window_open (self, path, FALSE);
}

/* The backups of the ledger at path: restoring one closes the ledger here
 * and opens it again. */
static void
present_backups (JdWindow *self, const char *path)
{
  JdBackupsDialog *dialog = jd_backups_dialog_new (GTK_WINDOW (self), path);
  g_signal_connect_object (dialog, "close-ledger", G_CALLBACK (backups_close_ledger_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-ledger", G_CALLBACK (backups_open_ledger_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.restore-backup(PATH): the backups of a ledger that failed to open. */
static void
restore_backup_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  present_backups (JD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.backups: the backups, one made now, one restored. */
static void
backups_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  if (self->ledger)
    present_backups (self, self->path);
}

static void
present_audit (GtkWindow *parent, JdLedger *ledger)
{
  gtk_window_present (GTK_WINDOW (jd_audit_window_new (parent, ledger)));
}

static void
present_import_history (GtkWindow *parent, JdLedger *ledger)
{
  gtk_window_present (GTK_WINDOW (jd_import_history_window_new (parent, ledger)));
}

/* The windows of the main menu that work on the ledger shown: win.audit
 * (Ctrl+Shift+L), the audit log; win.import-history, the imports, each
 * undoable (docs/contract.md §8); win.send-to-county, the township's package,
 * and win.receive-transfer, a person transferred from another township
 * (jd-package-dialogs.c). */
static const struct
{
  const char *action;
  void (*present) (GtkWindow *parent, JdLedger *ledger);
} ledger_windows[] = {
  { "win.audit", present_audit },
  { "win.import-history", present_import_history },
  { "win.send-to-county", jd_send_to_county_present },
  { "win.receive-transfer", jd_receive_transfer_present },
};

static void
ledger_window_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  for (guint i = 0; self->ledger && i < G_N_ELEMENTS (ledger_windows); i++)
    if (g_str_equal (action_name, ledger_windows[i].action))
      ledger_windows[i].present (GTK_WINDOW (self), self->ledger);
}

/* win.preferences (Ctrl+,) */
static void
preferences_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (jd_preferences_new (GTK_WINDOW (self), self->ledger)));
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

/* ---- the ledger ------------------------------------------------------------------- */

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
  return self->ledger == NULL && self->county == NULL && self->cancellable == NULL
         && !jd_empty_page_is_busy (self->empty_page);
}

static void
show_empty (JdWindow *self, gboolean first_run)
{
  jd_window_remove_sections (self);
  set_ledger_field (self, NULL);
  g_clear_object (&self->county);
  jd_window_update_actions (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending_section, g_free);
  self->pending_present = FALSE;
  gtk_window_set_title (GTK_WINDOW (self), _ ("Jindu Ledger"));
  jd_empty_page_set_first_run (self->empty_page, first_run);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
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
  gboolean present = self->pending_present;
  jd_window_remove_sections (self);
  g_clear_object (&self->county);
  set_ledger_field (self, ledger);
  jd_window_update_actions (self);
  /* Saves run here, on the main thread. A form's never waits here: it is
   * tried again in the background (jd_ledger_write_async ()) for this long
   * while another program holds the lock; the other saves wait at most this
   * long, then say so, rather than freeze the window for the core's ten
   * seconds. */
  jd_ledger_set_busy_timeout (ledger, SAVE_BUSY_TIMEOUT_MS);
  g_free (self->path);
  self->path = g_strdup (jd_ledger_get_path (ledger));
  self->pending_present = FALSE;

  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_autofree char *county = jd_ledger_dup_county (ledger);
  adw_window_title_set_title (self->sidebar_title, township);
  adw_window_title_set_subtitle (self->sidebar_title, county);
  gtk_window_set_title (GTK_WINDOW (self), township);

  jd_window_show_sections (self, wanted);
  if (present)
    jd_window_start_presentation (self);
  /* At most one a day, the last N kept (the backups-kept preference). */
  jd_daily_backup_start (GTK_WIDGET (self), self->path,
                         g_settings_get_int (self->settings, "backups-kept"));
  g_autoptr (GError) read_only = NULL;
  guint mode = 0;
  if (!jd_ledger_check_writable (ledger, &read_only))
    jd_ledger_dialog_read_only (GTK_WINDOW (self), read_only);
  else if (jd_output_ledger_is_shared (self->path, &mode))
    jd_ledger_dialog_offer_privacy (GTK_WINDOW (self), self->path, mode);
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
  jd_window_remove_sections (self);
  set_ledger_field (self, NULL);
  g_clear_object (&self->county);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/* What an open under way answers to: the window, and the cancellable of that
 * open (a newer open, or the window closing, replaces or cancels it). */
typedef struct
{
  JdWindow *window;
  GCancellable *cancellable;
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->window);
  g_object_unref (opening->cancellable);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

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
  self->damaged_dialog = jd_ledger_dialog_open_failure (GTK_WINDOW (self), path, error);
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

/* A township's ledger, or a county's. */
static void
show_opened (JdWindow *self, GObject *opened)
{
  if (JD_IS_COUNTY (opened))
    {
      set_ledger_field (self, NULL);
      jd_window_show_county (self, JD_COUNTY (opened));
    }
  else
    jd_window_set_ledger (self, JD_LEDGER (opened));
}

static void
open_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Opening) opening = user_data;
  JdWindow *self = opening->window;
  g_autoptr (GError) error = NULL;
  /* A township's ledger, or a county's. */
  g_autoptr (GObject) ledger = g_async_result_is_tagged (result, jd_county_open_async)
                                   ? (GObject *)jd_county_open_finish (result, &error)
                                   : (GObject *)jd_ledger_open_finish (result, &error);

  /* Superseded, or the window closed meanwhile. */
  if (opening->cancellable != self->cancellable)
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
      show_opened (self, ledger);
      return;
    }
  g_clear_object (&self->cancellable);
  g_autofree char *path = g_strdup (self->path);
  show_empty (self, FALSE);
  jd_ledger_dialog_open_failure (GTK_WINDOW (self), path, error);
}

static gboolean
show_opened_cb (gpointer data)
{
  JdWindow *self = data;
  g_autoptr (GObject) ledger = g_steal_pointer (&self->opened);

  if (ledger && self->cancellable && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      show_opened (self, ledger);
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

/* Opens a ledger file in the background (opening may migrate it). A failure shows its
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

  jd_window_remove_sections (self);
  set_ledger_field (self, NULL);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Jindu Ledger"));
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  self->cancellable = g_cancellable_new ();
  Opening *opening = g_new0 (Opening, 1);
  opening->window = g_object_ref (self);
  opening->cancellable = g_object_ref (self->cancellable);
  /* A county ledger opens as one (docs/contract.md §9); an older township
   * ledger is backed up before it is migrated (see the backups dialog). */
  if (jd_county_is_county (path))
    jd_county_open_async (path, self->cancellable, open_done_cb, opening);
  else
    jd_ledger_open_async (path, self->cancellable, open_done_cb, opening);
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
  g_clear_object (&self->county);
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
      case PROP_LEDGER:
        g_value_set_object (value, self->ledger);
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

  /* The section shown: one of the table's (jd-sections.h), "" before any. */
  properties[PROP_SECTION]
      = g_param_spec_string ("section", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The ledger shown, NULL while there is none (empty, or opening). */
  properties[PROP_LEDGER]
      = g_param_spec_object ("ledger", NULL, NULL, JD_TYPE_LEDGER,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_callback_full (widget_class, "sidebar_row_selected_cb",
                                                G_CALLBACK (jd_window_sidebar_row_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "sidebar_row_activated_cb",
                                                G_CALLBACK (jd_window_sidebar_row_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, empty_page_open_cb);

  /* win.section::NAME, stateful: its state is the section shown; Alt+N. */
  gtk_widget_class_install_property_action (widget_class, "win.section", "section");
  gtk_widget_class_install_action (widget_class, "win.open-person", "x", open_person_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-person", NULL, new_person_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action_cb);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action_cb);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", "s",
                                   restore_backup_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (ledger_windows); i++)
    gtk_widget_class_install_action (widget_class, ledger_windows[i].action, NULL,
                                     ledger_window_action_cb);
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
  jd_window_county_class_init (widget_class);
}

static void
jd_window_init (JdWindow *self)
{
  self->section = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->sidebar_list, jd_window_sort_rows_cb, self, NULL);
  jd_window_update_actions (self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_file_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

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
