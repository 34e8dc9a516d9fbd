/* jd-import.c: importing one CSV file or sheet of a workbook of one kind
 * (docs/contract.md §6)
 *
 * Each kind is data: a table of its columns (key, Chinese label, required,
 * what the value is and where it goes in the kind's jd-store record) and the
 * jd_store_* function that writes the record. One routine maps any row of any
 * kind; the store checks the rules, so a file and the window's forms obey the
 * same ones.
 *
 * The file is imported in one transaction. Every row is mapped and stored even
 * after a bad one, so that every problem is reported, and the transaction is
 * rolled back when there was any: a file is imported whole or not at all.
 * Villages and persons are updated by their key; a column the file leaves out
 * keeps the value the ledger has, so a file of a few columns never blanks the
 * others.
 */
#include "config.h"

#include "jd-import.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-import-history.h"
#include "jd-import-private.h"
#include "jd-import-sheets.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-table-source.h"

/* The helpers of jd-import-text.c by their short names. */
#define problem_free jd_import_problem_free
#define format_count jd_import_format_count
#define quote_value jd_import_quote_value
#define clean_value jd_import_clean_value
#define normalize_label jd_import_normalize_label
#define parse_flag jd_import_parse_flag
#define parse_count jd_import_parse_count
#define check_spreadsheet_number jd_import_check_spreadsheet_number

/* ---- the column tables ------------------------------------------------------- */

typedef enum
{
  FIELD_TEXT,            /* const char * */
  FIELD_ID_NUMBER,       /* const char *, a person's own ID number */
  FIELD_DAY,             /* JdDay, in the three forms of §6 */
  FIELD_COUNT,           /* gint64 ≥ 0; empty is 0 */
  FIELD_COUNT_OR_NONE,   /* gint64 ≥ 0; empty is -1, "not given" */
  FIELD_ENUM,            /* const char *key, given by key or Chinese label */
  FIELD_FLAG,            /* gboolean: 是/否, yes/no, 合格/不合格, … */
  FIELD_VILLAGE,         /* gint64 village id, by code or name */
  FIELD_VILLAGE_OR_NAME, /* a village of the township, or the name of one outside it */
  FIELD_PERSON,          /* gint64 person id, by ID number */
  FIELD_VENUE,           /* gint64 venue id, by name within the row's village */
} FieldType;

/* A village column that only serves to find the row's venue. */
#define ROW_ONLY G_MAXSIZE

typedef struct
{
  const char *key;
  const char *zh;
  gboolean required;
  FieldType type;
  gsize offset;      /* where the value goes in the record */
  JdEnum which;      /* FIELD_ENUM */
  gsize name_offset; /* FIELD_VILLAGE_OR_NAME: the name of a village outside the township */
} Column;

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

#define MAX_COLUMNS 16

/* ---- the kinds ------------------------------------------------------------------ */

typedef struct _Import Import;

typedef JdStoreResult (*StoreFunc) (JdLedger *ledger, gconstpointer record, GError **error);
typedef void (*LoadFunc) (Import *import, const char *key, gpointer record);

typedef struct
{
  const char *name;
  const char *label; /* translatable: the kind as the window names it */
  const Column *columns;
  guint n_columns;
  gsize record_size;
  StoreFunc store;
  LoadFunc load;        /* villages, persons: the values the ledger has for the key */
  GCompareFunc compare; /* statuses: the order the rows are stored in (loaded values live
                         * only while their row is mapped and stored, so never both) */
  const char *blame;    /* the column a store error that names no field is put on */
} Kind;

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
static const Kind kinds[JD_IMPORT_N_KINDS] = {
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
    if (g_str_equal (name, kinds[i].name))
      return (JdImportKind)i;
  return JD_IMPORT_INVALID;
}

const char *
jd_import_kind_to_string (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  return kinds[kind].name;
}

/* The kind as the window names it, translated. */
const char *
jd_import_kind_label (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  return _ (kinds[kind].label);
}

/* "villages, persons, …": the kinds, for a usage message. */
char *
jd_import_kind_list (void)
{
  GString *out = g_string_new (NULL);
  for (int i = 0; i < JD_IMPORT_N_KINDS; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", kinds[i].name);
  return g_string_free (out, FALSE);
}

/* "code 编码*, name 名称*, kind 类型, …": a kind's columns as docs/contract.md §6 lists
 * them, the required ones starred. */
char *
jd_import_describe_columns (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < kinds[kind].n_columns; i++)
    {
      const Column *c = &kinds[kind].columns[i];
      g_string_append_printf (out, "%s%s %s%s", i ? ", " : "", c->key, c->zh,
                              c->required ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

guint
jd_import_kind_n_columns (JdImportKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, 0);
  return kinds[kind].n_columns;
}

const char *
jd_import_column_key (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), NULL);
  return kinds[kind].columns[column].key;
}

const char *
jd_import_column_label (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), NULL);
  return kinds[kind].columns[column].zh;
}

gboolean
jd_import_column_required (JdImportKind kind, guint column)
{
  g_return_val_if_fail (column < jd_import_kind_n_columns (kind), FALSE);
  return kinds[kind].columns[column].required;
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const JdImportProblem *pa = *(JdImportProblem *const *)a;
  const JdImportProblem *pb = *(JdImportProblem *const *)b;
  return (pa->line > pb->line) - (pa->line < pb->line);
}

/* ---- one import -------------------------------------------------------------------- */

struct _Import
{
  JdLedger *ledger;
  const Kind *kind;
  JdImportReport *report;
  char **header; /* the header row as written, trimmed */
  guint n_header;
  int field_of[MAX_COLUMNS]; /* the file's field for each of the kind's columns, -1 if none */
  GHashTable *villages;      /* code or name → gint64 id */
  GHashTable *persons;       /* ID number → gint64 id */
  GPtrArray *owned;          /* strings the current row's record points to */
  gint64 row_village;        /* the village the current row names */
  GHashTable *problem_index; /* "column\x1freason" → its JdImportProblem, for counting repeats */
  GHashTable *keys;          /* a row's key (ID number, code, venue) → KeySeen */
  JdTableSource *source;
  const JdImportOptions *options;
  GHashTable *map;                /* --map: heading → key */
  JdTableCell *kinds;             /* what the current row's cells held (a sheet's) */
  JdOwnSheet own;                 /* one of §7's sheets, once its header is recognised */
  const char *fixed[MAX_COLUMNS]; /* a value the sheet implies for a column it lacks */
  char *township;
  const JdImportObserver *observer;     /* the assistant's preview, or NULL */
  const char *changed[MAX_COLUMNS + 1]; /* the keys an update changes, for the observer */
  JdStoreResult stored;                 /* what storing the last row did */
  gpointer before;                      /* the ledger's values of the row's key, for the observer */
};

/* Where a key was first seen in the file, and the values its row gave. */
typedef struct
{
  guint line;
  char *values; /* the row's mapped fields, joined by \x1f */
} KeySeen;

static void
key_seen_free (gpointer data)
{
  KeySeen *seen = data;
  g_free (seen->values);
  g_free (seen);
}

/* Keeps one problem: the same reason in the same column again (a million
 * rows without a name) only counts; past JD_IMPORT_MAX_PROBLEMS distinct ones
 * they are only counted, so memory stays bounded whatever the file. */
static void G_GNUC_PRINTF (4, 5)
    add_problem (Import *im, guint line, const char *column, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *reason = g_strdup_vprintf (format, args);
  va_end (args);

  JdImportReport *report = im->report;
  int field = -1;
  for (guint i = 0; line > 0 && column && i < im->n_header && field < 0; i++)
    if (g_str_equal (im->header[i], column))
      field = (int)i;
  if (im->observer && im->observer->problem)
    im->observer->problem (line, field, reason, im->observer->user_data);
  g_autofree char *key = g_strconcat (column ? column : "", "\x1f", reason, NULL);
  JdImportProblem *seen = g_hash_table_lookup (im->problem_index, key);
  if (seen != NULL)
    {
      if (seen->more < G_MAXUINT)
        seen->more++;
      return;
    }
  if (report->problems->len >= JD_IMPORT_MAX_PROBLEMS)
    {
      if (report->unlisted < G_MAXUINT)
        report->unlisted++;
      return;
    }
  JdImportProblem *problem = g_new0 (JdImportProblem, 1);
  problem->reason = g_steal_pointer (&reason);
  problem->line = line;
  if (line > 0 && im->source)
    problem->cell = jd_table_source_name_cell (im->source, line, field);
  problem->column = g_strdup (column);
  g_ptr_array_add (report->problems, problem);
  g_hash_table_insert (im->problem_index, g_steal_pointer (&key), problem);
}

/* A value as a message quotes it: at most 40 characters (a 10 MB field is not
 * printed whole), control characters shown as \x1B, never sent raw. */

/* Looks a name up once per import: the files name the same villages and
 * persons on thousands of rows. Only hits are kept, so a village or person
 * created by an earlier row is found by a later one. */
static gint64
cached_find (GHashTable *cache,
             JdLedger *ledger,
             const char *text,
             gint64 (*find) (JdLedger *, const char *))
{
  gint64 *hit = g_hash_table_lookup (cache, text);
  if (hit)
    return *hit;
  gint64 id = find (ledger, text);
  if (id != 0)
    g_hash_table_insert (cache, g_strdup (text), g_memdup2 (&id, sizeof id));
  return id;
}

static const char *
find_enum (JdEnum which, const char *text)
{
  const char *key = jd_enum_find (which, text);
  if (key == NULL)
    {
      g_autofree char *normal = normalize_label (text);
      g_autofree char *lower = g_ascii_strdown (normal, -1);
      key = jd_enum_find (which, lower);
    }
  return key;
}

static gint64
find_person (JdLedger *ledger, const char *id_number)
{
  return jd_store_find_person (ledger, id_number);
}

static gint64
find_village (JdLedger *ledger, const char *code_or_name)
{
  return jd_store_find_village (ledger, code_or_name);
}

#define FIELD(record, offset, Type) ((Type *)(void *)((char *)(record) + (offset)))

/* Puts one value into the record: NULL, or the reason it cannot be. */
static char *
convert_value (Import *im, const Column *col, const char *text, gpointer record)
{
  gboolean empty = *text == '\0';
  gint64 id = 0;
  g_autofree char *quoted = quote_value (text);

  if (empty && col->required)
    return g_strdup (_ ("required"));

  switch (col->type)
    {
      case FIELD_TEXT:
      case FIELD_ID_NUMBER:
        if (col->type == FIELD_ID_NUMBER && !empty)
          {
            char *reason = check_spreadsheet_number (text);
            if (reason)
              return reason;
          }
        *FIELD (record, col->offset, const char *) = empty ? NULL : text;
        return NULL;

      case FIELD_DAY:
        {
          JdDay day = empty ? 0 : jd_day_parse (text);
          if (!empty && day == 0)
            return g_strdup_printf (
                _ ("“%s” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)"), quoted);
          *FIELD (record, col->offset, JdDay) = day;
          return NULL;
        }

      case FIELD_COUNT:
      case FIELD_COUNT_OR_NONE:
        {
          gint64 count = col->type == FIELD_COUNT ? 0 : -1;
          char *reason = empty ? NULL : parse_count (text, &count);
          if (reason == NULL)
            *FIELD (record, col->offset, gint64) = count;
          return reason;
        }

      case FIELD_ENUM:
        {
          const char *key = empty ? NULL : find_enum (col->which, text);
          if (!empty && key == NULL)
            {
              g_autofree char *allowed = jd_enum_describe (col->which);
              return g_strdup_printf (_ ("“%s” is not one of %s"), quoted, allowed);
            }
          /* The store checks a sex against the ID number and quotes it as written. */
          if (col->which == JD_ENUM_SEX && key && jd_enum_find (col->which, text))
            key = text;
          *FIELD (record, col->offset, const char *) = key;
          return NULL;
        }

      case FIELD_FLAG:
        {
          gboolean value = FALSE;
          if (!empty && !parse_flag (text, &value))
            return g_strdup_printf (_ ("“%s” is neither yes nor no (write 是 or 否)"), quoted);
          *FIELD (record, col->offset, gboolean) = value;
          return NULL;
        }

      case FIELD_VILLAGE:
      case FIELD_VILLAGE_OR_NAME:
        id = empty ? 0 : cached_find (im->villages, im->ledger, text, find_village);
        /* §7's sheets name the township (活动) or its office (博美镇禁毒办) for
         * what is township-wide */
        if (!empty && id == 0 && !col->required && im->township
            && g_str_has_prefix (text, im->township)
            && (text[strlen (im->township)] == '\0'
                || g_str_equal (text + strlen (im->township), "禁毒办")))
          empty = TRUE;
        if (col->type == FIELD_VILLAGE_OR_NAME)
          *FIELD (record, col->name_offset, const char *) = empty || id ? NULL : text;
        else if (!empty && id == 0)
          return g_strdup_printf (_ ("no village has the code or name “%s”"), quoted);
        im->row_village = id;
        if (col->offset != ROW_ONLY)
          *FIELD (record, col->offset, gint64) = id;
        return NULL;

      case FIELD_PERSON:
        {
          g_autofree char *normal = jd_id_number_normalize (text);
          g_autoptr (GError) invalid = NULL;
          char *reason = check_spreadsheet_number (text);
          if (reason)
            return reason;
          id = cached_find (im->persons, im->ledger, normal, find_person);
          if (id == 0 && !jd_id_number_validate (normal, NULL, &invalid))
            return g_strdup (invalid->message);
          if (id == 0)
            return g_strdup_printf (_ ("no person has the ID number %s: import the persons first"),
                                    normal);
          *FIELD (record, col->offset, gint64) = id;
          return NULL;
        }

      case FIELD_VENUE:
        /* Without the row's village there is nothing to look in; that is reported already. */
        id = im->row_village ? jd_store_find_venue (im->ledger, im->row_village, text) : 0;
        if (im->row_village && id == 0)
          return g_strdup_printf (
              _ ("the village has no venue named “%s”: import the venues first"), quoted);
        *FIELD (record, col->offset, gint64) = id;
        return NULL;

      default:
        g_assert_not_reached ();
    }
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

/* ---- rows ------------------------------------------------------------------------------ */

typedef struct
{
  guint line;
  char **fields; /* the record points into them */
  gpointer record;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;
  g_strfreev (row->fields);
  g_free (row->record);
  g_free (row);
}

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

static const char *
header_text (Import *im, guint field)
{
  return field < im->n_header ? im->header[field] : "";
}

/* Fills the record from one row; FALSE, with the problems reported, when it cannot. */
static gboolean
map_row (Import *im, char **fields, guint line, gpointer record)
{
  const Kind *kind = im->kind;
  guint n_fields = g_strv_length (fields);
  gboolean ok = TRUE;

  memset (record, 0, kind->record_size);
  g_ptr_array_set_size (im->owned, 0);
  im->row_village = 0;

  /* More fields than the header has columns are refused whether they hold
   * anything or not: a stray comma shifts every value after it, and Excel and
   * WPS write as many fields on every row as in the header. A sheet has no
   * commas: there only a value under no heading is refused. */
  if (n_fields > im->n_header && im->kinds == NULL)
    {
      add_problem (im, line, NULL,
                   _ ("the row has %u fields, but the header has %u: a stray comma or quote "
                      "shifts the values"),
                   n_fields, im->n_header);
      ok = FALSE;
    }
  else
    for (guint i = 0; i < n_fields; i++)
      if (*fields[i] != '\0' && *header_text (im, i) == '\0' && im->own.sheet == NULL
          && !(im->options && im->options->assign))
        {
          add_problem (im, line, NULL,
                       _ ("field %u has a value, but the header gives its column no name"), i + 1);
          ok = FALSE;
          break;
        }

  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].type == FIELD_COUNT_OR_NONE)
      *FIELD (record, kind->columns[c].offset, gint64) = -1;
  if (kind->load && (guint)im->field_of[0] < n_fields && *fields[im->field_of[0]] != '\0')
    kind->load (im, fields[im->field_of[0]], record);

  for (guint c = 0; c < kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (f < 0 && im->fixed[c] == NULL)
        continue;
      const char *text = f < 0 ? im->fixed[c] : (guint)f < n_fields ? fields[f] : "";
      if (f >= 0 && im->kinds && (guint)f < n_fields && im->kinds[f] == JD_TABLE_CELL_NO_VALUE)
        {
          add_problem (im, line, header_text (im, f), "%s",
                       _ ("the cell holds a formula whose value the file did not save: open the "
                          "workbook in Excel or WPS and save it again"));
          ok = FALSE;
          continue;
        }
      g_autofree char *reason = convert_value (im, &kind->columns[c], text, record);
      if (reason)
        {
          add_problem (im, line, header_text (im, f), "%s", reason);
          ok = FALSE;
        }
    }
  return ok;
}

/* The store's errors start with the field's key ("sex: …"): the problem is put
 * on that column as the file names it. */
static void
add_store_problem (Import *im, guint line, const char *message)
{
  const Kind *kind = im->kind;
  const char *colon = strstr (message, ": ");
  int blamed = -1;

  for (guint c = 0; c < kind->n_columns; c++)
    {
      const char *key = kind->columns[c].key;
      if (colon && strlen (key) == (gsize)(colon - message) && g_str_has_prefix (message, key))
        {
          add_problem (im, line, im->field_of[c] >= 0 ? header_text (im, im->field_of[c]) : key,
                       "%s", colon + 2);
          return;
        }
      if (g_str_equal (key, kind->blame))
        blamed = im->field_of[c];
    }
  add_problem (im, line, blamed >= 0 ? header_text (im, blamed) : kind->blame, "%s", message);
}

/* Stores one mapped row; FALSE only when the ledger itself fails. */
static gboolean
store_row (Import *im, guint line, gconstpointer record, GError **error)
{
  g_autoptr (GError) row_error = NULL;
  im->stored = im->kind->store (im->ledger, record, &row_error);
  switch (im->stored)
    {
      case JD_STORE_ADDED:
        im->report->added++;
        return TRUE;
      case JD_STORE_UPDATED:
        im->report->updated++;
        return TRUE;
      case JD_STORE_UNCHANGED:
        im->report->unchanged++;
        return TRUE;
      case JD_STORE_FAILED:
      default:
        break;
    }
  if (row_error != NULL && !g_error_matches (row_error, JD_ERROR, JD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&row_error));
      return FALSE;
    }
  add_store_problem (im, line, row_error ? row_error->message : _ ("the row cannot be stored"));
  return TRUE;
}

static int
find_column (Import *im, const char *name)
{
  const char *mapped = im->map ? g_hash_table_lookup (im->map, name) : NULL;
  if (mapped)
    name = mapped;
  g_autofree char *normal = normalize_label (name);
  gsize len = strlen (normal);
  /* A header copied from a template may mark the required columns with a star. */
  if (len > 1 && normal[len - 1] == '*')
    normal[len - 1] = '\0';
  else if (g_str_has_suffix (normal, "＊"))
    normal[len - strlen ("＊")] = '\0';
  g_strchomp (normal);
  return jd_import_match_heading (im->report->kind, normal);
}

/* The assistant's matching of a header field: the column, -1 to pass it over. */
static int
assigned_column (Import *im, guint field)
{
  const char *const *assign = im->options->assign;
  for (guint i = 0; i <= field; i++)
    if (assign[i] == NULL)
      return -1;
  for (guint c = 0; c < im->kind->n_columns; c++)
    if (g_str_equal (assign[field], im->kind->columns[c].key))
      return (int)c;
  return -1;
}

/* Reads the header row; FALSE, with the problems reported, when the file's
 * columns are not the kind's. */
static gboolean
read_header (Import *im, char **fields, guint line)
{
  const Kind *kind = im->kind;
  guint n_unknown = 0, n_same = 0;
  int first_unknown = -1, first_same = -1, first_same_as = -1;
  gboolean ok = TRUE;

  im->header = fields;
  im->n_header = g_strv_length (fields);
  im->report->header_row = line;
  for (guint c = 0; c < MAX_COLUMNS; c++)
    im->field_of[c] = -1;
  jd_import_own_sheet (im->report->kind, fields, &im->own);

  /* A header of a million unknown columns is one message with a count. */
  for (guint i = 0; i < im->n_header; i++)
    {
      if (*fields[i] == '\0')
        continue;
      const char *own_key = im->own.keys ? im->own.keys[i] : NULL;
      gboolean assigned = im->options && im->options->assign;
      if (own_key && *own_key == '\0' && !assigned)
        continue; /* a column §7's sheet computes */
      int c = assigned ? assigned_column (im, i) : find_column (im, own_key ? own_key : fields[i]);
      if (c < 0 && (im->own.sheet || assigned))
        continue; /* passed over */
      if (c < 0)
        {
          if (n_unknown++ == 0)
            first_unknown = (int)i;
        }
      else if (im->field_of[c] >= 0)
        {
          if (n_same++ == 0)
            first_same = (int)i, first_same_as = im->field_of[c];
        }
      else
        im->field_of[c] = (int)i;
    }
  if (n_unknown > 0)
    {
      g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
      g_autofree char *name = quote_value (fields[first_unknown]);
      g_autofree char *more = format_count (n_unknown - 1);
      if (n_unknown == 1)
        add_problem (im, line, NULL, _ ("column “%s”: unknown column for %s; the columns are %s"),
                     name, kind->name, allowed);
      else
        add_problem (im, line, NULL,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "column “%s”: unknown column for %s, and %s more column like "
                                  "it; the columns are %s",
                                  "column “%s”: unknown column for %s, and %s more columns like "
                                  "it; the columns are %s",
                                  n_unknown - 1),
                     name, kind->name, more, allowed);
      ok = FALSE;
    }
  if (n_same > 0)
    {
      g_autofree char *name = quote_value (fields[first_same]);
      g_autofree char *as = quote_value (fields[first_same_as]);
      g_autofree char *more = format_count (n_same - 1);
      if (n_same == 1)
        add_problem (im, line, NULL, _ ("column “%s”: the same column as “%s” (column %d)"), name,
                     as, first_same_as + 1);
      else
        add_problem (im, line, NULL,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "column “%s”: the same column as “%s” (column %d), and %s more "
                                  "column like it",
                                  "column “%s”: the same column as “%s” (column %d), and %s more "
                                  "columns like it",
                                  n_same - 1),
                     name, as, first_same_as + 1, more);
      ok = FALSE;
    }
  for (guint c = 0; c < kind->n_columns; c++)
    if (im->own.fixed_key && g_str_equal (kind->columns[c].key, im->own.fixed_key))
      im->fixed[c] = im->field_of[c] < 0 ? im->own.fixed_value : NULL;
  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].required && im->field_of[c] < 0 && im->fixed[c] == NULL)
      {
        add_problem (im, line, NULL, _ ("the required column “%s” (%s) is missing"),
                     kind->columns[c].key, kind->columns[c].zh);
        ok = FALSE;
      }
  if (im->observer && im->observer->header)
    {
      g_autofree const char **keys = g_new0 (const char *, im->n_header + 1);
      for (guint c = 0; c < kind->n_columns; c++)
        if (im->field_of[c] >= 0)
          keys[im->field_of[c]] = kind->columns[c].key;
      im->observer->header (line, fields, keys, im->observer->user_data);
    }
  return ok;
}

static gboolean
is_blank (char **fields)
{
  for (char **f = fields; *f; f++)
    if (**f != '\0')
      return FALSE;
  return TRUE;
}

/* One file may not give the same key (ID number, village code, venue) twice
 * with different values: the second row is refused, naming the first. The
 * same row twice is harmless (importing it twice adds nothing either). */
static gboolean
check_key (Import *im, char **fields, guint line)
{
  const Kind *kind = im->kind;
  guint n_fields = g_strv_length (fields);
  char *key = NULL;
  int key_column = 0;

  switch (im->report->kind)
    {
      case JD_IMPORT_VILLAGES:
        key = g_strdup (fields[im->field_of[0]]);
        break;
      case JD_IMPORT_PERSONS:
        key = jd_id_number_normalize (fields[im->field_of[0]]);
        break;
      case JD_IMPORT_VENUES:
        key_column = 1;
        key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", im->row_village,
                               fields[im->field_of[1]]);
        break;
      default:
        return TRUE;
    }

  /* The values beside the key (which may be written differently: full-width
   * digits, a village by code or by name). */
  GString *values = g_string_new (NULL);
  for (guint c = 0; c < kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (c > (guint)key_column && f >= 0 && (guint)f < n_fields)
        g_string_append (values, fields[f]);
      g_string_append_c (values, '\x1f');
    }
  if (im->keys == NULL)
    im->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_seen_free);
  KeySeen *seen = g_hash_table_lookup (im->keys, key);
  if (seen == NULL)
    {
      seen = g_new0 (KeySeen, 1);
      seen->line = line;
      seen->values = g_string_free (values, FALSE);
      g_hash_table_insert (im->keys, key, seen);
      return TRUE;
    }
  g_free (key);
  gboolean same = g_str_equal (seen->values, values->str);
  if (!same)
    {
      /* Name the first column whose value differs. */
      g_auto (GStrv) before = g_strsplit (seen->values, "\x1f", -1);
      g_auto (GStrv) now = g_strsplit (values->str, "\x1f", -1);
      guint c = 0;
      while (c < kind->n_columns && g_str_equal (before[c], now[c]))
        c++;
      int f = im->field_of[MIN (c, kind->n_columns - 1)];
      g_autofree char *value = quote_value (fields[im->field_of[key_column]]);
      add_problem (im, line, header_text (im, im->field_of[key_column]),
                   _ ("“%s” is on line %u too, with a different %s: a file may give each key "
                      "only once"),
                   value, seen->line, f >= 0 ? header_text (im, f) : "");
    }
  g_string_free (values, TRUE);
  return same;
}

typedef struct
{
  JdProgressFunc func;
  gpointer user_data;
  int percent;
} Progress;

static void
report_progress (Progress *progress, double fraction)
{
  int percent = (int)(fraction * 100);
  if (progress->func && percent != progress->percent)
    {
      progress->percent = percent;
      progress->func (fraction, progress->user_data);
    }
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
               _ ("The import was cancelled; nothing was imported"));
  return TRUE;
}

/* Whether a row of a sheet is its header: it names one of the kind's
 * required columns or two of its others (docs/contract.md §6), or it is the
 * header of one of §7's sheets. */
static gboolean
is_header_row (Import *im, char **fields)
{
  JdOwnSheet own;
  if (jd_import_own_sheet (im->report->kind, fields, &own))
    {
      jd_own_sheet_clear (&own);
      return TRUE;
    }
  guint known = 0, required = 0;
  for (char **f = fields; *f; f++)
    {
      int c = **f ? find_column (im, *f) : -1;
      known += c >= 0;
      required += c >= 0 && im->kind->columns[c].required;
    }
  return required > 0 || known >= 2;
}

/* Rows of a sheet looked at for its header (title rows above it). */
#define HEADER_SEARCH_ROWS 50

/* Whether a row of one of §7's sheets has nothing for this kind: a person
 * without a status, a venue never inspected. */
static gboolean
own_row_is_empty (Import *im, char **fields)
{
  guint n_fields = g_strv_length (fields);
  for (guint c = 1; c < im->kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (im->kind->columns[c].required && f >= 0 && ((guint)f >= n_fields || *fields[f] == '\0'))
        return TRUE;
    }
  return FALSE;
}

static void
add_no_header_problem (Import *im)
{
  g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
  add_problem (im, 0, NULL,
               _ ("no row among the first %u of the sheet names the columns of %s (%s): "
                  "give the header row with --header-row N, or other headings with --map"),
               HEADER_SEARCH_ROWS, im->kind->name, allowed);
}

/* Finds the header among the first rows; TRUE once the row is used up (a row
 * above the header, or the header itself). */
static gboolean
take_header (Import *im, char **fields, guint line, guint *searched, gboolean *failed)
{
  const JdImportOptions *options = im->options;
  gboolean sheet = jd_table_source_get_sheet (im->source) != NULL;
  if (options && options->header_row > 0)
    {
      if (line < options->header_row)
        return TRUE;
      if (line > options->header_row)
        {
          add_problem (im, options->header_row, NULL,
                       _ ("the header row %u is empty: give the row that names the columns"),
                       options->header_row);
          *failed = TRUE;
          return TRUE;
        }
    }
  else if (sheet && !is_header_row (im, fields))
    {
      if (++*searched < HEADER_SEARCH_ROWS)
        return TRUE;
      add_no_header_problem (im);
      *failed = TRUE;
      return TRUE;
    }
  *failed = !read_header (im, fields, line);
  return TRUE;
}

/* Whether one column's value differs between two records of a kind. */
static gboolean
column_differs (const Column *col, gconstpointer a, gconstpointer b)
{
  switch (col->type)
    {
      case FIELD_TEXT:
      case FIELD_ID_NUMBER:
      case FIELD_ENUM:
        return g_strcmp0 (*FIELD (a, col->offset, const char *) ?: "",
                          *FIELD (b, col->offset, const char *) ?: "")
               != 0;
      case FIELD_DAY:
        return *FIELD (a, col->offset, JdDay) != *FIELD (b, col->offset, JdDay);
      case FIELD_FLAG:
        return !*FIELD (a, col->offset, gboolean) != !*FIELD (b, col->offset, gboolean);
      case FIELD_VILLAGE_OR_NAME:
        if (g_strcmp0 (*FIELD (a, col->name_offset, const char *) ?: "",
                       *FIELD (b, col->name_offset, const char *) ?: "")
            != 0)
          return TRUE;
        G_GNUC_FALLTHROUGH;
      case FIELD_COUNT:
      case FIELD_COUNT_OR_NONE:
      case FIELD_VILLAGE:
      case FIELD_PERSON:
      case FIELD_VENUE:
        return col->offset != ROW_ONLY
               && *FIELD (a, col->offset, gint64) != *FIELD (b, col->offset, gint64);
      default:
        g_assert_not_reached ();
    }
}

/* Before a village or person is stored, for the observer: the ledger's values
 * of its key, which an update compares with. */
static void
load_before (Import *im, char **fields)
{
  const Kind *kind = im->kind;
  if (im->observer == NULL || kind->load == NULL)
    return;
  memset (im->before, 0, kind->record_size);
  guint n_fields = g_strv_length (fields);
  if ((guint)im->field_of[0] < n_fields && *fields[im->field_of[0]] != '\0')
    kind->load (im, fields[im->field_of[0]], im->before);
}

/* Tells the observer what became of one data row: stored (added, updated with
 * the columns that change, unchanged) or refused. */
static void
tell_row (Import *im, guint line, char **fields, gboolean stored, gconstpointer record)
{
  const Kind *kind = im->kind;
  guint n = 0;
  if (im->observer == NULL || im->observer->row == NULL)
    return;
  JdStoreResult result = stored ? im->stored : JD_STORE_FAILED;
  if (result == JD_STORE_UPDATED && kind->load)
    for (guint c = 1; c < kind->n_columns; c++)
      {
        const Column *col = &kind->columns[c];
        /* A person's sex and birth date are the ID number's: they never change. */
        if (im->field_of[c] < 0
            || (im->report->kind == JD_IMPORT_PERSONS
                && (col->offset == offsetof (JdPersonRecord, sex)
                    || col->offset == offsetof (JdPersonRecord, birth_date))))
          continue;
        if (column_differs (col, im->before, record))
          im->changed[n++] = col->key;
      }
  im->changed[n] = NULL;
  im->observer->row (line, fields, result, im->changed, im->observer->user_data);
}

/* Reads, maps and stores every row. FALSE only when the ledger fails or the
 * user cancels; a bad file's problems are in the report. */
static gboolean
import_rows (Import *im, Progress *progress, GCancellable *cancellable, GError **error)
{
  const Kind *kind = im->kind;
  g_autoptr (GPtrArray) sorted = kind->compare ? g_ptr_array_new_with_free_func (row_free) : NULL;
  g_autofree gpointer record = g_malloc0 (kind->record_size);
  g_autoptr (GError) read_error = NULL;
  char **fields = NULL;
  JdTableCell *cell_kinds = NULL;
  guint line = 0, n = 0, searched = 0;
  double share = sorted ? 0.5 : 1.0; /* of the progress, for reading */

  while (jd_table_source_next (im->source, &fields, &cell_kinds, &line, &read_error))
    {
      g_free (im->kinds);
      im->kinds = cell_kinds;
      for (char **f = fields; *f; f++)
        clean_value (*f);
      if (is_blank (fields))
        {
          g_strfreev (fields);
          continue;
        }
      if (im->header == NULL)
        {
          gboolean failed = FALSE;
          take_header (im, fields, line, &searched, &failed);
          if (im->header != fields)
            g_strfreev (fields);
          if (failed)
            return TRUE;
          continue;
        }
      if (im->own.sheet && own_row_is_empty (im, fields))
        {
          g_strfreev (fields);
          continue;
        }

      im->report->rows++;
      if (sorted)
        {
          Row *row = g_new0 (Row, 1);
          row->line = line;
          row->fields = fields;
          row->record = g_malloc0 (kind->record_size);
          if (map_row (im, fields, line, row->record))
            g_ptr_array_add (sorted, row);
          else
            {
              tell_row (im, line, fields, FALSE, row->record);
              row_free (row);
            }
        }
      else
        {
          gboolean mapped = map_row (im, fields, line, record) && check_key (im, fields, line);
          if (mapped)
            load_before (im, fields);
          gboolean stored = !mapped || store_row (im, line, record, error);
          if (stored)
            tell_row (im, line, fields, mapped && im->stored != JD_STORE_FAILED, record);
          g_strfreev (fields);
          if (!stored)
            return FALSE;
        }
      if ((++n & 0xff) == 0)
        {
          if (check_cancelled (cancellable, error))
            return FALSE;
          report_progress (progress, share * jd_table_source_get_fraction (im->source));
        }
    }
  if (read_error)
    {
      add_problem (im, jd_table_source_get_sheet (im->source) ? 0 : line, NULL, "%s",
                   read_error->message);
      return TRUE;
    }
  if (im->header == NULL)
    {
      if (im->options && im->options->header_row > 0)
        add_problem (im, 0, NULL,
                     _ ("the header row %u is empty: give the row that names the columns"),
                     im->options->header_row);
      else if (jd_table_source_get_sheet (im->source) && searched > 0)
        add_no_header_problem (im);
      else if (jd_table_source_get_sheet (im->source))
        add_problem (im, 0, NULL, _ ("the sheet is empty: one of its rows must name the columns"));
      else
        add_problem (im, 1, NULL, _ ("the file is empty: its first row must name the columns"));
      return TRUE;
    }

  if (sorted)
    {
      g_ptr_array_sort (sorted, kind->compare);
      for (guint i = 0; i < sorted->len; i++)
        {
          Row *row = g_ptr_array_index (sorted, i);
          if (!store_row (im, row->line, row->record, error))
            return FALSE;
          tell_row (im, row->line, row->fields, im->stored != JD_STORE_FAILED, row->record);
          if ((i & 0xff) == 0xff)
            {
              if (check_cancelled (cancellable, error))
                return FALSE;
              report_progress (progress, share + (1 - share) * (i + 1) / sorted->len);
            }
        }
    }
  return !check_cancelled (cancellable, error);
}

/* A big file's rows land all over the indexes (followups by person, say): with
 * SQLite's default 2 MB cache the transaction spills pages to the WAL and reads
 * them back. A larger cache for the import's length saves a third of its
 * system time on 200,000 rows; the connection's own size is put back. */
#define IMPORT_CACHE_KIB 32768

static gint64
swap_pragma (JdLedger *ledger, const char *pragma, gint64 value)
{
  g_autofree char *get = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, get, NULL);
  gint64 old = 0;
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, pragma, value);
  jd_ledger_exec (ledger, sql, NULL);
  return old;
}

static gint64
swap_cache_size (JdLedger *ledger, gint64 size)
{
  return swap_pragma (ledger, "cache_size", size);
}

/* Each row's statements keep a statement journal (the audit triggers write
 * with them), by default in a file of its own under /var/tmp: 20 writes a
 * row, most of a 10,000-row preview's time. In memory, for the import's
 * length; it is changed outside a transaction only. */
#define TEMP_STORE_MEMORY 2

/* Ends an import's transaction: commits it when every row was stored and it
 * is no dry run, else rolls it back. The one place an import is committed. */
static gboolean
finish_import (Import *im, JdImportKind kind, const char *path, gboolean ok, GError **error)
{
  gboolean keep = ok && im->report->problems->len == 0 && !(im->options && im->options->dry_run);
  /* The import's history, in its transaction (jd-import-history.c). */
  if (keep && !jd_import_history_record (im->ledger, kind, path, im->report, error))
    keep = ok = FALSE;
  if (keep)
    return jd_ledger_commit (im->ledger, error);
  jd_ledger_rollback (im->ledger);
  return ok;
}

/* Imports the file whole, in one transaction, or not at all. FALSE with a
 * JD_ERROR_INVALID error when the file has problems (each one is in the
 * report); with another error when the file cannot be read, the ledger fails
 * or the user cancels. */
gboolean
jd_import_file (JdLedger *ledger,
                JdImportKind kind,
                const char *path,
                JdImportReport *report,
                JdProgressFunc progress_func,
                gpointer user_data,
                GCancellable *cancellable,
                GError **error)
{
  return jd_import_file_with_options (ledger, kind, path, NULL, report, progress_func, user_data,
                                      cancellable, error);
}

/* --map HEADING=KEY: each key one of the kind's; FALSE with the problem reported. */
static gboolean
read_map (Import *im)
{
  if (im->map == NULL)
    return TRUE;
  for (char **pair = im->options->map; *pair; pair++)
    {
      const char *eq = strchr (*pair, '=');
      gboolean known = FALSE;
      for (guint c = 0; eq && c < im->kind->n_columns; c++)
        known = known || g_str_equal (eq + 1, im->kind->columns[c].key);
      if (eq == NULL || eq == *pair || !known)
        {
          g_autofree char *quoted = quote_value (*pair);
          g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
          add_problem (im, 0, NULL,
                       _ ("--map “%s”: write HEADING=KEY, the key one of the columns of %s: %s"),
                       quoted, im->kind->name, allowed);
          return FALSE;
        }
      g_hash_table_replace (im->map, g_strndup (*pair, (gsize)(eq - *pair)), g_strdup (eq + 1));
    }
  return TRUE;
}

/* The same, for a sheet of a workbook as well, with the command line's options. */
gboolean
jd_import_file_with_options (JdLedger *ledger,
                             JdImportKind kind,
                             const char *path,
                             const JdImportOptions *options,
                             JdImportReport *report,
                             JdProgressFunc progress_func,
                             gpointer user_data,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  jd_import_report_clear (report);
  report->kind = kind;
  report->problems = g_ptr_array_new_with_free_func (problem_free);

  g_autoptr (GHashTable) problem_index
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) map = options && options->map
                                   ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                                   : NULL;
  Import im = { .ledger = ledger,
                .map = map,
                .kind = &kinds[kind],
                .report = report,
                .problem_index = problem_index,
                .options = options,
                .observer = options ? options->observer : NULL };
  Progress progress = { progress_func, user_data, -1 };
  guint line = 0;
  g_autoptr (GError) open_error = NULL;
  g_autoptr (JdTableSource) source = jd_table_source_open (path, &line, &open_error);
  if (source == NULL && !g_error_matches (open_error, JD_ERROR, JD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }
  if (source == NULL)
    add_problem (&im, line, NULL, "%s", open_error->message);
  else if (!jd_table_source_select_sheet (source, options ? options->sheet : NULL, &open_error))
    add_problem (&im, 0, NULL, "%s", open_error->message);
  else
    {
      report->encoding = jd_table_source_get_encoding (source);
      report->sheet = g_strdup (jd_table_source_get_sheet (source));
      read_map (&im);
    }

  if (report->problems->len == 0)
    {
      im.source = source;
      im.township = jd_ledger_dup_township (ledger);
      gint64 temp_store = swap_pragma (ledger, "temp_store", TEMP_STORE_MEMORY);
      if (!jd_ledger_begin (ledger, error))
        {
          swap_pragma (ledger, "temp_store", temp_store);
          g_free (im.township);
          return FALSE;
        }
      im.villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      im.persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      im.owned = g_ptr_array_new_with_free_func (g_free);
      im.before = g_malloc0 (im.kind->record_size);
      gint64 cache_size = swap_cache_size (ledger, -IMPORT_CACHE_KIB);
      gboolean ok = import_rows (&im, &progress, cancellable, error);
      g_hash_table_unref (im.villages);
      g_hash_table_unref (im.persons);
      g_clear_pointer (&im.keys, g_hash_table_unref);
      g_ptr_array_unref (im.owned);
      g_free (im.before);
      g_strfreev (im.header);
      g_clear_pointer (&im.kinds, g_free);
      g_free (im.township);
      jd_own_sheet_clear (&im.own);
      ok = finish_import (&im, kind, path, ok, error);
      swap_cache_size (ledger, cache_size);
      swap_pragma (ledger, "temp_store", temp_store);
      if (ok && report->problems->len == 0)
        {
          if (progress_func)
            progress_func (1.0, user_data);
          return TRUE;
        }
      report->added = report->updated = report->unchanged = 0;
      if (!ok)
        return FALSE;
    }

  guint64 total = report->unlisted;
  for (guint i = 0; i < report->problems->len; i++)
    total += 1 + ((JdImportProblem *)report->problems->pdata[i])->more;
  guint n = (guint)MIN (total, G_MAXUINT);
  g_ptr_array_sort (report->problems, compare_problems);
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported",
                            "%s: %u problems; nothing was imported", n),
               path, n);
  return FALSE;
}
