/* jd-title.c: a village's drug-free title, walked from its events
 *
 * named gives the title with no yellow cards; reviewed keeps it and clears
 * them; a yellow card keeps it and adds one; the second consecutive yellow card,
 * or revoked, removes it; only named gives it back. The workflow before naming
 * is apply → accept → assess (pass or fail) → name.
 *
 * jd_title_record adds the rules a new event obeys (docs/contract.md §3 "Title
 * rules"): a round lasts six calendar months from its application to the
 * assessment and the naming; a revoked village applies again after the
 * revocation; a yellow card and a revocation give their ground; the second
 * consecutive yellow card is followed, the same day, by the revocation with
 * ground two_yellow, which nobody records by hand.
 */
#include "config.h"

#include "jd-title.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"

void
jd_title_state_init (JdTitleState *state)
{
  memset (state, 0, sizeof *state);
}

gboolean
jd_title_holds (const JdTitleState *state)
{
  return state->stage == JD_TITLE_STAGE_NAMED || state->stage == JD_TITLE_STAGE_YELLOW_CARD;
}

guint
jd_title_yellow_cards (const JdTitleState *state)
{
  return state->stage == JD_TITLE_STAGE_YELLOW_CARD ? 1 : 0;
}

/* The stage an event leads to from a stage, or -1 when the step is impossible. */
static int
next_stage (JdTitleStage stage, const char *event)
{
  gboolean holds = stage == JD_TITLE_STAGE_NAMED || stage == JD_TITLE_STAGE_YELLOW_CARD;

  if (g_str_equal (event, "applied"))
    return (stage == JD_TITLE_STAGE_NONE || stage == JD_TITLE_STAGE_FAILED
            || stage == JD_TITLE_STAGE_REVOKED)
               ? JD_TITLE_STAGE_APPLIED
               : -1;
  if (g_str_equal (event, "accepted"))
    return stage == JD_TITLE_STAGE_APPLIED ? JD_TITLE_STAGE_ACCEPTED : -1;
  if (g_str_equal (event, "assessed_pass"))
    return (stage == JD_TITLE_STAGE_ACCEPTED || stage == JD_TITLE_STAGE_FAILED)
               ? JD_TITLE_STAGE_PASSED
               : -1;
  if (g_str_equal (event, "assessed_fail"))
    return stage == JD_TITLE_STAGE_ACCEPTED ? JD_TITLE_STAGE_FAILED : -1;
  if (g_str_equal (event, "named"))
    return stage == JD_TITLE_STAGE_PASSED ? JD_TITLE_STAGE_NAMED : -1;
  if (g_str_equal (event, "reviewed"))
    return holds ? JD_TITLE_STAGE_NAMED : -1;
  if (g_str_equal (event, "yellow_card"))
    return stage == JD_TITLE_STAGE_NAMED         ? JD_TITLE_STAGE_YELLOW_CARD
           : stage == JD_TITLE_STAGE_YELLOW_CARD ? JD_TITLE_STAGE_REVOKED
                                                 : -1;
  if (g_str_equal (event, "revoked"))
    return holds ? JD_TITLE_STAGE_REVOKED : -1;
  return -1;
}

/* The revocation a second yellow card brings, walked after it on its day. */
static gboolean
two_yellow_revocation (const JdTitleState *state, const char *event, JdDay day)
{
  return state->two_yellow && g_str_equal (event, "revoked") && day == state->since;
}

gboolean
jd_title_allows (const JdTitleState *state, const char *event)
{
  return event != NULL && next_stage (state->stage, event) >= 0;
}

/* Why an event cannot follow the current stage, in the words of the rules. */
static const char *
refusal (JdTitleStage stage, const char *event)
{
  gboolean holds = stage == JD_TITLE_STAGE_NAMED || stage == JD_TITLE_STAGE_YELLOW_CARD;

  if (g_str_equal (event, "yellow_card") || g_str_equal (event, "reviewed")
      || g_str_equal (event, "revoked"))
    return _ ("only a village that holds the title can be reviewed, warned or have it revoked");
  if (g_str_equal (event, "named"))
    return holds ? _ ("the village already holds the title")
           : stage == JD_TITLE_STAGE_REVOKED
               ? _ ("a revoked village is named again only through a new round applied after "
                    "the revocation")
               : _ ("a village is named only after it passed the assessment");
  if (g_str_equal (event, "applied"))
    return holds ? _ ("the village already holds the title")
                 : _ ("the village has already applied");
  if (g_str_equal (event, "accepted"))
    return _ ("only an application can be accepted");
  return _ ("only an accepted application can be assessed");
}

/* Walks one event; refuses an impossible step and leaves the state unchanged. */
gboolean
jd_title_apply (JdTitleState *state, const char *event, JdDay day, GError **error)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (jd_enum_find (JD_ENUM_TITLE_EVENT, event) == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("“%s” is not a title event"),
                   event ? event : "");
      return FALSE;
    }
  event = jd_enum_find (JD_ENUM_TITLE_EVENT, event);
  if (state->since != 0 && day < state->since)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("A title event cannot be dated before the previous one"));
      return FALSE;
    }
  if (two_yellow_revocation (state, event, day))
    {
      state->two_yellow = FALSE;
      return TRUE;
    }
  int next = next_stage (state->stage, event);
  if (next < 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s is not possible now: %s"),
                   jd_enum_label (JD_ENUM_TITLE_EVENT, event), refusal (state->stage, event));
      return FALSE;
    }
  state->two_yellow = g_str_equal (event, "yellow_card") && next == JD_TITLE_STAGE_REVOKED;
  state->stage = next;
  state->since = day;
  if (g_str_equal (event, "applied"))
    state->applied_on = day;
  if (g_str_equal (event, "named"))
    state->named_on = day;
  else if (next == JD_TITLE_STAGE_REVOKED)
    state->named_on = 0;
  return TRUE;
}

/* The grounds each event takes (docs/contract.md §3 "title event"). */
static gboolean
ground_fits (const char *event, const char *ground)
{
  static const char *const yellow[] = { "ranking", "sewage", "other" };
  static const char *const revoked[]
      = { "two_yellow", "student_case", "incident", "cultivation", "manufacture", "key_area" };
  gboolean is_yellow = g_str_equal (event, "yellow_card");
  const char *const *keys = is_yellow ? yellow : revoked;
  guint n = is_yellow ? G_N_ELEMENTS (yellow) : G_N_ELEMENTS (revoked);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (keys[i], ground))
      return TRUE;
  return FALSE;
}

/* Walks a new event as jd_title_apply does, after the rules every new event
 * obeys: its ground, the six-month round, a new round after a revocation. */
gboolean
jd_title_record (
    JdTitleState *state, const char *event, JdDay day, const char *ground, GError **error)
{
  g_return_val_if_fail (state != NULL, FALSE);

  const char *key = event ? jd_enum_find (JD_ENUM_TITLE_EVENT, event) : NULL;
  if (key == NULL)
    return jd_title_apply (state, event, day, error);
  /* An impossible step is refused first, with its rule. */
  if (!two_yellow_revocation (state, key, day) && next_stage (state->stage, key) < 0)
    return jd_title_apply (state, key, day, error);
  const char *ground_key = NULL;
  if (ground != NULL && *ground)
    {
      ground_key = jd_enum_find (JD_ENUM_TITLE_GROUND, ground);
      if (ground_key == NULL)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("“%s” is not a ground"), ground);
          return FALSE;
        }
    }
  const char *label = jd_enum_label (JD_ENUM_TITLE_EVENT, key);
  gboolean takes_ground = g_str_equal (key, "yellow_card") || g_str_equal (key, "revoked");

  if (!takes_ground && ground_key != NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s takes no ground: only a yellow card or a revocation gives one"), label);
      return FALSE;
    }
  if (takes_ground && ground_key == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s needs a ground (for a yellow card: low ranking, sewage testing or "
                      "other; for a revocation: one of the grounds of the plan)"),
                   label);
      return FALSE;
    }
  if (takes_ground && !ground_fits (key, ground_key))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s cannot have the ground “%s”"), label,
                   jd_enum_label (JD_ENUM_TITLE_GROUND, ground_key));
      return FALSE;
    }
  if (g_str_equal (key, "revoked") && g_str_equal (ground_key, "two_yellow")
      && !two_yellow_revocation (state, key, day))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, "%s",
                   _ ("A revocation for two consecutive yellow cards is recorded by the program "
                      "with the second yellow card; record that yellow card instead"));
      return FALSE;
    }
  if (g_str_equal (key, "revoked") && state->two_yellow && day == state->since)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, "%s",
                   _ ("The title was already revoked that day for two consecutive yellow cards"));
      return FALSE;
    }
  if ((g_str_equal (key, "assessed_pass") || g_str_equal (key, "named")) && state->applied_on != 0
      && day < jd_day_add_months (state->applied_on, 6))
    {
      g_autofree char *applied = jd_day_to_string (state->applied_on);
      g_autofree char *earliest = jd_day_to_string (jd_day_add_months (state->applied_on, 6));
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is not possible before %s: a creation round lasts at least six months "
                      "from its application (%s)"),
                   label, earliest, applied);
      return FALSE;
    }
  if (g_str_equal (key, "applied") && state->stage == JD_TITLE_STAGE_REVOKED && day <= state->since)
    {
      g_autofree char *revoked = jd_day_to_string (state->since);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("A new round must be applied after the revocation of %s"), revoked);
      return FALSE;
    }
  return jd_title_apply (state, key, day, error);
}

static const struct
{
  const char *label;
  const char *zh;
} stage_names[] = {
  [JD_TITLE_STAGE_NONE] = { N_ ("Not applied"), "未申报" },
  [JD_TITLE_STAGE_APPLIED] = { N_ ("Applied"), "已申报" },
  [JD_TITLE_STAGE_ACCEPTED] = { N_ ("Accepted"), "已审核确认" },
  [JD_TITLE_STAGE_PASSED] = { N_ ("Passed assessment"), "验收通过" },
  [JD_TITLE_STAGE_FAILED] = { N_ ("Failed assessment"), "验收未通过" },
  [JD_TITLE_STAGE_NAMED] = { N_ ("Named"), "已授牌" },
  [JD_TITLE_STAGE_YELLOW_CARD] = { N_ ("Yellow card"), "黄牌警告" },
  [JD_TITLE_STAGE_REVOKED] = { N_ ("Revoked"), "已取消称号" },
};

const char *
jd_title_stage_label (JdTitleStage stage)
{
  g_return_val_if_fail (stage <= JD_TITLE_STAGE_REVOKED, NULL);
  return _ (stage_names[stage].label);
}

const char *
jd_title_stage_zh (JdTitleStage stage)
{
  g_return_val_if_fail (stage <= JD_TITLE_STAGE_REVOKED, NULL);
  return stage_names[stage].zh;
}
