/* jd-import-kinds.c: the kinds of an import (docs/contract.md §6) as data: each kind's
 * table of columns (key, Chinese label, required, what the value is and where it goes in
 * the kind's jd-store record), the jd_store_* function that writes the record, what the
 * ledger already holds for a village's or person's key, and the order of the rows stored
 * sorted; the kinds and columns as the command line and the assistant ask for them */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>

#include "jd-id-number.h"
#include "jd-import-run-private.h"
#include "jd-ledger-private.h"

/* ---- the column tables ------------------------------------------------------- */

/* clang-format off */
#define REQUIRED TRUE
#define OPTIONAL FALSE
#define COL(key, zh, req, type, Record, member) \
  { key, zh, req, type, offsetof (Record, member), 0, 0 }
#define ENUM(key, zh, req, which, Record, member) \
  { key, zh, req, FIELD_ENUM, offsetof (Record, member), which, 0 }
#define PERSON(Record) COL ("id_number", "公民身份号码", REQUIRED, FIELD_PERSON, Record, person_id)
#define VILLAGE(req, Record) COL ("village", "村(社区)", req, FIELD_VILLAGE, Record, village_id)

static const Column village_columns[] = {
  COL ("code", "编码", REQUIRED, FIELD_TEXT, JdVillageRecord, code),
  COL ("name", "名称", REQUIRED, FIELD_TEXT, JdVillageRecord, name),
  ENUM ("kind", "类型", OPTIONAL, JD_ENUM_VILLAGE_KIND, JdVillageRecord, kind),
  COL ("registered_population", "户籍人口", OPTIONAL, FIELD_COUNT, JdVillageRecord, registered_population),
  COL ("resident_population", "常住人口", OPTIONAL, FIELD_COUNT, JdVillageRecord, resident_population),
  COL ("floating_population", "流动人口", OPTIONAL, FIELD_COUNT, JdVillageRecord, floating_population),
  COL ("grid_count", "网格数", OPTIONAL, FIELD_COUNT, JdVillageRecord, grid_count),
  COL ("secretary", "第一责任人", OPTIONAL, FIELD_TEXT, JdVillageRecord, secretary),
  COL ("police_officer", "驻村民警", OPTIONAL, FIELD_TEXT, JdVillageRecord, police_officer),
  COL ("education_site", "禁毒教育阵地", OPTIONAL, FIELD_FLAG, JdVillageRecord, education_site),
  COL ("retired_on", "撤并日期", OPTIONAL, FIELD_DAY, JdVillageRecord, retired_on),
};

static const Column person_columns[] = {
  COL ("id_number", "公民身份号码", REQUIRED, FIELD_ID_NUMBER, JdPersonRecord, id_number),
  COL ("name", "姓名", REQUIRED, FIELD_TEXT, JdPersonRecord, name),
  ENUM ("sex", "性别", OPTIONAL, JD_ENUM_SEX, JdPersonRecord, sex),
  COL ("birth_date", "出生日期", OPTIONAL, FIELD_DAY, JdPersonRecord, birth_date),
  COL ("phone", "联系电话", OPTIONAL, FIELD_TEXT, JdPersonRecord, phone),
  COL ("household_address", "户籍地址", OPTIONAL, FIELD_TEXT, JdPersonRecord, household_address),
  { "household_village", "户籍村(社区)", OPTIONAL, FIELD_VILLAGE_OR_NAME,
    offsetof (JdPersonRecord, household_village_id), 0, offsetof (JdPersonRecord, household_village_name) },
  COL ("residence_address", "现住地址", OPTIONAL, FIELD_TEXT, JdPersonRecord, residence_address),
  COL ("residence_village", "管理村(社区)", REQUIRED, FIELD_VILLAGE, JdPersonRecord, village_id),
  COL ("first_found_on", "初次发现日期", REQUIRED, FIELD_DAY, JdPersonRecord, first_found_on),
  COL ("drug_type", "滥用毒品种类", OPTIONAL, FIELD_TEXT, JdPersonRecord, drug_type),
  COL ("key_category", "重点人员类别", OPTIONAL, FIELD_TEXT, JdPersonRecord, key_category),
  COL ("note", "备注", OPTIONAL, FIELD_TEXT, JdPersonRecord, note),
};

static const Column status_columns[] = {
  PERSON (JdStatusRecord),
  ENUM ("status", "状态", REQUIRED, JD_ENUM_STATUS, JdStatusRecord, status),
  COL ("started_on", "起始日期", REQUIRED, FIELD_DAY, JdStatusRecord, started_on),
  COL ("planned_end_on", "预计期满日期", OPTIONAL, FIELD_DAY, JdStatusRecord, planned_end_on),
  COL ("note", "备注", OPTIONAL, FIELD_TEXT, JdStatusRecord, note),
};

static const Column use_event_columns[] = {
  PERSON (JdUseEventRecord),
  COL ("occurred_on", "日期", REQUIRED, FIELD_DAY, JdUseEventRecord, occurred_on),
  ENUM ("source", "来源", REQUIRED, JD_ENUM_USE_SOURCE, JdUseEventRecord, source),
};

static const Column followup_columns[] = {
  PERSON (JdFollowupRecord),
  ENUM ("kind", "类型", REQUIRED, JD_ENUM_FOLLOWUP_KIND, JdFollowupRecord, kind),
  COL ("occurred_on", "日期", REQUIRED, FIELD_DAY, JdFollowupRecord, occurred_on),
  ENUM ("result", "结果", OPTIONAL, JD_ENUM_URINE_RESULT, JdFollowupRecord, result),
  COL ("staff", "工作人员", OPTIONAL, FIELD_TEXT, JdFollowupRecord, staff),
  COL ("place", "地点", OPTIONAL, FIELD_TEXT, JdFollowupRecord, place),
  COL ("content", "内容", OPTIONAL, FIELD_TEXT, JdFollowupRecord, content),
};

static const Column help_member_columns[] = {
  PERSON (JdHelpMemberRecord),
  COL ("member_name", "帮教人姓名", REQUIRED, FIELD_TEXT, JdHelpMemberRecord, member_name),
  ENUM ("role", "身份", REQUIRED, JD_ENUM_MEMBER_ROLE, JdHelpMemberRecord, role),
  COL ("phone", "联系电话", OPTIONAL, FIELD_TEXT, JdHelpMemberRecord, phone),
  COL ("since", "起始日期", REQUIRED, FIELD_DAY, JdHelpMemberRecord, since),
  COL ("until", "结束日期", OPTIONAL, FIELD_DAY, JdHelpMemberRecord, until),
};

static const Column move_columns[] = {
  PERSON (JdMoveRecord),
  COL ("village", "管理村(社区)", REQUIRED, FIELD_VILLAGE, JdMoveRecord, village_id),
  COL ("moved_on", "变更日期", REQUIRED, FIELD_DAY, JdMoveRecord, moved_on),
};

static const Column agreement_columns[] = {
  PERSON (JdAgreementRecord),
  COL ("signed_on", "签订日期", REQUIRED, FIELD_DAY, JdAgreementRecord, signed_on),
  COL ("note", "备注", OPTIONAL, FIELD_TEXT, JdAgreementRecord, note),
};

static const Column activity_columns[] = {
  VILLAGE (OPTIONAL, JdActivityRecord),
  COL ("held_on", "日期", REQUIRED, FIELD_DAY, JdActivityRecord, held_on),
  ENUM ("form", "形式", REQUIRED, JD_ENUM_ACTIVITY_FORM, JdActivityRecord, form),
  COL ("title", "主题", REQUIRED, FIELD_TEXT, JdActivityRecord, title),
  COL ("location", "地点", OPTIONAL, FIELD_TEXT, JdActivityRecord, location),
  ENUM ("audience", "对象", OPTIONAL, JD_ENUM_AUDIENCE, JdActivityRecord, audience),
  COL ("participants", "参与人数", OPTIONAL, FIELD_COUNT_OR_NONE, JdActivityRecord, participants),
  COL ("materials", "资料份数", OPTIONAL, FIELD_COUNT_OR_NONE, JdActivityRecord, materials),
  COL ("banners", "标语横幅数", OPTIONAL, FIELD_COUNT_OR_NONE, JdActivityRecord, banners),
};

static const Column letter_columns[] = {
  VILLAGE (REQUIRED, JdLetterRecord),
  ENUM ("level", "层级", REQUIRED, JD_ENUM_LETTER_LEVEL, JdLetterRecord, level),
  COL ("signed_on", "签订日期", REQUIRED, FIELD_DAY, JdLetterRecord, signed_on),
  COL ("party", "签订对象", OPTIONAL, FIELD_TEXT, JdLetterRecord, party),
  COL ("copies", "份数", OPTIONAL, FIELD_COUNT_OR_NONE, JdLetterRecord, copies),
};

static const Column venue_columns[] = {
  VILLAGE (REQUIRED, JdVenueRecord),
  COL ("name", "名称", REQUIRED, FIELD_TEXT, JdVenueRecord, name),
  ENUM ("kind", "类型", REQUIRED, JD_ENUM_VENUE_KIND, JdVenueRecord, kind),
  COL ("address", "地址", OPTIONAL, FIELD_TEXT, JdVenueRecord, address),
  COL ("manager", "负责人", OPTIONAL, FIELD_TEXT, JdVenueRecord, manager),
  COL ("phone", "联系电话", OPTIONAL, FIELD_TEXT, JdVenueRecord, phone),
  COL ("key_spot", "重点部位", OPTIONAL, FIELD_TEXT, JdVenueRecord, key_spot),
};

static const Column inspection_columns[] = {
  { "village", "村(社区)", REQUIRED, FIELD_VILLAGE, ROW_ONLY, 0, 0 },
  COL ("venue", "场所名称", REQUIRED, FIELD_VENUE, JdInspectionRecord, venue_id),
  COL ("inspected_on", "检查日期", REQUIRED, FIELD_DAY, JdInspectionRecord, inspected_on),
  COL ("inspector", "检查人", OPTIONAL, FIELD_TEXT, JdInspectionRecord, inspector),
  COL ("passed", "是否合格", REQUIRED, FIELD_FLAG, JdInspectionRecord, passed),
  COL ("finding", "检查情况", OPTIONAL, FIELD_TEXT, JdInspectionRecord, finding),
};

static const Column title_event_columns[] = {
  VILLAGE (REQUIRED, JdTitleEventRecord),
  ENUM ("event", "事件", REQUIRED, JD_ENUM_TITLE_EVENT, JdTitleEventRecord, event),
  COL ("occurred_on", "日期", REQUIRED, FIELD_DAY, JdTitleEventRecord, occurred_on),
  ENUM ("ground", "事由", OPTIONAL, JD_ENUM_TITLE_GROUND, JdTitleEventRecord, ground),
  COL ("note", "备注", OPTIONAL, FIELD_TEXT, JdTitleEventRecord, note),
};

static const Column staff_columns[] = {
  COL ("name", "姓名", REQUIRED, FIELD_TEXT, JdStaffRecord, name),
  ENUM ("role", "身份", REQUIRED, JD_ENUM_STAFF_ROLE, JdStaffRecord, role),
  VILLAGE (OPTIONAL, JdStaffRecord),
  COL ("phone", "联系电话", OPTIONAL, FIELD_TEXT, JdStaffRecord, phone),
  COL ("since", "起始日期", OPTIONAL, FIELD_DAY, JdStaffRecord, since),
  COL ("until", "结束日期", OPTIONAL, FIELD_DAY, JdStaffRecord, until),
};

static const Column survey_columns[] = {
  VILLAGE (OPTIONAL, JdSurveyRecord),
  COL ("surveyed_on", "调查日期", REQUIRED, FIELD_DAY, JdSurveyRecord, surveyed_on),
  ENUM ("group", "调查对象", REQUIRED, JD_ENUM_SURVEY_GROUP, JdSurveyRecord, group),
  COL ("sampled", "调查人数", REQUIRED, FIELD_COUNT, JdSurveyRecord, sampled),
  COL ("aware", "知晓人数", REQUIRED, FIELD_COUNT, JdSurveyRecord, aware),
};

/* clang-format on */

/* ---- the kinds ------------------------------------------------------------------ */

/* The store functions, with the record as a generic pointer. */
#define STORE_WITH_ID(entity, Record)                                                              \
  static JdStoreResult store_##entity (JdLedger *ledger, gconstpointer record, GError **error)     \
  {                                                                                                \
    return jd_store_##entity (ledger, (const Record *)record, NULL, error);                        \
  }
#define STORE(entity, Record)                                                                      \
  static JdStoreResult store_##entity (JdLedger *ledger, gconstpointer record, GError **error)     \
  {                                                                                                \
    return jd_store_##entity (ledger, (const Record *)record, error);                              \
  }
STORE_WITH_ID (village, JdVillageRecord)
STORE_WITH_ID (person, JdPersonRecord)
STORE_WITH_ID (venue, JdVenueRecord)
STORE (status, JdStatusRecord)
STORE (use_event, JdUseEventRecord)
STORE (followup, JdFollowupRecord)
STORE (help_member, JdHelpMemberRecord)
STORE (agreement, JdAgreementRecord)
STORE (activity, JdActivityRecord)
STORE (letter, JdLetterRecord)
STORE (inspection, JdInspectionRecord)
STORE (title_event, JdTitleEventRecord)
STORE (staff, JdStaffRecord)
STORE (move, JdMoveRecord)
STORE (survey, JdSurveyRecord)
#undef STORE
#undef STORE_WITH_ID

static void load_village (Import *import, const char *code, gpointer record);
static void load_person (Import *import, const char *id_number, gpointer record);
static int compare_statuses (gconstpointer a, gconstpointer b);
static int compare_moves (gconstpointer a, gconstpointer b);

/* clang-format off */
const Kind jd_import_kinds[JD_IMPORT_N_KINDS] = {
#define KIND(id, name, label, columns, Record, store, load, compare, blame) \
  [id] = { name, label, columns, G_N_ELEMENTS (columns), sizeof (Record), store, load, compare, blame }
  KIND (JD_IMPORT_VILLAGES, "villages", N_ ("Villages"), village_columns, JdVillageRecord, store_village, load_village, NULL, "code"),
  KIND (JD_IMPORT_PERSONS, "persons", N_ ("Persons"), person_columns, JdPersonRecord, store_person, load_person, NULL, "id_number"),
  KIND (JD_IMPORT_STATUSES, "statuses", N_ ("Statuses"), status_columns, JdStatusRecord, store_status, NULL, compare_statuses, "started_on"),
  KIND (JD_IMPORT_USE_EVENTS, "use-events", N_ ("Drug use records"), use_event_columns, JdUseEventRecord, store_use_event, NULL, NULL, "occurred_on"),
  KIND (JD_IMPORT_FOLLOWUPS, "followups", N_ ("Follow-ups"), followup_columns, JdFollowupRecord, store_followup, NULL, NULL, "occurred_on"),
  KIND (JD_IMPORT_HELP_MEMBERS, "help-members", N_ ("Help group members"), help_member_columns, JdHelpMemberRecord, store_help_member, NULL, NULL, "member_name"),
  KIND (JD_IMPORT_AGREEMENTS, "agreements", N_ ("Help agreements"), agreement_columns, JdAgreementRecord, store_agreement, NULL, NULL, "signed_on"),
  KIND (JD_IMPORT_ACTIVITIES, "activities", N_ ("Publicity activities"), activity_columns, JdActivityRecord, store_activity, NULL, NULL, "held_on"),
  KIND (JD_IMPORT_LETTERS, "letters", N_ ("Responsibility letters"), letter_columns, JdLetterRecord, store_letter, NULL, NULL, "signed_on"),
  KIND (JD_IMPORT_VENUES, "venues", N_ ("Venues"), venue_columns, JdVenueRecord, store_venue, NULL, NULL, "name"),
  KIND (JD_IMPORT_INSPECTIONS, "inspections", N_ ("Venue inspections"), inspection_columns, JdInspectionRecord, store_inspection, NULL, NULL, "inspected_on"),
  KIND (JD_IMPORT_TITLE_EVENTS, "title-events", N_ ("Title events"), title_event_columns, JdTitleEventRecord, store_title_event, NULL, NULL, "event"),
  KIND (JD_IMPORT_STAFF, "staff", N_ ("Staff"), staff_columns, JdStaffRecord, store_staff, NULL, NULL, "name"),
  KIND (JD_IMPORT_MOVES, "moves", N_ ("Managing village changes"), move_columns, JdMoveRecord, store_move, NULL, compare_moves, "moved_on"),
  KIND (JD_IMPORT_SURVEYS, "surveys", N_ ("Awareness surveys"), survey_columns, JdSurveyRecord, store_survey, NULL, NULL, "surveyed_on"),
#undef KIND
};
/* clang-format on */

G_STATIC_ASSERT (G_N_ELEMENTS (person_columns) <= MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (village_columns) <= MAX_COLUMNS);

JdImportKind
jd_import_kind_from_string (const char *name)
{
  for (int i = 0; name && i < JD_IMPORT_N_KINDS; i++)
    if (g_str_equal (name, jd_import_kinds[i].name))
      return (JdImportKind)i;
  return JD_IMPORT_INVALID;
}

const char *
jd_import_kind_to_string (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  return jd_import_kinds[kind].name;
}

/* The kind as the window names it, translated. */
const char *
jd_import_kind_label (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  return _ (jd_import_kinds[kind].label);
}

/* "villages, persons, …": the kinds, for a usage message. */
char *
jd_import_kind_list (void)
{
  GString *out = g_string_new (NULL);
  for (int i = 0; i < JD_IMPORT_N_KINDS; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", jd_import_kinds[i].name);
  return g_string_free (out, FALSE);
}

/* "code 编码*, name 名称*, kind 类型, …": a kind's columns as docs/contract.md §6 lists
 * them, the required ones starred. */
char *
jd_import_describe_columns (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < jd_import_kinds[kind].n_columns; i++)
    {
      const Column *c = &jd_import_kinds[kind].columns[i];
      g_string_append_printf (out, "%s%s %s%s", i ? ", " : "", c->key, c->zh,
                              c->required ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

guint
jd_import_kind_n_columns (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, 0);
  return jd_import_kinds[kind].n_columns;
}

const char *
jd_import_column_key (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), NULL);
  return jd_import_kinds[kind].columns[column].key;
}

const char *
jd_import_column_label (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), NULL);
  return jd_import_kinds[kind].columns[column].zh;
}

gboolean
jd_import_column_required (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), FALSE);
  return jd_import_kinds[kind].columns[column].required;
}

/* ---- villages and persons: what the ledger already holds --------------------------- */

static const char *
keep_text (Import *im, sqlite3_stmt *stmt, int column)
{
  char *text = jd_column_dup (stmt, column);
  if (text)
    g_ptr_array_add (im->owned, text);
  return text;
}

static sqlite3_stmt *
select_existing (Import *im, const char *sql, const char *key)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (im->ledger, sql, NULL);
  if (stmt == NULL)
    return NULL;
  jd_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return stmt;
  sqlite3_reset (stmt);
  return NULL;
}

static void
load_village (Import *im, const char *code, gpointer record)
{
  JdVillageRecord *r = record;
  sqlite3_stmt *stmt = select_existing (
      im,
      "SELECT name, kind, registered_population, resident_population, floating_population,"
      " grid_count, secretary, police_officer, education_site, retired_on FROM village"
      " WHERE code = ?",
      code);
  if (stmt == NULL)
    return;
  r->name = keep_text (im, stmt, 0);
  r->kind = keep_text (im, stmt, 1);
  r->registered_population = sqlite3_column_int64 (stmt, 2);
  r->resident_population = sqlite3_column_int64 (stmt, 3);
  r->floating_population = sqlite3_column_int64 (stmt, 4);
  r->grid_count = sqlite3_column_int64 (stmt, 5);
  r->secretary = keep_text (im, stmt, 6);
  r->police_officer = keep_text (im, stmt, 7);
  r->education_site = sqlite3_column_int (stmt, 8) != 0;
  r->retired_on = jd_column_day (stmt, 9);
  sqlite3_reset (stmt);
}

static void
load_person (Import *im, const char *id_number, gpointer record)
{
  JdPersonRecord *r = record;
  g_autofree char *normal = jd_id_number_normalize (id_number);
  sqlite3_stmt *stmt = select_existing (
      im,
      "SELECT name, phone, household_address, household_village_id, household_village_name,"
      " residence_address, village_id, first_found_on, drug_type, key_category, note"
      " FROM person WHERE id_number = ?",
      normal);
  if (stmt == NULL)
    return;
  r->name = keep_text (im, stmt, 0);
  r->phone = keep_text (im, stmt, 1);
  r->household_address = keep_text (im, stmt, 2);
  r->household_village_id = sqlite3_column_int64 (stmt, 3);
  r->household_village_name = keep_text (im, stmt, 4);
  r->residence_address = keep_text (im, stmt, 5);
  r->village_id = sqlite3_column_int64 (stmt, 6);
  r->first_found_on = jd_column_day (stmt, 7);
  r->drug_type = keep_text (im, stmt, 8);
  r->key_category = keep_text (im, stmt, 9);
  r->note = keep_text (im, stmt, 10);
  sqlite3_reset (stmt);
}

/* ---- the order of sorted rows ----------------------------------------------------- */

/* A person's status rows in date order, so that each one closes the one before. */
static int
compare_statuses (gconstpointer a, gconstpointer b)
{
  const Row *ra = *(Row *const *)a, *rb = *(Row *const *)b;
  const JdStatusRecord *sa = ra->record, *sb = rb->record;
  if (sa->person_id != sb->person_id)
    return sa->person_id < sb->person_id ? -1 : 1;
  if (sa->started_on != sb->started_on)
    return sa->started_on < sb->started_on ? -1 : 1;
  return (ra->line > rb->line) - (ra->line < rb->line);
}

/* A person's moves are stored in date order, so that each is judged against
 * the village the earlier ones give (a move to the village the person already
 * has that day is refused). */
static int
compare_moves (gconstpointer a, gconstpointer b)
{
  const Row *ra = *(Row *const *)a, *rb = *(Row *const *)b;
  const JdMoveRecord *ma = ra->record, *mb = rb->record;
  if (ma->person_id != mb->person_id)
    return ma->person_id < mb->person_id ? -1 : 1;
  if (ma->moved_on != mb->moved_on)
    return ma->moved_on < mb->moved_on ? -1 : 1;
  return (ra->line > rb->line) - (ra->line < rb->line);
}
