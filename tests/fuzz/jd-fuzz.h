/* jd-fuzz.h: what every fuzz target and the replay driver share
 *
 * A target is one libFuzzer entry point, LLVMFuzzerTestOneInput, that feeds
 * its bytes to the code under test and checks what comes back; a failed check
 * aborts (g_assert is never compiled out here). Built with -Dfuzzing=true and
 * CC=clang it links libFuzzer; otherwise tests/fuzz/fuzz-replay.c drives it.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#undef G_DISABLE_ASSERT

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string, cut at its first NUL byte (text from a
 * CSV file or an entry never holds one). */
static inline char *
jd_fuzz_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *)data, size);
}

/* Valid UTF-8 text made from the input (NUL bytes as spaces, invalid bytes as
 * U+FFFD), with one byte of it pushed in at a place the input chooses:
 * "UTF-8 but for one byte", a file that must never be imported. NULL when the
 * pushed-in byte leaves the text valid UTF-8 (then it is not such a file).
 * The byte and the place are taken from the input's first three bytes. */
static inline GByteArray *
jd_fuzz_utf8_but_one_byte (const uint8_t *data, size_t size)
{
  if (size < 3)
    return NULL;
  guint8 stray = data[0];
  size_t at = ((size_t)data[1] << 8 | data[2]);
  char *copy = g_malloc (size - 3 + 1); /* never NULL, even for no text */
  memcpy (copy, data + 3, size - 3);
  for (size_t i = 0; i < size - 3; i++)
    if (copy[i] == '\0')
      copy[i] = ' ';
  char *valid = g_utf8_make_valid (copy, (gssize)(size - 3));
  g_free (copy);
  size_t len = strlen (valid);
  at = len ? at % (len + 1) : 0;
  GByteArray *out = g_byte_array_sized_new ((guint)len + 1);
  g_byte_array_append (out, (const guint8 *)valid, (guint)at);
  g_byte_array_append (out, &stray, 1);
  g_byte_array_append (out, (const guint8 *)valid + at, (guint)(len - at));
  g_free (valid);
  if (g_utf8_validate_len ((const char *)out->data, out->len, NULL))
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return out;
}
