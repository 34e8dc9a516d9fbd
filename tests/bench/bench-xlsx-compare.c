/* bench-xlsx-compare.c: the year workbook next to its floor and a peer (issue: workbook speed)
 *
 *   bench-xlsx-compare LEDGER PEER.py
 *
 * On the city-scale ledger (made by bench-indicators), three child processes
 * write the same sheets, rows and columns for 2024, each timed and with its
 * peak memory read from wait4 ():
 *   ours   jd_workbook_export (), queries and all;
 *   floor  libxlsxwriter alone, constant memory, writing the very same cells
 *          (text, numbers, dates, percentages, bordered blanks) in the same
 *          formats, read from a file, no ledger;
 *   peer   Debian's Python XlsxWriter (PEER.py), constant memory, the same
 *          cells in the same formats.
 * The cells are dumped from the ledger first (untimed), one line per row with
 * tab-separated cells "KF:value": K is s (text), n (number), d (yyyy-mm-dd),
 * p (fraction) or b (blank), F the cell's format as jd-workbook.c chooses it
 * for the cell and its column (see format_letter), and a "#sheet" line comes
 * before each sheet, its header row in format H. Peak memory is read two ways:
 * ru_maxrss, which counts the pages of the ledger file that SQLite maps
 * read-only, and the largest private (anonymous) resident size sampled from
 * /proc every 20 ms, which is the program's own. The three take turns, three
 * times each, and their medians are compared. Goals: ours ≤ 1.3 × the floor,
 * ≥ 4 × faster than the peer, under 64 MB.
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include "jd-date.h"
#include "jd-registers.h"

#define YEAR 2024

/* ---- the cells, dumped once ------------------------------------------------------------------ */

/* The format of a cell, as jd-workbook.c (cell_format, add_format) gives it:
 * every cell has a thin border and is centred vertically;
 *   T  text, wrapped          C  centred, wrapped       I  ID or phone number, "@"
 *   D  centred "yyyy-mm-dd"   N  centred "0"            M  centred "0.00"
 *   P  centred "0.0%"         H  the header row: bold, centred, wrapped, grey */
static char
format_letter (const JdCell *cell, JdColumnKind kind)
{
  switch (cell->type)
    {
      case JD_CELL_DAY:
        return 'D';
      case JD_CELL_COUNT:
        return 'N';
      case JD_CELL_NUMBER:
        return 'M';
      case JD_CELL_RATIO:
        return 'P';
      default:
        break;
    }
  switch (kind)
    {
      case JD_COLUMN_ID_NUMBER:
      case JD_COLUMN_PHONE:
        return 'I';
      case JD_COLUMN_CENTER:
      case JD_COLUMN_SERIAL:
      case JD_COLUMN_VALUE:
        return 'C';
      case JD_COLUMN_DAY:
        return 'D';
      case JD_COLUMN_COUNT:
        return 'N';
      case JD_COLUMN_RATIO:
        return 'P';
      default:
        return 'T';
    }
}

typedef struct
{
  GString *out;
  const JdRegisterInfo *info;
} Dump;

static gboolean
dump_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Dump *dump = user_data;
  GString *out = dump->out;

  for (guint c = 0; c < n_cells; c++)
    {
      if (c)
        g_string_append_c (out, '\t');
      char format = format_letter (&cells[c], dump->info->columns[c].kind);
      switch (cells[c].type)
        {
          case JD_CELL_TEXT:
            g_string_append_printf (out, "s%c:", format);
            for (const char *t = cells[c].text; *t; t++)
              g_string_append_c (out, *t == '\t' || *t == '\n' ? ' ' : *t);
            break;
          case JD_CELL_DAY:
            {
              char day[JD_DAY_STRLEN];
              jd_day_format (cells[c].day, day);
              g_string_append_printf (out, "d%c:%s", format, day);
            }
            break;
          case JD_CELL_COUNT:
          case JD_CELL_NUMBER:
          case JD_CELL_RATIO:
            if (isfinite (cells[c].number))
              g_string_append_printf (out, "%c%c:%.17g", cells[c].type == JD_CELL_RATIO ? 'p' : 'n',
                                      format, cells[c].number);
            else
              g_string_append_printf (out, "b%c:", format);
            break;
          default:
            g_string_append_printf (out, "b%c:", format);
            break;
        }
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

static char *
dump_cells (const char *ledger_path, guint64 *n_rows)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (ledger_path, &error);
  GString *out = g_string_new (NULL);
  JdRegisterQuery query = { .year = YEAR };

  if (ledger == NULL || !jd_register_begin_snapshot (ledger, &error))
    g_error ("%s", error->message);
  for (JdRegister r = 0; r < JD_N_REGISTERS; r++)
    {
      const JdRegisterInfo *info = jd_register_info (r);
      gsize before = out->len;
      g_string_append_printf (out, "#%s\n", info->key);
      for (guint c = 0; c < info->n_columns; c++)
        g_string_append_printf (out, "%ssH:%s", c ? "\t" : "", info->columns[c].header);
      g_string_append_c (out, '\n');
      Dump dump = { out, info };
      if (!jd_register_rows (ledger, r, &query, dump_row_cb, &dump, &error))
        g_error ("%s", error->message);
      for (gsize i = before; i < out->len; i++)
        *n_rows += out->str[i] == '\n';
    }
  jd_register_end_snapshot (ledger);
  return g_string_free (out, FALSE);
}

/* ---- the two writers that run in children --------------------------------------------------- */

static int
write_ours (const char *ledger_path, const char *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (ledger_path, &error);
  JdExportOptions options = { .path = out, .force = TRUE, .year = YEAR };

  if (ledger == NULL || !jd_workbook_export (ledger, &options, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* The formats of format_letter, made the way jd-workbook.c makes them. */
static lxw_format *
floor_format (lxw_workbook *workbook, char letter)
{
  lxw_format *f = workbook_add_format (workbook);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border (f, LXW_BORDER_THIN);
  if (letter != 'T')
    format_set_align (f, LXW_ALIGN_CENTER);
  if (letter == 'T' || letter == 'C' || letter == 'H')
    format_set_text_wrap (f);
  if (letter == 'H')
    {
      format_set_bold (f);
      format_set_bg_color (f, 0xD9D9D9);
    }
  const char *number = letter == 'I'   ? "@"
                       : letter == 'D' ? "yyyy-mm-dd"
                       : letter == 'N' ? "0"
                       : letter == 'M' ? "0.00"
                       : letter == 'P' ? "0.0%"
                                       : NULL;
  if (number)
    format_set_num_format (f, number);
  return f;
}

static int
write_floor (const char *cells_path, const char *out)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *workbook = workbook_new_opt (out, &options);
  lxw_format *formats[128] = { NULL };
  for (const char *letter = "TCIDNMPH"; *letter; letter++)
    formats[(int)*letter] = floor_format (workbook, *letter);
  lxw_worksheet *sheet = NULL;
  FILE *cells = fopen (cells_path, "r");
  char *line = NULL;
  size_t size = 0;
  lxw_row_t row = 0;

  if (cells == NULL)
    return 1;
  while (getline (&line, &size, cells) > 0)
    {
      line[strcspn (line, "\n")] = '\0';
      if (line[0] == '#')
        {
          sheet = workbook_add_worksheet (workbook, line + 1);
          row = 0;
          continue;
        }
      lxw_col_t col = 0;
      for (char *cell = line, *next; cell; cell = next, col++)
        {
          next = strchr (cell, '\t');
          if (next)
            *next++ = '\0';
          if (strlen (cell) < 3 || cell[2] != ':')
            return 1;
          lxw_format *format = formats[cell[1] & 0x7f];
          const char *value = cell + 3;
          lxw_error status = LXW_NO_ERROR;
          switch (cell[0])
            {
              case 's':
                status = worksheet_write_string (sheet, row, col, value, format);
                break;
              case 'n':
              case 'p':
                status = worksheet_write_number (sheet, row, col, g_ascii_strtod (value, NULL),
                                                 format);
                break;
              case 'd':
                {
                  lxw_datetime day = { 0 };
                  sscanf (value, "%d-%d-%d", &day.year, &day.month, &day.day);
                  status = worksheet_write_datetime (sheet, row, col, &day, format);
                }
                break;
              default:
                status = worksheet_write_blank (sheet, row, col, format);
                break;
            }
          if (status != LXW_NO_ERROR)
            return 1;
        }
      row++;
    }
  free (line);
  fclose (cells);
  return workbook_close (workbook) == LXW_NO_ERROR ? 0 : 1;
}

/* ---- the parent: run each child, time it, read its peak memory ---------------------------------
 */

typedef struct
{
  double seconds;
  long peak_mib;    /* ru_maxrss: mapped ledger pages included */
  long private_mib; /* the largest RssAnon sampled */
} Measure;

/* The private resident size of pid, in KiB, from /proc/PID/status (RssAnon). */
static long
private_kib (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "RssAnon:")))
    return 0;
  return strtol (line + strlen ("RssAnon:"), NULL, 10);
}

static Measure
run_child (char **argv)
{
  struct rusage usage;
  int status = 0;
  long private_peak = 0;
  gint64 start = g_get_monotonic_time ();
  pid_t pid = fork ();

  if (pid == 0)
    {
      execvp (argv[0], argv);
      _exit (127);
    }
  if (pid < 0)
    g_error ("cannot start %s", argv[0]);
  pid_t done;
  while ((done = wait4 (pid, &status, WNOHANG, &usage)) == 0)
    {
      private_peak = MAX (private_peak, private_kib (pid));
      g_usleep (20000);
    }
  if (done != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed", argv[0]);
  return (Measure){ (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss / 1024,
                    private_peak / 1024 };
}

#define RUNS 3

static int
compare_seconds (gconstpointer a, gconstpointer b)
{
  double x = ((const Measure *)a)->seconds, y = ((const Measure *)b)->seconds;
  return (x > y) - (x < y);
}

/* The run of median time (its memory with it). */
static Measure
median (Measure *runs, guint n)
{
  qsort (runs, n, sizeof (Measure), compare_seconds);
  return runs[n / 2];
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, ""); /* g_print writes ≤ and ≥ only in a UTF-8 locale */
  if (argc == 4 && g_str_equal (argv[1], "--ours"))
    return write_ours (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--floor"))
    return write_floor (argv[2], argv[3]);
  if (argc != 3)
    {
      g_printerr ("usage: bench-xlsx-compare LEDGER PEER.py\n");
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s is missing: run the indicators benchmark first, which makes it\n", argv[1]);
      return 77;
    }

  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-xlsx-XXXXXX", &error);
  g_autofree char *cells_path = g_build_filename (dir, "cells.tsv", NULL);
  g_autofree char *ours = g_build_filename (dir, "ours.xlsx", NULL);
  g_autofree char *floor = g_build_filename (dir, "floor.xlsx", NULL);
  g_autofree char *peer = g_build_filename (dir, "peer.xlsx", NULL);
  guint64 n_rows = 0;
  char *cells = dump_cells (argv[1], &n_rows);
  g_file_set_contents (cells_path, cells, -1, NULL);
  g_print ("%d: %" G_GUINT64_FORMAT " rows of 14 sheets, %.1f MB of cells\n", YEAR, n_rows,
           strlen (cells) / 1e6);
  /* Freed before the children are forked, whose memory would count it. */
  g_free (cells);
  malloc_trim (0);

  char *ours_argv[] = { argv[0], "--ours", argv[1], ours, NULL };
  char *floor_argv[] = { argv[0], "--floor", cells_path, floor, NULL };
  char *peer_argv[] = { "/usr/bin/python3", argv[2], cells_path, peer, NULL };
  /* Ours, the floor and the peer take turns, RUNS times each, so that a slow
   * spell of the machine falls on all three; the medians are compared. */
  Measure ours_runs[RUNS], floor_runs[RUNS], peer_runs[RUNS];
  for (guint k = 0; k < RUNS; k++)
    {
      ours_runs[k] = run_child (ours_argv);
      floor_runs[k] = run_child (floor_argv);
      peer_runs[k] = run_child (peer_argv);
      g_print ("  run %u: ours %.1f s, floor %.1f s, peer %.1f s\n", k + 1, ours_runs[k].seconds,
               floor_runs[k].seconds, peer_runs[k].seconds);
    }
  Measure m_ours = median (ours_runs, RUNS);
  Measure m_floor = median (floor_runs, RUNS);
  Measure m_peer = median (peer_runs, RUNS);

  GStatBuf st_ours, st_floor, st_peer;
  g_stat (ours, &st_ours);
  g_stat (floor, &st_floor);
  g_stat (peer, &st_peer);
#define LINE "%-48s %6.1f s  private peak %4ld MiB  maxrss %4ld MiB  %.1f MB\n"
  g_print (LINE, "ours, median (jd_workbook_export, queries included)", m_ours.seconds,
           m_ours.private_mib, m_ours.peak_mib, st_ours.st_size / 1e6);
  g_print (LINE, "floor, median (libxlsxwriter alone, same cells, formats)", m_floor.seconds,
           m_floor.private_mib, m_floor.peak_mib, st_floor.st_size / 1e6);
  g_print (LINE, "peer, median (Python XlsxWriter, same cells, formats)", m_peer.seconds,
           m_peer.private_mib, m_peer.peak_mib, st_peer.st_size / 1e6);
  g_print ("ours / floor = %.2f (goal ≤ 1.3: %s); peer / ours = %.1f (goal ≥ 4: %s); "
           "private peak %ld MiB (goal < 64: %s)\n",
           m_ours.seconds / m_floor.seconds,
           m_ours.seconds <= 1.3 * m_floor.seconds ? "met" : "MISSED",
           m_peer.seconds / m_ours.seconds, m_peer.seconds >= 4 * m_ours.seconds ? "met" : "MISSED",
           m_ours.private_mib, m_ours.private_mib < 64 ? "met" : "MISSED");
  /* What the peer's goal asks: ours within this of the floor, queries and all. */
  g_print ("peer / floor = %.1f: the peer's goal asks for ours ≤ %.2f × the floor\n",
           m_peer.seconds / m_floor.seconds, m_peer.seconds / m_floor.seconds / 4);

  const char *const files[] = { cells_path, ours, floor, peer };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_unlink (files[i]);
  g_rmdir (dir);
  return 0;
}
