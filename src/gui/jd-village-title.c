/* jd-village-title.c: the drug-free title workflow on a village's page
 *
 * The steps jd_title_allows () are offered as buttons and recorded through
 * jd_store_title_event () by jd_save_run (), whose refusal (with the rule that
 * forbids the step) is shown on the page; a yellow card or a revocation asks
 * for its ground. While another program holds the write lock the page says the
 * step is on its way and takes no other.
 */
#include "config.h"

#include "jd-village-page-private.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-form.h"
#include "jd-save.h"
#include "jd-store.h"
#include "jd-village-detail.h"

static void
ground_response_cb (AdwMessageDialog *dialog, const char *response, JdVillagePage *self)
{
  const char *event = g_object_get_data (G_OBJECT (dialog), "jd-event");
  if (g_str_equal (response, "cancel") || event == NULL)
    return;
  g_autofree char *step = g_strdup_printf ("%s:%s", event, response);
  gtk_widget_activate_action (GTK_WIDGET (self), "village.title-event", "s", step);
}

/* A yellow card or a revocation gives its ground (事由, docs/contract.md §3):
 * the page asks for it, one button per ground the event takes. A revocation
 * for two yellow cards is not offered: the store records it with the second
 * yellow card. */
static void
ask_ground (JdVillagePage *self, const char *event)
{
  static const char *const yellow[] = { "ranking", "sewage", "other", NULL };
  static const char *const revoked[]
      = { "student_case", "incident", "cultivation", "manufacture", "key_area", NULL };
  gboolean is_yellow = g_str_equal (event, "yellow_card");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      is_yellow ? _ ("Ground of the yellow card") : _ ("Ground of the revocation"), NULL));
  adw_message_dialog_set_body (dialog, _ ("Choose why, as the plan names it."));
  for (const char *const *ground = is_yellow ? yellow : revoked; *ground; ground++)
    adw_message_dialog_add_response (dialog, *ground,
                                     jd_enum_label (JD_ENUM_TITLE_GROUND, *ground));
  adw_message_dialog_add_response (dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jd-event", g_strdup (event), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ground_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A step on its way to the ledger (jd_save_run ()). */
typedef struct
{
  JdTitleEventRecord record; /* its strings are the ones below */
  char *event, *note, *ground;
  JdStoreResult result;
  gboolean revoked;
} Step;

static void
step_free (Step *step)
{
  g_free (step->event);
  g_free (step->note);
  g_free (step->ground);
  g_free (step);
}

static gboolean
write_step_cb (JdLedger *ledger, gpointer data, GError **error)
{
  Step *step = data;
  step->result = jd_store_title_event_full (ledger, &step->record, &step->revoked, error);
  return step->result != JD_STORE_FAILED;
}

/* While another program holds the write lock the window goes on; the steps
 * take no second click, the date and note no changes, and the message line
 * says the step is on its way. */
static void
set_saving (JdVillagePage *self, gboolean saving)
{
  self->title_saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.title-event", !saving);
  jd_save_hold_rows (GTK_WIDGET (self->date_row), saving);
  jd_save_hold_rows (GTK_WIDGET (self->note_row), saving);
  jd_village_page_set_saving_message (
      self, saving ? _ ("Saving… Another program is writing to the ledger; the step is "
                        "recorded as soon as it has finished.")
                   : NULL);
}

static void
step_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (owner);
  Step *step = data;

  if (self->title_saving)
    set_saving (self, FALSE);
  if (!ok)
    {
      /* The page says which step was refused and why, in the rule's own
       * words (without the field's key); the date and note stay as typed. */
      if (g_error_matches (error, JD_ERROR, JD_ERROR_BUSY))
        {
          jd_village_page_set_message (self, error->message);
          return;
        }
      const char *reason = g_strcmp0 (jd_error_get_field (error), "event") == 0
                               ? jd_error_get_reason (error)
                               : error->message;
      g_autofree char *text = g_strdup_printf (_ ("Not recorded: %s"), reason);
      jd_village_page_set_message (self, text);
      return;
    }
  if (step->result == JD_STORE_UNCHANGED)
    {
      jd_village_page_set_message (self, _ ("This step is already recorded on that day"));
      return;
    }
  /* The second consecutive yellow card: say that the title went with it. */
  jd_village_page_set_message (
      self, step->revoked ? _ ("Second consecutive yellow card: the title is revoked "
                               "(ground: two consecutive yellow cards)")
                          : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  /* The ledger's notice of the commit reloaded the page (ledger_changed_cb). */
}

/* The parameter is an event key, or "event:ground" for a yellow card or a
 * revocation; without its ground, the page asks for one. Recorded at once when
 * the ledger is free, else once another program lets go of it. */
static void
title_event_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  g_auto (GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ":", 2);
  const char *event = parts[0] ? parts[0] : "";
  const char *ground = parts[0] && parts[1] && *parts[1] ? parts[1] : NULL;
  if (self->title_saving)
    return;
  if (ground == NULL && (g_str_equal (event, "yellow_card") || g_str_equal (event, "revoked"))
      && jd_title_allows (&self->title, event))
    {
      ask_ground (self, event);
      return;
    }
  JdDay day = 0;
  if (!jd_date_row_check (GTK_WIDGET (self->date_row), JD_DATE_REQUIRED, &day))
    {
      g_autofree char *date_text
          = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
      g_autofree char *text
          = g_strdup_printf (_ ("Date: “%s” is not a date (write it as 2024-03-05)"), date_text);
      jd_village_page_set_message (self, text);
      return;
    }

  Step *step = g_new0 (Step, 1);
  step->event = g_strdup (event);
  step->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  step->ground = g_strdup (ground);
  step->record = (JdTitleEventRecord){ .village_id = self->village_id,
                                       .event = step->event,
                                       .occurred_on = day,
                                       .note = step->note,
                                       .ground = step->ground };
  if (jd_save_run (self->ledger, write_step_cb, step, (GDestroyNotify)step_free, NULL,
                   G_OBJECT (self), step_saved_cb)
      == JD_SAVE_WAITING)
    set_saving (self, TRUE);
}

void
jd_village_title_fill (JdVillagePage *self, GPtrArray *events)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row),
                                 jd_title_stage_label (self->title.stage));
  g_autofree char *since = self->title.since ? jd_day_to_string (self->title.since) : NULL;
  g_autofree char *since_text = since ? g_strdup_printf (_ ("Since %s"), since) : NULL;
  adw_action_row_set_subtitle (self->stage_row, since_text ? since_text : "");

  /* The allowed steps as buttons, in the workflow's order. */
  GtkWidget *child;
  guint n_allowed = 0;
  for (child = gtk_widget_get_first_child (self->steps_box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *event = g_object_get_data (G_OBJECT (child), "jd-event");
      if (event == NULL)
        continue;
      gboolean allowed = jd_title_allows (&self->title, event);
      gtk_widget_set_visible (child, allowed);
      n_allowed += allowed;
    }

  jd_village_page_clear_list (self->history_list);
  if (events->len == 0)
    jd_village_page_add_placeholder (self->history_list, _ ("No title events yet"));
  for (guint i = events->len; i-- > 0;)
    {
      JdVillageTitleEvent *event = g_ptr_array_index (events, i);
      /* The ground of a yellow card or a revocation, then the note. */
      g_autofree char *subtitle
          = event->ground ? g_strdup_printf (_ ("Ground: %s"),
                                             jd_enum_label (JD_ENUM_TITLE_GROUND, event->ground))
                          : NULL;
      if (event->note && *event->note)
        {
          char *both = subtitle ? g_strdup_printf ("%s · %s", subtitle, event->note)
                                : g_strdup (event->note);
          g_free (subtitle);
          subtitle = both;
        }
      jd_village_page_add_dated_row (self->history_list, event->occurred_on,
                                     jd_enum_label (JD_ENUM_TITLE_EVENT, event->event), subtitle);
    }
}

void
jd_village_title_build (JdVillagePage *self)
{
  self->title_group = jd_village_page_add_group (
      self, _ ("Drug-Free Title"),
      _ ("Apply, accept, assess and name; then reviews and yellow cards"));
  self->stage_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row), _ ("Stage"));
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->stage_row));

  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _ ("Date of the Step"));
  g_autofree char *today = jd_day_to_string (jd_today ());
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->date_row));
  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _ ("Note"));
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->note_row));

  self->steps_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->steps_box, 12);
  guint n_events;
  const JdEnumValue *events = jd_enum_values (JD_ENUM_TITLE_EVENT, &n_events);
  GMenu *menu = g_menu_new ();
  for (guint i = 0; i < n_events; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_ (events[i].label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "village.title-event");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", events[i].key);
      g_object_set_data (G_OBJECT (button), "jd-event", (gpointer)events[i].key);
      if (g_str_equal (events[i].key, "yellow_card") || g_str_equal (events[i].key, "revoked")
          || g_str_equal (events[i].key, "assessed_fail"))
        gtk_widget_add_css_class (button, "destructive-action");
      else
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (self->steps_box), button);

      g_autofree char *detailed = g_strdup_printf ("village.title-event::%s", events[i].key);
      g_menu_append (menu, _ (events[i].label), detailed);
    }
  /* Every step, allowed or not: an impossible one is refused with its rule. */
  GtkWidget *other = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (other), _ ("Other Step"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (other), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (
      other, _ ("Record any step; one the rules forbid is refused with the reason"));
  g_object_unref (menu);
  gtk_box_append (GTK_BOX (self->steps_box), other);
  adw_preferences_group_add (self->title_group, self->steps_box);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->message_label));

  self->history_list = jd_village_page_add_list_group (self, _ ("Title History"), NULL);
}

void
jd_village_title_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "village.title-event", "s", title_event_action_cb);
}
