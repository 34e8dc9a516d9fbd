/* jd-title.h: a village's drug-free title, walked from its events (docs/contract.md §3 "Title rules") */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

typedef enum
{
  JD_TITLE_STAGE_NONE,        /* not applied */
  JD_TITLE_STAGE_APPLIED,     /* 申报 */
  JD_TITLE_STAGE_ACCEPTED,    /* 审核确认 */
  JD_TITLE_STAGE_PASSED,      /* 验收通过, waiting to be named */
  JD_TITLE_STAGE_FAILED,      /* 验收未通过 */
  JD_TITLE_STAGE_NAMED,       /* holds the title, no yellow card */
  JD_TITLE_STAGE_YELLOW_CARD, /* holds the title with one yellow card */
  JD_TITLE_STAGE_REVOKED,     /* lost the title */
} JdTitleStage;

typedef struct
{
  JdTitleStage stage;
  JdDay since;     /* the day of the event that led to this stage */
  JdDay named_on;  /* the last naming, while the title is held */
  JdDay applied_on; /* the current creation round's application */
  gboolean two_yellow; /* the last step was a second yellow card: its revocation follows */
} JdTitleState;

void        jd_title_state_init  (JdTitleState *state);
gboolean    jd_title_apply       (JdTitleState  *state,
                                  const char    *event,
                                  JdDay          day,
                                  GError       **error);
gboolean    jd_title_record      (JdTitleState  *state,
                                  const char    *event,
                                  JdDay          day,
                                  const char    *ground,
                                  GError       **error);
gboolean    jd_title_holds       (const JdTitleState *state);
guint       jd_title_yellow_cards (const JdTitleState *state);
const char *jd_title_stage_label (JdTitleStage stage);
const char *jd_title_stage_zh    (JdTitleStage stage);
gboolean    jd_title_allows      (const JdTitleState *state,
                                  const char         *event);

G_END_DECLS
