/* jd-id-number.c: resident ID numbers (公民身份号码, GB 11643-1999)
 *
 * Eighteen characters: six of region, eight of birth date, three of sequence
 * (the last odd for men), and a check character from the weighted sum mod 11.
 */
#include "config.h"

#include "jd-id-number.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"

static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[] = "10X98765432";

char
jd_id_number_check_digit (const char *first17)
{
  int sum = 0;
  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return check_chars[sum % 11];
}

JdDay
jd_id_number_birth_date (const char *id_number)
{
  int y = 0, m = 0, d = 0;
  if (id_number == NULL || strlen (id_number) != 18)
    return 0;
  for (int i = 6; i < 14; i++)
    if (!g_ascii_isdigit (id_number[i]))
      return 0;
  y = (id_number[6] - '0') * 1000 + (id_number[7] - '0') * 100 + (id_number[8] - '0') * 10
      + (id_number[9] - '0');
  m = (id_number[10] - '0') * 10 + (id_number[11] - '0');
  d = (id_number[12] - '0') * 10 + (id_number[13] - '0');
  return jd_day_new (y, m, d);
}

/* "male" or "female", the 17th digit's parity. */
const char *
jd_id_number_sex (const char *id_number)
{
  g_return_val_if_fail (id_number != NULL && strlen (id_number) == 18, NULL);
  return (id_number[16] - '0') % 2 == 1 ? "male" : "female";
}

/* Accepts surrounding blanks and a lower-case x; normalized is upper-case. */
gboolean
jd_id_number_validate (const char *text, char **normalized, GError **error)
{
  g_autofree char *id = g_strstrip (g_ascii_strup (text ? text : "", -1));
  size_t len = strlen (id);

  if (len == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The ID number is empty"));
      return FALSE;
    }
  if (len == 15)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("15-digit ID numbers (issued before 1999) are not accepted: "
                      "enter the person’s 18-digit number"));
      return FALSE;
    }
  if (len != 18)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("An ID number has 18 characters, this one has %u"),
                   (guint)g_utf8_strlen (id, -1));
      return FALSE;
    }
  for (size_t i = 0; i < 17; i++)
    if (!g_ascii_isdigit (id[i]))
      {
        g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                     _ ("The first 17 characters of an ID number are digits"));
        return FALSE;
      }
  if (!g_ascii_isdigit (id[17]) && id[17] != 'X')
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("The last character of an ID number is a digit or X"));
      return FALSE;
    }
  if (id[0] == '0')
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("An ID number does not start with 0"));
      return FALSE;
    }
  JdDay birth = jd_id_number_birth_date (id);
  if (birth == 0 || jd_day_year (birth) < 1900 || birth > jd_today ())
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("Digits 7–14 of the ID number are not a possible birth date"));
      return FALSE;
    }
  char expected = jd_id_number_check_digit (id);
  if (expected != id[17])
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("The check digit is wrong: the last character should be %c "
                      "— a digit was probably mistyped"),
                   expected);
      return FALSE;
    }
  if (normalized)
    *normalized = g_steal_pointer (&id);
  return TRUE;
}
