/* crash-editor.c: a series of edits to a ledger, each one transaction, until killed
 *
 *   crash-editor LEDGER FIRST
 *
 * Edit n (from FIRST on) adds person n (the ID number jd_crash_id_number
 * gives) with a community_detox span and JD_CRASH_FOLLOWUPS follow-ups, and
 * moves person n − 1 on to community_rehab, which closes that person's open
 * span: inserts and updates of five tables, and their audit rows. Once edit
 * n's writes are done it prints "committing n" and flushes, then commits;
 * after the commit it prints "saved n" and flushes, so every "saved" line that
 * reaches the pipe is a transaction the ledger reported as written, and a run
 * whose last line is "committing n" was killed inside edit n's commit.
 * test-crash kills it with SIGKILL at random moments and at commits, and then
 * checks what the ledger holds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "jd-crash.h"
#include "jd-ledger.h"
#include "jd-store.h"

static gboolean
edit (JdLedger *ledger, guint n, const gint64 *villages, GError **error)
{
  static const char *const kinds[JD_CRASH_FOLLOWUPS] = { "talk", "urine_test", "home_visit" };
  JdDay start = jd_day_new (2020, 1, 1) + n % 1000;
  char id_number[19];
  gint64 person = 0;

  jd_crash_id_number (n, id_number);
  g_autofree char *name = g_strdup_printf ("编辑%u", n);
  JdPersonRecord record = { .id_number = id_number,
                            .name = name,
                            .village_id = villages[n % JD_CRASH_VILLAGES],
                            .residence_address = "东村一巷",
                            .first_found_on = start };
  if (jd_store_person (ledger, &record, &person, error) == JD_STORE_FAILED)
    return FALSE;
  JdStatusRecord status = { .person_id = person, .status = "community_detox", .started_on = start };
  if (jd_store_status (ledger, &status, error) == JD_STORE_FAILED)
    return FALSE;
  for (guint i = 0; i < JD_CRASH_FOLLOWUPS; i++)
    {
      JdFollowupRecord followup = { .person_id = person,
                                    .kind = kinds[i],
                                    .occurred_on = start + 1 + i,
                                    .result = i == 1 ? "negative" : NULL,
                                    .staff = "李社工" };
      if (jd_store_followup (ledger, &followup, error) == JD_STORE_FAILED)
        return FALSE;
    }
  if (n > 1)
    {
      jd_crash_id_number (n - 1, id_number);
      gint64 previous = jd_store_find_person (ledger, id_number);
      if (previous == 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "person %u is missing", n - 1);
          return FALSE;
        }
      JdStatusRecord rehab = { .person_id = previous,
                               .status = "community_rehab",
                               .started_on = jd_day_new (2020, 1, 1) + (n - 1) % 1000 + 30 };
      if (jd_store_status (ledger, &rehab, error) == JD_STORE_FAILED)
        return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: crash-editor LEDGER FIRST\n");
      return 1;
    }
  guint first = (guint)strtoul (argv[2], NULL, 10);
  g_autoptr (JdLedger) ledger = jd_ledger_open (argv[1], &error);
  if (ledger == NULL)
    {
      fprintf (stderr, "crash-editor: %s\n", error->message);
      return 3;
    }

  gint64 villages[JD_CRASH_VILLAGES];
  for (guint i = 0; i < JD_CRASH_VILLAGES; i++)
    {
      g_autofree char *code = g_strdup_printf ("V%02u", i + 1);
      villages[i] = jd_store_find_village (ledger, code);
      if (villages[i] == 0)
        {
          fprintf (stderr, "crash-editor: no village %s\n", code);
          return 3;
        }
    }

  for (guint n = first; n < first + 100000; n++)
    {
      if (!jd_ledger_begin (ledger, &error))
        break;
      if (!edit (ledger, n, villages, &error))
        {
          jd_ledger_rollback (ledger);
          break;
        }
      printf ("committing %u\n", n);
      fflush (stdout);
      if (!jd_ledger_commit (ledger, &error))
        break;
      printf ("saved %u\n", n);
      fflush (stdout);
    }
  if (error)
    {
      fprintf (stderr, "crash-editor: %s\n", error->message);
      return 3;
    }
  return 0;
}
