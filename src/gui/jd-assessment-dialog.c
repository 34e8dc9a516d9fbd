/* jd-assessment-dialog.c: a village's assessment for a year (考核)
 *
 * Prefilled from the year's readiness (jd_readiness_compute ()), or from the
 * assessment already recorded for that year. Staff confirm or override each
 * standard's verdict with a note and points, and may record the result: an
 * assessed pass or fail is written as the matching title event in the same
 * transaction as the assessment, so a step the title rules refuse leaves
 * nothing written. It saves through jd_save_run (): while another program holds
 * the write lock, the dialog says it is saving and takes no changes.
 *
 * When the village holds the title and a standard is recorded as not met, the
 * window offers to record a yellow card (ground ranking, docs/contract.md §3
 * "Title rules"); it never records one by itself.
 */
#include "config.h"

#include "jd-assessment-dialog.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-mask.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-readiness.h"
#include "jd-save.h"
#include "jd-store.h"
#include "jd-title.h"
#include "jd-village-detail.h"

typedef struct
{
  int finding;
  AdwExpanderRow *row;
  AdwComboRow *verdict;
  GtkSpinButton *points;
  AdwEntryRow *note;
  GtkLabel *badge;
} ItemWidgets;

struct _JdAssessmentDialog
{
  AdwWindow parent_instance;

  JdLedger *ledger;
  gint64 village_id;
  int year;
  gboolean changed;
  gboolean loading;
  char *message;

  AdwEntryRow *date_row;
  AdwEntryRow *assessor_row;
  AdwComboRow *result_row;
  GtkLabel *summary;
  GtkLabel *message_label;
  GtkWidget *page;
  GtkWidget *save_button;
  ItemWidgets items[10];
  GCancellable *saving; /* a save waiting for another program's write lock */
};

G_DEFINE_FINAL_TYPE (JdAssessmentDialog, jd_assessment_dialog, ADW_TYPE_WINDOW)

/* Combo positions: verdicts and results. */
enum
{
  VERDICT_MET,
  VERDICT_NOT_MET,
  VERDICT_NONE
};
static const char *const results[] = { NULL, "assessed_pass", "assessed_fail" };

static int
verdict_of (ItemWidgets *item)
{
  switch (adw_combo_row_get_selected (item->verdict))
    {
      case VERDICT_MET:
        return 1;
      case VERDICT_NOT_MET:
        return 0;
      default:
        return -1;
    }
}

static void
set_message (JdAssessmentDialog *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_summary (JdAssessmentDialog *self)
{
  guint met = 0, open = 0;
  double points = 0;
  for (int k = 0; k < 10; k++)
    {
      int v = verdict_of (&self->items[k]);
      met += v == 1;
      open += v < 0;
      points += gtk_spin_button_get_value (self->items[k].points);
      gtk_label_set_text (self->items[k].badge, v == 1   ? _ ("Met")
                                                : v == 0 ? _ ("Not met")
                                                         : _ ("To be confirmed"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->items[k].badge), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->items[k].badge), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->items[k].badge), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->items[k].badge), v == 1   ? "success"
                                                                   : v == 0 ? "error"
                                                                            : "dim-label");
    }
  g_autofree char *text = g_strdup_printf (
      _ ("%u of 10 standards met, %u to be confirmed, %.1f points"), met, open, points);
  gtk_label_set_text (self->summary, text);
}

static void
changed_cb (JdAssessmentDialog *self)
{
  if (self->loading)
    return;
  self->changed = TRUE;
  update_summary (self);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  gboolean bad = jd_day_parse (date) == 0;
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.save", !bad);
}

static void offer_yellow_card (JdAssessmentDialog *self, JdDay day, GtkWindow *parent);

/* The assessment as the rows hold it now, and its result as a title event, in
 * the save's transaction: a step the title rules refuse leaves nothing written. */
static gboolean
write_assessment_cb (JdLedger *ledger, gpointer data, GError **error)
{
  JdAssessmentDialog *self = data;
  g_autofree char *date
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *assessor
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->assessor_row))));
  JdDay day = jd_day_parse (date);
  JdAssessmentRecord record = { .village_id = self->village_id,
                                .year = self->year,
                                .assessed_on = day,
                                .assessor = *assessor ? assessor : NULL };
  g_auto (GStrv) notes = g_new0 (char *, 10 + 1);
  for (int k = 0; k < 10; k++)
    {
      notes[k] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->items[k].note))));
      record.items[k].finding = self->items[k].finding;
      record.items[k].verdict = verdict_of (&self->items[k]);
      record.items[k].points = gtk_spin_button_get_value (self->items[k].points);
      record.items[k].note = *notes[k] ? notes[k] : NULL;
    }
  const char *event = results[adw_combo_row_get_selected (self->result_row)];
  g_autofree char *title_note = g_strdup_printf (_ ("Assessment of %d"), self->year);
  JdTitleEventRecord title
      = { .village_id = self->village_id, .event = event, .occurred_on = day, .note = title_note };
  return jd_store_assessment (ledger, &record, NULL, error) != JD_STORE_FAILED
         && (event == NULL || jd_store_title_event (ledger, &title, error) != JD_STORE_FAILED);
}

/* While another program holds the write lock the window goes on; the dialog
 * takes no changes, and its Save says it is saving and takes no second click. */
static void
set_saving (JdAssessmentDialog *self, GCancellable *saving)
{
  g_set_object (&self->saving, saving);
  jd_save_hold_rows (self->page, saving != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.save", saving == NULL);
  gtk_button_set_label (GTK_BUTTON (self->save_button), saving ? _ ("Saving…") : _ ("_Save"));
  set_message (self, saving ? _ ("Saving… Another program is writing to the ledger; the "
                                 "assessment is saved as soon as it has finished.")
                            : NULL);
}

static void
assessment_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdAssessmentDialog *self = JD_ASSESSMENT_DIALOG (owner);

  /* Dropped with the dialog: nothing was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->saving)
    set_saving (self, NULL);
  if (!ok)
    {
      /* The dialog stays with what was entered; a refused step in the rule's words. */
      const char *reason = g_strcmp0 (jd_error_get_field (error), "event") == 0
                               ? jd_error_get_reason (error)
                               : error->message;
      g_autofree char *text = g_strdup_printf (_ ("The assessment was not saved: %s"), reason);
      set_message (self, text);
      return;
    }
  JdDay day = jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  offer_yellow_card (self, day, parent);
  self->changed = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* assessment.save: at once when the ledger is free, else once another program lets go of it. */
static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdAssessmentDialog *self = JD_ASSESSMENT_DIALOG (widget);
  g_autofree char *date
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

  if (self->saving)
    return;
  if (jd_day_parse (date) == 0)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("Assessed on: “%s” is not a date (write it as 2024-03-05)"), date);
      set_message (self, text);
      return;
    }
  g_autoptr (GCancellable) saving = g_cancellable_new ();
  if (jd_save_run (self->ledger, write_assessment_cb, self, NULL, saving, G_OBJECT (self),
                   assessment_saved_cb)
      == JD_SAVE_WAITING)
    set_saving (self, saving);
}

/* A yellow card on its way to the ledger: it goes on after the offer has closed. */
typedef struct
{
  JdTitleEventRecord card; /* its note is the one below */
  char *note;
  GtkWindow *parent;
} YellowCard;

static void
yellow_card_free (YellowCard *card)
{
  g_free (card->note);
  g_clear_object (&card->parent);
  g_free (card);
}

static gboolean
write_yellow_card_cb (JdLedger *ledger, gpointer data, GError **error)
{
  YellowCard *card = data;
  return jd_store_title_event (ledger, &card->card, error) != JD_STORE_FAILED;
}

static void
yellow_card_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  YellowCard *card = data;
  if (ok)
    return;
  g_autofree char *text
      = g_strdup_printf (_ ("The yellow card was not recorded: %s"), error ? error->message : "");
  /* Over the window, unless it closed meanwhile. */
  GtkWindow *parent
      = card->parent && gtk_widget_get_realized (GTK_WIDGET (card->parent)) ? card->parent : NULL;
  GtkWidget *failed = adw_message_dialog_new (parent, text, NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (failed));
}

typedef struct
{
  JdLedger *ledger;
  gint64 village_id;
  JdDay day;
  int year;
  GtkWindow *parent;
} YellowOffer;

static void
yellow_offer_free (YellowOffer *offer)
{
  g_object_unref (offer->ledger);
  g_clear_object (&offer->parent);
  g_free (offer);
}

/* Recorded at once when the ledger is free, else once another program lets go
 * of it (or said not recorded after the busy timeout). */
static void
yellow_response_cb (AdwMessageDialog *dialog, const char *response, YellowOffer *offer)
{
  if (!g_str_equal (response, "yellow"))
    return;
  YellowCard *card = g_new0 (YellowCard, 1);
  card->note = g_strdup_printf (_ ("Assessment of %d"), offer->year);
  card->parent = offer->parent ? g_object_ref (offer->parent) : NULL;
  card->card = (JdTitleEventRecord){ .village_id = offer->village_id,
                                     .event = "yellow_card",
                                     .occurred_on = offer->day,
                                     .note = card->note,
                                     .ground = "ranking" };
  jd_save_run (offer->ledger, write_yellow_card_cb, card, (GDestroyNotify)yellow_card_free, NULL,
               NULL, yellow_card_saved_cb);
}

/* After a saved assessment: a titled village with a standard not met is
 * offered a yellow card; staff decide. */
static void
offer_yellow_card (JdAssessmentDialog *self, JdDay day, GtkWindow *parent)
{
  gboolean not_met = FALSE;
  for (int k = 0; k < 10; k++)
    not_met = not_met || verdict_of (&self->items[k]) == 0;
  JdTitleState state;
  g_autoptr (GPtrArray) events
      = jd_village_load_title_events (self->ledger, self->village_id, &state, NULL);
  if (!not_met || events == NULL || !jd_title_holds (&state))
    return;
  GtkWidget *dialog = adw_message_dialog_new (
      parent, _ ("Record a Yellow Card?"),
      _ ("The village holds the title, and this assessment records a standard as not met. A "
         "yellow card (ground: low in the assessment ranking) is recorded only if you choose "
         "so."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Not Now"), "yellow",
                                    _ ("_Record Yellow Card"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  YellowOffer *offer = g_new0 (YellowOffer, 1);
  offer->ledger = g_object_ref (self->ledger);
  offer->village_id = self->village_id;
  offer->day = day;
  offer->year = self->year;
  offer->parent = parent ? g_object_ref (parent) : NULL;
  g_signal_connect_data (dialog, "response", G_CALLBACK (yellow_response_cb), offer,
                         (GClosureNotify)(void (*) (void))yellow_offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_response_cb (AdwMessageDialog *dialog, const char *response, JdAssessmentDialog *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->changed = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
close_request_cb (GtkWindow *window)
{
  JdAssessmentDialog *self = JD_ASSESSMENT_DIALOG (window);
  if (!self->changed)
    return FALSE;
  jd_ask_question (window, _ ("Discard the Assessment?"),
                   _ ("The verdicts entered here are not saved."), _ ("_Keep Editing"), "discard",
                   _ ("_Discard"), ADW_RESPONSE_DESTRUCTIVE, G_CALLBACK (discard_response_cb),
                   self);
  return TRUE;
}

static void
cancel_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- building ------------------------------------------------------------------------ */

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static void
build (JdAssessmentDialog *self, AdwPreferencesPage *page)
{
  GtkWidget *group = new_group (_ ("Assessment"));
  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _ ("Assessed On"));
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));
  self->assessor_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assessor_row), _ ("Assessor"));
  g_signal_connect_swapped (self->assessor_row, "changed", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->assessor_row));
  self->result_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), _ ("Result"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->result_row),
                               _ ("A pass or fail is recorded as a step of the title"));
  const char *result_labels[] = { _ ("Not decided"), _ ("Passed"), _ ("Failed"), NULL };
  g_autoptr (GtkStringList) result_model = gtk_string_list_new (result_labels);
  adw_combo_row_set_model (self->result_row, G_LIST_MODEL (result_model));
  g_signal_connect_swapped (self->result_row, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->result_row));
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0.0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "heading");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->summary));
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->message_label));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  group = new_group (_ ("The Ten Standards"));
  const char *verdict_labels[] = { _ ("Met"), _ ("Not met"), _ ("To be confirmed"), NULL };
  for (int k = 0; k < 10; k++)
    {
      ItemWidgets *item = &self->items[k];
      item->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      g_autofree char *title = g_strdup_printf ("%d. %s", k + 1, jd_standard_title (k + 1));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), title);
      item->badge = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_valign (GTK_WIDGET (item->badge), GTK_ALIGN_CENTER);
      adw_expander_row_add_action (item->row, GTK_WIDGET (item->badge));

      item->verdict = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->verdict), _ ("Verdict"));
      g_autoptr (GtkStringList) model = gtk_string_list_new (verdict_labels);
      adw_combo_row_set_model (item->verdict, G_LIST_MODEL (model));
      g_signal_connect_swapped (item->verdict, "notify::selected", G_CALLBACK (changed_cb), self);
      adw_expander_row_add_row (item->row, GTK_WIDGET (item->verdict));

      GtkWidget *points_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (points_row), _ ("Points"));
      item->points = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 0.5));
      gtk_spin_button_set_digits (item->points, 1);
      gtk_widget_set_valign (GTK_WIDGET (item->points), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->points), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Points"), -1);
      g_signal_connect_swapped (item->points, "value-changed", G_CALLBACK (changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (points_row), GTK_WIDGET (item->points));
      adw_expander_row_add_row (item->row, points_row);

      item->note = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->note), _ ("Note"));
      g_signal_connect_swapped (item->note, "changed", G_CALLBACK (changed_cb), self);
      adw_expander_row_add_row (item->row, GTK_WIDGET (item->note));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (item->row));
    }
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}

static void
prefill (JdAssessmentDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) readiness
      = jd_readiness_compute (self->ledger, self->year, 0, self->village_id, &error);
  JdVillageReadiness *r = readiness && readiness->len ? g_ptr_array_index (readiness, 0) : NULL;
  g_autoptr (GPtrArray) past = jd_village_load_assessments (self->ledger, self->village_id, NULL);
  JdVillageAssessment *recorded = NULL;
  for (guint i = 0; past && i < past->len; i++)
    if (((JdVillageAssessment *)g_ptr_array_index (past, i))->year == self->year)
      recorded = g_ptr_array_index (past, i);

  if (r)
    {
      g_autofree char *title = g_strdup_printf (_ ("%s: Assessment of %d"), r->name, self->year);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  self->loading = TRUE;
  JdDay today = jd_today ();
  /* A year is assessed in its last weeks or early in the next: today by default. */
  JdDay on = recorded ? recorded->assessed_on : today;
  g_autofree char *date = jd_day_to_string (on);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (recorded && recorded->assessor)
    gtk_editable_set_text (GTK_EDITABLE (self->assessor_row), recorded->assessor);
  for (int k = 0; k < 10; k++)
    {
      ItemWidgets *item = &self->items[k];
      item->finding = r ? (int)r->standards[k].met : -1;
      g_autofree char *evidence = jd_mask_text (r ? r->standards[k].evidence : NULL);
      g_autofree char *subtitle = g_strdup_printf (_ ("Ledger: %s — %s"),
                                                   item->finding == 1   ? _ ("met")
                                                   : item->finding == 0 ? _ ("not met")
                                                                        : _ ("manual"),
                                                   evidence ? evidence : "");
      adw_expander_row_set_subtitle (item->row, subtitle);
      int verdict = recorded ? recorded->items[k].verdict : item->finding;
      adw_combo_row_set_selected (item->verdict, verdict == 1   ? VERDICT_MET
                                                 : verdict == 0 ? VERDICT_NOT_MET
                                                                : VERDICT_NONE);
      if (recorded)
        {
          gtk_spin_button_set_value (item->points, recorded->items[k].points);
          if (recorded->items[k].note)
            gtk_editable_set_text (GTK_EDITABLE (item->note), recorded->items[k].note);
        }
    }
  self->loading = FALSE;
  update_summary (self);
  if (error)
    set_message (self, error->message);
}

void
jd_assessment_dialog_set_item (
    JdAssessmentDialog *self, int no, int verdict, double points, const char *note)
{
  g_return_if_fail (JD_IS_ASSESSMENT_DIALOG (self));
  g_return_if_fail (no >= 1 && no <= 10);
  ItemWidgets *item = &self->items[no - 1];
  adw_combo_row_set_selected (item->verdict, verdict == 1   ? VERDICT_MET
                                             : verdict == 0 ? VERDICT_NOT_MET
                                                            : VERDICT_NONE);
  gtk_spin_button_set_value (item->points, points);
  gtk_editable_set_text (GTK_EDITABLE (item->note), note ? note : "");
}

int
jd_assessment_dialog_get_verdict (JdAssessmentDialog *self, int no)
{
  g_return_val_if_fail (JD_IS_ASSESSMENT_DIALOG (self), -1);
  g_return_val_if_fail (no >= 1 && no <= 10, -1);
  return verdict_of (&self->items[no - 1]);
}

void
jd_assessment_dialog_set_result (JdAssessmentDialog *self, const char *event)
{
  g_return_if_fail (JD_IS_ASSESSMENT_DIALOG (self));
  guint position = 0;
  for (guint i = 1; i < G_N_ELEMENTS (results); i++)
    if (g_strcmp0 (results[i], event) == 0)
      position = i;
  adw_combo_row_set_selected (self->result_row, position);
}

void
jd_assessment_dialog_set_assessor (JdAssessmentDialog *self, const char *assessor)
{
  g_return_if_fail (JD_IS_ASSESSMENT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->assessor_row), assessor ? assessor : "");
}

const char *
jd_assessment_dialog_get_message (JdAssessmentDialog *self)
{
  g_return_val_if_fail (JD_IS_ASSESSMENT_DIALOG (self), NULL);
  return self->message;
}

/* Closed (unrealized by gtk_window_destroy ()) while its save waits for the
 * write lock: the save is dropped, nothing written. The waiting save holds the
 * dialog, so this cannot wait for dispose. */
static void
unrealize_cb (JdAssessmentDialog *self)
{
  if (self->saving)
    g_cancellable_cancel (self->saving);
}

static void
jd_assessment_dialog_finalize (GObject *object)
{
  JdAssessmentDialog *self = JD_ASSESSMENT_DIALOG (object);
  g_clear_object (&self->ledger);
  g_clear_object (&self->saving);
  g_free (self->message);
  G_OBJECT_CLASS (jd_assessment_dialog_parent_class)->finalize (object);
}

static void
jd_assessment_dialog_class_init (JdAssessmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = jd_assessment_dialog_finalize;
  window_class->close_request = close_request_cb;
  gtk_widget_class_install_action (widget_class, "assessment.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "assessment.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "assessment.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "assessment.cancel", NULL);
}

static void
jd_assessment_dialog_init (JdAssessmentDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "assessment.cancel");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Save"));
  self->save_button = save;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "assessment.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_tooltip_text (save, _ ("Save the assessment (Ctrl+S)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);
  GtkWidget *page = adw_preferences_page_new ();
  self->page = page;
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);
  build (self, ADW_PREFERENCES_PAGE (page));
}

GtkWidget *
jd_assessment_dialog_new (JdLedger *ledger, gint64 village_id, int year)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  JdAssessmentDialog *self = g_object_new (JD_TYPE_ASSESSMENT_DIALOG, NULL);
  self->ledger = g_object_ref (ledger);
  self->village_id = village_id;
  self->year = year;

  g_autofree char *title = g_strdup_printf (_ ("Assessment of %d"), year);
  gtk_window_set_title (GTK_WINDOW (self), title);
  prefill (self);
  return GTK_WIDGET (self);
}
