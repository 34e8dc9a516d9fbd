/* jd-preferences.c: the preferences window (Ctrl+,)
 *
 * What this computer prefers lives in GSettings: masking in lists, the
 * follow-up intervals and urine schedule of the work due, how many backups to
 * keep. The indicators' targets belong to the ledger (docs/contract.md §4), so every
 * office that opens it judges against the same ones; they are written through
 * jd-targets, whose commit the ledger announces, so the dashboard judges again
 * at once.
 */
#include "config.h"

#include "jd-preferences.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-targets.h"

struct _JdPreferences
{
  AdwPreferencesWindow parent_instance;

  JdLedger *ledger;
  GSettings *settings;
  GtkSpinButton *target_buttons[JD_N_TARGETS];
  gboolean loading; /* the target buttons are being filled */
};

G_DEFINE_FINAL_TYPE (JdPreferences, jd_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static GtkWidget *
add_row (AdwPreferencesGroup *group, const char *title, const char *subtitle, GtkWidget *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row,
                                  NULL, -1);
  adw_preferences_group_add (group, row);
  return row;
}

/* A spin button bound to an integer key of the schema. */
static GtkWidget *
settings_spin (JdPreferences *self, const char *key, int lower, int upper)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);
  g_settings_bind (self->settings, key, gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  return spin;
}

/* ---- targets ------------------------------------------------------------------------------ */

/* Percentages are edited as 0–100; the ledger keeps fractions. */
static double
shown_value (JdTarget target, double value)
{
  return jd_target_info (target)->percent ? value * 100 : value;
}

static void
load_targets (JdPreferences *self)
{
  self->loading = TRUE;
  for (guint t = 0; t < JD_N_TARGETS; t++)
    if (self->target_buttons[t])
      gtk_spin_button_set_value (self->target_buttons[t],
                                 shown_value (t, jd_targets_get (self->ledger, t)));
  self->loading = FALSE;
}

static void
target_changed_cb (GtkSpinButton *button, JdPreferences *self)
{
  g_autoptr (GError) error = NULL;
  JdTarget target = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "jd-target"));
  double value = gtk_spin_button_get_value (button);

  if (self->loading)
    return;
  if (jd_target_info (target)->percent)
    value /= 100;
  if (!jd_targets_set (self->ledger, target, value, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      load_targets (self);
      return;
    }
}

static void
reset_targets_cb (JdPreferences *self)
{
  g_autoptr (GError) error = NULL;

  for (guint t = 0; t < JD_N_TARGETS && error == NULL; t++)
    if (jd_target_info (t)->kind != JD_TARGET_FALLS)
      jd_targets_reset (self->ledger, t, &error);
  if (error)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
  load_targets (self);
}

static void
add_targets_page (JdPreferences *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *reset = gtk_button_new_with_mnemonic (_ ("_Restore Defaults"));

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _ ("Targets"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-ok-symbolic");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("Indicator Targets"));
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      _ ("Kept in the ledger, so everyone who opens it judges against the same targets. The "
         "defaults are those of the reference plans."));
  gtk_widget_add_css_class (reset, "flat");
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (reset_targets_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), reset);

  for (guint t = 0; t < JD_N_TARGETS; t++)
    {
      const JdTargetInfo *info = jd_target_info (t);
      if (info->kind == JD_TARGET_FALLS)
        continue; /* nothing to set: last year's rate is the target */
      gboolean whole = t == JD_TARGET_MISSING;
      GtkWidget *spin = gtk_spin_button_new_with_range (0, info->percent ? 100 : 1000,
                                                        whole           ? 1
                                                        : info->percent ? 1
                                                                        : 0.1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), whole ? 0 : info->percent ? 0 : 2);
      g_object_set_data (G_OBJECT (spin), "jd-target", GUINT_TO_POINTER (t));
      const char *unit = info->kind == JD_TARGET_AT_LEAST
                             ? (info->percent ? _ ("At least, in per cent") : _ ("At least"))
                             : (info->percent ? _ ("At most, in per cent") : _ ("At most"));
      add_row (ADW_PREFERENCES_GROUP (group), _ (info->label), unit, spin);
      self->target_buttons[t] = GTK_SPIN_BUTTON (spin);
    }
  load_targets (self);
  for (guint t = 0; t < JD_N_TARGETS; t++)
    if (self->target_buttons[t])
      g_signal_connect (self->target_buttons[t], "value-changed", G_CALLBACK (target_changed_cb),
                        self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

/* ---- this computer ------------------------------------------------------------------------ */

static gboolean
schedule_to_index (GValue *value, GVariant *variant, gpointer data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "statutory") == 0);
  return TRUE;
}

static GVariant *
index_to_schedule (const GValue *value, const GVariantType *type, gpointer data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "statutory" : "interval");
}

static gboolean
interval_applies (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_boolean (to, g_value_get_uint (from) == 0);
  return TRUE;
}

static void
add_general_page (JdPreferences *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _ ("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  GtkWidget *privacy = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (privacy), _ ("Privacy"));
  GtkWidget *mask = gtk_switch_new ();
  g_settings_bind (self->settings, "mask-personal-data", mask, "active", G_SETTINGS_BIND_DEFAULT);
  add_row (ADW_PREFERENCES_GROUP (privacy), _ ("_Mask ID and Phone Numbers in Lists"),
           _ ("Shown in full only on a person’s own page"), mask);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (privacy));

  GtkWidget *work = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (work), _ ("Work Due"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (work),
                                         _ ("How often each person under community measures "
                                            "is talked to, tested and visited, in calendar "
                                            "months."));
  add_row (ADW_PREFERENCES_GROUP (work), _ ("Months Between _Talks"), NULL,
           settings_spin (self, "talk-interval-months", 1, 12));
  const char *schedules[] = { _ ("Every so many months"), _ ("Statutory schedule"), NULL };
  GtkWidget *schedule = gtk_drop_down_new_from_strings (schedules);
  g_settings_bind_with_mapping (self->settings, "urine-schedule", schedule, "selected",
                                G_SETTINGS_BIND_DEFAULT, schedule_to_index, index_to_schedule, NULL,
                                NULL);
  add_row (ADW_PREFERENCES_GROUP (work), _ ("_Urine Test Schedule"),
           _ ("Statutory: monthly in a measure’s first year, every two months in the second, "
              "quarterly in the third"),
           schedule);
  GtkWidget *urine_row = add_row (ADW_PREFERENCES_GROUP (work), _ ("Months Between U_rine Tests"),
                                  NULL, settings_spin (self, "urine-interval-months", 1, 12));
  /* The interval counts only without the statutory schedule. */
  g_object_bind_property_full (schedule, "selected", urine_row, "sensitive", G_BINDING_SYNC_CREATE,
                               interval_applies, NULL, NULL, NULL);
  add_row (ADW_PREFERENCES_GROUP (work), _ ("Months Between Home _Visits"), NULL,
           settings_spin (self, "visit-interval-months", 1, 12));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (work));

  GtkWidget *backups = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (backups), _ ("Backups"));
  add_row (ADW_PREFERENCES_GROUP (backups), _ ("_Backups Kept"),
           _ ("The oldest go when there are more"), settings_spin (self, "backups-kept", 1, 1000));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (backups));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

GtkSpinButton *
jd_preferences_get_target_button (JdPreferences *self, JdTarget target)
{
  g_return_val_if_fail (JD_IS_PREFERENCES (self) && target < JD_N_TARGETS, NULL);
  return self->target_buttons[target];
}

static void
jd_preferences_dispose (GObject *object)
{
  JdPreferences *self = JD_PREFERENCES (object);

  g_clear_object (&self->ledger);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jd_preferences_parent_class)->dispose (object);
}

static void
jd_preferences_class_init (JdPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jd_preferences_dispose;
}

static void
jd_preferences_init (JdPreferences *self)
{
  self->settings = g_settings_new (APP_ID);
}

JdPreferences *
jd_preferences_new (GtkWindow *parent, JdLedger *ledger)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ledger == NULL || JD_IS_LEDGER (ledger), NULL);

  JdPreferences *self
      = g_object_new (JD_TYPE_PREFERENCES, "transient-for", parent, "modal", TRUE, NULL);
  add_general_page (self);
  if (ledger)
    {
      self->ledger = g_object_ref (ledger);
      add_targets_page (self);
    }
  return self;
}
