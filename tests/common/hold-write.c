/* hold-write.c: another program in the middle of a long write to a ledger
 *
 *   hold-write LEDGER SECONDS
 *
 * Takes the ledger's write lock (BEGIN IMMEDIATE), renames its first village
 * without committing, prints "holding" and flushes, then waits until its
 * standard input closes or SECONDS have passed, and rolls back. Meanwhile the
 * ledger can be read only from its last commit (a WAL snapshot); the tests
 * check that every reading command does so without waiting for the lock.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "jd-ledger-private.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: hold-write LEDGER SECONDS\n");
      return 1;
    }
  g_autoptr (JdLedger) ledger = jd_ledger_open (argv[1], &error);
  if (ledger == NULL || !jd_ledger_begin (ledger, &error)
      || !jd_ledger_exec (ledger,
                          "UPDATE village SET name = name || '（改名中）'"
                          " WHERE id = (SELECT min(id) FROM village)",
                          &error))
    {
      fprintf (stderr, "hold-write: %s\n", error->message);
      return 1;
    }
  printf ("holding\n");
  fflush (stdout);

  /* Until the test closes our standard input, or the time is up. */
  struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
  gint64 end = g_get_monotonic_time () + atoi (argv[2]) * G_USEC_PER_SEC;
  for (gint64 now; (now = g_get_monotonic_time ()) < end;)
    {
      char buf[64];
      if (poll (&in, 1, (int)((end - now) / 1000) + 1) > 0
          && read (STDIN_FILENO, buf, sizeof buf) <= 0)
        break;
    }
  jd_ledger_rollback (ledger);
  return 0;
}
