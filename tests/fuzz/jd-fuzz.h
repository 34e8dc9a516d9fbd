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

#undef G_DISABLE_ASSERT

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string, cut at its first NUL byte (text from a
 * CSV file or an entry never holds one). */
static inline char *
jd_fuzz_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *)data, size);
}
