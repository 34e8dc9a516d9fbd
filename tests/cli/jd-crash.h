/* jd-crash.h: what test-crash and crash-editor agree on */
#pragma once

#include "jd-date.h"
#include "jd-id-number.h"

/* A valid, distinct 18-character ID number for every n below 36,500,000: born
 * n / 1000 days after 1950-01-01, sequence n % 1000. */
static inline void
jd_crash_id_number (guint n, char out[19])
{
  char birth[JD_DAY_STRLEN];
  jd_day_format (jd_day_new (1950, 1, 1) + n / 1000, birth);
  g_snprintf (out, 19, "441581%.4s%.2s%.2s%03u", birth, birth + 5, birth + 8, n % 1000);
  out[17] = jd_id_number_check_digit (out);
  out[18] = '\0';
}

/* The villages every crash ledger starts with. */
#define JD_CRASH_VILLAGES 5

/* The follow-ups one edit adds to its person. */
#define JD_CRASH_FOLLOWUPS 3
