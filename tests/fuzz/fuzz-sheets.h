/* fuzz-sheets.h: what the workbook fuzz targets check of any table source
 *
 * Every sheet is selected and read to its end: each row's number grows, it has
 * at least one and at most JD_TABLE_MAX_COLUMNS cells, every cell is valid
 * UTF-8 with a kind the header names, the fraction stays within 0 and 1, and a
 * sheet that cannot be read says why in valid UTF-8. */
#pragma once

#include "jd-fuzz.h"

#include "jd-table-source.h"

static inline void
jd_fuzz_check_error (GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_error_free (error);
}

static inline void
jd_fuzz_read_every_sheet (JdTableSource *source)
{
  const char *const *sheets = jd_table_source_get_sheets (source);
  g_assert_nonnull (sheets);
  for (guint s = 0; sheets[s] && s < 8; s++)
    {
      GError *error = NULL;
      g_assert_true (g_utf8_validate (sheets[s], -1, NULL));
      if (!jd_table_source_select_sheet (source, sheets[s], &error))
        {
          jd_fuzz_check_error (error);
          continue;
        }
      g_assert_cmpstr (jd_table_source_get_sheet (source), ==, sheets[s]);
      char **cells = NULL;
      JdTableCell *kinds = NULL;
      guint row = 0, last = 0;
      while (jd_table_source_next (source, &cells, &kinds, &row, &error))
        {
          guint n = g_strv_length (cells);
          g_assert_cmpuint (row, >, last);
          g_assert_cmpuint (row, <=, JD_TABLE_MAX_ROWS);
          g_assert_cmpuint (n, >=, 1);
          g_assert_cmpuint (n, <=, JD_TABLE_MAX_COLUMNS);
          for (guint i = 0; i < n; i++)
            {
              g_assert_true (g_utf8_validate (cells[i], -1, NULL));
              g_assert_cmpint (kinds[i], >=, JD_TABLE_CELL_TEXT);
              g_assert_cmpint (kinds[i], <=, JD_TABLE_CELL_NO_VALUE);
            }
          double fraction = jd_table_source_get_fraction (source);
          g_assert_cmpfloat (fraction, >=, 0.0);
          g_assert_cmpfloat (fraction, <=, 1.0);
          char *name = jd_table_source_name_cell (source, row, (int)n - 1);
          g_assert_nonnull (name);
          g_free (name);
          last = row;
          g_strfreev (cells);
          g_free (kinds);
        }
      g_assert_null (cells);
      if (error)
        jd_fuzz_check_error (error);
    }
}
