/* fuzz-xlsx.c: the .xlsx reader (src/core/jd-xlsx.c, through jd-table-source.c)
 * on any bytes as a whole file: libgsf's zip reader, then libxml2 on each part.
 * The workbook is refused with a message, or every sheet reads (fuzz-sheets.h). */
#include "fuzz-sheets.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  JdTableSource *source
      = jd_table_source_new_for_data ((const char *)data, size, JD_TABLE_XLSX, NULL, &error);
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
