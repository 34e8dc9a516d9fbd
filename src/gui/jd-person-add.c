/* jd-person-add.c: the dialogs that add to a person's records — a status, a
 * help-group member, an agreement, a use event — as tables of fields (jd-form.h)
 *
 * The rules on a person's dates (death is final, nothing before the
 * first-found date) are said on the date row as it is typed.
 */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-form.h"
#include "jd-store.h"

/* The date rules of a person's record of table, on the row of key. */
static char *
person_day_problem (JdLedger *ledger,
                    const JdFormValues *v,
                    const char *table,
                    guint field,
                    const char *key,
                    const char **problem_key)
{
  *problem_key = key;
  if (v->number[field] == 0)
    return NULL;
  return jd_store_person_day_problem (ledger, v->owner, table, (JdDay)v->number[field]);
}

/* ---- a status ----------------------------------------------------------------------------------
 */

static const JdField status_fields[] = {
  { "status", N_ ("Status"), JD_FIELD_ENUM, JD_ENUM_STATUS },
  { "started_on", N_ ("Starts On"), JD_FIELD_DATE },
  { "planned_end_on", N_ ("Planned End"), JD_FIELD_END_DATE },
  { "note", N_ ("Note"), JD_FIELD_NOTE },
};

static gboolean
save_status (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdStatusRecord r = { .person_id = v->owner,
                       .status = v->text[0],
                       .started_on = v->number[1],
                       .planned_end_on = v->number[2],
                       .note = v->text[3] };
  return jd_store_status (ledger, &r, error) != JD_STORE_FAILED;
}

/* A death must come after every other record: the status matters too. */
static char *
check_status (JdLedger *ledger, const JdFormValues *v, const char **key)
{
  char *problem = person_day_problem (ledger, v, "status_span", 1, "started_on", key);
  if (problem == NULL && v->number[1] && g_strcmp0 (v->text[0], "deceased") == 0)
    problem = jd_store_death_problem (ledger, v->owner, (JdDay)v->number[1]);
  return problem;
}

/* A new status prefills its planned end: three years for community measures,
 * two for compulsory isolation (the statutory lengths). */
static void
status_changed (JdFormDialog *dialog, const char *key)
{
  if (key && !g_str_equal (key, "status") && !g_str_equal (key, "started_on"))
    return;
  JdDay start = jd_form_dialog_get_day (dialog, "started_on");
  const char *status = jd_form_dialog_get_key (dialog, "status");
  int years = 0;
  if (g_strcmp0 (status, "community_detox") == 0 || g_strcmp0 (status, "community_rehab") == 0)
    years = 3;
  else if (g_strcmp0 (status, "compulsory") == 0)
    years = 2;
  g_autofree char *text
      = years && start ? jd_day_to_string (jd_day_add_years (start, years)) : g_strdup ("");
  jd_form_dialog_set_text (dialog, "planned_end_on", text);
}

/* ---- a help-group member ------------------------------------------------------------------------
 */

static const JdField member_fields[] = {
  { "member_name", N_ ("Name"), JD_FIELD_REQUIRED_TEXT },
  { "role", N_ ("Role"), JD_FIELD_ENUM, JD_ENUM_MEMBER_ROLE },
  { "phone", N_ ("Phone"), JD_FIELD_TEXT },
  { "since", N_ ("Since"), JD_FIELD_DATE },
  { "until", N_ ("Until"), JD_FIELD_END_DATE },
};

static gboolean
save_member (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdHelpMemberRecord r = { .person_id = v->owner,
                           .member_name = v->text[0],
                           .role = v->text[1],
                           .phone = v->text[2],
                           .since = v->number[3],
                           .until = v->number[4] };
  return jd_store_help_member (ledger, &r, error) != JD_STORE_FAILED;
}

static char *
check_member (JdLedger *ledger, const JdFormValues *v, const char **key)
{
  return person_day_problem (ledger, v, "help_member", 3, "since", key);
}

/* ---- an agreement -------------------------------------------------------------------------------
 */

static const JdField agreement_fields[] = {
  { "signed_on", N_ ("Signed On"), JD_FIELD_DATE },
  { "note", N_ ("Note"), JD_FIELD_NOTE },
};

static gboolean
save_agreement (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdAgreementRecord r = { .person_id = v->owner, .signed_on = v->number[0], .note = v->text[1] };
  return jd_store_agreement (ledger, &r, error) != JD_STORE_FAILED;
}

static char *
check_agreement (JdLedger *ledger, const JdFormValues *v, const char **key)
{
  return person_day_problem (ledger, v, "agreement", 0, "signed_on", key);
}

/* ---- a use event --------------------------------------------------------------------------------
 */

static const JdField use_event_fields[] = {
  { "occurred_on", N_ ("Date"), JD_FIELD_DATE },
  { "source", N_ ("Source"), JD_FIELD_ENUM, JD_ENUM_USE_SOURCE },
};

static gboolean
save_use_event (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdUseEventRecord r = { .person_id = v->owner, .occurred_on = v->number[0], .source = v->text[1] };
  return jd_store_use_event (ledger, &r, error) != JD_STORE_FAILED;
}

static char *
check_use_event (JdLedger *ledger, const JdFormValues *v, const char **key)
{
  return person_day_problem (ledger, v, "use_event", 0, "occurred_on", key);
}

/* ---- the dialogs --------------------------------------------------------------------------------
 */

static const struct
{
  const char *kind;
  JdForm form;
} forms[] = {
  { "status",
    { N_ ("Record a New Status"), NULL, status_fields, G_N_ELEMENTS (status_fields), save_status,
      check_status, status_changed } },
  { "member",
    { N_ ("Add a Help-Group Member"), NULL, member_fields, G_N_ELEMENTS (member_fields),
      save_member, check_member } },
  { "agreement",
    { N_ ("Add an Agreement"), NULL, agreement_fields, G_N_ELEMENTS (agreement_fields),
      save_agreement, check_agreement } },
  { "use_event",
    { N_ ("Add a Use Event"), NULL, use_event_fields, G_N_ELEMENTS (use_event_fields),
      save_use_event, check_use_event } },
};

/* Saved: the ledger's notice of the commit reloads the person window. */
static void
added_cb (gpointer data)
{
}

AdwMessageDialog *
jd_person_add_dialog_present (JdPersonWindow *self, const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_str_equal (forms[i].kind, kind))
      {
        JdFormValues owner = { .owner = self->person_id };
        return jd_form_dialog_present (GTK_WIDGET (self), self->ledger, &forms[i].form, &owner,
                                       added_cb, self);
      }
  return NULL;
}
