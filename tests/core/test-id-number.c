/* test-id-number.c: resident ID numbers and the calendar rules behind them */
#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"

typedef struct
{
  const char *input;
  const char *normalized; /* NULL: refused */
  const char *reason;     /* a word the refusal must contain */
} IdCase;

static const IdCase id_cases[] = {
  /* The check digits below were worked out by hand with GB 11643's weights. */
  { "11010519491231002X", "11010519491231002X", NULL },
  { "11010519491231002x", "11010519491231002X", NULL },
  { " 440181199003071234 ", NULL, "check digit" },
  { "440181199003071235", NULL, "check digit" },
  { " 440181199003071231", "440181199003071231", NULL },
  { "11010519491331002X", NULL, "birth date" },
  { "11010520230229001X", NULL, "birth date" }, /* 2023 has no Feb 29 */
  { "110105491231002", NULL, "15-digit" },
  { "1101051949123100", NULL, "18 characters" },
  { "11010519491231A02X", NULL, "digits" },
  { "", NULL, "empty" },
};

static void
test_id_validate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (id_cases); i++)
    {
      const IdCase *c = &id_cases[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean ok = jd_id_number_validate (c->input, &normalized, &error);
      g_test_message ("%s", c->input);
      if (c->normalized)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (normalized, ==, c->normalized);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, c->reason));
        }
    }
}

static void
test_id_derived (void)
{
  /* 17th digit 2 is even: female. */
  g_assert_cmpstr (jd_id_number_sex ("11010519491231002X"), ==, "female");
  g_assert_cmpint (jd_id_number_birth_date ("11010519491231002X"), ==, jd_day_new (1949, 12, 31));
  g_assert_cmpint (jd_id_number_check_digit ("44018119900307123"), ==, '1');
}

typedef struct
{
  const char *text;
  int y, m, d; /* 0: refused */
} DateCase;

static const DateCase date_cases[] = {
  { "2024-03-05", 2024, 3, 5 },
  { "2024/3/5", 2024, 3, 5 },
  { "2024年3月5日", 2024, 3, 5 },
  { " 2024/03/05 ", 2024, 3, 5 },
  { "2024-02-30", 0, 0, 0 },
  { "2023年2月29日", 0, 0, 0 },
  { "2024-3-5x", 0, 0, 0 },
  { "24/3/5", 0, 0, 0 },
  { "2024.03.05", 0, 0, 0 },
  { "2024年3月5", 0, 0, 0 },
  { "", 0, 0, 0 },
};

static void
test_date_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_test_message ("%s", c->text);
      g_assert_cmpuint (jd_day_parse (c->text), ==, c->y ? jd_day_new (c->y, c->m, c->d) : 0);
    }
}

static void
test_date_add_years (void)
{
  /* Feb 29 plus a year is Feb 28; plus four years is Feb 29 again. */
  g_assert_cmpuint (jd_day_add_years (jd_day_new (2020, 2, 29), 1), ==, jd_day_new (2021, 2, 28));
  g_assert_cmpuint (jd_day_add_years (jd_day_new (2020, 2, 29), 4), ==, jd_day_new (2024, 2, 29));
  g_assert_cmpuint (jd_day_add_years (jd_day_new (2021, 3, 1), 3), ==, jd_day_new (2024, 3, 1));
  /* Months: Jan 31 plus one month is Feb 29 in 2024; minus 14 months is 2022-11-30. */
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2024, 1, 31), 1), ==, jd_day_new (2024, 2, 29));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2024, 1, 30), -14), ==,
                    jd_day_new (2022, 11, 30));
  /* In a common year Jan 31 plus one month is Feb 28; Dec 31 plus two months is
   * the next February's last day; Mar 31 minus a month is Feb 29 in 2024; the
   * 15th stays the 15th; Feb 29 plus twelve months is Feb 28. */
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2023, 1, 31), 1), ==, jd_day_new (2023, 2, 28));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2023, 12, 31), 2), ==, jd_day_new (2024, 2, 29));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2024, 3, 31), -1), ==, jd_day_new (2024, 2, 29));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2024, 11, 15), 2), ==, jd_day_new (2025, 1, 15));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (2024, 2, 29), 12), ==, jd_day_new (2025, 2, 28));
  /* Past either end of what a ledger holds a day stays at that end (fuzz-fields
   * found year 2 minus 3 years a GLib critical, year 9999 plus 3 a 5-digit year). */
  g_assert_cmpuint (jd_day_add_years (jd_day_new (2, 6, 1), -3), ==, jd_day_new (1, 1, 1));
  g_assert_cmpuint (jd_day_add_years (jd_day_new (9999, 6, 1), 3), ==, jd_day_new (9999, 12, 31));
  g_assert_cmpuint (jd_day_add_months (jd_day_new (9999, 12, 1), 1), ==, jd_day_new (9999, 12, 31));
  char buf[JD_DAY_STRLEN];
  jd_day_format (jd_day_new (2024, 3, 5), buf);
  g_assert_cmpstr (buf, ==, "2024-03-05");
}

/* Issue 17 item 6: full-width digits said "has 18 characters, this one has
 * 18". They are digits now; a character that is none is named. */
static void
test_id_full_width (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normal = NULL;
  g_assert_true (
      jd_id_number_validate ("　１１０１０５１９８００１０１００１６ ", &normal, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normal, ==, "110105198001010016");
  g_autofree char *x = NULL;
  g_assert_true (jd_id_number_validate ("11010519491231002ｘ", &x, &error));
  g_assert_cmpstr (x, ==, "11010519491231002X");

  g_assert_false (jd_id_number_validate ("1101051980010100一６", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Character 17 of the ID number, “一”, is not a digit: an ID number is 17 digits "
                   "and a last digit or X");
  g_clear_error (&error);
  g_assert_false (jd_id_number_validate ("１１０１０５１９８００１０１００１", NULL, &error));
  g_assert_cmpstr (error->message, ==, "An ID number has 18 characters, this one has 17");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2026, 11, 22));
  g_test_add_func ("/id-number/validate", test_id_validate);
  g_test_add_func ("/id-number/derived", test_id_derived);
  g_test_add_func ("/id-number/full-width", test_id_full_width);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/add-years", test_date_add_years);
  return g_test_run ();
}
