/* jd-table-cell.c: a column's letters, as the spreadsheets name them (see jd-table-cell.h) */
#include "config.h"

#include "jd-table-cell.h"

char *
jd_table_column_letters (guint column)
{
  char buffer[8];
  int i = (int)sizeof buffer - 1;
  buffer[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buffer[--i] = (char)('A' + (column - 1) % 26);
      column = (column - 1) / 26;
    }
  return g_strdup (buffer + i);
}
