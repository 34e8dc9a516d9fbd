/* jd-enums.c: the enumerated values of docs/contract.md §3 */
#include "config.h"

#include "jd-enums.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define VALUES(name, ...) static const JdEnumValue name[] = { __VA_ARGS__ }

VALUES (village_kinds,
        { "village", "村", N_ ("Village") },
        { "community", "社区", N_ ("Community") });

VALUES (sexes, { "male", "男", N_ ("Male") }, { "female", "女", N_ ("Female") });

VALUES (statuses,
        { "community_detox", "社区戒毒", N_ ("Community detox") },
        { "community_rehab", "社区康复", N_ ("Community rehabilitation") },
        { "compulsory", "强制隔离戒毒", N_ ("Compulsory isolation") },
        { "voluntary", "自愿戒毒", N_ ("Voluntary detox") },
        { "maintenance", "药物维持治疗", N_ ("Maintenance treatment") },
        { "custody", "羁押/服刑", N_ ("In custody") },
        { "at_large", "社会面", N_ ("At large") },
        { "missing", "失联", N_ ("Missing") },
        { "deceased", "死亡", N_ ("Deceased") },
        { "emigrated", "出境", N_ ("Emigrated") },
        { "moved_out", "户籍迁出", N_ ("Moved out") });

VALUES (use_sources,
        { "police", "公安查获", N_ ("Found by police") },
        { "urine_positive", "尿检阳性", N_ ("Positive urine test") },
        { "hair_positive", "毛发检测阳性", N_ ("Positive hair test") },
        { "other", "其他", N_ ("Other") });

VALUES (member_roles,
        { "family", "家属", N_ ("Family") },
        { "cadre", "村(社区)干部", N_ ("Village cadre") },
        { "police", "民警", N_ ("Police officer") },
        { "social_worker", "禁毒社工", N_ ("Social worker") },
        { "volunteer", "志愿者", N_ ("Volunteer") },
        { "other", "其他", N_ ("Other") });

VALUES (followup_kinds,
        { "talk", "谈话", N_ ("Talk") },
        { "urine_test", "尿检", N_ ("Urine test") },
        { "home_visit", "家访", N_ ("Home visit") },
        { "assistance", "帮扶", N_ ("Assistance") });

VALUES (urine_results,
        { "negative", "阴性", N_ ("Negative") },
        { "positive", "阳性", N_ ("Positive") },
        { "refused", "拒检", N_ ("Refused") });

VALUES (activity_forms,
        { "exhibition", "展板图片", N_ ("Exhibition boards") },
        { "lecture", "讲座", N_ ("Lecture") },
        { "materials", "发放资料", N_ ("Handing out materials") },
        { "banner", "标语横幅", N_ ("Banners and slogans") },
        { "film", "影视播放", N_ ("Film showing") },
        { "new_media", "新媒体", N_ ("New media") },
        { "contest", "知识竞赛", N_ ("Knowledge contest") },
        { "other", "其他", N_ ("Other") });

VALUES (audiences,
        { "community", "社区", N_ ("Communities") },
        { "unit", "单位", N_ ("Workplaces") },
        { "school", "学校", N_ ("Schools") },
        { "venue", "场所", N_ ("Venues") },
        { "building", "楼宇", N_ ("Office buildings") },
        { "rural", "农村", N_ ("Rural areas") },
        { "family", "家庭", N_ ("Families") });

VALUES (letter_levels,
        { "township_village", "镇与村", N_ ("Township and village") },
        { "village_group", "村与组", N_ ("Village and group") },
        { "village_household", "村与户", N_ ("Village and household") },
        { "unit", "单位", N_ ("Workplace") });

VALUES (venue_kinds,
        { "entertainment", "娱乐场所", N_ ("Entertainment venue") },
        { "hotel", "宾馆旅店", N_ ("Hotel or inn") },
        { "rental", "出租屋", N_ ("Rented housing") },
        { "internet_cafe", "网吧", N_ ("Internet café") },
        { "pharmacy", "药店诊所", N_ ("Pharmacy or clinic") },
        { "chemical", "易制毒化学品单位", N_ ("Precursor chemicals unit") },
        { "logistics", "物流寄递", N_ ("Logistics and delivery") },
        { "other", "其他", N_ ("Other") });

VALUES (title_events,
        { "applied", "申报", N_ ("Applied") },
        { "accepted", "审核确认", N_ ("Accepted") },
        { "assessed_pass", "验收通过", N_ ("Passed assessment") },
        { "assessed_fail", "验收未通过", N_ ("Failed assessment") },
        { "named", "授牌", N_ ("Named") },
        { "reviewed", "复核通过", N_ ("Passed review") },
        { "yellow_card", "黄牌警告", N_ ("Yellow card") },
        { "revoked", "取消称号", N_ ("Title revoked") });

VALUES (staff_roles,
        { "social_worker", "禁毒社工", N_ ("Social worker") },
        { "grid_worker", "网格员", N_ ("Grid worker") },
        { "informant", "毒情信息员", N_ ("Informant") },
        { "publicist", "禁毒宣传员", N_ ("Publicist") },
        { "volunteer", "志愿者", N_ ("Volunteer") },
        { "cadre", "禁毒专干", N_ ("Anti-drug cadre") });

VALUES (work_kinds,
        { "talk", "谈话", N_ ("Talk") },
        { "urine_test", "尿检", N_ ("Urine test") },
        { "home_visit", "家访", N_ ("Home visit") },
        { "measure_ending", "措施期满", N_ ("Measure ending") },
        { "help_group", "帮教小组", N_ ("Help group") },
        { "agreement", "帮教协议", N_ ("Help agreement") },
        { "title_review", "复核", N_ ("Title review") },
        { "letters", "责任书", N_ ("Letters") },
        { "publicity", "宣传活动不足", N_ ("Too few activities") });

/* The grounds of a yellow card (ranking, sewage, other) and of a revocation
 * (the rest); jd-title.c says which event takes which. */
VALUES (title_grounds,
        { "ranking", "考核排名靠后", N_ ("Low in the assessment ranking") },
        { "sewage", "污水检测毒品滥用水平较高", N_ ("High drug use in sewage testing") },
        { "other", "其他", N_ ("Other") },
        { "two_yellow", "连续两次黄牌警告", N_ ("Two consecutive yellow cards") },
        { "student_case", "在校中小学生吸贩毒案事件",
          N_ ("A school pupil using or dealing drugs") },
        { "incident", "吸毒人员肇事肇祸案事件", N_ ("An incident caused by a drug user") },
        { "cultivation", "大规模非法种植毒品原植物",
          N_ ("Large-scale illegal cultivation of drug plants") },
        { "manufacture", "外地为主侦破涉及本地的制毒案件",
          N_ ("A local drug manufacturing case solved mainly elsewhere") },
        { "key_area", "列为重点整治地区", N_ ("Listed as a key area for remediation") });

/* In the order of JdSurveyGroup (jd-indicators.h). */
VALUES (survey_groups,
        { "public", "群众", N_ ("General public") },
        { "migrant", "外出务工人员", N_ ("Migrant workers") },
        { "venue_staff", "场所从业人员", N_ ("Venue staff") },
        { "students", "在校学生", N_ ("Students") });

static const struct
{
  const JdEnumValue *values;
  guint n_values;
} tables[JD_N_ENUMS] = {
#define TABLE(which, name) [which] = { name, G_N_ELEMENTS (name) }
  TABLE (JD_ENUM_VILLAGE_KIND, village_kinds),
  TABLE (JD_ENUM_SEX, sexes),
  TABLE (JD_ENUM_STATUS, statuses),
  TABLE (JD_ENUM_USE_SOURCE, use_sources),
  TABLE (JD_ENUM_MEMBER_ROLE, member_roles),
  TABLE (JD_ENUM_FOLLOWUP_KIND, followup_kinds),
  TABLE (JD_ENUM_URINE_RESULT, urine_results),
  TABLE (JD_ENUM_ACTIVITY_FORM, activity_forms),
  TABLE (JD_ENUM_AUDIENCE, audiences),
  TABLE (JD_ENUM_LETTER_LEVEL, letter_levels),
  TABLE (JD_ENUM_VENUE_KIND, venue_kinds),
  TABLE (JD_ENUM_TITLE_EVENT, title_events),
  TABLE (JD_ENUM_STAFF_ROLE, staff_roles),
  TABLE (JD_ENUM_WORK_KIND, work_kinds),
  TABLE (JD_ENUM_TITLE_GROUND, title_grounds),
  TABLE (JD_ENUM_SURVEY_GROUP, survey_groups),
#undef TABLE
};

const JdEnumValue *
jd_enum_values (JdEnum which, guint *n_values)
{
  g_return_val_if_fail (which < JD_N_ENUMS, NULL);
  if (n_values)
    *n_values = tables[which].n_values;
  return tables[which].values;
}

/* The stored key for a key or an official Chinese label; NULL when neither. */
const char *
jd_enum_find (JdEnum which, const char *key_or_label)
{
  g_return_val_if_fail (which < JD_N_ENUMS, NULL);
  if (key_or_label == NULL)
    return NULL;
  for (guint i = 0; i < tables[which].n_values; i++)
    {
      const JdEnumValue *v = &tables[which].values[i];
      if (strcmp (v->key, key_or_label) == 0 || strcmp (v->zh, key_or_label) == 0)
        return v->key;
    }
  return NULL;
}

static const JdEnumValue *
lookup (JdEnum which, const char *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < tables[which].n_values; i++)
    if (strcmp (tables[which].values[i].key, key) == 0)
      return &tables[which].values[i];
  return NULL;
}

/* The interface label in the user's language; the key itself when unknown. */
const char *
jd_enum_label (JdEnum which, const char *key)
{
  g_return_val_if_fail (which < JD_N_ENUMS, NULL);
  const JdEnumValue *v = lookup (which, key);
  return v ? _ (v->label) : key;
}

/* The official Chinese term, whatever the interface language. */
const char *
jd_enum_zh (JdEnum which, const char *key)
{
  g_return_val_if_fail (which < JD_N_ENUMS, NULL);
  const JdEnumValue *v = lookup (which, key);
  return v ? v->zh : key;
}

/* "key (中文), key (中文), …": what an error message offers as the allowed values. */
char *
jd_enum_describe (JdEnum which)
{
  g_return_val_if_fail (which < JD_N_ENUMS, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < tables[which].n_values; i++)
    g_string_append_printf (out, "%s%s (%s)", i ? ", " : "", tables[which].values[i].key,
                            tables[which].values[i].zh);
  return g_string_free (out, FALSE);
}
