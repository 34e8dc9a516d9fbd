/* test-import-preview.c: the import assistant's core (docs/contract.md §6, §8):
 * headings matched by their synonyms, the kind guessed, every row checked
 * without writing, updates with what changes, look-alike persons flagged, an
 * import with the assistant's matching, and a cancelled import that writes
 * nothing.
 *
 * The ledger holds the fixtures' villages (V01 东村, V02 西社区, V03 南村) and
 * persons (陈大文 441581198503120018 of V01, 林小红, 黄志强).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-import-preview.h"
#include "jd-ledger-private.h"

typedef struct
{
  char *dir;
  JdLedger *ledger;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-preview-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (f->dir, "ledger.db", NULL);
  f->ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  const char *names[] = { "villages.csv", "persons.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto (JdImportReport) report = { 0 };
      g_autofree char *fixture = g_build_filename (g_getenv ("FIXTURES"), "import", names[i], NULL);
      jd_import_file (f->ledger, i ? JD_IMPORT_PERSONS : JD_IMPORT_VILLAGES, fixture, &report, NULL,
                      NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (f->ledger, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* A valid ID number: the 17 digits and their check digit. */
static char *
id_number (const char *body)
{
  return g_strdup_printf ("%s%c", body, jd_id_number_check_digit (body));
}

/* ---- matching -------------------------------------------------------------------- */

static void
test_match (void)
{
  static const struct
  {
    JdImportKind kind;
    const char *heading;
    const char *key; /* NULL: no column */
  } cases[] = {
    { JD_IMPORT_PERSONS, "身份证号", "id_number" },
    { JD_IMPORT_PERSONS, "身份证号码", "id_number" },
    { JD_IMPORT_PERSONS, " 证件号码 ", "id_number" },
    { JD_IMPORT_PERSONS, "公民身份号码", "id_number" },
    { JD_IMPORT_PERSONS, "id_number", "id_number" },
    { JD_IMPORT_PERSONS, "户籍地", "household_address" },
    { JD_IMPORT_PERSONS, "户籍地址", "household_address" },
    { JD_IMPORT_PERSONS, "现居住地", "residence_address" },
    { JD_IMPORT_PERSONS, "现住址", "residence_address" },
    { JD_IMPORT_PERSONS, "查获日期", "first_found_on" },
    { JD_IMPORT_PERSONS, "发现日期", "first_found_on" },
    { JD_IMPORT_PERSONS, "联系方式", "phone" },
    { JD_IMPORT_PERSONS, "电话", "phone" },
    { JD_IMPORT_PERSONS, "所属村居", "residence_village" },
    { JD_IMPORT_PERSONS, "村", "residence_village" },
    { JD_IMPORT_PERSONS, "所属村（社区）", "residence_village" },
    { JD_IMPORT_PERSONS, "管理村(社区)*", "residence_village" },
    { JD_IMPORT_PERSONS, "籍贯", NULL },
    { JD_IMPORT_ACTIVITIES, "所属村居", "village" },
    { JD_IMPORT_ACTIVITIES, "身份证号", NULL },
    { JD_IMPORT_FOLLOWUPS, "身份证号码", "id_number" },
    { JD_IMPORT_HELP_MEMBERS, "电话", "phone" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int c = jd_import_match_heading (cases[i].kind, cases[i].heading);
      g_test_message ("%s", cases[i].heading);
      if (cases[i].key == NULL)
        g_assert_cmpint (c, ==, -1);
      else
        {
          g_assert_cmpint (c, >=, 0);
          g_assert_cmpstr (jd_import_column_key (cases[i].kind, (guint)c), ==, cases[i].key);
        }
    }
}

static void
test_guess_kind (void)
{
  static const struct
  {
    const char *header; /* headings joined by | */
    JdImportKind kind;
  } cases[] = {
    { "序号|姓名|性别|身份证号码|户籍地|现居住地|所属村居|查获日期|联系方式", JD_IMPORT_PERSONS },
    { "身份证号|类型|日期|结果|工作人员", JD_IMPORT_FOLLOWUPS },
    { "编码|名称|户籍人口", JD_IMPORT_VILLAGES },
    { "身份证号|状态|起始日期", JD_IMPORT_STATUSES },
    { "村|日期|形式|主题|参与人数", JD_IMPORT_ACTIVITIES },
    { "禁毒工作台账（2024年）", JD_IMPORT_INVALID },
    { "籍贯|民族|学历", JD_IMPORT_INVALID },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) header = g_strsplit (cases[i].header, "|", -1);
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (jd_import_guess_kind (header, NULL), ==, cases[i].kind);
    }
}

/* A header with a title row above it, in a CSV file: found, kind guessed. */
static void
test_sniff (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "title.csv",
                                      "博美镇吸毒人员登记表,,\n"
                                      ",,\n"
                                      "姓名,身份证号码,所属村居,查获日期\n"
                                      "陈大文,441581198503120018,V01,2015-06-01\n");
  g_auto (JdImportSniff) sniff = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_import_sniff (path, NULL, 0, &sniff, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sniff.header_row, ==, 3);
  g_assert_cmpint (sniff.kind, ==, JD_IMPORT_PERSONS);
  g_assert_null (sniff.sheets);
  g_auto (GStrv) keys = jd_import_match_header (sniff.kind, sniff.header);
  g_autofree char *joined = g_strjoinv ("|", keys);
  g_assert_cmpstr (joined, ==, "name|id_number|residence_village|first_found_on");
}

/* A damaged workbook is refused with a message; an empty file has no header
 * and no kind, for the user to see. */
static void
test_sniff_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *damaged = write_file (f, "damaged.xlsx", "PK\x03\x04 not a zip at all");
  g_auto (JdImportSniff) sniff = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_false (jd_import_sniff (damaged, NULL, 0, &sniff, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");

  g_autofree char *empty = write_file (f, "empty.csv", "");
  g_auto (JdImportSniff) nothing = { 0 };
  g_clear_error (&error);
  g_assert_true (jd_import_sniff (empty, NULL, 0, &nothing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nothing.header_row, ==, 0);
  g_assert_cmpint (nothing.kind, ==, JD_IMPORT_INVALID);
  g_assert_cmpuint (g_strv_length (nothing.header), ==, 0);
}

/* ---- look-alikes ---------------------------------------------------------------------- */

static void
test_lookalikes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLookalikes) lookalikes = jd_lookalikes_new (f->ledger, &error);
  g_assert_no_error (error);

  /* 陈大文 is 441581198503120018. */
  g_autofree char *same_birth = id_number ("44158119850312055");
  g_autofree char *one_digit = id_number ("44168119850312001");
  g_autofree char *swapped = id_number ("44158119850312010");
  g_autofree char *unrelated = id_number ("44158119700101001");
  static const struct
  {
    int which;
    const char *name;
    const char *why; /* NULL: nobody */
  } cases[] = {
    { 0, "陈大文", "the same name and birth date" },
    { 0, "陈小文", NULL },
    { 1, "陈小文", "an ID number one digit away" },
    { 2, "王五", "an ID number with two digits swapped" },
    { 3, "陈大文", NULL },
    { 4, "陈大文", NULL },                        /* the same ID number: an update, no look-alike */
    { 5, "某人", "an ID number one digit away" }, /* a wrong check digit */
  };
  const char *ids[]
      = { same_birth, one_digit, swapped, unrelated, "441581198503120018", "441581198503120019" };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = jd_lookalikes_find (lookalikes, ids[cases[i].which], cases[i].name);
      g_test_message ("%s %s: %s", ids[cases[i].which], cases[i].name, found);
      if (cases[i].why == NULL)
        g_assert_null (found);
      else
        {
          g_assert_nonnull (found);
          g_assert_true (g_str_has_prefix (found, "looks like 陈大文 ("));
          g_assert_true (g_str_has_suffix (found, cases[i].why));
        }
    }
}

/* ---- the preview ---------------------------------------------------------------------- */

static JdImportPreview *
preview_file (Fixture *f, JdImportKind kind, const char *path, guint max_rows)
{
  g_auto (JdImportSniff) sniff = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_import_sniff (path, NULL, 0, &sniff, &error));
  g_auto (GStrv) keys = jd_import_match_header (kind, sniff.header);
  JdImportOptions options = { .header_row = sniff.header_row, .assign = (const char *const *)keys };
  JdImportPreview *preview
      = jd_import_preview (f->ledger, kind, path, &options, max_rows, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static void
test_preview_persons (Fixture *f, gconstpointer data)
{
  g_autofree char *lookalike = id_number ("44168119850312001");
  g_autofree char *text
      = g_strdup_printf ("身份证号码,姓名,联系方式,现居住地,所属村居,查获日期,籍贯\n"
                         "441581198503120018,陈大文,13900000009,东村一巷3号,V01,2015-06-01,广东\n"
                         "441581199201010010,新人甲,,,V02,2020-01-02,湖南\n"
                         "441581199301010018,新人乙,,,V02,2020-13-45,\n"
                         "%s,陈小文,,,东村,2021-05-06,\n"
                         "441581199007180024,林小红,13800000002,西社区二街5号,西社区,2018-03-05,\n",
                         lookalike);
  g_autofree char *path = write_file (f, "persons.csv", text);
  gint64 audit = count (f, "SELECT count(*) FROM audit_log");
  gint64 persons = count (f, "SELECT count(*) FROM person");

  g_autoptr (JdImportPreview) p = preview_file (f, JD_IMPORT_PERSONS, path, 100);
  g_assert_cmpuint (p->file_problems->len, ==, 0);
  g_assert_cmpuint (p->n_rows, ==, 5);
  g_assert_cmpuint (p->n_new, ==, 2);
  g_assert_cmpuint (p->n_updated, ==, 1);
  g_assert_cmpuint (p->n_unchanged, ==, 1);
  g_assert_cmpuint (p->n_problem_rows, ==, 1);
  g_assert_cmpuint (p->n_duplicates, ==, 1);
  g_assert_cmpuint (p->rows->len, ==, 5);
  g_assert_false (jd_import_preview_is_clean (p));

  /* 陈大文: a new phone; the address is the same. */
  JdPreviewRow *row = p->rows->pdata[0];
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpint (row->state, ==, JD_PREVIEW_UPDATE);
  g_autofree char *changed = g_strjoinv ("|", row->changed);
  g_assert_cmpstr (changed, ==, "phone");
  g_assert_null (row->duplicate);

  row = p->rows->pdata[1];
  g_assert_cmpint (row->state, ==, JD_PREVIEW_NEW);
  g_assert_null (row->duplicate);
  g_assert_cmpstr (row->cells[6], ==, "湖南"); /* shown, though ignored */

  /* The bad date is marked in its cell, column 6 (查获日期). */
  row = p->rows->pdata[2];
  g_assert_cmpint (row->state, ==, JD_PREVIEW_PROBLEM);
  g_assert_nonnull (row->problems[5]);
  g_assert_nonnull (strstr (row->problems[5], "is not a date"));
  for (guint i = 0; i < 5; i++)
    g_assert_null (row->problems[i]);

  row = p->rows->pdata[3];
  g_assert_cmpint (row->state, ==, JD_PREVIEW_NEW);
  g_assert_nonnull (row->duplicate);
  g_assert_true (g_str_has_prefix (row->duplicate, "looks like 陈大文"));

  row = p->rows->pdata[4];
  g_assert_cmpint (row->state, ==, JD_PREVIEW_UNCHANGED);

  /* Nothing was written. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (count (f, "SELECT count(*) FROM person"), ==, persons);
  g_assert_cmpint (count (f, "SELECT count(*) FROM person WHERE phone = '13900000009'"), ==, 0);
}

/* The assistant's matching imports a file whose headings are synonyms, its
 * unmatched column passed over. */
static void
test_import_assigned (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "persons.csv",
                                      "登记表\n"
                                      "身份证号码,姓名,联系方式,所属村居,查获日期,籍贯\n"
                                      "441581198503120018,陈大文,13900000009,V01,2015-06-01,广东\n"
                                      "441581199201010010,新人甲,,V02,2020-01-02,湖南\n");
  g_auto (GStrv) keys
      = g_strsplit ("id_number|name|phone|residence_village|first_found_on|", "|", -1);
  JdImportOptions options = { .header_row = 2, .assign = (const char *const *)keys };
  g_auto (JdImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_import_file_with_options (f->ledger, JD_IMPORT_PERSONS, path, &options, &report,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM person WHERE phone = '13900000009'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM person"), ==, 4);
}

/* Only the rows kept for display stay in memory: the first ones and those with
 * problems, the others counted. */
static void
test_preview_bounded (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new ("身份证号,姓名,村,查获日期\n");
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *body = g_strdup_printf ("4415812000010%u%03u", 1 + i / 1000, i % 1000);
      g_autofree char *id = id_number (body);
      g_string_append_printf (text, "%s,人%u,V01,%s\n", id, i,
                              i == 2500 ? "不是日期" : "2021-01-01");
    }
  g_autofree char *path = write_file (f, "many.csv", text->str);
  g_string_free (text, TRUE);
  g_autoptr (JdImportPreview) p = preview_file (f, JD_IMPORT_PERSONS, path, 100);
  g_assert_cmpuint (p->n_rows, ==, 3000);
  g_assert_cmpuint (p->n_new, ==, 2999);
  g_assert_cmpuint (p->n_problem_rows, ==, 1);
  g_assert_cmpuint (p->rows->len, ==, 101);
  JdPreviewRow *last = p->rows->pdata[100];
  g_assert_cmpuint (last->line, ==, 2502);
  g_assert_cmpint (last->state, ==, JD_PREVIEW_PROBLEM);
}

/* Statuses are stored in date order: a problem the store finds late is still
 * put on its row, and the rows are shown in the file's order. */
static void
test_preview_statuses (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "statuses.csv",
                                      "身份证号,状态,起始日期\n"
                                      "441581198503120018,community_rehab,2021-01-01\n"
                                      "441581198503120018,社区戒毒,2015-06-01\n"
                                      "441581198503120018,社区戒毒,2010-01-01\n"
                                      "441581199201010010,社区戒毒,2020-01-01\n");
  g_autoptr (JdImportPreview) p = preview_file (f, JD_IMPORT_STATUSES, path, 100);
  g_assert_cmpuint (p->n_rows, ==, 4);
  g_assert_cmpuint (p->n_new, ==, 2);
  g_assert_cmpuint (p->n_problem_rows, ==, 2);
  g_assert_cmpuint (p->rows->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (((JdPreviewRow *)p->rows->pdata[i])->line, ==, i + 2);
  JdPreviewRow *early = p->rows->pdata[2], *unknown = p->rows->pdata[3];
  g_assert_cmpint (early->state, ==, JD_PREVIEW_PROBLEM);
  g_assert_true (early->problems[2] != NULL || early->row_problem != NULL);
  g_assert_cmpint (unknown->state, ==, JD_PREVIEW_PROBLEM);
  g_assert_nonnull (unknown->problems[0]);
  g_assert_nonnull (strstr (unknown->problems[0], "import the persons first"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM status_span"), ==, 0);
}

static void
cancel_cb (double fraction, gpointer user_data)
{
  if (fraction > 0 && fraction < 1)
    g_cancellable_cancel (user_data);
}

/* Cancelled halfway, an import writes nothing. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new ("id_number,name,residence_village,first_found_on\n");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *body = g_strdup_printf ("4415812001010%u%03u", 1 + i / 1000, i % 1000);
      g_autofree char *id = id_number (body);
      g_string_append_printf (text, "%s,人%u,V01,2021-01-01\n", id, i);
    }
  g_autofree char *path = write_file (f, "cancel.csv", text->str);
  g_string_free (text, TRUE);
  gint64 audit = count (f, "SELECT count(*) FROM audit_log");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_auto (JdImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_false (jd_import_file (f->ledger, JD_IMPORT_PERSONS, path, &report, cancel_cb,
                                  cancellable, cancellable, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpint (count (f, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/import-preview/match", test_match);
  g_test_add_func ("/import-preview/guess-kind", test_guess_kind);
#define ADD(name, func)                                                                            \
  g_test_add ("/import-preview/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sniff", test_sniff);
  ADD ("sniff-bad", test_sniff_bad);
  ADD ("lookalikes", test_lookalikes);
  ADD ("persons", test_preview_persons);
  ADD ("import-assigned", test_import_assigned);
  ADD ("bounded", test_preview_bounded);
  ADD ("statuses", test_preview_statuses);
  ADD ("cancel", test_cancel);
  return g_test_run ();
}
