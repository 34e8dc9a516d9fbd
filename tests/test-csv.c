/* test-csv.c: reading CSV files as Excel and WPS save them */
#include <string.h>

#include "jd-csv.h"
#include "jd-error.h"

/* Each record as "line: field|field|…", one per line: what a reader of the
 * file would point at. */
static char *
read_all (const char *data, gsize length, const char **encoding, GError **error)
{
  guint line = 0;
  g_autoptr (JdCsvReader) reader = jd_csv_reader_new (data, length, &line, error);
  if (reader == NULL)
    return g_strdup_printf ("error at %u", line);
  if (encoding)
    *encoding = jd_csv_reader_get_encoding (reader);

  GString *out = g_string_new (NULL);
  char **fields = NULL;
  while (jd_csv_reader_next (reader, &fields, &line, error))
    {
      g_autofree char *joined = g_strjoinv ("|", fields);
      g_string_append_printf (out, "%u: %s\n", line, joined);
      g_strfreev (fields);
    }
  if (error && *error)
    g_string_append_printf (out, "error at %u\n", line);
  else
    g_assert_cmpfloat (jd_csv_reader_get_fraction (reader), ==, 1.0);
  return g_string_free (out, FALSE);
}

static char *
read_text (const char *text, GError **error)
{
  return read_all (text, strlen (text), NULL, error);
}

static void
test_quoting (void)
{
  g_autoptr (GError) error = NULL;
  /* A comma inside quotes stays in the field; "" is one quote; an empty
   * quoted field is empty; a quote inside an unquoted field is kept. */
  g_autofree char *got = read_text ("a,\"b,c\",\"d\"\"e\",\"\",5\"\n"
                                    "x,,z\n",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==,
                   "1: a|b,c|d\"e||5\"\n"
                   "2: x||z\n");
}

static void
test_crlf (void)
{
  g_autoptr (GError) error = NULL;
  /* Excel writes CRLF: no field keeps a CR, and a quoted line break becomes LF.
   * The last record needs no line break; a lone CR (old Mac files) also ends a line. */
  g_autofree char *got = read_text ("a,b\r\n\"c\r\nd\",e\r\nf,g\rh,i", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==,
                   "1: a|b\n"
                   "2: c\nd|e\n"
                   "4: f|g\n"
                   "5: h|i\n");
}

static void
test_bom (void)
{
  g_autoptr (GError) error = NULL;
  const char *encoding = NULL;
  /* The byte-order mark Excel puts before "CSV UTF-8" is not part of the first column's name. */
  const char data[] = "\xEF\xBB\xBF编码,名称\nV01,东村\n";
  g_autofree char *got = read_all (data, strlen (data), &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "1: 编码|名称\n2: V01|东村\n");
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

static void
test_gb18030 (void)
{
  g_autoptr (GError) error = NULL;
  const char *encoding = NULL;
  const char *utf8 = "编码,名称,第一责任人\nV01,东村,\"林书记, 兼主任\"\n";
  gsize length = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  /* The GB18030 bytes are not UTF-8, so the reader converts them. */
  g_assert_false (g_utf8_validate (gb, length, NULL));

  g_autofree char *got = read_all (gb, length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (got, ==, "1: 编码|名称|第一责任人\n2: V01|东村|林书记, 兼主任\n");

  /* Plain ASCII is valid UTF-8 and is read as such. */
  g_autofree char *ascii = read_all ("a,b\n", 4, &encoding, &error);
  g_assert_cmpstr (ascii, ==, "1: a|b\n");
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

static void
test_line_numbers (void)
{
  g_autoptr (GError) error = NULL;
  /* A record is numbered by the line it starts on: the second record spans
   * lines 2–4, so the third starts on line 5; the blank line 6 is a record of
   * one empty field, and the last record is on line 7. */
  g_autofree char *got = read_text ("h1,h2\n"
                                    "\"one\ntwo\nthree\",x\n"
                                    "y,\"\"\"quoted\"\"\"\n"
                                    "\n"
                                    "last,\"a\nb\"\n",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==,
                   "1: h1|h2\n"
                   "2: one\ntwo\nthree|x\n"
                   "5: y|\"quoted\"\n"
                   "6: \n"
                   "7: last|a\nb\n");
}

static void
test_unterminated_quote (void)
{
  g_autoptr (GError) error = NULL;
  /* The quote opened on line 3 is never closed: the error is on line 3, where
   * the person must look, though the reader only finds out at the end. */
  g_autofree char *got = read_text ("a,b\n"
                                    "c,d\n"
                                    "e,\"never closed\n"
                                    "f,g\n",
                                    &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "the quoted field that starts on this line has no closing quote");
  g_assert_cmpstr (got, ==, "1: a|b\n2: c|d\nerror at 3\n");
}

static void
test_text_after_quote (void)
{
  g_autoptr (GError) error = NULL;
  /* "x"y is neither a quoted field nor a plain one: refused on its line. */
  g_autofree char *got = read_text ("a\n\"multi\nline\",\"x\"y\n", &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "text follows a closing quote"));
  g_assert_cmpstr (got, ==, "1: a\nerror at 3\n");
}

static void
test_not_text (void)
{
  g_autoptr (GError) error = NULL;

  /* 0xFF is neither UTF-8 nor GB18030: the error names line 2, where it is. */
  g_autofree char *bad = read_text ("a,b\nc,\xFF\xFF\n", &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "neither UTF-8 nor GB18030") != NULL);
  g_assert_cmpstr (bad, ==, "error at 2");
  g_clear_error (&error);

  /* A NUL byte: a binary file, refused rather than cut short. */
  g_autofree char *nul = read_all ("a,b\nc\0d\n", 8, NULL, &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "NUL") != NULL);
  g_assert_cmpstr (nul, ==, "error at 2");
  g_clear_error (&error);

  /* UTF-16, what "Unicode text" in Excel writes. */
  g_autofree char *utf16 = read_all ("\xFF\xFE"
                                     "a\0,\0b\0",
                                     8, NULL, &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "UTF-16") != NULL);
  g_clear_error (&error);

  /* With a UTF-8 mark the file must be UTF-8 throughout. */
  g_autofree char *marked = read_text ("\xEF\xBB\xBF"
                                       "a\n\xB6\xAB\n",
                                       &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (marked, ==, "error at 2");
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  /* An empty file has no records; a trailing comma is one more empty field. */
  g_autofree char *empty = read_text ("", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
  g_autofree char *trailing = read_text ("a,", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trailing, ==, "1: a|\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/crlf", test_crlf);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/gb18030", test_gb18030);
  g_test_add_func ("/csv/line-numbers", test_line_numbers);
  g_test_add_func ("/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/csv/not-text", test_not_text);
  g_test_add_func ("/csv/empty", test_empty);
  return g_test_run ();
}
