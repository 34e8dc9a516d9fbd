/* test-preferences.c: the preferences window, under Xvfb
 *
 * The ledger: one village 东村 with 张伟 (ID 441581198503121010). Turning
 * masking off shows the full ID number in the people list at once, and on
 * again hides it (441581********1010). A target set to 70 % is kept in the
 * ledger as 0.7, a bad one is refused and the old value stays, and Restore
 * Defaults brings back 60 %. The work-due intervals are calendar months:
 * talks 2, urine tests 2, home visits 1, each from 1 to 12.
 */
#include "config.h"

#include <locale.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-people-page.h"
#include "jd-preferences.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-preferences-XXXXXX");
  const JdVillageRecord v = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &v, &village, &error), ==, JD_STORE_ADDED);
  JdPersonRecord person = { .id_number = "441581198503121010",
                            .name = "张伟",
                            .village_id = village,
                            .first_found_on = jd_day_new (2020, 5, 1) };
  g_assert_true (jd_id_number_validate (person.id_number, NULL, NULL));
  g_assert_cmpint (jd_store_person (ledger, &person, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static gboolean
is_switch (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_SWITCH (widget);
}

/* The spin buttons of the work-due intervals: whole months, 1 to 12. */
static gboolean
is_month_spin (GtkWidget *widget, gconstpointer data)
{
  if (!GTK_IS_SPIN_BUTTON (widget))
    return FALSE;
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget));
  return gtk_adjustment_get_lower (adjustment) == 1 && gtk_adjustment_get_upper (adjustment) == 12;
}

static void
preferences (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  GtkWidget *people = jd_window_get_page (window, "people");
  WAIT_FOR (gtk_widget_get_mapped (people) && shows_line (people, "张伟"));
  g_assert_true (shows_line (people, "441581********1010"));

  press_shortcut (GTK_WIDGET (window), GDK_KEY_comma, GDK_CONTROL_MASK);
  JdPreferences *prefs = JD_PREFERENCES (find_toplevel (JD_TYPE_PREFERENCES));
  g_assert_nonnull (prefs);

  /* Masking off: the whole number in the list; on again: masked. */
  GtkSwitch *mask = GTK_SWITCH (find_widget (GTK_WIDGET (prefs), is_switch, NULL));
  g_assert_true (gtk_switch_get_active (mask));
  gtk_switch_set_active (mask, FALSE);
  WAIT_FOR (shows_line (people, "441581198503121010"));
  gtk_switch_set_active (mask, TRUE);
  WAIT_FOR (shows_line (people, "441581********1010"));

  /* Talks every two months by default; three months is kept in the settings. */
  GtkSpinButton *talks = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (prefs), is_month_spin, NULL));
  g_assert_nonnull (talks);
  g_assert_cmpfloat (gtk_spin_button_get_value (talks), ==, 2);
  g_autoptr (GSettings) settings = g_settings_new ("io.github.jindu.Ledger");
  gtk_spin_button_set_value (talks, 3);
  g_assert_cmpint (g_settings_get_int (settings, "talk-interval-months"), ==, 3);
  g_assert_cmpint (g_settings_get_int (settings, "visit-interval-months"), ==, 1);
  g_settings_reset (settings, "talk-interval-months");

  /* Coverage at least 70 %: 0.7 in the ledger. */
  GtkSpinButton *coverage = jd_preferences_get_target_button (prefs, JD_TARGET_COVERAGE);
  g_assert_cmpfloat (gtk_spin_button_get_value (coverage), ==, 60);
  gtk_spin_button_set_value (coverage, 70);
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_COVERAGE), 0.7, 1e-9);

  /* New users per 10,000 at most 0.8. */
  GtkSpinButton *new_users = jd_preferences_get_target_button (prefs, JD_TARGET_NEW_PER_10K);
  gtk_spin_button_set_value (new_users, 0.8);
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_NEW_PER_10K), 0.8, 1e-9);

  /* The relapse rate's target is last year's rate: nothing to set. */
  g_assert_null (jd_preferences_get_target_button (prefs, JD_TARGET_RELAPSE_RATE));
  g_assert_null (jd_preferences_get_target_button (prefs, JD_TARGET_RELAPSE_PERSONS));

  /* The targets the plans add: urine tests by count 90 %, the public's awareness
   * 95 %, the students' 100 %; set to 85 %, the tests' is 0.85 in the ledger. */
  GtkSpinButton *count = jd_preferences_get_target_button (prefs, JD_TARGET_URINE_COUNT_RATE);
  g_assert_cmpfloat (gtk_spin_button_get_value (count), ==, 90);
  g_assert_cmpfloat (gtk_spin_button_get_value (
                         jd_preferences_get_target_button (prefs, JD_TARGET_AWARENESS_PUBLIC)),
                     ==, 95);
  g_assert_cmpfloat (gtk_spin_button_get_value (
                         jd_preferences_get_target_button (prefs, JD_TARGET_AWARENESS_STUDENTS)),
                     ==, 100);
  g_assert_cmpfloat (gtk_spin_button_get_value (
                         jd_preferences_get_target_button (prefs, JD_TARGET_SOCIETY_URINE_RATE)),
                     ==, 95);
  g_assert_cmpfloat (gtk_spin_button_get_value (
                         jd_preferences_get_target_button (prefs, JD_TARGET_SEPARATED_FOUND_RATE)),
                     ==, 90);
  gtk_spin_button_set_value (count, 85);
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_URINE_COUNT_RATE), 0.85, 1e-9);

  /* Restore Defaults: 60 % and 0.5 again. */
  GtkWidget *reset = find_widget (GTK_WIDGET (prefs), is_button_labelled, "_Restore Defaults");
  g_assert_nonnull (reset);
  g_signal_emit_by_name (reset, "clicked");
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_COVERAGE), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_NEW_PER_10K), 0.5, 1e-9);
  g_assert_cmpfloat (gtk_spin_button_get_value (coverage), ==, 60);
  g_assert_cmpfloat_with_epsilon (jd_targets_get (ledger, JD_TARGET_URINE_COUNT_RATE), 0.9, 1e-9);
  g_assert_cmpfloat (gtk_spin_button_get_value (count), ==, 90);
}

static void
test_preferences (Fixture *f, gconstpointer data)
{
  run_app (f, preferences, "--db", f->t.path, "--section", "people", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/preferences/masking-and-targets", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  return g_test_run ();
}
