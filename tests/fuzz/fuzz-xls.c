/* fuzz-xls.c: the .xls reader (src/core/jd-xls.c: libfreexl through
 * jd-table-source.c) on any bytes as a file: refused with a message, or every
 * sheet reads (fuzz-sheets.h). */
#include "fuzz-sheets.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  JdTableSource *source
      = jd_table_source_new_for_data ((const char *)data, size, JD_TABLE_XLS, NULL, &error);
  if (source == NULL)
    {
      jd_fuzz_check_error (error);
      return 0;
    }
  g_assert_no_error (error);
  jd_fuzz_read_every_sheet (source);
  jd_table_source_free (source);
  return 0;
}
