/* jd-empty-page.c: what the window shows when no ledger is open
 *
 * Three ways on: create the township's ledger, open the demo ledger (made on
 * first use, in a thread with its own connection, with progress and a Cancel
 * button), or open a ledger file. When the demo ledger is ready the page emits
 * ::open with its path; the window opens it like any other file.
 */
#include "config.h"

#include "jd-empty-page.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jd-alerts.h"
#include "jd-demo.h"
#include "jd-error.h"
#include "jd-ledger.h"

/* jd_demo_fill () names the township of its scale; this is the name the file
 * is created with, as `jindu demo` does. */
#define DEMO_TOWNSHIP "博美镇"
#define DEMO_COUNTY "陆丰市"
#define DEMO_SEED 1

struct _JdEmptyPage
{
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  GtkMenuButton *menu_button;
  GtkWidget *buttons;
  GtkWidget *demo_button;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;

  GCancellable *cancellable; /* the demo being made */
  gboolean first_run;
};

G_DEFINE_FINAL_TYPE (JdEmptyPage, jd_empty_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MENU_MODEL,
  PROP_FIRST_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *path; /* where the demo ledger goes */
  char *part; /* where it is made */
  int permille;
  int progress_queued;
} DemoJob;

static void
demo_job_free (DemoJob *job)
{
  g_free (job->path);
  g_free (job->part);
  g_free (job);
}

char *
jd_empty_page_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jindu", "demo.db", NULL);
}

/* ---- the demo ledger, made in a thread ------------------------------------- */

static void
remove_ledger_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static gboolean
show_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  JdEmptyPage *self = g_task_get_source_object (task);
  DemoJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->progress_queued, 0);
  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: at most one update is queued on the main loop at a time. */
static void
demo_progress_cb (double fraction, gpointer user_data)
{
  GTask *task = user_data;
  DemoJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->permille, (int)(CLAMP (fraction, 0.0, 1.0) * 1000));
  if (g_atomic_int_compare_and_exchange (&job->progress_queued, 0, 1))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_progress_cb,
                                g_object_ref (task), g_object_unref);
}

static gboolean
rename_file (const char *from, const char *to, GError **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  int saved = errno;
  g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("The demo ledger cannot be saved as %s: %s"), to,
               g_strerror (saved));
  return FALSE;
}

static void
demo_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr (GError) error = NULL;

  /* A demo left half-made by a crash is started again. */
  remove_ledger_files (job->part);
  g_autoptr (JdLedger) ledger = jd_ledger_create (job->part, DEMO_TOWNSHIP, DEMO_COUNTY, &error);
  if (ledger == NULL
      || !jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, DEMO_SEED, demo_progress_cb, task, cancellable,
                        &error))
    {
      g_clear_object (&ledger);
      remove_ledger_files (job->part);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Closing the last connection folds the write-ahead log back into the file. */
  g_clear_object (&ledger);
  g_autofree char *part_wal = g_strconcat (job->part, "-wal", NULL);
  g_autofree char *path_wal = g_strconcat (job->path, "-wal", NULL);
  g_autofree char *part_shm = g_strconcat (job->part, "-shm", NULL);
  g_unlink (part_shm);
  if ((g_file_test (part_wal, G_FILE_TEST_EXISTS) && !rename_file (part_wal, path_wal, &error))
      || !rename_file (job->part, job->path, &error))
    {
      remove_ledger_files (job->part);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (JdEmptyPage *self, gboolean busy)
{
  gtk_widget_set_visible (self->buttons, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
  if (busy)
    gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
}

static void
demo_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JdEmptyPage *self = JD_EMPTY_PAGE (source);
  DemoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      /* Cancelled by the user, or the window went away. */
      if (self->cancellable == g_task_get_cancellable (G_TASK (result)))
        {
          g_clear_object (&self->cancellable);
          set_busy (self, FALSE);
        }
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (!done)
    {
      jd_show_error_dialog (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _ ("Cannot Create the Demo Ledger"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, job->path);
}

static void
demo_clicked_cb (JdEmptyPage *self)
{
  g_autofree char *path = jd_empty_page_demo_path ();

  if (self->cancellable != NULL)
    return;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_signal_emit (self, signals[SIGNAL_OPEN], 0, path);
      return;
    }

  g_autofree char *folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *message
          = g_strdup_printf (_ ("The folder %s cannot be created: %s"), folder, g_strerror (saved));
      jd_show_error_dialog (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _ ("Cannot Create the Demo Ledger"), message);
      return;
    }

  DemoJob *job = g_new0 (DemoJob, 1);
  job->path = g_steal_pointer (&path);
  job->part = g_strconcat (job->path, ".part", NULL);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  g_autoptr (GTask) task = g_task_new (self, self->cancellable, demo_done_cb, NULL);
  g_task_set_source_tag (task, demo_clicked_cb);
  g_task_set_task_data (task, job, (GDestroyNotify)demo_job_free);
  g_task_run_in_thread (task, demo_thread);
}

static void
cancel_clicked_cb (JdEmptyPage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* ---- the widget --------------------------------------------------------------- */

void
jd_empty_page_set_first_run (JdEmptyPage *self, gboolean first_run)
{
  g_return_if_fail (JD_IS_EMPTY_PAGE (self));

  first_run = !!first_run;
  if (self->first_run == first_run)
    return;
  self->first_run = first_run;
  adw_status_page_set_title (self->status_page,
                             first_run ? _ ("No Ledger Yet") : _ ("No Ledger Open"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_RUN]);
}

gboolean
jd_empty_page_is_busy (JdEmptyPage *self)
{
  g_return_val_if_fail (JD_IS_EMPTY_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

static void
jd_empty_page_dispose (GObject *object)
{
  JdEmptyPage *self = JD_EMPTY_PAGE (object);
  GtkWidget *child;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Clears the bound fields; children without an id are unparented here. */
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_EMPTY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jd_empty_page_parent_class)->dispose (object);
}

static void
jd_empty_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdEmptyPage *self = JD_EMPTY_PAGE (object);

  switch (prop_id)
    {
      case PROP_MENU_MODEL:
        g_value_set_object (value, gtk_menu_button_get_menu_model (self->menu_button));
        break;
      case PROP_FIRST_RUN:
        g_value_set_boolean (value, self->first_run);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_empty_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  JdEmptyPage *self = JD_EMPTY_PAGE (object);

  switch (prop_id)
    {
      case PROP_MENU_MODEL:
        if (gtk_menu_button_get_menu_model (self->menu_button) != g_value_get_object (value))
          {
            gtk_menu_button_set_menu_model (self->menu_button, g_value_get_object (value));
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_FIRST_RUN:
        jd_empty_page_set_first_run (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_empty_page_class_init (JdEmptyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_empty_page_dispose;
  object_class->get_property = jd_empty_page_get_property;
  object_class->set_property = jd_empty_page_set_property;

  properties[PROP_MENU_MODEL]
      = g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIRST_RUN]
      = g_param_spec_boolean ("first-run", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::open (path): the demo ledger is ready at path. */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-empty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, buttons);
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, JdEmptyPage, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
jd_empty_page_init (JdEmptyPage *self)
{
  self->first_run = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
