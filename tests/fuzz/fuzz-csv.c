/* fuzz-csv.c: the CSV reader (src/core/jd-csv) on any bytes
 *
 * Whatever the file holds, the reader either refuses it at a line with a
 * message, or gives records of valid UTF-8 fields on lines that never go
 * backwards, and a progress fraction between 0 and 1.
 *
 * Then the encoding choice: the input made valid UTF-8 with one byte pushed
 * in (jd_fuzz_utf8_but_one_byte) is always refused, never read as GB18030
 * (issue 17: 张伟 came out as 寮犱紵), and the refusal names a line. */
#include "jd-fuzz.h"

#include "jd-csv.h"

static void
check_utf8_but_one_byte (const uint8_t *data, size_t size)
{
  GByteArray *file = jd_fuzz_utf8_but_one_byte (data, size);
  if (file == NULL)
    return;
  GError *error = NULL;
  guint error_line = 0;
  JdCsvReader *reader
      = jd_csv_reader_new ((const char *)file->data, file->len, &error_line, &error);
  if (reader != NULL)
    g_error ("a file that is UTF-8 but for one byte was read as %s",
             jd_csv_reader_get_encoding (reader));
  g_assert_nonnull (error);
  g_assert_cmpuint (error_line, >=, 1);
  g_error_free (error);
  g_byte_array_unref (file);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_utf8_but_one_byte (data, size);

  GError *error = NULL;
  guint error_line = G_MAXUINT;
  JdCsvReader *reader = jd_csv_reader_new ((const char *)data, size, &error_line, &error);
  if (reader == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (error_line, >=, 1);
      g_error_free (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (error_line, ==, 0);

  const char *encoding = jd_csv_reader_get_encoding (reader);
  g_assert_true (g_str_equal (encoding, "UTF-8") || g_str_equal (encoding, "GB18030"));

  char **fields = NULL;
  guint line = 0, last_line = 1, records = 0;
  double last_fraction = 0.0;
  while (jd_csv_reader_next (reader, &fields, &line, &error))
    {
      g_assert_nonnull (fields);
      g_assert_nonnull (fields[0]);
      g_assert_cmpuint (line, >=, last_line);
      for (guint i = 0; fields[i]; i++)
        g_assert_true (g_utf8_validate (fields[i], -1, NULL));
      double fraction = jd_csv_reader_get_fraction (reader);
      g_assert_cmpfloat (fraction, >=, last_fraction);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last_fraction = fraction;
      last_line = line;
      records++;
      g_strfreev (fields);
      g_assert_cmpuint (records, <=, size + 1);
    }
  g_assert_null (fields);
  if (error)
    {
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (line, >=, last_line);
      g_error_free (error);
    }
  g_assert_false (jd_csv_reader_next (reader, &fields, &line, NULL));
  jd_csv_reader_free (reader);
  return 0;
}
