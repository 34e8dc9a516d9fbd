/* test-mask.c: the masking rules (src/core/jd-mask.c, docs/masking.md), case by case
 *
 * Each case is what a masked list or workbook must show for a field's text,
 * worked out by hand from the rules: ID numbers keep their region and their
 * last four, phone numbers their first three and last four, addresses lose
 * their house number, free text keeps its words and loses the hidden digits
 * of every ID and phone number in it. Masking a masked text changes nothing.
 */
#include <sqlite3.h>
#include <string.h>

#include "jd-mask.h"

typedef struct
{
  JdMaskRule rule;
  const char *text;
  const char *masked;
} MaskCase;

static const MaskCase cases[] = {
  /* ID numbers: the birth date (digits 7–14; 7–12 of a 15-digit one) goes. */
  { JD_MASK_ID_NUMBER, "11010519491231002X", "110105********002X" },
  { JD_MASK_ID_NUMBER, "11010519491231002x", "110105********002x" },
  { JD_MASK_ID_NUMBER, "441581198107262030", "441581********2030" },
  { JD_MASK_ID_NUMBER, "110105491231002", "110105******002" },
  { JD_MASK_ID_NUMBER, "４４１５８１１９８１０７２６２０３０", "４４１５８１********２０３０" },
  { JD_MASK_ID_NUMBER, "441581********2030", "441581********2030" },
  { JD_MASK_ID_NUMBER, "4415811981", "******1981" },
  { JD_MASK_ID_NUMBER, "441581", "**1581" },
  { JD_MASK_ID_NUMBER, "不详", "不详" },
  { JD_MASK_ID_NUMBER, "", "" },
  /* Names: the first character and one asterisk, whatever the length. */
  { JD_MASK_NAME, "张三丰", "张*" },
  { JD_MASK_NAME, "欧阳娜娜", "欧*" },
  { JD_MASK_NAME, "张", "张*" },
  { JD_MASK_NAME, " 李四 ", "李*" },
  { JD_MASK_NAME, "张*", "张*" },
  { JD_MASK_NAME, "", "" },
  /* Phone numbers: mobiles 138****5678 however written, landlines keep their
   * area code and last four. */
  { JD_MASK_PHONE, "13800005678", "138****5678" },
  { JD_MASK_PHONE, "138-0000-5678", "138-****-5678" },
  { JD_MASK_PHONE, "138 0000 5678", "138 **** 5678" },
  { JD_MASK_PHONE, "+86 138 0000 5678", "+86 138 **** 5678" },
  { JD_MASK_PHONE, "8613800005678", "86138****5678" },
  { JD_MASK_PHONE, "0660-8812345", "0660-***2345" },
  { JD_MASK_PHONE, "020-12345678", "020-****5678" },
  { JD_MASK_PHONE, "0660 88123456", "0660 ****3456" },
  { JD_MASK_PHONE, "066088123456", "066*****3456" },
  { JD_MASK_PHONE, "13800005678、13912345678", "138****5678、139****5678" },
  { JD_MASK_PHONE, "电话号码一三八零零零零五六七八", "电话号码一三八****五六七八" },
  { JD_MASK_PHONE, "138****5678", "138****5678" },
  { JD_MASK_PHONE, "12345", "*2345" },
  { JD_MASK_PHONE, "无电话", "无电话" },
  /* Addresses: cut at the house number, and the marks before it. */
  { JD_MASK_ADDRESS, "广东省陆丰市博美镇上林村12号", "广东省陆丰市博美镇上林村" },
  { JD_MASK_ADDRESS, "广东省陆丰市东海镇人民路123号4栋501", "广东省陆丰市东海镇人民路" },
  { JD_MASK_ADDRESS, "广东省汕尾市陆丰市博美镇后寮村三组85号",
    "广东省汕尾市陆丰市博美镇后寮村三组" },
  { JD_MASK_ADDRESS, "博美镇上林村十二号", "博美镇上林村" },
  { JD_MASK_ADDRESS, "博美镇上林村１２号", "博美镇上林村" },
  { JD_MASK_ADDRESS, "东海镇金碧花园三栋五〇一室", "东海镇金碧花园" },
  { JD_MASK_ADDRESS, "博美镇上林村 - 12号", "博美镇上林村" },
  { JD_MASK_ADDRESS, "陆丰市三合村", "陆丰市三合村" },
  { JD_MASK_ADDRESS, "12号", "" },
  /* Free text: every ID and phone number in it, wherever it stands. */
  { JD_MASK_TEXT, "林涛雄(身份证441581198107262030)…", "林涛雄(身份证441581********2030)…" },
  { JD_MASK_TEXT, "电话13800005678，身份证44158119810726203X。",
    "电话138****5678，身份证441581********203X。" },
  { JD_MASK_TEXT, "证号 441581 19810726 2030 已核", "证号 441581 ******** 2030 已核" },
  { JD_MASK_TEXT, "旧证110105491231002号", "旧证110105******002号" },
  { JD_MASK_TEXT, "家属电话：0660-8812345转8", "家属电话：0660-***2345转8" },
  { JD_MASK_TEXT, "生日19810726", "生日****0726" },
  { JD_MASK_TEXT, "卡号6222021234567890123", "卡号622************0123" },
  { JD_MASK_TEXT, "4415811981072620301234", "441***************1234" },
  { JD_MASK_TEXT, "第一13800005678", "第一138****5678" },
  /* House numbers in free text are hidden, a day of a month is not. */
  { JD_MASK_TEXT, "在上林村12号家中谈话", "在上林村**号家中谈话" },
  { JD_MASK_TEXT, "北门社区八路19号出租屋", "北门社区八路**号出租屋" },
  { JD_MASK_TEXT, "人民路１２３号4栋501室", "人民路***号*栋***室" },
  { JD_MASK_TEXT, "3月15号谈话，7天酒店", "3月15号谈话，7天酒店" },
  /* What is neither stays as it was. */
  { JD_MASK_TEXT, "2024-01-15谈话，2024-2025年度", "2024-01-15谈话，2024-2025年度" },
  { JD_MASK_TEXT, "共计12人，发放资料300份，一三组", "共计12人，发放资料300份，一三组" },
  { JD_MASK_TEXT, "了解近期生活和工作情况", "了解近期生活和工作情况" },
  { JD_MASK_TEXT, "", "" },
  /* A text that is not UTF-8 comes out valid, never cut inside a character. */
  { JD_MASK_TEXT, "\xff张13800005678\xe5\xbc",
    "\xef\xbf\xbd张138****5678\xef\xbf\xbd\xef\xbf\xbd" },
  { JD_MASK_NAME, "\xe5\xbc\xa0\xe4", "张*" },
  /* Left out altogether, or kept. */
  { JD_MASK_OMIT, "1981-07-26", NULL },
  { JD_MASK_KEEP, "441581198107262030", "441581198107262030" },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MaskCase *c = &cases[i];
      g_autofree char *masked = jd_mask (c->rule, c->text);
      g_test_message ("case %u", i);
      g_assert_cmpstr (masked, ==, c->masked);
      if (masked == NULL)
        continue;
      g_assert_true (g_utf8_validate (masked, -1, NULL));
      /* Once masked, masked for good. */
      g_autofree char *again = jd_mask (c->rule, masked);
      g_assert_cmpstr (again, ==, masked);
    }
  g_assert_null (jd_mask (JD_MASK_TEXT, NULL));
  g_assert_null (jd_mask_name (NULL));
  g_assert_null (jd_mask_address (NULL));
}

/* A row's own persons are masked in its free text too (two characters or more). */
static void
test_names_in_text (void)
{
  const char *const names[] = { "林涛雄", "彭炜", "林", NULL };
  g_autofree char *masked
      = jd_mask_text_names ("林涛雄(身份证441581198107262030)与彭炜谈话，林涛雄表示配合", names);
  g_assert_cmpstr (masked, ==, "林*(身份证441581********2030)与彭*谈话，林*表示配合");
  g_autofree char *none = jd_mask_text_names ("谈话13800005678", NULL);
  g_assert_cmpstr (none, ==, "谈话138****5678");
}

/* The ledger's columns by name, as the audit log's values are. */
static void
test_fields (void)
{
  g_assert_cmpint (jd_mask_rule_for_field ("id_number"), ==, JD_MASK_ID_NUMBER);
  g_assert_cmpint (jd_mask_rule_for_field ("phone"), ==, JD_MASK_PHONE);
  g_assert_cmpint (jd_mask_rule_for_field ("birth_date"), ==, JD_MASK_OMIT);
  g_assert_cmpint (jd_mask_rule_for_field ("residence_address"), ==, JD_MASK_ADDRESS);
  g_assert_cmpint (jd_mask_rule_for_field ("content"), ==, JD_MASK_TEXT);
  g_assert_cmpint (jd_mask_rule_for_field ("name"), ==, JD_MASK_KEEP);
  g_assert_cmpint (jd_mask_rule_for_field (NULL), ==, JD_MASK_KEEP);
}

/* SQL calls the same rules (jd_mask_field), so they are written once. */
static void
test_sql (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (jd_mask_register_sql (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT jd_mask_field('id_number', '44158119810726203X'),"
                                       " jd_mask_field('birth_date', '1981-07-26'),"
                                       " jd_mask_field('name', '林涛雄'),"
                                       " jd_mask_field('content', '电话13800005678'),"
                                       " jd_mask_field('phone', 13800005678),"
                                       " jd_mask_field('household_address', '上林村12号'),"
                                       " jd_mask_field('note', NULL)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "441581********203X");
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "林涛雄");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 3), ==, "电话138****5678");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 4), ==, "138****5678");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 5), ==, "上林村");
  g_assert_cmpint (sqlite3_column_type (stmt, 6), ==, SQLITE_NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Whatever the text, no run of seven digits or more comes out (an ID number's
 * hidden part is eight, a phone number's four of eleven). */
static void
test_no_long_runs (void)
{
  GRand *rand = g_rand_new_with_seed (18);
  static const char *const pieces[] = { "0",  "1",  "3",  "8", "9",  "X",    " ", "-", "号",
                                        "一", "８", "＊", "*", "村", "\xff", "(", "x", "6" };
  for (int n = 0; n < 20000; n++)
    {
      GString *text = g_string_new (NULL);
      int len = g_rand_int_range (rand, 0, 40);
      for (int k = 0; k < len; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      for (JdMaskRule rule = JD_MASK_NAME; rule < JD_MASK_OMIT; rule++)
        {
          g_autofree char *masked = jd_mask (rule, text->str);
          g_assert_true (g_utf8_validate (masked, -1, NULL));
          if (rule == JD_MASK_NAME)
            continue;
          guint run = 0;
          for (const char *p = masked; *p; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);
              run = g_unichar_isdigit (c) ? run + 1 : 0;
              if (run >= 7)
                g_error ("rule %d: %s → %s keeps 7 digits", rule, text->str, masked);
            }
          g_autofree char *again = jd_mask (rule, masked);
          g_assert_cmpstr (again, ==, masked);
        }
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

/* A 10 MB note (the importer takes fields of any length) is masked whole, piece by piece. */
static void
test_large (void)
{
  const char piece[] = "电话13800005678，证441581198107262030住12号；";
  const char masked_piece[] = "电话138****5678，证441581********2030住**号；";
  GString *text = g_string_new (NULL);
  GString *expected = g_string_new (NULL);
  while (text->len < 10 * 1024 * 1024)
    {
      g_string_append (text, piece);
      g_string_append (expected, masked_piece);
    }
  gint64 start = g_get_monotonic_time ();
  g_autofree char *masked = jd_mask_text (text->str);
  g_test_message ("%zu bytes masked in %.2f s", text->len, (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (g_str_equal (masked, expected->str));
  g_string_free (text, TRUE);
  g_string_free (expected, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/mask/cases", test_cases);
  g_test_add_func ("/mask/names-in-text", test_names_in_text);
  g_test_add_func ("/mask/fields", test_fields);
  g_test_add_func ("/mask/sql", test_sql);
  g_test_add_func ("/mask/no-long-runs", test_no_long_runs);
  g_test_add_func ("/mask/large", test_large);
  return g_test_run ();
}
