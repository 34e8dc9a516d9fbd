/* fuzz-sheet-xml.c: the .xlsx sheet reader (src/core/jd-xlsx.c) on any bytes as
 * the XML of a sheet, inside a whole workbook made with libgsf's zip writer
 * (with shared strings and a date style), so that the mutations reach the rows,
 * cells, merged ranges and number formats rather than the zip's checks. */
#include "fuzz-sheets.h"

#include <gsf/gsf.h>

static const char *const parts[][2] = {
  { "xl/workbook.xml",
    "<workbook xmlns:r='r'><workbookPr/><sheets><sheet name='人员' sheetId='1' r:id='rId1'/>"
    "</sheets></workbook>" },
  { "xl/_rels/workbook.xml.rels",
    "<Relationships><Relationship Id='rId1' Target='worksheets/sheet1.xml'/></Relationships>" },
  { "xl/styles.xml", "<styleSheet><numFmts><numFmt numFmtId='164' formatCode='yyyy/m/d'/>"
                     "</numFmts><cellXfs><xf numFmtId='0'/><xf numFmtId='14'/><xf numFmtId='164'/>"
                     "</cellXfs></styleSheet>" },
  { "xl/sharedStrings.xml", "<sst><si><t>公民身份号码</t></si><si><r><t>姓</t></r><r><t>名</t></r>"
                            "<rPh><t>xing</t></rPh></si></sst>" },
};

static void
add_part (GsfOutfile *zip, const char *path, const void *data, size_t size)
{
  char **names = g_strsplit (path, "/", -1);
  GsfOutfile *dir = g_object_ref (zip);
  guint n = g_strv_length (names);
  for (guint i = 0; i + 1 < n; i++)
    {
      GsfOutput *child = gsf_outfile_new_child (dir, names[i], TRUE);
      g_object_unref (dir);
      dir = GSF_OUTFILE (child);
    }
  GsfOutput *file = gsf_outfile_new_child (dir, names[n - 1], FALSE);
  gsf_output_write (file, size, data);
  gsf_output_close (file);
  g_object_unref (file);
  gsf_output_close (GSF_OUTPUT (dir));
  g_object_unref (dir);
  g_strfreev (names);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *zip = gsf_outfile_zip_new (memory, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    add_part (zip, parts[i][0], parts[i][1], strlen (parts[i][1]));
  add_part (zip, "xl/worksheets/sheet1.xml", data, size);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (memory);

  GError *error = NULL;
  const char *bytes = (const char *)gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory));
  gsize length = (gsize)gsf_output_size (memory);
  JdTableSource *source
      = jd_table_source_new_for_data (bytes, length, JD_TABLE_XLSX, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  jd_fuzz_read_every_sheet (source);
  jd_table_source_free (source);
  g_object_unref (memory);
  return 0;
}
