/* test-workbook.c: the inspection workbook, read back by an independent reader
 *
 * A small ledger is built through jd-store.h, exported, and handed to
 * tests/export/check-workbook.py, which reads it with Debian's python3-openpyxl and
 * zipfile: sheet names and order, titles, headers, row counts, cell types,
 * panes, filters, page setup, footer, and that a masked workbook holds no full
 * ID number or name in any of its XML parts.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-indicators.h"
#include "jd-registers.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

#define PYTHON "/usr/bin/python3"

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  char *ids[5];
} Fixture;

/* The five persons: name, the first 17 digits of the ID number (the 17th odd for
 * a man), managing village, first-found date. */
static const struct
{
  const char *name;
  const char *first17;
  int village; /* 0 东村, 1 西社区 */
  int y, m, d;
} persons[] = {
  { "张三", "11010519800101001", 0, 2015, 3, 10 }, { "李梅", "11010519850505002", 0, 2018, 7, 1 },
  { "王五", "44018119900307123", 1, 2024, 3, 1 },  { "赵六", "11010519700101003", 1, 2010, 1, 1 },
  { "孙七", "11010519491231002", 0, 2012, 2, 2 },
};

/* Every name a masked workbook must not show: the persons, their help group,
 * the staff (who also held the talks and tests), the inspector and the venue's
 * manager. */
static const char *const secret_names[] = { "张三",   "李梅",   "王五",   "赵六",   "孙七",  "李四",
                                            "陈社工", "刘专干", "郑网格", "周警官", "黄老板" };

#define DAY(y, m, d) jd_day_new (y, m, d)

static void
store_ok (JdStoreResult result, GError *error)
{
  g_assert_no_error (error);
  g_assert_cmpint (result, !=, JD_STORE_FAILED);
}

static void
followup (JdLedger *ledger, gint64 person, const char *kind, JdDay day, const char *result)
{
  GError *error = NULL;
  JdFollowupRecord r = { .person_id = person,
                         .kind = kind,
                         .occurred_on = day,
                         .result = result,
                         .staff = "陈社工",
                         .place = "东村村委会",
                         .content = "了解近况，开展法治教育" };
  store_ok (jd_store_followup (ledger, &r, &error), error);
}

static void
build_ledger (Fixture *f)
{
  GError *error = NULL;
  JdLedger *l = f->t.ledger;
  gint64 v[3], p[5], venue;

  JdVillageRecord villages[] = {
    { .code = "V01",
      .name = "东村",
      .kind = "village",
      .registered_population = 1800,
      .resident_population = 2000,
      .floating_population = 200,
      .grid_count = 4,
      .secretary = "陈书记",
      .police_officer = "周警官",
      .education_site = TRUE },
    { .code = "V02", .name = "西社区", .kind = "community", .resident_population = 3000 },
    { .code = "V03", .name = "南村", .resident_population = 800, .retired_on = DAY (2022, 6, 30) },
  };
  for (int i = 0; i < 3; i++)
    store_ok (jd_store_village (l, &villages[i], &v[i], &error), error);

  for (int i = 0; i < 5; i++)
    {
      char first17[18];
      g_strlcpy (first17, persons[i].first17, sizeof first17);
      f->ids[i] = g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
      JdPersonRecord r = { .id_number = f->ids[i],
                           .name = persons[i].name,
                           .phone = i == 0 ? "13812345678" : NULL,
                           .household_address = "广东省陆丰市博美镇东村一巷3号",
                           .residence_address = "博美镇东村一巷3号",
                           .village_id = v[persons[i].village],
                           /* 王五 lives in 西社区 with his household in 东村: 人户分离. */
                           .household_village_id = i == 2 ? v[0] : 0,
                           .first_found_on = DAY (persons[i].y, persons[i].m, persons[i].d),
                           .drug_type = "冰毒" };
      store_ok (jd_store_person (l, &r, &p[i], &error), error);
    }

  /* 张三: community detox since 2023-05-01, last use 2023-04-20. */
  JdStatusRecord s1 = { p[0], "community_detox", DAY (2023, 5, 1), DAY (2026, 4, 30), NULL };
  store_ok (jd_store_status (l, &s1, &error), error);
  JdUseEventRecord u1 = { p[0], DAY (2023, 4, 20), "police" };
  store_ok (jd_store_use_event (l, &u1, &error), error);
  /* 李梅: community rehabilitation, then custody from 2024-08-01. */
  JdStatusRecord s2 = { p[1], "community_rehab", DAY (2022, 1, 1), 0, NULL };
  store_ok (jd_store_status (l, &s2, &error), error);
  JdStatusRecord s3 = { p[1], "custody", DAY (2024, 8, 1), DAY (2025, 7, 31), NULL };
  store_ok (jd_store_status (l, &s3, &error), error);
  /* 赵六 died in 2019; 孙七 has been missing since 2016; 王五 has no span (at large). */
  JdStatusRecord s4 = { p[3], "deceased", DAY (2019, 5, 5), 0, NULL };
  store_ok (jd_store_status (l, &s4, &error), error);
  JdStatusRecord s5 = { p[4], "missing", DAY (2016, 1, 1), 0, NULL };
  store_ok (jd_store_status (l, &s5, &error), error);

  /* Follow-ups of 2024: 张三 3 talks, 3 urine tests (one refused), a home visit and
   * an assistance; 李梅 a talk and a positive test. One talk of 2023 stays out. */
  followup (l, p[0], "talk", DAY (2023, 6, 1), NULL);
  followup (l, p[0], "talk", DAY (2024, 1, 15), NULL);
  followup (l, p[0], "talk", DAY (2024, 3, 10), NULL);
  followup (l, p[0], "talk", DAY (2024, 5, 12), NULL);
  followup (l, p[0], "urine_test", DAY (2024, 1, 15), "negative");
  followup (l, p[0], "urine_test", DAY (2024, 3, 10), "negative");
  followup (l, p[0], "urine_test", DAY (2024, 5, 12), "refused");
  followup (l, p[0], "home_visit", DAY (2024, 2, 1), NULL);
  followup (l, p[0], "assistance", DAY (2024, 6, 1), NULL);
  followup (l, p[1], "talk", DAY (2024, 2, 10), NULL);
  followup (l, p[1], "urine_test", DAY (2024, 2, 10), "positive");

  /* 张三's help group: 李四 is active; the police officer left at the end of 2023. */
  JdHelpMemberRecord m1 = { p[0], "李四", "family", "13900001111", DAY (2023, 5, 1), 0 };
  store_ok (jd_store_help_member (l, &m1, &error), error);
  JdHelpMemberRecord m2 = { p[0], "王警官", "police", NULL, DAY (2023, 5, 1), DAY (2023, 12, 31) };
  store_ok (jd_store_help_member (l, &m2, &error), error);
  JdAgreementRecord a1 = { p[0], DAY (2023, 5, 2), NULL };
  store_ok (jd_store_agreement (l, &a1, &error), error);

  /* Activities: four in 2024 (one township-wide), one in 2023. */
  JdActivityRecord acts[] = {
    { v[0], DAY (2024, 1, 5), "lecture", "禁毒知识讲座", "东村文化室", "rural", 60, 100, 2 },
    { v[0], DAY (2024, 6, 26), "exhibition", "6·26国际禁毒日展板", "东村广场", "rural", 200, -1,
      -1 },
    { v[0], DAY (2024, 6, 26), "materials", "发放禁毒宣传资料", "东村广场", "family", -1, 500, -1 },
    { 0, DAY (2024, 6, 26), "film", "禁毒电影下乡", "镇文化广场", "community", 300, -1, -1 },
    { v[1], DAY (2023, 6, 26), "banner", "悬挂禁毒横幅", "西社区", "community", -1, -1, 5 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (acts); i++)
    store_ok (jd_store_activity (l, &acts[i], &error), error);

  /* Awareness surveys: the public township-wide and 东村's students in 2024;
   * 西社区's migrant workers in 2023. */
  JdSurveyRecord surveys[] = {
    { 0, DAY (2024, 4, 1), "public", 200, 190 },
    { v[0], DAY (2024, 9, 1), "students", 50, 48 },
    { v[1], DAY (2023, 5, 1), "migrant", 30, 30 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (surveys); i++)
    store_ok (jd_store_survey (l, &surveys[i], &error), error);

  /* Letters: three in 2024, one in 2023. */
  JdLetterRecord letters[] = {
    { v[0], "village_group", DAY (2024, 2, 1), "东村第一村民小组", 1 },
    { v[0], "village_household", DAY (2024, 2, 15), "东村各户", 320 },
    { v[1], "township_village", DAY (2024, 1, 10), "西社区居委会", 2 },
    { v[1], "township_village", DAY (2023, 1, 10), "西社区居委会", 2 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    store_ok (jd_store_letter (l, &letters[i], &error), error);

  /* Venues: three in living villages, one in the village retired in 2022. */
  JdVenueRecord ktv
      = { v[0], "金嗓子KTV", "entertainment", "东村大道8号", "黄老板", "0660-8881234", "包厢" };
  store_ok (jd_store_venue (l, &ktv, &venue, &error), error);
  JdInspectionRecord i1 = { venue, DAY (2024, 3, 1), "周警官", TRUE, NULL };
  store_ok (jd_store_inspection (l, &i1, &error), error);
  JdInspectionRecord i2 = { venue, DAY (2024, 9, 1), "周警官", FALSE, "包厢未按规定安装监控" };
  store_ok (jd_store_inspection (l, &i2, &error), error);
  /* Three passed inspections: three short lines in one cell, which need a
   * row three lines high although no line is wider than its column. */
  JdVenueRecord inn = { v[0], "平安旅社", "hotel", NULL, NULL, NULL, NULL };
  store_ok (jd_store_venue (l, &inn, &venue, &error), error);
  for (int month = 3; month <= 9; month += 3)
    {
      JdInspectionRecord passed = { venue, DAY (2024, month, 1), "周警官", TRUE, NULL };
      store_ok (jd_store_inspection (l, &passed, &error), error);
    }
  JdVenueRecord cafe = { v[1], "星空网吧", "internet_cafe", NULL, NULL, NULL, NULL };
  store_ok (jd_store_venue (l, &cafe, NULL, &error), error);
  JdVenueRecord old = { v[2], "南村旅店", "hotel", NULL, NULL, NULL, NULL };
  store_ok (jd_store_venue (l, &old, NULL, &error), error);

  /* 东村 holds the title with a yellow card since 2024-03-01; 西社区 applied. */
  const char *events[] = { "applied", "accepted", "assessed_pass", "named", "yellow_card" };
  JdDay days[] = { DAY (2021, 3, 1), DAY (2021, 4, 1), DAY (2021, 10, 1), DAY (2021, 12, 1),
                   DAY (2024, 3, 1) };
  for (int i = 0; i < 5; i++)
    {
      JdTitleEventRecord e = { v[0], events[i], days[i], NULL, i == 4 ? "ranking" : NULL };
      store_ok (jd_store_title_event (l, &e, &error), error);
    }
  JdTitleEventRecord applied = { v[1], "applied", DAY (2024, 4, 1), NULL };
  store_ok (jd_store_title_event (l, &applied, &error), error);

  /* Assessments: 东村 in 2024 (ten items), 西社区 in 2023. */
  JdAssessmentRecord a2024 = {
    .village_id = v[0], .year = 2024, .assessed_on = DAY (2024, 11, 20), .assessor = "镇考核组"
  };
  JdAssessmentRecord a2023 = {
    .village_id = v[1], .year = 2023, .assessed_on = DAY (2023, 11, 20), .assessor = "镇考核组"
  };
  for (int i = 0; i < 10; i++)
    {
      a2024.items[i] = (JdAssessmentItem){ i < 5 || i == 6 || i == 7 ? 1 : -1, i == 6 ? 0 : 1,
                                           i == 6 ? 5 : 10, NULL };
      a2023.items[i] = (JdAssessmentItem){ -1, 1, 10, NULL };
    }
  store_ok (jd_store_assessment (l, &a2024, NULL, &error), error);
  store_ok (jd_store_assessment (l, &a2023, NULL, &error), error);

  /* Staff active in 2024: three; a volunteer who left in 2023 stays out. */
  JdStaffRecord staff[] = {
    { "陈社工", "social_worker", v[0], "13700001234", DAY (2020, 1, 1), 0 },
    { "刘专干", "cadre", 0, "13700005678", DAY (2019, 3, 1), 0 },
    { "吴志愿", "volunteer", v[1], NULL, DAY (2021, 1, 1), DAY (2023, 6, 30) },
    { "郑网格", "grid_worker", v[1], NULL, DAY (2024, 5, 1), 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    store_ok (jd_store_staff (l, &staff[i], &error), error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_set_today (DAY (2024, 12, 20));
  jd_test_ledger_set_up (&f->t, "jd-workbook-XXXXXX");
  build_ledger (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  jd_test_ledger_tear_down (&f->t);
  for (int i = 0; i < 5; i++)
    g_free (f->ids[i]);
}

/* ---- what the reader is told ---------------------------------------------------------- */

typedef struct
{
  const char *sheet;
  int rows;
} SheetRows;

/* The rows each register holds for 2024, worked out by hand from build_ledger ():
 * registered: all five persons were first found by 2024-12-31;
 * help: 张三 (detox, open) and 李梅 (rehab until 2024-07-31) had community status in 2024;
 * talks: 张三 3 + 李梅 1 in 2024 (张三's talk of 2023 is out);
 * urine: 张三 3 (one refused) + 李梅 1; visits: 张三's home visit and assistance;
 * activities: 4 of 2024; letters: 3 of 2024; venues: the KTV, the inn 平安旅社 and the
 * café (南村 retired in 2022, its inn is out); assessments: 东村's ten items of 2024; staff:
 * 陈社工, 刘专干, 郑网格 (吴志愿 left in 2023). */
static const SheetRows rows_2024[] = {
  /* 基本情况: township, year and D, then the 33 indicators of §4 apart from
   * status_counts, which is one row for each of the 11 statuses, and awareness,
   * one row for each of the 4 survey groups, and the town title's coverage
   * target on a row of its own: 3 + 33 + 11 + 4 + 1. */
  { "基本情况", 52 },
  /* 东村 and 西社区 (南村 was retired in 2022). */
  { "村居创建情况", 2 },
  { "累计登记在册吸毒人员表", 5 },
  /* 张三 (detox, last use 2023), 李梅 (a one-year sentence), 王五 (new, at large);
   * not 赵六 (deceased) nor 孙七 (missing since 2016: four years and more). */
  { "现有吸毒人员表", 3 },
  { "社区戒毒社区康复帮教台账", 2 },
  { "谈话记录", 4 },
  { "尿检记录", 4 },
  { "家访帮扶记录", 2 },
  { "禁毒宣传活动台账", 4 },
  { "禁毒责任书签订台账", 3 },
  { "场所排查台账", 3 },
  { "无毒村居考核评分表", 10 },
  { "工作力量花名册", 3 },
  /* 2015 … 2024 */
  { "指标趋势", 10 },
};

static void
add_ratio (JsonBuilder *b, const char *sheet, const char *key, const char *header, double number)
{
  json_builder_begin_array (b);
  json_builder_add_string_value (b, sheet);
  json_builder_add_string_value (b, key);
  json_builder_add_string_value (b, header);
  json_builder_add_double_value (b, number);
  json_builder_end_array (b);
}

static void
add_cell (JsonBuilder *b,
          const char *sheet,
          const char *key,
          const char *header,
          const char *text,
          gint64 number)
{
  json_builder_begin_array (b);
  json_builder_add_string_value (b, sheet);
  json_builder_add_string_value (b, key);
  json_builder_add_string_value (b, header);
  if (text)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_int_value (b, number);
  json_builder_end_array (b);
}

static char *
write_expected (Fixture *f, const char *const *sheets, gboolean masked, gboolean values)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "township");
  json_builder_add_string_value (b, "博美镇");
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, 2024);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, "2024-12-20");
  json_builder_set_member_name (b, "masked");
  json_builder_add_boolean_value (b, masked);

  json_builder_set_member_name (b, "sheets");
  json_builder_begin_array (b);
  gboolean trends = FALSE;
  for (guint i = 0; sheets[i]; i++)
    {
      json_builder_add_string_value (b, sheets[i]);
      trends |= g_str_equal (sheets[i], "指标趋势");
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "charts");
  json_builder_add_int_value (b, trends ? 2 : 0);

  json_builder_set_member_name (b, "rows");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (rows_2024); i++)
    {
      json_builder_set_member_name (b, rows_2024[i].sheet);
      json_builder_add_int_value (b, rows_2024[i].rows);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "ids");
  json_builder_begin_array (b);
  for (int i = 0; i < 5; i++)
    json_builder_add_string_value (b, f->ids[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "names");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (secret_names); i++)
    json_builder_add_string_value (b, secret_names[i]);
  json_builder_end_array (b);

  /* Values read back, worked out by hand from build_ledger (). */
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  if (values)
    {
      const char *reg = "累计登记在册吸毒人员表", *help = "社区戒毒社区康复帮教台账";
      const char *zhang = f->ids[0], *li = f->ids[1], *wang = f->ids[2];
      add_cell (b, reg, zhang, "姓名", "张三", 0);
      add_cell (b, reg, zhang, "性别", "男", 0);
      add_cell (b, reg, zhang, "出生日期", "1980-01-01", 0);
      add_cell (b, reg, zhang, "管理村(社区)", "东村", 0);
      add_cell (b, reg, zhang, "当前状态", "社区戒毒", 0);
      add_cell (b, reg, zhang, "状态起始日期", "2023-05-01", 0);
      add_cell (b, reg, zhang, "末次吸毒日期", "2023-04-20", 0); /* the police find */
      add_cell (b, reg, li, "性别", "女", 0);
      add_cell (b, reg, li, "当前状态", "羁押/服刑", 0);
      add_cell (b, reg, li, "状态起始日期", "2024-08-01", 0);
      add_cell (b, reg, li, "末次吸毒日期", "2024-02-10", 0);   /* the positive urine test */
      add_cell (b, reg, wang, "当前状态", "社会面", 0);         /* no span: at large */
      add_cell (b, reg, wang, "末次吸毒日期", "2024-03-01", 0); /* first found */
      add_cell (b, reg, f->ids[4], "当前状态", "失联", 0);
      /* Registers are in the order of village code, then first-found date: 东村 has
       * 孙七 (2012), 张三 (2015), 李梅 (2018); 西社区 赵六 (2010), 王五 (2024). */
      add_cell (b, reg, f->ids[4], "序号", NULL, 1);
      add_cell (b, reg, zhang, "序号", NULL, 2);
      add_cell (b, reg, wang, "序号", NULL, 5);

      add_cell (b, help, zhang, "措施类型", "社区戒毒", 0);
      add_cell (b, help, zhang, "措施起始日期", "2023-05-01", 0);
      add_cell (b, help, zhang, "预计期满日期", "2026-04-30", 0);
      add_cell (b, help, zhang, "联系电话", "13812345678", 0);
      add_cell (b, help, zhang, "帮教小组成员", "李四(家属)", 0); /* 王警官 left in 2023 */
      add_cell (b, help, zhang, "协议签订日期", "2023-05-02", 0);
      add_cell (b, help, zhang, "谈话次数", NULL, 3);
      add_cell (b, help, zhang, "末次谈话日期", "2024-05-12", 0);
      add_cell (b, help, zhang, "尿检次数", NULL, 2); /* the refusal is no test */
      add_cell (b, help, zhang, "尿检阴性", NULL, 2);
      add_cell (b, help, zhang, "尿检阳性", NULL, 0);
      add_cell (b, help, zhang, "末次尿检日期", "2024-03-10", 0);
      add_cell (b, help, zhang, "家访次数", NULL, 1);
      add_cell (b, help, zhang, "末次家访日期", "2024-02-01", 0);
      add_cell (b, help, li, "措施类型", "社区康复", 0);
      add_cell (b, help, li, "尿检阳性", NULL, 1);

      add_cell (b, "场所排查台账", "金嗓子KTV", "检查次数", NULL, 2);
      add_cell (b, "场所排查台账", "金嗓子KTV", "不合格次数", NULL, 1);
      add_cell (b, "场所排查台账", "金嗓子KTV", "末次检查结果", "不合格", 0);
      add_cell (b, "场所排查台账", "金嗓子KTV", "末次检查日期", "2024-09-01", 0);
      add_cell (b, "场所排查台账", "星空网吧", "检查次数", NULL, 0);
      add_cell (b, "禁毒宣传活动台账", "禁毒电影下乡", "村(社区)", "博美镇", 0);
      add_cell (b, "禁毒宣传活动台账", "禁毒知识讲座", "参与人数", NULL, 60);
      add_cell (b, "工作力量花名册", "刘专干", "所在村(社区)", "博美镇禁毒办", 0);
      add_cell (b, "工作力量花名册", "刘专干", "联系电话", "13700005678", 0);

      /* The indicators of 2024 (D = 2024-12-31), by hand: relapse: 李梅's positive
       * test of 2024-02-10 (found 2018) over the base of those not exited on
       * 2024-01-01: 张三, 李梅, 王五, 孙七 → 1/4. Urine tests: 张三 and 李梅 were under
       * community measures and both were tested → 2/2. Help: only 张三 is under a
       * measure on D, with 李四 and an agreement → 1/1. Coverage: 东村 holds the
       * title (with a yellow card), 西社区 does not → 1/2. New users: 王五 over the
       * 5,000 residents of 东村 and 西社区 → 2.0 per 10,000. */
      const char *trend = "指标趋势", *sum = "基本情况", *vil = "村居创建情况";
      add_cell (b, trend, "2024", "累计登记在册", NULL, 5);
      add_cell (b, trend, "2024", "现有吸毒人员", NULL, 3);
      add_cell (b, trend, "2024", "新滋生", NULL, 1);
      add_ratio (b, trend, "2024", "每万人新滋生", 2.0);
      add_cell (b, trend, "2024", "复吸人数", NULL, 1);
      add_ratio (b, trend, "2024", "复吸率", 0.25);
      add_ratio (b, trend, "2024", "尿检率", 1.0);
      add_ratio (b, trend, "2024", "帮教率", 1.0);
      add_cell (b, trend, "2024", "无毒村居", NULL, 1);
      add_cell (b, trend, "2024", "村居总数", NULL, 2);
      add_ratio (b, trend, "2024", "无毒村居覆盖率", 0.5);
      /* 2015: 赵六 (2010), 孙七 (2012) and 张三 (2015); 2023 without 王五. */
      add_cell (b, trend, "2015", "累计登记在册", NULL, 3);
      add_cell (b, trend, "2023", "累计登记在册", NULL, 4);
      add_cell (b, sum, "现有吸毒人员", "实际", NULL, 3);
      add_ratio (b, sum, "复吸率", "实际", 0.25);
      add_cell (b, sum, "在册人员中：失联", "实际", NULL, 1);
      /* Targets (the defaults): 孙七 is missing → not met; the relapse rate fell
       * from 2023's 1/3 (张三's use of 2023-04-20 over 张三, 李梅, 孙七) → met;
       * 2.0 new users per 10,000 > 0.5; coverage 50% < 60% and < 80%; abstinent a
       * year: 张三 alone of the 4 not exited = 25% < 30% (孙七 is missing: a
       * missing person is never abstinent); three years: nobody, not ½ of one; no
       * village had four activities in any month → 0%. */
      add_cell (b, sum, "在册人员中：失联", "目标", "≤ 0", 0);
      add_cell (b, sum, "在册人员中：失联", "达标情况", "未达标", 0);
      add_cell (b, sum, "复吸率", "目标", "低于上年(33.3%)", 0);
      add_cell (b, sum, "复吸率", "达标情况", "达标", 0);
      add_cell (b, sum, "每万人新滋生吸毒人员", "目标", "≤ 0.5", 0);
      add_cell (b, sum, "每万人新滋生吸毒人员", "达标情况", "未达标", 0);
      add_cell (b, sum, "无毒村居覆盖率", "目标", "≥ 60%", 0);
      add_cell (b, sum, "无毒村居覆盖率", "达标情况", "未达标", 0);
      add_ratio (b, sum, "创建无毒乡镇覆盖率", "实际", 0.5);
      add_cell (b, sum, "创建无毒乡镇覆盖率", "目标", "≥ 80%", 0);
      add_cell (b, sum, "戒断一年以上人员", "实际", NULL, 1);
      add_cell (b, sum, "戒断一年以上人员", "达标情况", "未达标", 0);
      add_cell (b, sum, "戒断一年以上人员", "说明", "占在册人员(不含死亡、出境、户籍迁出)25.0%", 0);
      add_cell (b, sum, "戒断三年以上人员", "达标情况", "未达标", 0);
      add_cell (b, sum, "尿检率", "达标情况", "达标", 0);
      add_cell (b, sum, "帮教率", "达标情况", "达标", 0);
      add_ratio (b, sum, "每月四次宣传活动达标率", "实际", 0.0);
      add_cell (b, sum, "每月四次宣传活动达标率", "达标情况", "未达标", 0);
      /* The indicators the plans added, by hand for 2024. Urine tests due: 张三's
       * detox all year, 366 days → 6; 李梅's rehab 2024-01-01 … 07-31, 213 days → 4;
       * done: 张三's two negatives (the refusal is none) and 李梅's positive → 3 of
       * 10. In society at D: 张三 (detox) and 王五 (at large), 张三 tested → 1 of 2.
       * 人户分离: 王五 alone, at large, found → 1 of 1. Awareness: the public 190 of
       * 200 (95%: met), the students 48 of 50 (96% < 100%), no migrant workers
       * asked in 2024 (西社区's survey is of 2023). Relapsing persons: 李梅 in 2024,
       * 张三 in 2023: not fewer. */
      add_cell (b, sum, "应尿检次数", "实际", NULL, 10);
      add_cell (b, sum, "其中已尿检次数", "实际", NULL, 3);
      add_ratio (b, sum, "尿检次数完成率", "实际", 0.3);
      add_cell (b, sum, "尿检次数完成率", "目标", "≥ 90%", 0);
      add_cell (b, sum, "尿检次数完成率", "达标情况", "未达标", 0);
      add_cell (b, sum, "社会面吸毒人员", "实际", NULL, 2);
      add_cell (b, sum, "社会面吸毒人员中已尿检人员", "实际", NULL, 1);
      add_ratio (b, sum, "总体尿检率", "实际", 0.5);
      add_cell (b, sum, "总体尿检率", "目标", "≥ 95%", 0);
      add_cell (b, sum, "总体尿检率", "达标情况", "未达标", 0);
      add_cell (b, sum, "人户分离人员", "实际", NULL, 1);
      add_cell (b, sum, "其中已查找发现人员", "实际", NULL, 1);
      add_ratio (b, sum, "人户分离人员查找发现率", "实际", 1.0);
      add_cell (b, sum, "人户分离人员查找发现率", "目标", "≥ 90%", 0);
      add_cell (b, sum, "人户分离人员查找发现率", "达标情况", "达标", 0);
      add_ratio (b, sum, "禁毒知识知晓率：群众", "实际", 0.95);
      add_cell (b, sum, "禁毒知识知晓率：群众", "目标", "≥ 95%", 0);
      add_cell (b, sum, "禁毒知识知晓率：群众", "达标情况", "达标", 0);
      add_cell (b, sum, "禁毒知识知晓率：群众", "说明", "调查200人，知晓190人", 0);
      add_cell (b, sum, "禁毒知识知晓率：外出务工人员", "目标", "≥ 95%", 0);
      add_cell (b, sum, "禁毒知识知晓率：外出务工人员", "达标情况", "无数据", 0);
      add_cell (b, sum, "禁毒知识知晓率：场所从业人员", "目标", "≥ 100%", 0);
      add_ratio (b, sum, "禁毒知识知晓率：在校学生", "实际", 0.96);
      add_cell (b, sum, "禁毒知识知晓率：在校学生", "目标", "≥ 100%", 0);
      add_cell (b, sum, "禁毒知识知晓率：在校学生", "达标情况", "未达标", 0);
      add_cell (b, sum, "禁毒知识知晓率：在校学生", "说明", "调查50人，知晓48人", 0);
      add_cell (b, sum, "复吸人员", "实际", NULL, 1);
      add_cell (b, sum, "复吸人员", "目标", "低于上年(1)", 0);
      add_cell (b, sum, "复吸人员", "达标情况", "未达标", 0);
      add_cell (b, sum, "乡镇(街道)", "实际", "博美镇", 0);
      add_cell (b, sum, "统计截止日期", "实际", "2024-12-31", 0);
      /* 东村: yellow card since 2024-03-01; nine of the ten items met in its
       * assessment of 2024-11-20; three activities of its own; 张三 and 李梅 are
       * current users and were under community measures in 2024. */
      add_cell (b, vil, "东村", "创建阶段", "黄牌警告", 0);
      add_cell (b, vil, "东村", "黄牌警告", NULL, 1);
      add_cell (b, vil, "东村", "末次考核日期", "2024-11-20", 0);
      add_cell (b, vil, "东村", "考核达标项", NULL, 9);
      add_cell (b, vil, "东村", "宣传活动次数", NULL, 3);
      add_cell (b, vil, "东村", "宣传达标月数", NULL, 0);
      add_cell (b, vil, "东村", "现有吸毒人员", NULL, 2);
      add_cell (b, vil, "东村", "社区戒毒康复人员", NULL, 2);
      add_cell (b, vil, "东村", "禁毒教育阵地", "有", 0);
      add_cell (b, vil, "西社区", "创建阶段", "已申报", 0);
      add_cell (b, vil, "西社区", "现有吸毒人员", NULL, 1);
      add_cell (b, vil, "西社区", "末次考核日期", "2023-11-20", 0);
      add_cell (b, vil, "西社区", "类型", "社区", 0);
    }
  else if (masked)
    {
      /* 110105 + 8 asterisks + the last four characters; 张*; 138****5678. */
      const char *reg = "累计登记在册吸毒人员表";
      g_autofree char *zhang = g_strdup_printf ("110105********%s", f->ids[0] + 14);
      add_cell (b, reg, zhang, "姓名", "张*", 0);
      add_cell (b, "社区戒毒社区康复帮教台账", zhang, "帮教小组成员", "李*(家属)", 0);
      add_cell (b, "社区戒毒社区康复帮教台账", zhang, "联系电话", "138****5678", 0);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  char *path = g_build_filename (f->t.dir, masked ? "expected-masked.json" : "expected.json", NULL);
  g_autoptr (GError) error = NULL;
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs tests/export/check-workbook.py; skips when Debian's python3 or openpyxl is missing. */
static gboolean
check_workbook (const char *xlsx, const char *expected, gboolean pdf)
{
  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is not installed");
      return FALSE;
    }
  const char *source = g_getenv ("JINDU_SOURCE_DIR");
  g_assert_nonnull (source);
  /* JINDU_TEST_KEEP=DIR keeps a copy of each workbook, to look at. */
  if (g_getenv ("JINDU_TEST_KEEP"))
    {
      g_autofree char *base = g_path_get_basename (xlsx);
      g_autofree char *copy = g_build_filename (g_getenv ("JINDU_TEST_KEEP"), base, NULL);
      g_autoptr (GFile) from = g_file_new_for_path (xlsx);
      g_autoptr (GFile) to = g_file_new_for_path (copy);
      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }
  g_autofree char *script = g_build_filename (source, "tests", "export", "check-workbook.py", NULL);
  const char *argv[] = { PYTHON, script, xlsx, expected, pdf ? "--pdf" : NULL, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (out && *out)
    g_test_message ("%s", out);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-workbook.py found problems in %s:\n%s", xlsx, err);
  return TRUE;
}

static const char *const all_sheets[] = { "基本情况",
                                          "村居创建情况",
                                          "累计登记在册吸毒人员表",
                                          "现有吸毒人员表",
                                          "社区戒毒社区康复帮教台账",
                                          "谈话记录",
                                          "尿检记录",
                                          "家访帮扶记录",
                                          "禁毒宣传活动台账",
                                          "禁毒责任书签订台账",
                                          "场所排查台账",
                                          "无毒村居考核评分表",
                                          "工作力量花名册",
                                          "指标趋势",
                                          NULL };

typedef struct
{
  double last;
  guint calls;
  gboolean monotonic;
  GCancellable *cancel_on_first;
} ProgressLog;

static void
progress_cb (double fraction, gpointer user_data)
{
  ProgressLog *log = user_data;
  if (fraction < log->last || fraction < 0 || fraction > 1)
    log->monotonic = FALSE;
  log->last = fraction;
  log->calls++;
  if (log->cancel_on_first)
    g_cancellable_cancel (log->cancel_on_first);
}

static void
test_export_all (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "博美镇2024.xlsx", NULL);
  JdExportOptions options = { .path = xlsx, .year = 2024 };
  ProgressLog log = { 0, 0, TRUE, NULL };

  g_assert_true (jd_workbook_export (f->t.ledger, &options, progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_autofree char *part = g_strconcat (xlsx, ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  /* Progress only goes forward and ends at 1. */
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);

  g_autofree char *expected = write_expected (f, all_sheets, FALSE, TRUE);
  /* Printed by LibreOffice too, when it is installed (a few seconds). */
  check_workbook (xlsx, expected, TRUE);
}

static void
test_export_masked (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "masked.xlsx", NULL);
  JdExportOptions options = { .path = xlsx, .year = 2024, .mask = TRUE };

  g_assert_true (jd_workbook_export (f->t.ledger, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *expected = write_expected (f, all_sheets, TRUE, FALSE);
  check_workbook (xlsx, expected, FALSE);
}

/* --registers: only the sheets asked for, in the order of docs/contract.md §7 whatever the
 * order asked in, each once. */
static void
test_export_some (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "some.xlsx", NULL);
  const JdRegister registers[]
      = { JD_REGISTER_STAFF, JD_REGISTER_REGISTERED, JD_REGISTER_TALKS, JD_REGISTER_STAFF };
  JdExportOptions options
      = { .path = xlsx, .year = 2024, .registers = registers, .n_registers = 4 };

  g_assert_true (jd_workbook_export (f->t.ledger, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  const char *const sheets[] = { "累计登记在册吸毒人员表", "谈话记录", "工作力量花名册", NULL };
  g_autofree char *expected = write_expected (f, sheets, FALSE, FALSE);
  check_workbook (xlsx, expected, FALSE);
}

/* A cancelled export leaves nothing: no workbook, no .part, and the file that was
 * there before is untouched. */
static void
test_export_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "cancelled.xlsx", NULL);
  g_autofree char *part = g_strconcat (xlsx, ".part", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  JdExportOptions options = { .path = xlsx, .year = 2024 };
  ProgressLog log = { 0, 0, TRUE, cancellable };

  /* Cancelled while it runs, from the progress callback. */
  g_assert_false (
      jd_workbook_export (f->t.ledger, &options, progress_cb, &log, cancellable, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An older workbook of that name stays as it was, even when it was to be replaced. */
  g_assert_true (g_file_set_contents (xlsx, "old", -1, NULL));
  options.force = TRUE;
  g_assert_false (jd_workbook_export (f->t.ledger, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* The ledger is usable afterwards (the read snapshot was ended). */
  g_clear_error (&error);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

static void
test_export_unwritable (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "no-such-folder", "a.xlsx", NULL);
  JdExportOptions options = { .path = xlsx, .year = 2024 };

  g_assert_false (jd_workbook_export (f->t.ledger, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_IO);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, xlsx));
}

/* A locale with a decimal comma: the system's, or one compiled for the test. */
static locale_t
comma_locale (Fixture *f)
{
  locale_t comma = newlocale (LC_NUMERIC_MASK, "de_DE.UTF-8", (locale_t)0);
  if (comma != (locale_t)0 || !g_file_test ("/usr/share/i18n/locales/de_DE", G_FILE_TEST_EXISTS))
    return comma;
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  if (localedef == NULL)
    return (locale_t)0;
  g_autofree char *dir = g_build_filename (f->t.dir, "locales", NULL);
  g_autofree char *out = g_build_filename (dir, "de_DE.UTF-8", NULL);
  g_mkdir_with_parents (dir, 0700);
  const char *argv[] = { localedef, "-i", "de_DE", "-f", "UTF-8", out, NULL };
  int status;
  if (!g_spawn_sync (NULL, (char **)argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, NULL))
    return (locale_t)0;
  g_setenv ("LOCPATH", dir, TRUE);
  comma = newlocale (LC_NUMERIC_MASK, "de_DE.UTF-8", (locale_t)0);
  /* Loaded: later tests and the jindu they run get the system's locales again (and
   * glibc's newlocale leaks its copy of LOCPATH on every call while it is set). */
  g_unsetenv ("LOCPATH");
  return comma;
}

/* The writer pins the C locale's decimal point whatever the user's, and gives the
 * user's back afterwards: a decimal comma in the XML would break every reader. */
static void
test_export_locale (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "locale.xlsx", NULL);
  JdExportOptions options = { .path = xlsx, .year = 2024 };
  locale_t comma = comma_locale (f);
  if (comma == (locale_t)0)
    {
      g_test_skip ("no de_DE.UTF-8 locale to try a decimal comma with");
      return;
    }
  locale_t saved = uselocale (comma);
  char half[16];
  g_snprintf (half, sizeof half, "%.1f", 0.5);
  g_assert_cmpstr (half, ==, "0,5"); /* the locale really has a decimal comma */
  gboolean ok = jd_workbook_export (f->t.ledger, &options, NULL, NULL, NULL, &error);
  g_assert_true (uselocale ((locale_t)0) == comma); /* given back afterwards */
  uselocale (saved);
  freelocale (comma);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_autofree char *expected = write_expected (f, all_sheets, FALSE, TRUE);
  check_workbook (xlsx, expected, FALSE);
}

/* ---- a list, as the window shows it ----------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *id_number;
  JdDay due;
  int overdue;
} ListRow;

static const JdColumn list_columns[] = {
  { "姓名", JD_COLUMN_NAME },
  { "公民身份号码", JD_COLUMN_ID_NUMBER },
  { "应办日期", JD_COLUMN_DAY },
  { "逾期天数", JD_COLUMN_COUNT },
};

static gboolean
list_source (JdRowFunc func, gpointer func_data, gpointer source_data, GError **error)
{
  const ListRow *rows = source_data;
  for (guint i = 0; rows[i].name; i++)
    {
      JdCell cells[4] = { { JD_CELL_TEXT, rows[i].name },
                          { JD_CELL_TEXT, rows[i].id_number },
                          { JD_CELL_DAY, NULL, rows[i].due },
                          { JD_CELL_COUNT, NULL, 0, rows[i].overdue } };
      if (!func (cells, 4, func_data, error))
        return FALSE;
    }
  return TRUE;
}

/* A list exported "as shown": one sheet with the workbook's layout, the rows the
 * window handed over (here already masked, as a list shows them). */
static void
test_export_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->t.dir, "todo.xlsx", NULL);
  const ListRow rows[] = {
    { "张*", "110105********0016", DAY (2024, 12, 1), 19 },
    { "李*", "110105********002X", DAY (2024, 12, 25), -5 },
    { NULL },
  };
  g_assert_true (jd_workbook_write_list (
      xlsx, NULL, JD_OUTPUT_NONE, "博美镇禁毒办", "今日待办", "博美镇2024年今日待办", list_columns,
      G_N_ELEMENTS (list_columns), list_source, (gpointer)rows, NULL, &error));
  g_assert_no_error (error);

  /* The reader is told: one sheet of two rows, masked. */
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "township");
  json_builder_add_string_value (b, "博美镇");
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, 2024);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, "2024-12-20");
  json_builder_set_member_name (b, "masked");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "sheets");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "今日待办");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "今日待办");
  json_builder_add_int_value (b, 2);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ids");
  json_builder_begin_array (b);
  for (int i = 0; i < 5; i++)
    json_builder_add_string_value (b, f->ids[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "names");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  add_cell (b, "今日待办", "张*", "应办日期", "2024-12-01", 0);
  add_cell (b, "今日待办", "李*", "逾期天数", NULL, -5);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  g_autofree char *expected = g_build_filename (f->t.dir, "expected-list.json", NULL);
  json_generator_to_file (generator, expected, &error);
  g_assert_no_error (error);
  check_workbook (xlsx, expected, FALSE);
}

/* ---- 现有吸毒人员表 against the indicator engine ----------------------------------------- */

static gboolean
count_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  (*(gint64 *)user_data)++;
  return TRUE;
}

static gint64
register_rows (Fixture *f, JdRegister register_, int year, JdDay as_of)
{
  g_autoptr (GError) error = NULL;
  JdRegisterQuery query = { .year = year, .as_of = as_of };
  gint64 n = 0;
  g_assert_true (jd_register_rows (f->t.ledger, register_, &query, count_row_cb, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gboolean
name_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  g_string_append_printf (user_data, "%s%s", ((GString *)user_data)->len ? " " : "", cells[1].text);
  return TRUE;
}

/* The names in the second column (姓名) of a register's rows, in order, space-separated. */
static char *
register_names (Fixture *f, JdRegister register_, int year, JdDay as_of)
{
  g_autoptr (GError) error = NULL;
  JdRegisterQuery query = { .year = year, .as_of = as_of };
  GString *names = g_string_new (NULL);
  g_assert_true (jd_register_rows (f->t.ledger, register_, &query, name_row_cb, names, &error));
  g_assert_no_error (error);
  return g_string_free (names, FALSE);
}

static gint64
add_person (Fixture *f, const char *first17, const char *name, JdDay found)
{
  g_autoptr (GError) error = NULL;
  char id[19];
  gint64 person;
  g_snprintf (id, sizeof id, "%s%c", first17, jd_id_number_check_digit (first17));
  JdPersonRecord r = { .id_number = id,
                       .name = name,
                       .village_id = jd_store_find_village (f->t.ledger, "V01"),
                       .first_found_on = found };
  store_ok (jd_store_person (f->t.ledger, &r, &person, &error), error);
  return person;
}

/* The workbook's second reader reads the very snapshot of the first, or is not
 * had: a person added in between would be in one sheet and not another. */
static void
test_shared_snapshot (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdRegisterQuery query = { .year = 2024 };

  g_assert_true (jd_register_begin_snapshot (f->t.ledger, &error));
  gint64 before = jd_register_count (f->t.ledger, JD_REGISTER_REGISTERED, &query, &error);
  g_assert_cmpint (before, ==, 5);
  JdLedger *shared = jd_register_share_snapshot (f->t.ledger);
  g_assert_nonnull (shared);
  g_assert_cmpint (jd_register_count (shared, JD_REGISTER_REGISTERED, &query, &error), ==, before);
  jd_register_end_snapshot (shared);
  g_object_unref (shared);

  /* Another program adds a person while the snapshot is open. */
  g_autoptr (JdLedger) other = jd_ledger_open (f->t.path, &error);
  g_assert_no_error (error);
  JdLedger *mine = f->t.ledger;
  f->t.ledger = other;
  add_person (f, "44058219900101123", "后来人", DAY (2024, 6, 1));
  f->t.ledger = mine;
  g_assert_null (jd_register_share_snapshot (f->t.ledger));
  g_assert_cmpint (jd_register_count (f->t.ledger, JD_REGISTER_REGISTERED, &query, &error), ==,
                   before);
  jd_register_end_snapshot (f->t.ledger);

  /* A new snapshot sees the person, and can be shared. */
  g_assert_true (jd_register_begin_snapshot (f->t.ledger, &error));
  shared = jd_register_share_snapshot (f->t.ledger);
  g_assert_nonnull (shared);
  g_assert_cmpint (jd_register_count (shared, JD_REGISTER_REGISTERED, &query, &error), ==,
                   before + 1);
  jd_register_end_snapshot (shared);
  g_object_unref (shared);
  jd_register_end_snapshot (f->t.ledger);
}

/* The current users' register lists the persons the engine counts as current
 * users, for every year and on the days where the rules' edges fall. */
static void
test_current_matches_engine (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Edges: a sentence of exactly three years (2020-01-01 → 2023-01-01) is long
   * custody; a use on 2021-12-31 is three years old on 2024-12-31; a person found
   * on 2020-02-29 is three years abstinent from 2023-02-28; one missing since
   * 2020-07-01 is long missing from 2024-07-01 (a use in 2023 keeps them from
   * being three years abstinent). */
  gint64 a = add_person (f, "11010519750101005", "钱一", DAY (2016, 5, 5));
  JdStatusRecord custody = { a, "custody", DAY (2020, 1, 1), DAY (2023, 1, 1), NULL };
  store_ok (jd_store_status (f->t.ledger, &custody, &error), error);
  gint64 b = add_person (f, "11010519760101007", "钱二", DAY (2017, 6, 6));
  JdUseEventRecord use = { b, DAY (2021, 12, 31), "police" };
  store_ok (jd_store_use_event (f->t.ledger, &use, &error), error);
  add_person (f, "11010519770101009", "钱三", DAY (2020, 2, 29));
  gint64 d = add_person (f, "11010519780101001", "钱四", DAY (2018, 8, 8));
  JdStatusRecord missing = { d, "missing", DAY (2020, 7, 1), 0, NULL };
  store_ok (jd_store_status (f->t.ledger, &missing, &error), error);
  JdUseEventRecord seen = { d, DAY (2023, 1, 1), "other" };
  store_ok (jd_store_use_event (f->t.ledger, &seen, &error), error);

  const JdDay days[] = { DAY (2023, 2, 27), DAY (2023, 2, 28), DAY (2024, 6, 30), DAY (2024, 7, 1),
                         DAY (2024, 12, 30) };
  for (int year = 2009; year <= 2024; year++)
    {
      g_autoptr (JdIndicators) indicators
          = jd_indicators_compute (f->t.ledger, year, year, 0, &error);
      g_assert_no_error (error);
      const JdIndicatorValues *v = jd_indicators_get_township (indicators, 0);
      g_test_message ("%d: %" G_GINT64_FORMAT " current", year, v->current_users);
      g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, year, 0), ==, v->current_users);
      g_assert_cmpint (register_rows (f, JD_REGISTER_REGISTERED, year, 0), ==, v->registered);
    }
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      int year = jd_day_year (days[i]);
      g_autoptr (JdIndicators) indicators
          = jd_indicators_compute (f->t.ledger, year, year, days[i], &error);
      g_assert_no_error (error);
      const JdIndicatorValues *v = jd_indicators_get_township (indicators, 0);
      g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, year, days[i]), ==, v->current_users);
    }

  /* And by hand. On 2024-12-31: 张三 (use 2023-04-20), 李梅 (positive test
   * 2024-02-10), 王五 (found 2024); 钱一 is out (a three-year sentence), 钱二 is out
   * (2021-12-31 + 3 years), 钱三 too (found 2020, no use since), 钱四 is out
   * (missing since 2020-07-01) → 3.
   * On 2024-06-30: the same three, 钱二 (not yet three years) and 钱四 (missing
   * under four years, used 2023-01-01) → 5; on 2024-07-01 钱四 is out → 4.
   * On 2023-02-27: 张三 and 李梅 had used nothing since 2015 and 2018 (their later
   * uses come after D) → 钱二, 钱三 and 钱四 (used 2023-01-01) → 3; on 2023-02-28
   * 钱三 is three years abstinent → 2. */
  g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, 2024, 0), ==, 3);
  g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, 2024, DAY (2024, 6, 30)), ==, 5);
  g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, 2024, DAY (2024, 7, 1)), ==, 4);
  g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, 2023, DAY (2023, 2, 27)), ==, 3);
  g_assert_cmpint (register_rows (f, JD_REGISTER_CURRENT, 2023, DAY (2023, 2, 28)), ==, 2);

  /* The very persons, in the register's order (village, first found). */
  const struct
  {
    JdDay as_of;
    const char *names;
  } lists[] = {
    { DAY (2024, 12, 31), "张三 李梅 王五" },
    { DAY (2024, 6, 30), "张三 钱二 李梅 钱四 王五" },
    { DAY (2024, 7, 1), "张三 钱二 李梅 王五" },
    { DAY (2023, 2, 28), "钱二 钱四" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *names
          = register_names (f, JD_REGISTER_CURRENT, jd_day_year (lists[i].as_of), lists[i].as_of);
      g_assert_cmpstr (names, ==, lists[i].names);
    }
}

/* ---- the command line --------------------------------------------------------------- */

static int
run_jindu (const char *const *args, char **err)
{
  const char *jindu = g_getenv ("JINDU");
  g_assert_nonnull (jindu);
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *)jindu);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status,
                &error);
  g_assert_no_error (error);
  g_ptr_array_free (argv, TRUE);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->t.dir, "cli.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->t.dir, "no-such-folder", "cli.xlsx", NULL);
  g_autofree char *missing = g_build_filename (f->t.dir, "missing.db", NULL);
  g_autofree char *err = NULL;

  /* The ledger is written by this process; the command reads it with its own connection. */
  const char *ok[]
      = { "export",  "--db",       f->t.path,     "--year",           "2024", "--out", xlsx,
          "--today", "2024-12-20", "--registers", "registered,talks", NULL };
  g_assert_cmpint (run_jindu (ok, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  const char *const sheets[] = { "累计登记在册吸毒人员表", "谈话记录", NULL };
  g_autofree char *expected = write_expected (f, sheets, FALSE, FALSE);
  check_workbook (xlsx, expected, FALSE);

  /* Bad usage: 1, and the message says what is wrong. */
  g_clear_pointer (&err, g_free);
  const char *unknown[] = { "export", "--db", f->t.path,     "--year", "2024",
                            "--out",  xlsx,   "--registers", "people", NULL };
  g_assert_cmpint (run_jindu (unknown, &err), ==, 1);
  g_assert_nonnull (strstr (err, "people"));
  g_assert_nonnull (strstr (err, "summary, villages, registered, current, help"));
  g_clear_pointer (&err, g_free);
  const char *no_year[] = { "export", "--db", f->t.path, "--out", xlsx, NULL };
  g_assert_cmpint (run_jindu (no_year, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  const char *no_out[] = { "export", "--db", f->t.path, "--year", "2024", NULL };
  g_assert_cmpint (run_jindu (no_out, &err), ==, 1);

  /* File errors: 3, naming the file. */
  g_clear_pointer (&err, g_free);
  const char *unwritable[] = { "export", "--db", f->t.path, "--year", "2024", "--out", bad, NULL };
  g_assert_cmpint (run_jindu (unwritable, &err), ==, 3);
  g_assert_nonnull (strstr (err, bad));
  g_clear_pointer (&err, g_free);
  const char *no_ledger[] = { "export", "--db", missing, "--year", "2024", "--out", xlsx, NULL };
  g_assert_cmpint (run_jindu (no_ledger, &err), ==, 3);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workbook/export-all", test_export_all);
  ADD ("/workbook/export-masked", test_export_masked);
  ADD ("/workbook/export-some", test_export_some);
  ADD ("/workbook/cancelled", test_export_cancelled);
  ADD ("/workbook/unwritable", test_export_unwritable);
  ADD ("/workbook/locale", test_export_locale);
  ADD ("/workbook/list", test_export_list);
  ADD ("/workbook/cli", test_cli);
  ADD ("/workbook/current-matches-engine", test_current_matches_engine);
  ADD ("/workbook/shared-snapshot", test_shared_snapshot);
#undef ADD

  return g_test_run ();
}
