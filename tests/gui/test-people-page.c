/* test-people-page.c: the people and work due sections under Xvfb
 *
 * The application runs in this process on a small ledger made here through
 * jd-store.h (the fixture below says what it holds and what is due), with
 * --today 2024-03-05. The tests type into the people page's search, filter it
 * by village, and read the work due groups; recording a talk and saying that
 * the ledger changed takes the talk off the list at once.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "jd-application.h"
#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-people-page.h"
#include "jd-person-query.h"
#include "jd-store.h"
#include "jd-todo-page.h"
#include "jd-test-ui.h"
#include "jd-window.h"

/* The fixture, worked out by hand for today = 2024-03-05 (docs/contract.md §4, work due,
 * default intervals: talk and urine test two calendar months, home visit one,
 * listed up to 7 days ahead):
 *
 *   张伟    V01  community_detox since 2024-01-01; talk 2024-01-10; help group
 *               and agreement from 2024-01-01.
 *               talk due 01-10 + 2 months = 03-10: due in 5 days
 *               urine test due 01-01 + 2 months = 03-01: overdue 4 days
 *               home visit due 01-01 + 1 month = 02-01: overdue 33 days
 *   张伟明  V02  community_rehab since 2023-12-01; talk 2023-12-20, urine test
 *               (negative) 2024-02-01, home visit 2024-02-20; help group and
 *               agreement from 2023-12-01.
 *               talk due 12-20 + 2 months = 02-20: overdue 14 days
 *               urine test due 04-01, home visit 03-20: not yet listed
 *   李红    V01  at large (no status)
 *   王芳    V01  at large; household address 东村张伟路3号
 *
 * Work due: talk (overdue 1 · due soon 1: 张伟明 14 days, then 张伟),
 * urine test (overdue 1: 张伟), home visit (overdue 1: 张伟); 3 overdue, 1 due soon.
 * A search for 张伟 finds 张伟, 张伟明 and 王芳 (by her address).
 */
static gint64
add_person (
    JdLedger *ledger, const char *id_number, const char *name, gint64 village, const char *address)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  JdPersonRecord record = { .id_number = id_number,
                            .name = name,
                            .village_id = village,
                            .household_address = address,
                            .first_found_on = jd_day_new (2020, 5, 1) };
  g_assert_cmpint (jd_store_person (ledger, &record, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  return id;
}

static void
add_care (JdLedger *ledger, gint64 person, const char *status, JdDay since)
{
  g_autoptr (GError) error = NULL;
  JdStatusRecord span = { .person_id = person, .status = status, .started_on = since };
  JdHelpMemberRecord member
      = { .person_id = person, .member_name = "家属", .role = "family", .since = since };
  JdAgreementRecord agreement = { .person_id = person, .signed_on = since };

  g_assert_cmpint (jd_store_status (ledger, &span, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_help_member (ledger, &member, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_agreement (ledger, &agreement, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
add_followup (JdLedger *ledger, gint64 person, const char *kind, JdDay on, const char *result)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord followup
      = { .person_id = person, .kind = kind, .occurred_on = on, .result = result };
  g_assert_cmpint (jd_store_followup (ledger, &followup, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-people-XXXXXX");
  const JdVillageRecord villages[] = {
    { .code = "V01", .name = "东村", .kind = "village" },
    { .code = "V02", .name = "西社区", .kind = "community" },
  };
  gint64 v[2];
  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      g_assert_cmpint (jd_store_village (ledger, &villages[i], &v[i], &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }

  g_autofree char *a = jd_test_complete_id_number ("44158119850312101");
  g_autofree char *b = jd_test_complete_id_number ("44158119900704203");
  g_autofree char *c = jd_test_complete_id_number ("44158119781120302");
  g_autofree char *d = jd_test_complete_id_number ("44158119920101404");
  gint64 zhang = add_person (ledger, a, "张伟", v[0], "东村一组5号");
  gint64 zhangm = add_person (ledger, b, "张伟明", v[1], "西社区二组8号");
  add_person (ledger, c, "李红", v[0], NULL);
  add_person (ledger, d, "王芳", v[0], "东村张伟路3号");

  add_care (ledger, zhang, "community_detox", jd_day_new (2024, 1, 1));
  add_followup (ledger, zhang, "talk", jd_day_new (2024, 1, 10), NULL);
  add_care (ledger, zhangm, "community_rehab", jd_day_new (2023, 12, 1));
  add_followup (ledger, zhangm, "talk", jd_day_new (2023, 12, 20), NULL);
  add_followup (ledger, zhangm, "urine_test", jd_day_new (2024, 2, 1), "negative");
  add_followup (ledger, zhangm, "home_visit", jd_day_new (2024, 2, 20), NULL);
}
/* ---- tests ------------------------------------------------------------------------ */

static const char *
row_name (GListModel *model, guint position)
{
  g_autoptr (JdPersonRow) row = g_list_model_get_item (model, position);
  g_assert_nonnull (row);
  /* The row lives on in the model's page. */
  return jd_person_row_get_name (row);
}

static gboolean
is_label_reading (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* What the label reading text answers when GTK asks it for a tooltip. */
static gboolean
query_tooltip (GtkWidget *root, const char *text)
{
  GtkWidget *label = find_widget (root, is_label_reading, text);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_autoptr (GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

static void
people_search_and_filter (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (jd_window_get_section (window), ==, "people");
  JdPeoplePage *page = JD_PEOPLE_PAGE (jd_window_get_page (window, "people"));
  g_assert_nonnull (page);
  GListModel *model = jd_people_page_get_model (page);
  GtkWidget *view = GTK_WIDGET (jd_people_page_get_view (page));

  /* Four persons, by name: 张 (U+5F20) < 李 (U+674E) < 王 (U+738B). */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "4 persons");
  g_assert_cmpstr (row_name (model, 0), ==, "张伟");
  g_assert_cmpstr (row_name (model, 1), ==, "张伟明");
  g_assert_cmpstr (row_name (model, 2), ==, "李红");
  g_assert_cmpstr (row_name (model, 3), ==, "王芳");

  /* What a row shows: the ID number masked (the default), the village, the
   * status, the last talk and the overdue work (张伟: urine test, home visit). */
  WAIT_FOR (gtk_widget_get_mapped (view) && shows_line (view, "王芳"));
  const char *cells[]
      = { "张伟",       "Male",       "441581********1010",     "东村", "Community detox",
          "2020-05-01", "2024-01-10", "Urine test · Home visit" };
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    if (!shows_line (view, cells[i]))
      {
        g_autofree char *all = visible_cells (view);
        g_error ("the list does not show “%s”:\n%s", cells[i], all);
      }
  /* …and no full ID number anywhere in the list: masked by default. */
  g_autofree char *shown = visible_cells (view);
  g_autoptr (GRegex) full_id = g_regex_new ("[0-9]{17}[0-9X]", 0, 0, NULL);
  g_assert_false (g_regex_match (full_id, shown, 0, NULL));

  /* Tooltips are made when the pointer rests on a cell: the overdue work says by
   * how much; a name shown whole needs none. */
  g_assert_true (query_tooltip (view, "Urine test · Home visit"));
  g_assert_false (query_tooltip (view, "李红"));

  /* Typing 张伟 finds three: the two 张伟s, and 王芳 by her address 东村张伟路3号. */
  GtkSearchEntry *search = jd_people_page_get_search_entry (page);
  gtk_editable_set_text (GTK_EDITABLE (search), "张伟");
  WAIT_FOR (g_list_model_get_n_items (model) == 3);
  g_assert_cmpint (jd_person_query_get_search_path (JD_PERSON_QUERY (model)), ==,
                   JD_PERSON_SEARCH_SCAN);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "3 persons");
  g_assert_cmpstr (row_name (model, 0), ==, "张伟");
  g_assert_cmpstr (row_name (model, 1), ==, "张伟明");
  g_assert_cmpstr (row_name (model, 2), ==, "王芳");
  WAIT_FOR (!shows_line (view, "李红"));

  /* Three characters go through the index: 张伟明 alone. */
  gtk_editable_set_text (GTK_EDITABLE (search), "张伟明");
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  g_assert_cmpint (jd_person_query_get_search_path (JD_PERSON_QUERY (model)), ==,
                   JD_PERSON_SEARCH_MATCH);
  g_assert_cmpstr (row_name (model, 0), ==, "张伟明");

  /* 张伟 in 东村 (V01, the first village after "All Villages"): 张伟 and 王芳. */
  gtk_editable_set_text (GTK_EDITABLE (search), "张伟");
  WAIT_FOR (g_list_model_get_n_items (model) == 3);
  gtk_drop_down_set_selected (jd_people_page_get_village_filter (page), 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (row_name (model, 0), ==, "张伟");
  g_assert_cmpstr (row_name (model, 1), ==, "王芳");

  /* No search, only 东村: 张伟, 李红, 王芳; overdue only: 张伟. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  WAIT_FOR (g_list_model_get_n_items (model) == 3);
  g_assert_cmpstr (row_name (model, 1), ==, "李红");
  gtk_toggle_button_set_active (jd_people_page_get_overdue_filter (page), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (row_name (model, 0), ==, "张伟");
  gtk_toggle_button_set_active (jd_people_page_get_overdue_filter (page), FALSE);
  gtk_drop_down_set_selected (jd_people_page_get_village_filter (page), 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  /* Nobody matches: the page says so. */
  gtk_editable_set_text (GTK_EDITABLE (search), "无此人");
  WAIT_FOR (g_list_model_get_n_items (model) == 0);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "0 persons");

  /* The Name header clicked again sorts downwards: 王芳 first. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  WAIT_FOR (g_list_model_get_n_items (model) == 4);
  g_autoptr (GtkColumnViewColumn) name
      = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 0);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name, GTK_SORT_DESCENDING);
  g_assert_cmpstr (row_name (model, 0), ==, "王芳");
  g_assert_cmpstr (row_name (model, 3), ==, "张伟");
  WAIT_FOR (shows_before (view, "王芳", "李红"));
}

/* Reads an exported list back with Debian's openpyxl: "title | name,ID,status | …". */
static char *
read_list_back (const char *xlsx)
{
  const char *script
      = "import sys, openpyxl\n"
        "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
        "rows = [r for r in ws.iter_rows(values_only=True)]\n"
        "head = next(i for i, r in enumerate(rows) if r[0] == '序号')\n"
        "out = [ws.title, rows[0][0]]\n"
        "out += [','.join(str(c) for c in (r[1], r[3], r[5], r[9])) for r in rows[head + 1:]]\n"
        "print(' | '.join(out))\n";

  return jd_test_python (script, xlsx, NULL);
}

/* Export of the shown rows: 东村 and 张伟 show 张伟 and 王芳, and the workbook holds
 * exactly those two, in that order, masked as the inspection workbook is while the
 * list masks (names 张*, ID numbers as on screen: the file leaves the office),
 * statuses and overdue work in the official terms (王芳 is at large: 社会面,
 * nothing overdue). */
static void
people_export (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdPeoplePage *page = JD_PEOPLE_PAGE (jd_window_get_page (window, "people"));
  GListModel *model = jd_people_page_get_model (page);

  gtk_editable_set_text (GTK_EDITABLE (jd_people_page_get_search_entry (page)), "张伟");
  WAIT_FOR (g_list_model_get_n_items (model) == 3);
  gtk_drop_down_set_selected (jd_people_page_get_village_filter (page), 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  g_autofree char *xlsx = g_build_filename (f->t.dir, "名单.xlsx", NULL);
  jd_people_page_export (page, xlsx);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (!g_file_test (partial, G_FILE_TEST_EXISTS));

  g_autofree char *back = read_list_back (xlsx);
  g_unlink (xlsx);
  if (back == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  g_assert_cmpstr (back, ==,
                   "吸毒人员名单 | 博美镇吸毒人员名单 | "
                   "张*,441581********1010,社区戒毒,尿检 · 家访 | "
                   "王*,441581********4046,社会面,None");
}

static void
test_people_export (Fixture *f, gconstpointer data)
{
  run_app (f, people_export, "--db", f->t.path, "--today", "2024-03-05", "--section", "people",
           NULL);
}

static void
test_people_search_and_filter (Fixture *f, gconstpointer data)
{
  run_app (f, people_search_and_filter, "--db", f->t.path, "--today", "2024-03-05", "--section",
           "people", NULL);
}

/* The model as lines: "# Talk | overdue 1 · due soon 1" for a header, "张伟 | due in 5 days". */
static char *
describe_todo (GListModel *model)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (JdTodoEntry) entry = g_list_model_get_item (model, i);
      g_string_append_printf (out, "%s%s | %s\n", jd_todo_entry_is_header (entry) ? "# " : "",
                              jd_todo_entry_get_title (entry), jd_todo_entry_get_detail (entry));
    }
  return g_string_free (out, FALSE);
}

static void
todo_groups (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (jd_window_get_section (window), ==, "todo");
  JdTodoPage *page = JD_TODO_PAGE (jd_window_get_page (window, "todo"));
  GListModel *model = jd_todo_page_get_model (page);

  g_autofree char *before = describe_todo (model);
  g_assert_cmpstr (before, ==,
                   "# Talk | overdue 1 · due soon 1\n"
                   "张伟明 | overdue 14 days\n"
                   "张伟 | due in 5 days\n"
                   "# Urine test | overdue 1 · due soon 0\n"
                   "张伟 | overdue 4 days\n"
                   "# Home visit | overdue 1 · due soon 0\n"
                   "张伟 | overdue 33 days\n"
                   /* Issue 19 item 8: neither village has a letter: due 1 January,
                    * overdue 64 days (31 + 29 + 4). */
                   "# Letters | overdue 2 · due soon 0\n"
                   "东村 · Letters due 2024-01-01 | overdue 64 days\n"
                   "西社区 · Letters due 2024-01-01 | overdue 64 days\n");
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==,
                   "5 overdue · 1 due soon");
  g_autoptr (JdTodoEntry) talk = g_list_model_get_item (model, 0);
  g_assert_cmpuint (jd_todo_entry_get_count (talk)->overdue, ==, 1);
  g_assert_cmpuint (jd_todo_entry_get_count (talk)->due_soon, ==, 1);
  g_autoptr (JdTodoEntry) first = g_list_model_get_item (model, 1);
  g_assert_cmpuint (jd_todo_entry_get_item (first)->due_on, ==, jd_day_new (2024, 2, 20));

  /* On screen: the names, the masked ID number, the village, the due date. */
  GtkWidget *view = GTK_WIDGET (jd_todo_page_get_view (page));
  WAIT_FOR (gtk_widget_get_mapped (view) && shows_line (view, "overdue 33 days"));
  g_assert_true (shows_line (view, "441581********2035"));
  g_assert_true (shows_line (view, "西社区"));
  g_assert_true (shows_line (view, "2024-02-20"));
  g_assert_true (shows_line (view, "overdue 1 · due soon 1"));
  g_assert_true (shows_before (view, "张伟明", "due in 5 days"));
  g_assert_true (shows_line (view, "东村 · Letters due 2024-01-01"));

  /* A talk with 张伟明 today, as the follow-up entry records it: the talk is
   * next due 2024-05-05, so it leaves the list at once; 张伟's remain. */
  JdLedger *ledger = window_ledger (window);
  JdFollowupRecord followup = { .person_id = jd_todo_entry_get_item (first)->person_id,
                                .kind = "talk",
                                .occurred_on = jd_day_new (2024, 3, 5) };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_followup (ledger, &followup, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
  /* The ledger announced the commit: the pages have reloaded, nobody told them. */

  g_autofree char *after = describe_todo (model);
  g_assert_cmpstr (after, ==,
                   "# Talk | overdue 0 · due soon 1\n"
                   "张伟 | due in 5 days\n"
                   "# Urine test | overdue 1 · due soon 0\n"
                   "张伟 | overdue 4 days\n"
                   "# Home visit | overdue 1 · due soon 0\n"
                   "张伟 | overdue 33 days\n"
                   "# Letters | overdue 2 · due soon 0\n"
                   "东村 · Letters due 2024-01-01 | overdue 64 days\n"
                   "西社区 · Letters due 2024-01-01 | overdue 64 days\n");
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==,
                   "4 overdue · 1 due soon");
  WAIT_FOR (!shows_line (view, "张伟明"));

  /* The people page heard it too: 张伟明's last talk is today. */
  JdPeoplePage *people = JD_PEOPLE_PAGE (jd_window_get_page (window, "people"));
  GListModel *persons = jd_people_page_get_model (people);
  g_autoptr (JdPersonRow) row = g_list_model_get_item (persons, 1);
  g_assert_cmpstr (jd_person_row_get_name (row), ==, "张伟明");
  g_assert_cmpuint (jd_person_row_get_last_talk_on (row), ==, jd_day_new (2024, 3, 5));
}

static void
test_todo_groups (Fixture *f, gconstpointer data)
{
  run_app (f, todo_groups, "--db", f->t.path, "--today", "2024-03-05", "--section", "todo", NULL);
}

/* Nothing due: the empty state. */
static void
todo_empty (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdTodoPage *page = JD_TODO_PAGE (jd_window_get_page (window, "todo"));
  g_assert_cmpuint (g_list_model_get_n_items (jd_todo_page_get_model (page)), ==, 0);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==,
                   "0 overdue · 0 due soon");
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  AdwStatusPage *status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "All Caught Up");
}

static void
test_todo_empty (Fixture *f, gconstpointer data)
{
  /* On 2023-06-01 nobody is under a community measure yet, and with this
   * year's letters of both levels (due 2024-01-10) and June's end 29 days off
   * neither village has work due either. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->t.path, &error);
    g_assert_no_error (error);
    const char *levels[] = { "village_group", "village_household" };
    for (gint64 village = 1; village <= 2; village++)
      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          JdLetterRecord letter = { .village_id = village,
                                    .level = levels[l],
                                    .signed_on = jd_day_new (2023, 1, 10),
                                    .copies = -1 };
          g_assert_cmpint (jd_store_letter (ledger, &letter, &error), ==, JD_STORE_ADDED);
          g_assert_no_error (error);
        }
  }
  run_app (f, todo_empty, "--db", f->t.path, "--today", "2023-06-01", "--section", "todo", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/people/search-and-filter", Fixture, NULL, fixture_set_up,
              test_people_search_and_filter, fixture_tear_down);
  g_test_add ("/people/export", Fixture, NULL, fixture_set_up, test_people_export,
              fixture_tear_down);
  g_test_add ("/people/todo-groups", Fixture, NULL, fixture_set_up, test_todo_groups,
              fixture_tear_down);
  g_test_add ("/people/todo-empty", Fixture, NULL, fixture_set_up, test_todo_empty,
              fixture_tear_down);

  return g_test_run ();
}
