/* jd-mask.c: what masked lists and workbooks show of personal data
 *
 * The rules, and why each is what it is, are in docs/masking.md. A text is
 * read character by character: digits are ASCII, full-width (or any script's
 * decimal digits) or Chinese numerals (一三八…, as a phone number is sometimes
 * written out), and the characters to hide become one ASCII '*' each; every
 * other character is copied as it was, whole.
 */
#include "config.h"

#include "jd-mask.h"

#include <sqlite3.h>
#include <string.h>

/* Twelve bytes a character: a 10 MB note costs some 120 MB while it is masked. */
typedef struct
{
  gunichar c;
  guint32 offset; /* in bytes; its length is up to the next character's */
  gint8 digit;    /* 0–9, -1 for none */
  gint8 script;   /* 1 decimal digits of any script, 2 Chinese numerals, 0 none */
} Char;

typedef struct
{
  char *text;  /* valid UTF-8 */
  Char *chars; /* n, and one more whose offset is the text's end */
  guint n;
  guint8 *hide;
  guint hidden;
} Scan;

static int
digit_value (gunichar c, gint8 *script)
{
  static const struct
  {
    gunichar c;
    int value;
  } numerals[] = {
    { 0x3007, 0 }, /* 〇 */
    { 0x96F6, 0 }, /* 零 */
    { 0x4E00, 1 }, /* 一 */
    { 0x5E7A, 1 }, /* 幺, how 1 is read out in a phone number */
    { 0x4E8C, 2 }, /* 二 */
    { 0x4E09, 3 }, /* 三 */
    { 0x56DB, 4 }, /* 四 */
    { 0x4E94, 5 }, /* 五 */
    { 0x516D, 6 }, /* 六 */
    { 0x4E03, 7 }, /* 七 */
    { 0x516B, 8 }, /* 八 */
    { 0x4E5D, 9 }, /* 九 */
  };

  /* ASCII, full-width (０–９) and every other script's decimal digits alike. */
  *script = 1;
  if (c >= '0' && c <= '9')
    return c - '0';
  if (g_unichar_isdigit (c))
    return g_unichar_digit_value (c);
  *script = 2;
  for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
    if (numerals[i].c == c)
      return numerals[i].value;
  *script = 0;
  return -1;
}

static gboolean
is_check_x (gunichar c)
{
  return c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58;
}

/* What may stand between the groups of one number: 138 0000 5678, 0660-8812345. */
static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == '-' || c == 0xFF0D || c == 0x3000;
}

static void
scan_init (Scan *scan, const char *text)
{
  scan->text = g_utf8_make_valid (text, -1);
  glong n = g_utf8_strlen (scan->text, -1);
  scan->chars = g_new0 (Char, n + 1);
  scan->hide = g_new0 (guint8, n + 1);
  scan->n = 0;
  scan->hidden = 0;
  for (const char *p = scan->text; *p; p = g_utf8_next_char (p))
    {
      Char *ch = &scan->chars[scan->n++];
      ch->c = g_utf8_get_char (p);
      ch->offset = p - scan->text;
      ch->digit = digit_value (ch->c, &ch->script);
    }
  scan->chars[scan->n].offset = strlen (scan->text);
}

static void
scan_clear (Scan *scan)
{
  g_free (scan->text);
  g_free (scan->chars);
  g_free (scan->hide);
}

static char *
scan_result (Scan *scan)
{
  GString *out = g_string_sized_new (strlen (scan->text));
  for (guint i = 0; i < scan->n; i++)
    if (scan->hide[i])
      g_string_append_c (out, '*');
    else
      g_string_append_len (out, scan->text + scan->chars[i].offset,
                           scan->chars[i + 1].offset - scan->chars[i].offset);
  return g_string_free (out, FALSE);
}

/* ---- numbers in text ------------------------------------------------------------------ */

typedef struct
{
  guint start, end; /* chars [start, end) */
  int script;
} Run;

/* The most digits an ID or phone number has (8613800005678 has 13, an ID 18),
 * with room to spare. */
#define MAX_NUMBER 19

typedef enum
{
  NUMBER_NONE,
  NUMBER_ID,        /* 18 characters: region 6, birth date 8, sequence 3, check 1 */
  NUMBER_OLD_ID,    /* 15 digits, issued before 1999: region 6, birth date 6, sequence 3 */
  NUMBER_MOBILE,    /* 11 digits from 1 */
  NUMBER_MOBILE_86, /* 86 and the 11 */
  NUMBER_LANDLINE,  /* an area code from 0, then the number: 0660-8812345 */
  NUMBER_LONG,      /* any other 7 digits or more */
} NumberKind;

/* The digits' positions of runs [first, last], and an ID number's X after them. */
static guint
collect_digits (Scan *scan, const Run *runs, guint first, guint last, guint *digits)
{
  guint n = 0;
  for (guint r = first; r <= last; r++)
    for (guint i = runs[r].start; i < runs[r].end; i++)
      digits[n++] = i;
  guint after = runs[last].end;
  if (n == 17 && runs[last].script == 1 && after < scan->n && is_check_x (scan->chars[after].c))
    digits[n++] = after;
  return n;
}

static NumberKind
classify (Scan *scan, const guint *digits, guint n, gboolean grouped, guint first_group)
{
  int d0 = scan->chars[digits[0]].digit;
  int d1 = n > 1 ? scan->chars[digits[1]].digit : -1;
  int d2 = n > 2 ? scan->chars[digits[2]].digit : -1;

  if (n == 18)
    return NUMBER_ID;
  if (n == 15)
    return NUMBER_OLD_ID;
  if (n == 11 && d0 == 1)
    return NUMBER_MOBILE;
  if (n == 13 && d0 == 8 && d1 == 6 && d2 == 1)
    return NUMBER_MOBILE_86;
  if (grouped)
    return (n >= 10 && n <= 12 && d0 == 0 && first_group >= 3 && first_group <= 4) ? NUMBER_LANDLINE
                                                                                   : NUMBER_NONE;
  return n >= 7 ? NUMBER_LONG : NUMBER_NONE;
}

static void
hide_digits (Scan *scan, const guint *digits, guint n, NumberKind kind, guint first_group)
{
  for (guint k = 0; k < n; k++)
    {
      gboolean hidden;
      switch (kind)
        {
          case NUMBER_ID:
            hidden = k >= 6 && k < 14;
            break;
          case NUMBER_OLD_ID:
            hidden = k >= 6 && k < 12;
            break;
          case NUMBER_MOBILE:
            hidden = k >= 3 && k < 7;
            break;
          case NUMBER_MOBILE_86:
            hidden = k >= 5 && k < 9;
            break;
          case NUMBER_LANDLINE:
            hidden = k >= first_group && k + 4 < n;
            break;
          case NUMBER_LONG:
            hidden = k + 4 < n && (n < 11 || k >= 3);
            break;
          case NUMBER_NONE:
          default:
            hidden = FALSE;
            break;
        }
      if (hidden && !scan->hide[digits[k]])
        {
          scan->hide[digits[k]] = TRUE;
          scan->hidden++;
        }
    }
}

/* Marks the hidden digits of every ID and phone number in the text. A number
 * is a run of digits of one script; runs of three digits or more joined by one
 * separator are one number when together they make an ID or a phone number
 * (138 0000 5678), so that a date (2024-01-15) stays apart. An asterisk counts
 * as a digit already hidden: a masked number is the number it was, and
 * masking it again hides nothing more. */
static void
scan_numbers (Scan *scan)
{
  g_autoptr (GArray) run_array = g_array_new (FALSE, FALSE, sizeof (Run));
  guint digits[MAX_NUMBER + 2];

  for (guint i = 0; i < scan->n;)
    {
      if (scan->chars[i].digit < 0 && scan->chars[i].c != '*')
        {
          i++;
          continue;
        }
      Run run = { i, i, 0 };
      while (run.end < scan->n)
        {
          const Char *ch = &scan->chars[run.end];
          if (ch->c == '*')
            {
              /* Asterisks before digits of another script are theirs. */
              guint k = run.end;
              while (k < scan->n && scan->chars[k].c == '*')
                k++;
              if (run.script && k < scan->n && scan->chars[k].digit >= 0
                  && scan->chars[k].script != run.script)
                break;
              run.end = k;
              continue;
            }
          if (ch->digit < 0 || (run.script && ch->script != run.script))
            break;
          run.script = ch->script;
          run.end++;
        }
      g_array_append_val (run_array, run);
      i = run.end;
    }

  const Run *runs = (const Run *)(gpointer)run_array->data;
  guint n_runs = run_array->len;
  for (guint r = 0; r < n_runs;)
    {
      /* The longest group of runs from r that makes a number. */
      guint best = r;
      NumberKind best_kind = NUMBER_NONE;
      guint first_group = runs[r].end - runs[r].start;
      guint total = first_group;
      for (guint j = r + 1; first_group >= 3 && j < n_runs; j++)
        {
          total += runs[j].end - runs[j].start;
          if (runs[j].start != runs[j - 1].end + 1 || !is_separator (scan->chars[runs[j - 1].end].c)
              || (runs[j].script && runs[r].script && runs[j].script != runs[r].script)
              || runs[j].end - runs[j].start < 3 || total > MAX_NUMBER)
            break;
          guint n = collect_digits (scan, runs, r, j, digits);
          NumberKind kind = classify (scan, digits, n, TRUE, first_group);
          if (kind != NUMBER_NONE)
            {
              best = j;
              best_kind = kind;
            }
        }
      if (best_kind == NUMBER_NONE && first_group > MAX_NUMBER)
        {
          /* Longer than any ID or phone number: its first 3 and last 4 stay. */
          for (guint i = runs[r].start + 3; i + 4 < runs[r].end; i++)
            scan->hide[i] = TRUE;
          scan->hidden++;
          r++;
        }
      else if (best_kind == NUMBER_NONE)
        {
          guint n = collect_digits (scan, runs, r, r, digits);
          hide_digits (scan, digits, n, classify (scan, digits, n, FALSE, n), n);
          r++;
        }
      else
        {
          guint n = collect_digits (scan, runs, r, best, digits);
          hide_digits (scan, digits, n, best_kind, first_group);
          r = best + 1;
        }
    }
}

/* A rule applied until it hides nothing more: hidden digits are asterisks, and
 * asterisks count as digits already hidden, so a pass can join what the one
 * before left apart. Each pass only turns digits into asterisks, so this ends;
 * in practice after the second pass, which finds nothing to do. */
static char *
mask_until_done (char *(*once) (const char *text), const char *text)
{
  if (text == NULL)
    return NULL;
  char *masked = once (text);
  for (;;)
    {
      char *again = once (masked);
      if (g_str_equal (again, masked))
        {
          g_free (again);
          return masked;
        }
      g_free (masked);
      masked = again;
    }
}

static gboolean is_house_word (Scan *scan, guint i);

/* A house number in free text (上林村12号家中, 北门社区八路19号出租屋): up to six
 * ASCII or full-width digits before 号, 栋, 室 and the like are hidden, but for
 * a day of a month (3月15号) and the end of a longer number. */
static void
scan_house_numbers (Scan *scan)
{
  for (guint i = 0; i < scan->n;)
    {
      if (scan->chars[i].script != 1 && scan->chars[i].c != '*')
        {
          i++;
          continue;
        }
      guint end = i;
      while (end < scan->n && (scan->chars[end].script == 1 || scan->chars[end].c == '*'))
        end++;
      /* After 月 a day; after other digits or asterisks, part of a longer number. */
      gboolean apart = i == 0
                       || (scan->chars[i - 1].c != 0x6708 && scan->chars[i - 1].digit < 0
                           && scan->chars[i - 1].c != '*');
      if (end - i <= 6 && apart && is_house_word (scan, end))
        for (guint k = i; k < end; k++)
          if (scan->chars[k].script == 1)
            {
              scan->hide[k] = TRUE;
              scan->hidden++;
            }
      i = end;
    }
}

static char *
mask_text_once (const char *text)
{
  Scan scan;

  scan_init (&scan, text);
  scan_numbers (&scan);
  scan_house_numbers (&scan);
  char *masked = scan_result (&scan);
  scan_clear (&scan);
  return masked;
}

char *
jd_mask_text (const char *text)
{
  return mask_until_done (mask_text_once, text);
}

/* ---- fields ------------------------------------------------------------------------------ */

/* 张*: the first character stays, one asterisk hides the rest and its length. */
char *
jd_mask_name (const char *name)
{
  if (name == NULL)
    return NULL;
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_strstrip (valid);
  if (*valid == '\0')
    return g_strdup ("");
  const char *rest = g_utf8_next_char (valid);
  if (*rest == '*' && rest[1] == '\0')
    return g_strdup (valid);
  return g_strdup_printf ("%.*s*", (int)(rest - valid), valid);
}

/* What a field holds when it is not a whole ID or phone number: every digit
 * but the last four hidden, unless it holds asterisks (masked already). */
static void
hide_all_but_last_digits (Scan *scan)
{
  guint n_digits = 0;
  for (guint i = 0; i < scan->n; i++)
    {
      if (scan->chars[i].c == '*')
        return;
      n_digits += scan->chars[i].digit >= 0;
    }
  for (guint i = 0, k = 0; i < scan->n; i++)
    if (scan->chars[i].digit >= 0 && k++ + 4 < n_digits)
      scan->hide[i] = TRUE;
}

static char *
mask_field_once (const char *text)
{
  Scan scan;

  scan_init (&scan, text);
  scan_numbers (&scan);
  if (scan.hidden == 0)
    hide_all_but_last_digits (&scan);
  char *masked = scan_result (&scan);
  scan_clear (&scan);
  return masked;
}

/* 110105********002X: the region and the sequence stay, the birth date goes
 * (110105******123 for a 15-digit number). */
char *
jd_mask_id_number (const char *id_number)
{
  return mask_until_done (mask_field_once, id_number);
}

/* 138****5678, 0660-***2345. */
char *
jd_mask_phone (const char *phone)
{
  return mask_until_done (mask_field_once, phone);
}

/* Is the text at chars[i] one of the words that follow a house number? */
static gboolean
is_house_word (Scan *scan, guint i)
{
  static const char *const words[]
      = { "号", "栋", "幢", "座", "室", "楼", "层", "单元", "弄", "户" };
  if (i >= scan->n)
    return FALSE;
  const char *at = scan->text + scan->chars[i].offset;
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    if (g_str_has_prefix (at, words[w]))
      return TRUE;
  return FALSE;
}

static gboolean
is_chinese_count (gunichar c)
{
  gint8 script;
  return (digit_value (c, &script) >= 0 && script == 2) || c == 0x5341 /* 十 */
         || c == 0x767E /* 百 */ || c == 0x5343 /* 千 */ || c == 0x4E24 /* 两 */;
}

/* 广东省陆丰市博美镇上林村: everything from the house number on is cut, that is
 * from the first ASCII or full-width digit, or from Chinese numerals followed
 * by 号, 栋, 室 and the like (十二号); then the blanks and marks before it. */
static char *
mask_address_once (const char *address)
{
  Scan scan;

  scan_init (&scan, address);
  guint cut = scan.n;
  for (guint i = 0; i < scan.n && cut == scan.n; i++)
    {
      if (scan.chars[i].script == 1)
        cut = i;
      else if (is_chinese_count (scan.chars[i].c))
        {
          guint end = i;
          while (end < scan.n && is_chinese_count (scan.chars[end].c))
            end++;
          if (is_house_word (&scan, end))
            cut = i;
          i = end - 1;
        }
    }
  while (
      cut > 0
      && (g_unichar_isspace (scan.chars[cut - 1].c) || g_unichar_ispunct (scan.chars[cut - 1].c)))
    cut--;
  scan.n = cut;
  scan_numbers (&scan);
  char *masked = scan_result (&scan);
  scan_clear (&scan);
  return masked;
}

char *
jd_mask_address (const char *address)
{
  return mask_until_done (mask_address_once, address);
}

/* Free text with its ID and phone numbers masked and each of the names (a
 * row's persons, NULL-terminated) shown as its mask. */
char *
jd_mask_text_names (const char *text, const char *const *names)
{
  char *masked = jd_mask_text (text);
  for (guint i = 0; masked && names && names[i]; i++)
    {
      g_autofree char *name = g_utf8_make_valid (names[i], -1);
      g_strstrip (name);
      /* A one-character name would hide every such character of the text. */
      if (g_utf8_strlen (name, -1) < 2 || strstr (masked, name) == NULL)
        continue;
      g_autofree char *name_mask = jd_mask_name (name);
      g_auto (GStrv) parts = g_strsplit (masked, name, -1);
      g_free (masked);
      masked = g_strjoinv (name_mask, parts);
    }
  return masked;
}

char *
jd_mask (JdMaskRule rule, const char *text)
{
  if (text == NULL)
    return NULL;
  switch (rule)
    {
      case JD_MASK_NAME:
        return jd_mask_name (text);
      case JD_MASK_ID_NUMBER:
        return jd_mask_id_number (text);
      case JD_MASK_PHONE:
        return jd_mask_phone (text);
      case JD_MASK_ADDRESS:
        return jd_mask_address (text);
      case JD_MASK_TEXT:
        return jd_mask_text (text);
      case JD_MASK_OMIT:
        return NULL;
      case JD_MASK_KEEP:
      default:
        return g_utf8_make_valid (text, -1);
    }
}

JdMaskRule
jd_mask_rule_for_field (const char *field)
{
  static const struct
  {
    const char *field;
    JdMaskRule rule;
  } fields[] = {
    { "id_number", JD_MASK_ID_NUMBER },
    { "phone", JD_MASK_PHONE },
    { "birth_date", JD_MASK_OMIT },
    { "age", JD_MASK_OMIT },
    { "household_address", JD_MASK_ADDRESS },
    { "residence_address", JD_MASK_ADDRESS },
    { "address", JD_MASK_ADDRESS },
    { "note", JD_MASK_TEXT },
    { "content", JD_MASK_TEXT },
    { "finding", JD_MASK_TEXT },
    { "place", JD_MASK_TEXT },
    { "party", JD_MASK_TEXT },
    { "key_spot", JD_MASK_TEXT },
  };

  for (guint i = 0; field && i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].field))
      return fields[i].rule;
  return JD_MASK_KEEP;
}

static void
sql_mask_field (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *field = (const char *)sqlite3_value_text (argv[0]);
  JdMaskRule rule = jd_mask_rule_for_field (field);

  if (rule == JD_MASK_OMIT)
    {
      sqlite3_result_null (ctx);
      return;
    }
  /* A number is masked as its digits are: a phone number may have come in as one. */
  if (rule == JD_MASK_KEEP || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_value (ctx, argv[1]);
      return;
    }
  char *masked = jd_mask (rule, (const char *)sqlite3_value_text (argv[1]));
  sqlite3_result_text (ctx, masked, -1, g_free);
}

int
jd_mask_register_sql (struct sqlite3 *db)
{
  return sqlite3_create_function (db, "jd_mask_field", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  sql_mask_field, NULL, NULL);
}
