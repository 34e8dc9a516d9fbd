/* jd-date.c: calendar days, parsed strictly and added as the indicators need
 *
 * Days are GDate Julian numbers so that arithmetic is plain integer arithmetic,
 * and GDate supplies the calendar rules (Feb 29 plus a year is Feb 28).
 */
#include "jd-date.h"

#include <stdio.h>
#include <string.h>

static JdDay today_override;

JdDay
jd_day_new (int year, int month, int day)
{
  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return 0;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
to_gdate (JdDay day, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, day);
}

/* Reads up to max_digits decimal digits; returns the count read. */
static int
read_number (const char **p, int max_digits, int *out)
{
  int n = 0, value = 0;
  while (n < max_digits && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = value;
  return n;
}

/* Exactly "YYYY-MM-DD": the form the ledger stores. */
JdDay
jd_day_parse_iso (const char *text)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  const char *p = text;
  int y, m, d;
  if (read_number (&p, 4, &y) != 4 || *p++ != '-' || read_number (&p, 2, &m) != 2 || *p++ != '-'
      || read_number (&p, 2, &d) != 2)
    return 0;
  return jd_day_new (y, m, d);
}

/* The three forms of docs/contract.md §6: 2024-03-05, 2024/3/5 and 2024年3月5日,
 * with surrounding blanks allowed. */
JdDay
jd_day_parse (const char *text)
{
  if (text == NULL)
    return 0;
  while (g_ascii_isspace (*text))
    text++;

  const char *p = text;
  int y, m, d;
  if (read_number (&p, 4, &y) != 4)
    return 0;

  const char *sep1, *sep2, *tail;
  if (*p == '-')
    sep1 = "-", sep2 = "-", tail = "";
  else if (*p == '/')
    sep1 = "/", sep2 = "/", tail = "";
  else if (g_str_has_prefix (p, "年"))
    sep1 = "年", sep2 = "月", tail = "日";
  else
    return 0;

  p += strlen (sep1);
  if (read_number (&p, 2, &m) == 0 || !g_str_has_prefix (p, sep2))
    return 0;
  p += strlen (sep2);
  if (read_number (&p, 2, &d) == 0 || !g_str_has_prefix (p, tail))
    return 0;
  p += strlen (tail);
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return 0;
  return jd_day_new (y, m, d);
}

void
jd_day_format (JdDay day, char out[JD_DAY_STRLEN])
{
  if (day == 0)
    {
      out[0] = '\0';
      return;
    }
  GDate date;
  to_gdate (day, &date);
  g_snprintf (out, JD_DAY_STRLEN, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
}

char *
jd_day_to_string (JdDay day)
{
  char buf[JD_DAY_STRLEN];
  jd_day_format (day, buf);
  return day ? g_strdup (buf) : NULL;
}

int
jd_day_year (JdDay day)
{
  GDate date;
  to_gdate (day, &date);
  return g_date_get_year (&date);
}

int
jd_day_month (JdDay day)
{
  GDate date;
  to_gdate (day, &date);
  return g_date_get_month (&date);
}

int
jd_day_mday (JdDay day)
{
  GDate date;
  to_gdate (day, &date);
  return g_date_get_day (&date);
}

/* A year and month counted from year 0 and month 0, clamped to the days a
 * ledger can hold (0001-01-01 … 9999-12-31), and the day of the month kept
 * as far as the month allows (Feb 29 becomes Feb 28 in a common year). A day
 * moved past either end stays at that end, so comparisons keep their sense
 * and the SQL text form keeps its four-digit year. */
static JdDay
moved (JdDay day, gint64 months)
{
  GDate date;
  to_gdate (day, &date);
  gint64 total = (gint64)g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1) + months;
  if (total < 12)
    return jd_day_new (1, 1, 1);
  if (total >= (gint64)10000 * 12)
    return jd_day_new (9999, 12, 31);
  int year = (int)(total / 12), month = (int)(total % 12) + 1;
  int mday = MIN (g_date_get_day (&date), g_date_get_days_in_month (month, year));
  return jd_day_new (year, month, mday);
}

/* Keeps month and day; Feb 29 becomes Feb 28 in a common year (docs/contract.md §4). */
JdDay
jd_day_add_years (JdDay day, int years)
{
  return moved (day, (gint64)years * 12);
}

JdDay
jd_day_add_months (JdDay day, int months)
{
  return moved (day, months);
}

/* --today overrides the clock everywhere, for reproducible demos and tests.
 * Otherwise the local day is worked out at most once a second: that reads the
 * time zone's file, and ID numbers are checked against today by the hundred
 * thousand (a city's readiness). */
JdDay
jd_today (void)
{
  static GMutex lock;
  static gint64 worked_out_at = -1; /* the second */
  static JdDay today;

  if (today_override != 0)
    return today_override;
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;
  g_mutex_lock (&lock);
  if (second != worked_out_at)
    {
      g_autoptr (GDateTime) now = g_date_time_new_from_unix_local (second);
      today = jd_day_new (g_date_time_get_year (now), g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
      worked_out_at = second;
    }
  JdDay day = today;
  g_mutex_unlock (&lock);
  return day;
}

void
jd_set_today (JdDay day)
{
  today_override = day;
}
