/* bench-edit.c: the person form's save, N times, on a township ledger
 *
 * What the window does when a person's form is saved (jd-person-window.c):
 * BEGIN IMMEDIATE, the ID number kept (jd_person_set_id_number ()), the record
 * stored (jd_store_person ()), COMMIT, which seals the audit row the change
 * wrote (docs/audit-log.md). Each save changes the phone number of the next
 * person, so every one writes. Run it as a whole process, with a copy of the
 * ledger each time:
 *
 *   bench-edit LEDGER [N]     (N saves, 200 by default)
 */
#include "config.h"

#include <stdlib.h>

#include "jd-ledger-private.h"
#include "jd-person.h"
#include "jd-store.h"

typedef struct
{
  gint64 id;
  char *id_number, *name, *household_address, *residence_address, *note;
  gint64 village_id;
  JdDay first_found_on;
} Person;

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  if (argc < 2)
    {
      g_printerr ("usage: bench-edit LEDGER [N]\n");
      return 1;
    }
  guint n = argc > 2 ? (guint)atoi (argv[2]) : 200;
  g_autoptr (JdLedger) ledger = jd_ledger_open (argv[1], &error);
  if (ledger == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }

  g_autoptr (GArray) persons = g_array_new (FALSE, TRUE, sizeof (Person));
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT id, id_number, name, household_address, residence_address, note, village_id,"
      " first_found_on FROM person ORDER BY id",
      &error);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Person p = { sqlite3_column_int64 (stmt, 0), jd_column_dup (stmt, 1),
                   jd_column_dup (stmt, 2),        jd_column_dup (stmt, 3),
                   jd_column_dup (stmt, 4),        jd_column_dup (stmt, 5),
                   sqlite3_column_int64 (stmt, 6), jd_column_day (stmt, 7) };
      g_array_append_val (persons, p);
    }
  if (stmt)
    sqlite3_reset (stmt);
  if (persons->len == 0)
    {
      g_printerr ("%s: no persons\n", argv[1]);
      return 3;
    }

  gint64 started = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      const Person *p = &g_array_index (persons, Person, i % persons->len);
      g_autofree char *phone = g_strdup_printf ("139%08u", i);
      const JdPersonRecord record = {
        .id_number = p->id_number,
        .name = p->name,
        .phone = phone,
        .household_address = p->household_address,
        .residence_address = p->residence_address,
        .village_id = p->village_id,
        .first_found_on = p->first_found_on,
        .note = p->note,
      };
      gint64 id = 0;
      gboolean ok = jd_ledger_begin (ledger, &error)
                    && jd_person_set_id_number (ledger, p->id, p->id_number, &error)
                    && jd_store_person (ledger, &record, &id, &error) != JD_STORE_FAILED
                    && jd_ledger_commit (ledger, &error);
      if (!ok)
        {
          g_printerr ("save %u: %s\n", i, error->message);
          return 3;
        }
    }
  g_print ("%u saves: %.2f ms each\n", n, (g_get_monotonic_time () - started) / 1000.0 / n);
  return 0;
}
