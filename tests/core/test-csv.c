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

static char *
read_text_as (const char *text, const char **encoding, GError **error)
{
  return read_all (text, strlen (text), encoding, error);
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

/* The reason of a refused file, and its line. */
static char *
refusal (const char *data, gsize length, guint *line)
{
  GError *error = NULL;
  g_autoptr (JdCsvReader) reader = jd_csv_reader_new (data, length, line, &error);
  g_assert_null (reader);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  char *message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

static void
test_utf8_but_for_a_byte (void)
{
  guint line = 0;

  /* Issue 17 item 5: a UTF-8 file with one stray Latin-1 byte (é as E9) was
   * read as GB18030 and 张伟 stored as 寮犱紵. Now it is refused at the line
   * and byte of the stray, and nothing is decoded as something else. */
  const char *names = "公民身份号码,姓名\n"
                      "110105198001010014,张伟\n"
                      "110105198001010022,Ren\xE9 李娜\n";
  g_autofree char *message = refusal (names, strlen (names), &line);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpstr (message, ==,
                   "the file is UTF-8 text but for a few bytes, and this line holds the first: "
                   "byte E9 at offset 74 of the file; correct it, or save the file again as "
                   "“CSV UTF-8”");
  g_assert_cmpuint ((guchar)names[74], ==, 0xE9);

  /* The same behind Excel's byte-order mark: the offset counts the mark. */
  g_autofree char *marked_data = g_strconcat ("\xEF\xBB\xBF", names, NULL);
  g_autofree char *marked = refusal (marked_data, strlen (marked_data), &line);
  g_assert_cmpuint (line, ==, 3);
  g_assert_nonnull (strstr (marked, "byte E9 at offset 77 of the file"));

  /* The only byte beyond ASCII, so nothing outweighs it: still refused, as
   * taking it out leaves valid UTF-8 (read as GB18030, E9 and "," would not
   * even be a character; E9 and "t" would be 閠). */
  const char *ascii = "code,name\nV01,Ste\xE9t\n";
  g_autofree char *lone = refusal (ascii, strlen (ascii), &line);
  g_assert_cmpuint (line, ==, 2);
  g_assert_true (g_str_has_prefix (lone, "the file is UTF-8 text but for a few bytes"));

  /* A stray byte inside a character (中 is E4 B8 AD): E4 A1 B8 AD would be two
   * GB 2312 characters, but it is UTF-8 with A1 pushed in. */
  const char *inside = "code,name\nV01,\xE4\xA1\xB8\xAD\n";
  g_autofree char *pushed = refusal (inside, strlen (inside), &line);
  g_assert_cmpuint (line, ==, 2);
  g_assert_true (g_str_has_prefix (pushed, "the file is UTF-8 text but for a few bytes"));

  /* Three places: the first is named, the others counted. */
  const char *three = "姓名,备注\n张伟,\xE9\n李娜,\xE8\n王芳,\xFC\n";
  g_autofree char *counted = refusal (three, strlen (three), &line);
  g_assert_cmpuint (line, ==, 2);
  g_assert_true (g_str_has_suffix (counted, "(and 2 more places like it)"));
}

static void
test_neither (void)
{
  guint line = 0;
  const char *encoding = NULL;
  g_autoptr (GError) error = NULL;

  /* Latin-1 text is neither UTF-8 nor GB18030 (E9 before a comma is no
   * GB18030 character): refused at its first byte beyond ASCII. */
  const char *latin1 = "name,place\nZo\xEB,Caf\xE9,x\n";
  g_autofree char *message = refusal (latin1, strlen (latin1), &line);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpstr (message, ==,
                   "the file is neither UTF-8 nor GB18030 text (this line holds byte EB, at "
                   "offset 13 of the file, which is not UTF-8): save it again as “CSV UTF-8” "
                   "or “CSV”");

  /* Bytes that GB18030 reads only as rare characters (trail bytes below A1)
   * are not taken for Chinese text. */
  const char *rare = "a,b\nc,\x81\x40\x82\x41\x83\x42\n";
  g_autofree char *odd = refusal (rare, strlen (rare), &line);
  g_assert_nonnull (strstr (odd, "neither UTF-8 nor GB18030"));

  /* A GB18030 file whose only Chinese is one word is GB18030 all the same:
   * taking one byte out of B6 AB (东) leaves no UTF-8. */
  g_autofree char *one = read_text_as ("code,name\nV01,\xB6\xAB\n", &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (one, ==, "1: code|name\n2: V01|东\n");

  /* GB18030's own byte-order mark (84 31 95 33) is no part of the first column's name. */
  g_autofree char *marked = read_text_as ("\x84\x31\x95\x33"
                                          "code,name\nV01,\xB6\xAB\n",
                                          &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (marked, ==, "1: code|name\n2: V01|东\n");
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
  g_test_add_func ("/csv/utf8-but-for-a-byte", test_utf8_but_for_a_byte);
  g_test_add_func ("/csv/neither", test_neither);
  return g_test_run ();
}
