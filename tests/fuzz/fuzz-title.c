/* fuzz-title.c: the title-event rules (src/core/jd-title) on any sequence of events
 *
 * Each input byte is one event, by key, by Chinese label or a name that is
 * neither, a few days after the last (sometimes before it). The walk is
 * checked against docs/contract.md §3 written out independently: named gives the title
 * with no yellow card, reviewed keeps it and clears them, a yellow card keeps
 * it and adds one, the second consecutive one or revoked removes it, and only
 * named gives it back; a refused step changes nothing and says why. The
 * revocation the store writes with a second yellow card (ground two_yellow)
 * follows it on the same day. */
#include "jd-fuzz.h"

#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-title.h"

static const char *const names[] = {
  "applied",     "accepted", "assessed_pass", "assessed_fail", "named",    "reviewed",
  "yellow_card", "revoked",  "申报",          "审核确认",      "验收通过", "验收未通过",
  "授牌",        "复核通过", "黄牌警告",      "取消称号",      "",         "Named",
  "yellow card", "黄牌",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  JdTitleState state;
  gboolean holds = FALSE;
  guint cards = 0;
  gboolean two_yellow = FALSE; /* the last step was a second yellow card */
  JdDay day = jd_day_new (2020, 1, 1);

  jd_title_state_init (&state);
  g_assert_false (jd_title_holds (&state));
  for (size_t i = 0; i < size; i++)
    {
      const char *name = names[data[i] % G_N_ELEMENTS (names)];
      int step = (data[i] / G_N_ELEMENTS (names)) % 12; /* 0…11 days; 11 means 3 days back */
      day += step == 11 ? -3 : step;

      const char *event = jd_enum_find (JD_ENUM_TITLE_EVENT, name);
      JdTitleState before = state;
      gboolean allowed = event != NULL && jd_title_allows (&state, event);
      GError *error = NULL;
      gboolean applied = jd_title_apply (&state, name, day, &error);

      if (!applied)
        {
          g_assert_nonnull (error);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_cmpint (memcmp (&before, &state, sizeof state), ==, 0);
          g_error_free (error);
          continue;
        }
      g_assert_no_error (error);
      gboolean follows_two_yellow
          = two_yellow && g_str_equal (event, "revoked") && day == before.since;
      g_assert_true (allowed || follows_two_yellow);
      two_yellow = FALSE;
      g_assert_cmpint (state.since, ==, day);
      g_assert_true (before.since == 0 || day >= before.since);

      /* The rules of docs/contract.md §3, walked beside the code. */
      if (g_str_equal (event, "named") || g_str_equal (event, "reviewed"))
        {
          g_assert_true (g_str_equal (event, "named") ? !holds : holds);
          holds = TRUE;
          cards = 0;
        }
      else if (g_str_equal (event, "yellow_card"))
        {
          g_assert_true (holds);
          if (++cards == 2)
            {
              holds = FALSE;
              cards = 0;
              two_yellow = TRUE;
            }
        }
      else if (g_str_equal (event, "revoked"))
        {
          g_assert_true (holds || follows_two_yellow);
          holds = FALSE;
          cards = 0;
        }
      else
        g_assert_false (holds);

      g_assert_cmpint (jd_title_holds (&state), ==, holds);
      g_assert_cmpuint (jd_title_yellow_cards (&state), ==, cards);
      g_assert_true (holds == (state.named_on != 0));
      g_assert_nonnull (jd_title_stage_label (state.stage));
      g_assert_nonnull (jd_title_stage_zh (state.stage));
    }
  return 0;
}
