/* jd-test-ui.h: running the application in a UI test and reading its screens
 *
 * The shared fixture of the GUI tests: a UI test makes a ledger in its set-up
 * (fixture_init_ledger () gives it a folder, a path, a non-unique application and
 * the ledger to write in), runs `jindu ARGUMENTS…` in
 * its own process with run_app (), and drives the window in the body through
 * its actions, waiting with WAIT_FOR for what a user would see.
 */
#pragma once

#include <adwaita.h>

#include "jd-application.h"
#include "jd-form.h"
#include "jd-test-ledger.h"
#include "jd-window.h"

G_BEGIN_DECLS

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *f, JdWindow *window);

struct _Fixture
{
  JdTestLedger t; /* t.dir, a fresh temporary folder, and t.path, DIR/ledger.db where
                   * the fixture writes its ledger (tests/common/jd-test-ledger.h) */
  JdApplication *app;
  TestBody body;
};

/* Before the tests: isolated XDG folders, the C.UTF-8 locale, GTK and libadwaita. */
void jd_test_ui_init (int *argc, char ***argv);

/* The folder, the path and the application; name_template as for g_dir_make_tmp (). */
void fixture_init (Fixture *f, const char *name_template);
/* fixture_init (), and the ledger of JD_TEST_TOWNSHIP created at the fixture's path
 * (tests/common/jd-test-ledger.h) for the test to write its content in: the caller
 * closes it before run_app (). */
JdLedger *fixture_init_ledger (Fixture *f, const char *name_template);
/* Finalizes the application and removes the ledger and the folder (which must
 * then be empty: a test removes the other files it made). */
void fixture_tear_down (Fixture *f, gconstpointer data);

/* Runs `jindu ARGUMENTS…` in this process, then body on its window; every
 * window is destroyed when body returns. */
void run_app (Fixture *f, TestBody body, ...) G_GNUC_NULL_TERMINATED;

gboolean jd_test_tick_cb (gpointer data);

/* Runs the main loop until cond holds; fails after 30 s. */
#define WAIT_FOR(cond)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 end_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;                                   \
    guint tick_ = g_timeout_add (10, jd_test_tick_cb, NULL);                                       \
    while (!(cond))                                                                                \
      {                                                                                            \
        if (g_get_monotonic_time () > end_)                                                        \
          g_error ("timed out waiting for %s", #cond);                                             \
        g_main_context_iteration (NULL, TRUE);                                                     \
      }                                                                                            \
    g_source_remove (tick_);                                                                       \
  }                                                                                                \
  G_STMT_END

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

/* The first widget under root (root included) that passes test, or NULL. */
GtkWidget *find_widget (GtkWidget *root, WidgetTest test, gconstpointer data);
gboolean is_type (GtkWidget *widget, gconstpointer type); /* GSIZE_TO_POINTER (GType) */
gboolean is_button_labelled (GtkWidget *widget, gconstpointer label);
gboolean is_row_titled (GtkWidget *widget, gconstpointer title); /* any AdwPreferencesRow */
/* The ledger the window shows (its "ledger" property), or NULL. */
JdLedger *window_ledger (JdWindow *window);
/* The first toplevel of the type, or NULL. */
GtkWindow *find_toplevel (GType type);

/* The texts of every mapped label under root, one per line. */
char *visible_cells (GtkWidget *root);
/* Whether a mapped label under root reads exactly line. */
gboolean shows_line (GtkWidget *root, const char *line);
/* Whether a mapped label under root starts with prefix. */
gboolean shows_prefix (GtkWidget *root, const char *prefix);
/* Whether the labels show a above b. */
gboolean shows_before (GtkWidget *root, const char *a, const char *b);

/* Activates the shortcut widget binds to keyval + modifiers, as the key would. */
void press_shortcut (GtkWidget *widget, guint keyval, GdkModifierType modifiers);

/* What Debian's python3 prints running script with the arguments up to NULL,
 * stripped; NULL when it fails (openpyxl missing: the caller skips). */
char *jd_test_python (const char *script, ...) G_GNUC_NULL_TERMINATED;

/* form's values written on the window's ledger as its dialog's Add writes them
 * (jd_save_run ()), the main loop run until the save is in: TRUE, or FALSE
 * with the store's error, nothing written. */
gboolean jd_test_save_form (JdLedger *ledger,
                            const JdForm *form,
                            const JdFormValues *values,
                            GError **error);

G_END_DECLS
