/* fuzz-fields.c: the importer's field parsers on any text
 *
 * ID numbers (jd-id-number), dates in the three forms of docs/contract.md §6 (jd-date)
 * and enumerated values by key or Chinese label (jd-enums), and the masks the
 * lists and workbooks show (jd-mask): none gives an ID number back. The first byte picks the
 * parser; the rest is the cell's text, made valid UTF-8 as the CSV reader and the forms guarantee.
 */
#include "jd-fuzz.h"

#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-id-number.h"
#include "jd-mask.h"

static void
check_id_number (const char *text)
{
  GError *error = NULL;
  char *normal = NULL;
  if (!jd_id_number_validate (text, &normal, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (normal);
      g_error_free (error);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (normal), ==, 18);
      g_assert_cmpint (jd_id_number_check_digit (normal), ==, normal[17]);
      JdDay birth = jd_id_number_birth_date (normal);
      g_assert_cmpint (birth, !=, 0);
      g_assert_cmpint (birth, <=, jd_today ());
      const char *sex = jd_id_number_sex (normal);
      g_assert_true (g_str_equal (sex, "male") || g_str_equal (sex, "female"));
      char *mask = jd_mask_id_number (normal);
      g_assert_cmpuint (strlen (mask), ==, 18);
      g_assert_cmpint (strncmp (mask, normal, 6), ==, 0);
      g_assert_cmpint (strncmp (mask + 6, "********", 8), ==, 0);
      g_assert_cmpint (strcmp (mask + 14, normal + 14), ==, 0);
      g_free (mask);
      /* Standing in any text, no eight of its characters in a row are left,
       * so its birth date (digits 7–14) cannot be read back. */
      char *around = g_strconcat (text, normal, text, NULL);
      char *masked = jd_mask_text (around);
      for (int k = 0; k + 8 <= 18; k++)
        {
          char window[9];
          memcpy (window, normal + k, 8);
          window[8] = '\0';
          g_assert_null (strstr (masked, window));
        }
      g_free (masked);
      g_free (around);
      /* A valid number is valid again as it was normalized. */
      g_assert_true (jd_id_number_validate (normal, NULL, NULL));
      g_free (normal);
    }
  /* Any text: a birth date or none, and a mask in valid UTF-8. */
  JdDay birth = jd_id_number_birth_date (text);
  g_assert_true (birth == 0 || (jd_day_year (birth) >= 1 && jd_day_year (birth) <= 9999));
  char *mask = jd_mask_id_number (text);
  g_assert_true (g_utf8_validate (mask, -1, NULL));
  g_free (mask);
}

/* No run of seven digits or more is left (the longest kept is an ID number's
 * six of its region), and masking again changes nothing. */
static void
check_masked (JdMaskRule rule, const char *text)
{
  char *masked = jd_mask (rule, text);
  g_assert_true (g_utf8_validate (masked, -1, NULL));
  guint run = 0;
  for (const char *p = masked; *p; p = g_utf8_next_char (p))
    {
      run = g_unichar_isdigit (g_utf8_get_char (p)) ? run + 1 : 0;
      g_assert_cmpuint (run, <, 7);
    }
  char *again = jd_mask (rule, masked);
  g_assert_cmpstr (again, ==, masked);
  g_free (again);
  g_free (masked);
}

static void
check_date (const char *text)
{
  char formatted[JD_DAY_STRLEN];
  JdDay day = jd_day_parse (text);
  JdDay iso = jd_day_parse_iso (text);
  /* The strict form is one of the three. */
  if (iso != 0)
    g_assert_cmpint (day, ==, iso);
  if (day == 0)
    return;
  int year = jd_day_year (day), month = jd_day_month (day), mday = jd_day_mday (day);
  g_assert_cmpint (year, >=, 1);
  g_assert_cmpint (year, <=, 9999);
  g_assert_cmpint (jd_day_new (year, month, mday), ==, day);
  jd_day_format (day, formatted);
  g_assert_cmpuint (strlen (formatted), ==, 10);
  g_assert_cmpint (jd_day_parse_iso (formatted), ==, day);
  g_assert_cmpint (jd_day_parse (formatted), ==, day);
  /* The indicators add years and months to any stored day: a day again, in
   * order, kept at 0001-01-01 or 9999-12-31 past either end, and printed with
   * four digits (the SQL function compares them as text). */
  for (int years = -3; years <= 4; years++)
    for (int in_months = 0; in_months < 2; in_months++)
      {
        JdDay other
            = in_months ? jd_day_add_months (day, years * 5) : jd_day_add_years (day, years);
        g_assert_cmpint (other, !=, 0);
        if (years > 0)
          g_assert_cmpint (other, >=, day);
        if (years < 0)
          g_assert_cmpint (other, <=, day);
        if (years > 0 && year + years < 9999)
          g_assert_cmpint (other, >, day);
        jd_day_format (other, formatted);
        g_assert_cmpuint (strlen (formatted), ==, 10);
        if (!in_months && jd_day_year (other) == year + years)
          g_assert_cmpint (jd_day_mday (other), ==,
                           MIN (mday, g_date_get_days_in_month (month, year + years)));
      }
}

static void
check_enums (const char *text)
{
  for (JdEnum which = 0; which < JD_N_ENUMS; which++)
    {
      const char *key = jd_enum_find (which, text);
      if (key == NULL)
        continue;
      /* Found by key or label, it is a key whose label and Chinese term exist. */
      g_assert_cmpstr (jd_enum_find (which, key), ==, key);
      g_assert_cmpstr (jd_enum_find (which, jd_enum_zh (which, key)), ==, key);
      g_assert_nonnull (jd_enum_label (which, key));
      g_assert_true (g_str_equal (text, key) || g_str_equal (text, jd_enum_zh (which, key)));
    }
}

static void
check_masks (const char *text)
{
  char *name = jd_mask_name (text);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (*name == '\0' || g_str_has_suffix (name, "*"));
  g_assert_cmpuint (g_utf8_strlen (name, -1), <=, 2);
  g_free (name);
  check_masked (JD_MASK_ID_NUMBER, text);
  check_masked (JD_MASK_PHONE, text);
  check_masked (JD_MASK_ADDRESS, text);
  check_masked (JD_MASK_TEXT, text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  char *raw = jd_fuzz_string (data + 1, size - 1);
  char *text = g_utf8_make_valid (raw, -1);
  switch (data[0] % 4)
    {
      case 0:
        check_id_number (text);
        break;
      case 1:
        check_date (text);
        break;
      case 2:
        check_enums (text);
        break;
      default:
        check_masks (text);
        break;
    }
  g_free (text);
  g_free (raw);
  return 0;
}
