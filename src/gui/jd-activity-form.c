/* jd-activity-form.c: the quick entry of a publicity activity, as a table of
 * fields (jd-form.h); the township as a whole or a village
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-activity-form.h"
#include "jd-enums.h"
#include "jd-store.h"

static const JdField activity_fields[] = {
  { "held_on", N_ ("Date"), JD_FIELD_DATE },
  { "village", N_ ("Village"), JD_FIELD_AREA },
  { "form", N_ ("Form"), JD_FIELD_ENUM, JD_ENUM_ACTIVITY_FORM },
  { "title", N_ ("Theme"), JD_FIELD_TITLE },
  { "location", N_ ("Location"), JD_FIELD_TEXT },
  { "audience", N_ ("Audience"), JD_FIELD_OPTIONAL_ENUM, JD_ENUM_AUDIENCE },
  { "participants", N_ ("Participants"), JD_FIELD_COUNT },
};

static gboolean
save_activity (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdActivityRecord record = {
    .held_on = v->number[0],
    .village_id = v->number[1],
    .form = v->text[2],
    .title = v->text[3],
    .location = v->text[4],
    .audience = v->text[5],
    .participants = v->number[6],
    .materials = -1,
    .banners = -1,
  };
  return jd_store_activity (ledger, &record, error) != JD_STORE_FAILED;
}

const JdForm jd_activity_form = {
  N_ ("Record an Activity"), NULL, activity_fields, G_N_ELEMENTS (activity_fields), save_activity,
};
