/* jd-empty-page.c: what the window shows when no ledger is open
 *
 * Three ways on: create the township's ledger, open the demo ledger (made on
 * first use by the core, jd_demo_create_async (), with progress and a Cancel
 * button), or open a ledger file. When the demo ledger is ready the page emits
 * ::open with its path; the window opens it like any other file.
 */
#include "config.h"

#include "jd-empty-page.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-demo.h"

/* The demo ledger's seed, as `jindu demo`'s. */
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

  struct _Demo *demo; /* the demo being made (its callback owns it), or NULL */
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

/* The progress of the demo being made: told by the worker, shown on the main
 * loop, at most one update queued there at a time. */
typedef struct
{
  JdEmptyPage *self; /* cleared once the demo is done, when the page may go */
  int permille;
  int progress_queued;
} Progress;

char *
jd_empty_page_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jindu", "demo.db", NULL);
}

/* ---- the demo ledger, made by the core (jd_demo_create_async ()) ------------- */

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_atomic_int_set (&progress->progress_queued, 0);
  if (progress->self != NULL && progress->self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (progress->self->progress_bar,
                                   g_atomic_int_get (&progress->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
progress_unref (gpointer data)
{
  g_atomic_rc_box_release (data);
}

/* Called in the worker. */
static void
demo_progress_cb (double fraction, gpointer user_data)
{
  Progress *progress = user_data;

  g_atomic_int_set (&progress->permille, (int)(CLAMP (fraction, 0.0, 1.0) * 1000));
  if (g_atomic_int_compare_and_exchange (&progress->progress_queued, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb,
                                g_atomic_rc_box_acquire (progress), progress_unref);
}

static void
set_busy (JdEmptyPage *self, gboolean busy)
{
  gtk_widget_set_visible (self->buttons, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
  if (busy)
    gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
}

/* One demo being made: the page is kept until the core is done with it. */
typedef struct _Demo
{
  JdEmptyPage *self;
  GCancellable *cancellable;
  char *path;
  Progress *progress;
} Demo;

static void
demo_free (Demo *demo)
{
  demo->progress->self = NULL; /* an update still queued shows nothing */
  g_atomic_rc_box_release (demo->progress);
  g_object_unref (demo->self);
  g_object_unref (demo->cancellable);
  g_free (demo->path);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static void
demo_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Demo) demo = user_data;
  JdEmptyPage *self = demo->self;
  g_autoptr (GError) error = NULL;
  gboolean done = jd_demo_create_finish (result, &error);

  /* Cancelled by the user, or the page went away (it let go of the demo). */
  if (self->demo != demo)
    return;
  self->demo = NULL;
  set_busy (self, FALSE);
  if (g_cancellable_is_cancelled (demo->cancellable))
    return;
  if (!done)
    {
      jd_show_error_dialog (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _ ("Cannot Create the Demo Ledger"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, demo->path);
}

static void
demo_clicked_cb (JdEmptyPage *self)
{
  g_autofree char *path = jd_empty_page_demo_path ();

  if (self->demo != NULL)
    return;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_signal_emit (self, signals[SIGNAL_OPEN], 0, path);
      return;
    }

  set_busy (self, TRUE);
  Demo *demo = g_new0 (Demo, 1);
  demo->self = g_object_ref (self);
  demo->cancellable = g_cancellable_new ();
  demo->path = g_steal_pointer (&path);
  demo->progress = g_atomic_rc_box_new0 (Progress);
  demo->progress->self = self;
  jd_demo_create_async (demo->path, JD_DEMO_TOWNSHIP, DEMO_SEED, demo_progress_cb, demo->progress,
                        demo->cancellable, demo_done_cb, demo);
  self->demo = demo;
}

static void
cancel_clicked_cb (JdEmptyPage *self)
{
  if (self->demo)
    g_cancellable_cancel (self->demo->cancellable);
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
  return self->demo != NULL;
}

static void
jd_empty_page_dispose (GObject *object)
{
  JdEmptyPage *self = JD_EMPTY_PAGE (object);
  GtkWidget *child;

  /* The demo being made is cancelled and let go: its callback only frees it. */
  Demo *demo = g_steal_pointer (&self->demo);
  if (demo)
    g_cancellable_cancel (demo->cancellable);

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
