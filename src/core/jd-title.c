/* jd-title.c: a village's drug-free title, walked from its events
 *
 * named gives the title with no yellow cards; reviewed keeps it and clears
 * them; a yellow card keeps it and adds one; the second consecutive yellow card,
 * or revoked, removes it; only named gives it back. The workflow before naming
 * is apply → accept → assess (pass or fail) → name.
 */
#include "config.h"

#include "jd-title.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
  int next = next_stage (state->stage, event);
  if (next < 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s is not possible now: %s"),
                   jd_enum_label (JD_ENUM_TITLE_EVENT, event), refusal (state->stage, event));
      return FALSE;
    }
  state->stage = next;
  state->since = day;
  if (g_str_equal (event, "named"))
    state->named_on = day;
  else if (next == JD_TITLE_STAGE_REVOKED)
    state->named_on = 0;
  return TRUE;
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
