/* bench-window.c: the window on the city-scale ledger, next to a bare window
 *
 *   bench-window startup LEDGER   start to first frame, N times each, alternating:
 *                                 the Jindu window on LEDGER and the floor, a bare
 *                                 AdwApplicationWindow with an empty list
 *                                 — and to the first frame that shows the work due
 *   bench-window scroll LEDGER    frame times while the people list scrolls, on
 *                                 its own and after every section was shown,
 *                                 and while a bare column view of nine columns
 *                                 over 100,000 strings in memory scrolls (the floor)
 *
 * Run under a display (xvfb-run) with GSK_RENDERER=cairo, as the benchmark
 * definitions in meson.build do. LEDGER is the city-scale demo ledger that
 * bench-indicators makes in the build folder.
 *
 * Start-up is timed from outside: this program starts itself with `first-frame
 * LEDGER` or `bare`, which quit (_exit) from the first after-paint of the
 * window's GdkFrameClock, and the time is from the spawn to the exit — so both
 * include loading the libraries, the same way.
 *
 * Scrolling opens the people section, then moves the list's adjustment every
 * frame from a tick callback: first as a mouse wheel turned fast (3 rows a
 * frame), then as the scroll bar dragged (a jump to another place each frame).
 * A frame's time is from the frame clock's before-paint to its after-paint:
 * the update (the tick), the layout (new rows, new pages read from SQLite) and
 * the paint.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <unistd.h>

#include "jd-application.h"
#include "jd-date.h"
#include "jd-people-page.h"
#include "jd-window.h"

#define STARTS 7
#define WHEEL_FRAMES 300
#define JUMP_FRAMES 60
#define SETTLE_SECONDS 5

static int
compare_times (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* ---- first frame, then out ------------------------------------------------------- */

static gboolean wait_for_content;

/* The ledger the window shows, or NULL. */
static JdLedger *
window_ledger (JdWindow *window)
{
  g_autoptr (JdLedger) ledger = NULL;
  g_object_get (window, "ledger", &ledger, NULL);
  return ledger; /* the window keeps its reference */
}

/* The first frame, or with wait_for_content the first that shows the ledger's
 * sections (not the loading state). */
static void
after_paint_exit_cb (GdkFrameClock *clock, GtkWidget *window)
{
  if (!wait_for_content || !JD_IS_WINDOW (window) || window_ledger (JD_WINDOW (window)))
    _exit (0);
}

static void
map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_exit_cb), window);
}

static void
window_added_cb (GtkApplication *app, GtkWindow *window)
{
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
}

static int
first_frame (const char *ledger)
{
  JdApplication *app = jd_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  char *args[] = { "jindu", "--db", (char *)ledger, NULL };
  return g_application_run (G_APPLICATION (app), 3, args);
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bare_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (
      gtk_no_selection_new (G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT))));
  GtkWidget *list = gtk_list_view_new (model, factory);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
bare (void)
{
  AdwApplication *app = adw_application_new ("org.example.Bare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static double
spawn_ms (const char *self, const char *what, const char *ledger)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { self, what, ledger, NULL };
  int status;
  gint64 start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                     &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s %s: %s\n", self, what, error->message);
      exit (1);
    }
  return (g_get_monotonic_time () - start) / 1e3;
}

static int
startup (const char *self, const char *ledger)
{
  double window[STARTS], content[STARTS], floor[STARTS];
  /* One of each first, not counted: the libraries and the ledger into the page cache. */
  spawn_ms (self, "bare", "-");
  spawn_ms (self, "first-frame", ledger);
  for (int i = 0; i < STARTS; i++)
    {
      floor[i] = spawn_ms (self, "bare", "-");
      window[i] = spawn_ms (self, "first-frame", ledger);
      content[i] = spawn_ms (self, "first-content", ledger);
    }
  qsort (window, STARTS, sizeof (double), compare_times);
  qsort (content, STARTS, sizeof (double), compare_times);
  qsort (floor, STARTS, sizeof (double), compare_times);
  double ratio = window[STARTS / 2] / floor[STARTS / 2];
  g_print ("start to first frame, city ledger: fastest %.0f ms, median %.0f ms, slowest %.0f ms\n",
           window[0], window[STARTS / 2], window[STARTS - 1]);
  g_print ("start to the first frame with the work due shown: fastest %.0f ms, median %.0f ms, "
           "slowest %.0f ms (%.2f times the floor)\n",
           content[0], content[STARTS / 2], content[STARTS - 1],
           content[STARTS / 2] / floor[STARTS / 2]);
  g_print ("  floor, a bare AdwApplicationWindow with an empty list: fastest %.0f ms, median "
           "%.0f ms, slowest %.0f ms\n",
           floor[0], floor[STARTS / 2], floor[STARTS - 1]);
  g_print ("  ratio %.2f; target 1.3: %s\n", ratio, ratio <= 1.3 ? "met" : "NOT met");
  return 0;
}

/* ---- scrolling ------------------------------------------------------------------- */

typedef struct
{
  GtkAdjustment *adjustment;
  GArray *wheel; /* frame times in ms */
  GArray *jumps;
  gint64 paint_start;
  int frame;
  guint32 rand;
  gboolean done;
} Scroll;

static void
before_paint_cb (GdkFrameClock *clock, Scroll *s)
{
  s->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock, Scroll *s)
{
  if (s->paint_start == 0 || s->frame == 0)
    return;
  double ms = (g_get_monotonic_time () - s->paint_start) / 1e3;
  g_array_append_val (s->frame <= WHEEL_FRAMES ? s->wheel : s->jumps, ms);
  s->paint_start = 0;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Scroll *s = data;
  double upper = gtk_adjustment_get_upper (s->adjustment);
  double page = gtk_adjustment_get_page_size (s->adjustment);
  double value = gtk_adjustment_get_value (s->adjustment);

  s->frame++;
  if (s->frame <= WHEEL_FRAMES)
    value += 3 * 36; /* three rows of about 36 px */
  else if (s->frame <= WHEEL_FRAMES + JUMP_FRAMES)
    {
      s->rand = s->rand * 1103515245 + 12345;
      value = (upper - page) * ((s->rand >> 8) % 10000) / 10000.0;
    }
  else
    {
      s->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (s->adjustment, MIN (value, upper - page));
  return G_SOURCE_CONTINUE;
}

static void
report (const char *what, GArray *times)
{
  g_array_sort (times, compare_times);
  double *t = (double *)times->data;
  guint n = times->len;
  double p95 = t[MIN (n - 1, (guint)(n * 0.95))];
  g_print ("%s: %u frames, p50 %.1f ms, p95 %.1f ms, max %.1f ms; target p95 20 ms: %s\n", what, n,
           t[n / 2], p95, t[n - 1], p95 <= 20 ? "met" : "NOT met");
}

static gboolean
tick_wait_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (gboolean (*cond) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_wait_cb, NULL);
  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        {
          g_printerr ("timed out\n");
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
list_ready (gpointer data)
{
  GtkAdjustment *adjustment = data;
  return gtk_adjustment_get_upper (adjustment) > 10 * gtk_adjustment_get_page_size (adjustment)
         && gtk_adjustment_get_page_size (adjustment) > 0;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroll *)data)->done;
}

/* Scrolls view frame by frame and prints the frame times, then leaves. */
static void
measure_scroll (GtkColumnView *view, GListModel *model, const char *what)
{
  Scroll s = { .adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
               .wheel = g_array_new (FALSE, FALSE, sizeof (double)),
               .jumps = g_array_new (FALSE, FALSE, sizeof (double)),
               .rand = 1 };

  wait_until (list_ready, s.adjustment);
  g_print ("%s: %u rows, %.0f px of rows, %.0f px shown\n", what, g_list_model_get_n_items (model),
           gtk_adjustment_get_upper (s.adjustment), gtk_adjustment_get_page_size (s.adjustment));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &s);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &s);
  gtk_widget_add_tick_callback (GTK_WIDGET (view), tick_cb, &s, NULL);
  wait_until (scroll_done, &s);
  g_signal_handlers_disconnect_by_data (clock, &s);

  g_autofree char *wheel = g_strdup_printf ("  %s, wheel (3 rows a frame)", what);
  g_autofree char *jumps = g_strdup_printf ("  %s, scroll bar dragged (a jump a frame)", what);
  report (wheel, s.wheel);
  report (jumps, s.jumps);
  g_array_unref (s.wheel);
  g_array_unref (s.jumps);
  fflush (stdout);
  _exit (0);
}

static gboolean
has_ledger (gpointer window)
{
  return window_ledger (window) != NULL;
}

static gboolean visit_sections;

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *)data;
}

static gboolean
scroll_run_cb (gpointer data)
{
  GApplication *app = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  JdWindow *window = windows->data;
  wait_until (has_ledger, window);
  /* As a clerk who has been through every section first: their pages are
   * built, and hidden while the people list scrolls. Their work on threads
   * (the dashboard's indicators, the villages' readiness) is given a few
   * seconds to end, as it would while the clerk reads each page. */
  if (visit_sections)
    {
      guint n_sections;
      const JdSection *sections = jd_sections (&n_sections);
      for (guint i = 0; i < n_sections; i++)
        {
          jd_window_set_section (window, sections[i].name);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      jd_window_set_section (window, "people");
      gint64 settled = g_get_monotonic_time () + SETTLE_SECONDS * G_USEC_PER_SEC;
      wait_until (time_passed, &settled);
    }
  JdPeoplePage *page = JD_PEOPLE_PAGE (jd_window_get_page (window, "people"));
  measure_scroll (jd_people_page_get_view (page), jd_people_page_get_model (page),
                  visit_sections ? "the people list, every section shown before"
                                 : "the people list");
  return G_SOURCE_REMOVE;
}

static void
scroll_startup_cb (GApplication *app)
{
  g_idle_add (scroll_run_cb, app);
}

static int
scroll_window (const char *ledger)
{
  JdApplication *app = jd_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (scroll_startup_cb), NULL);
  char *args[] = { "jindu", "--db", (char *)ledger, "--section", "people", NULL };
  return g_application_run (G_APPLICATION (app), 5, args);
}

/* The floor: a bare window of the same size with a GtkColumnView of as many
 * columns (nine), styled as the people list (data-table), over 100,000
 * strings in memory, each cell a label. */
static void
floor_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
floor_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static gboolean
floor_run_cb (gpointer data)
{
  GtkColumnView *view = data;
  measure_scroll (view, G_LIST_MODEL (gtk_column_view_get_model (view)),
                  "floor, a bare column view");
  return G_SOURCE_REMOVE;
}

static void
floor_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  GtkStringList *strings = gtk_string_list_new (NULL);
  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *text = g_strdup_printf ("陈伟明 %06d", i);
      gtk_string_list_append (strings, text);
    }
  GtkSelectionModel *model
      = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings)));
  GtkWidget *view = gtk_column_view_new (model);
  gtk_widget_add_css_class (view, "data-table"); /* as the people list's rows */
  for (int i = 0; i < 9; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (floor_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (floor_bind_cb), NULL);
      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new ("列", factory);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_idle_add (floor_run_cb, view);
}

static int
scroll_floor (void)
{
  AdwApplication *app = adw_application_new ("org.example.Bare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (floor_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Both, each in a process of its own. */
static int
scroll (const char *self, const char *ledger)
{
  const char *const modes[] = { "scroll-window", "scroll-visited", "scroll-floor" };
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      const char *argv[] = { self, modes[i], ledger, NULL };
      int status;
      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("%s %s: %s\n", self, modes[i], error->message);
          return 1;
        }
      g_print ("%s", out);
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      g_printerr ("usage: %s startup|scroll|first-frame LEDGER, or bare\n", argv[0]);
      return 2;
    }
  /* Under plain Xvfb there is no session bus: say so, as the UI tests do,
   * rather than have GDBus try dbus-launch and GTK warn (which G_DEBUG makes
   * fatal). Under dbus-run-session the bus and the accessibility bridge run. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
      g_setenv ("GTK_A11Y", "none", TRUE);
    }
  if (g_str_equal (argv[1], "bare"))
    return bare ();
  if (argc != 3)
    return 2;
  if (!g_str_equal (argv[2], "-") && !g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s does not exist: run an indicators benchmark first, which makes it\n",
                  argv[2]);
      return 77;
    }
  if (g_str_equal (argv[1], "first-frame"))
    return first_frame (argv[2]);
  if (g_str_equal (argv[1], "first-content"))
    {
      wait_for_content = TRUE;
      return first_frame (argv[2]);
    }
  if (g_str_equal (argv[1], "startup"))
    return startup (argv[0], argv[2]);
  if (g_str_equal (argv[1], "scroll"))
    return scroll (argv[0], argv[2]);
  if (g_str_equal (argv[1], "scroll-window"))
    return scroll_window (argv[2]);
  if (g_str_equal (argv[1], "scroll-visited"))
    {
      visit_sections = TRUE;
      return scroll_window (argv[2]);
    }
  if (g_str_equal (argv[1], "scroll-floor"))
    return scroll_floor ();
  return 2;
}
