/* jd-person-records.c: the lists of a person's records in the person window —
 * the status timeline, the help group and agreements, the follow-ups and use
 * events — and their deletion with Undo (jd-form.h)
 */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-alerts.h"

static char *
format_day (JdDay day)
{
  return day ? jd_day_to_string (day) : g_strdup ("");
}

static void
add_placeholder (GtkListBox *list, const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

/* A row with a delete button, unless its deletion is pending (then NULL). */
static GtkWidget *
add_deletable_row (JdPersonWindow *self,
                   GtkListBox *list,
                   JdPersonRowKind kind,
                   gint64 id,
                   const char *title,
                   const char *subtitle)
{
  if (jd_deletions_contains (self->deletions, kind, id))
    return NULL;

  GtkWidget *row = jd_person_list_row_new (title, subtitle);
  GtkWidget *button = jd_icon_button_new ("user-trash-symbolic", "person.delete",
                                          g_variant_new ("(ix)", (int)kind, id), _ ("Delete"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (list, row);
  return row;
}

static void
fill_status (JdPersonWindow *self, JdPerson *person)
{
  jd_person_list_clear (self->status_list);
  for (guint i = 0; i < person->spans->len; i++)
    {
      JdPersonSpan *span = g_ptr_array_index (person->spans, i);
      g_autofree char *from = format_day (span->started_on);
      g_autofree char *to = format_day (span->ended_on);
      g_autofree char *planned = format_day (span->planned_end_on);
      g_autofree char *range = span->ended_on ? g_strdup_printf (_ ("%s – %s"), from, to)
                                              : g_strdup_printf (_ ("%s – now"), from);
      g_autoptr (GString) subtitle = g_string_new (range);
      if (span->planned_end_on)
        g_string_append_printf (subtitle, _ (" · planned end %s"), planned);
      if (span->note && *span->note)
        g_string_append_printf (subtitle, " · %s", span->note);
      GtkWidget *row
          = jd_person_list_row_new (jd_enum_label (JD_ENUM_STATUS, span->status), subtitle->str);
      if (span->ended_on == 0)
        {
          GtkWidget *current = gtk_label_new (_ ("Current"));
          gtk_widget_add_css_class (current, "accent");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), current);
        }
      gtk_list_box_append (self->status_list, row);
    }
}

static void
fill_help (JdPersonWindow *self, JdPerson *person)
{
  jd_person_list_clear (self->member_list);
  for (guint i = 0; i < person->members->len; i++)
    {
      JdPersonMember *m = g_ptr_array_index (person->members, i);
      g_autofree char *since = format_day (m->since);
      g_autofree char *until = format_day (m->until);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->member_name,
                                                jd_enum_label (JD_ENUM_MEMBER_ROLE, m->role));
      g_autofree char *subtitle = m->until ? g_strdup_printf (_ ("%s – %s"), since, until)
                                           : g_strdup_printf (_ ("since %s"), since);
      if (m->phone && *m->phone)
        {
          char *with_phone = g_strdup_printf ("%s · %s", subtitle, m->phone);
          g_free (subtitle);
          subtitle = with_phone;
        }
      add_deletable_row (self, self->member_list, JD_PERSON_MEMBER, m->id, title, subtitle);
    }

  jd_person_list_clear (self->agreement_list);
  for (guint i = 0; i < person->agreements->len; i++)
    {
      JdPersonAgreement *a = g_ptr_array_index (person->agreements, i);
      g_autofree char *signed_on = format_day (a->signed_on);
      g_autofree char *title = g_strdup_printf (_ ("Signed on %s"), signed_on);
      add_deletable_row (self, self->agreement_list, JD_PERSON_AGREEMENT, a->id, title, a->note);
    }
}

static void
fill_followups (JdPersonWindow *self, JdPerson *person)
{
  jd_person_list_clear (self->followup_list);
  for (guint i = 0; i < person->followups->len; i++)
    {
      JdPersonFollowup *f = g_ptr_array_index (person->followups, i);
      g_autofree char *day = format_day (f->occurred_on);
      g_autoptr (GString) title = g_string_new (day);
      g_string_append_printf (title, " · %s", jd_enum_label (JD_ENUM_FOLLOWUP_KIND, f->kind));
      if (f->result)
        g_string_append_printf (title, " · %s", jd_enum_label (JD_ENUM_URINE_RESULT, f->result));
      g_autoptr (GString) subtitle = g_string_new (NULL);
      const char *parts[] = { f->staff, f->place, f->content };
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] && *parts[j])
          g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", parts[j]);
      add_deletable_row (self, self->followup_list, JD_PERSON_FOLLOWUP, f->id, title->str,
                         subtitle->str);
    }

  jd_person_list_clear (self->use_event_list);
  for (guint i = 0; i < person->use_events->len; i++)
    {
      JdPersonUseEvent *e = g_ptr_array_index (person->use_events, i);
      g_autofree char *day = format_day (e->occurred_on);
      g_autofree char *title
          = g_strdup_printf ("%s · %s", day, jd_enum_label (JD_ENUM_USE_SOURCE, e->source));
      add_deletable_row (self, self->use_event_list, JD_PERSON_USE_EVENT, e->id, title, NULL);
    }
}

static void
fill_moves (JdPersonWindow *self, JdPerson *person)
{
  jd_person_list_clear (self->move_list);
  for (guint i = 0; i < person->moves->len; i++)
    {
      JdPersonMove *m = g_ptr_array_index (person->moves, i);
      g_autofree char *day = format_day (m->moved_on);
      /* TRANSLATORS: a move of the person's managing village: "From 2024-07-01" */
      g_autofree char *subtitle = g_strdup_printf (_ ("From %s"), day);
      add_deletable_row (self, self->move_list, JD_PERSON_MOVE, m->id,
                         m->village_name ? m->village_name : "—", subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->moves_group), person->moves->len > 0);
}

JdPerson *
jd_person_records_reload (JdPersonWindow *self)
{
  if (self->person_id == 0 || self->ledger == NULL)
    return NULL;
  g_autoptr (GError) error = NULL;
  JdPerson *person = jd_person_load (self->ledger, self->person_id, &error);
  if (person == NULL)
    {
      jd_show_toast_in_place (self->toast_overlay, &self->last_toast,
                              adw_toast_new (error->message));
      return NULL;
    }
  fill_status (self, person);
  fill_help (self, person);
  fill_followups (self, person);
  fill_moves (self, person);
  return person;
}

/* The lists read again: a deletion pending or undone shows at once (the form
 * and the history, which a pending deletion does not change, are the
 * window's; a deletion made final reaches them through the ledger's change
 * notice). */
static void
refill (JdPersonWindow *self)
{
  JdPerson *person = jd_person_records_reload (self);
  g_clear_pointer (&person, jd_person_free);
}

/* ---- deleting with Undo
 * -------------------------------------------------------------------------- */

static gboolean
delete_row (JdLedger *ledger, int kind, gint64 id, GError **error)
{
  return jd_person_delete_row (ledger, kind, id, error);
}

static void
deleted_cb (gpointer owner, const GError *error)
{
  JdPersonWindow *self = owner;
  if (error)
    {
      /* Still in the ledger: back on screen. */
      refill (self);
      jd_show_error_dialog (GTK_WINDOW (self), _ ("The Record Was Not Deleted"), error->message);
    }
}

guint
jd_person_window_get_pending_deletions (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), 0);
  return jd_deletions_count (self->deletions);
}

/* Makes every pending deletion final, as if its toast had timed out. */
void
jd_person_window_commit_deletions (JdPersonWindow *self)
{
  g_return_if_fail (JD_IS_PERSON_WINDOW (self));
  jd_deletions_commit_all (self->deletions);
}

void
jd_person_records_init (JdPersonWindow *self)
{
  self->deletions = jd_deletions_new (NULL, delete_row, deleted_cb, self);
  /* Each list says when it is empty. */
  add_placeholder (self->status_list, _ ("No status recorded: the person counts as at large"));
  add_placeholder (self->member_list, _ ("No help-group member"));
  add_placeholder (self->agreement_list, _ ("No agreement signed"));
  add_placeholder (self->followup_list, _ ("No follow-up recorded"));
  add_placeholder (self->use_event_list, _ ("No use event besides the first finding"));
  add_placeholder (self->history_list, _ ("No change recorded"));
}

/* person.delete: the deletion of a record of the lists, with Undo. */
void
jd_person_records_delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  int kind;
  gint64 id;
  static const char *const messages[] = {
    [JD_PERSON_FOLLOWUP] = N_ ("Follow-up deleted"),
    [JD_PERSON_MEMBER] = N_ ("Help-group member deleted"),
    [JD_PERSON_AGREEMENT] = N_ ("Agreement deleted"),
    [JD_PERSON_USE_EVENT] = N_ ("Use event deleted"),
    [JD_PERSON_MOVE] = N_ ("Move deleted"),
  };

  g_variant_get (parameter, "(ix)", &kind, &id);
  if (kind < 0 || kind >= (int)G_N_ELEMENTS (messages))
    return;
  AdwToast *toast = jd_deletions_add (self->deletions, kind, id, _ (messages[kind]),
                                      "person.undo-delete", FALSE);
  if (toast == NULL)
    return;
  refill (self);
  jd_show_toast_in_place (self->toast_overlay, &self->last_toast, toast);
}

void
jd_person_records_undo_delete_action_cb (GtkWidget *widget,
                                         const char *action_name,
                                         GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  if (jd_deletions_undo (self->deletions, g_variant_get_string (parameter, NULL)))
    refill (self);
}
