/* fuzz-replay.c: drives a fuzz target without libFuzzer
 *
 *   fuzz-TARGET SEED-FOLDER [--mutations N] [--seed S]
 *
 * Every file of the seed folder goes through LLVMFuzzerTestOneInput, then N
 * inputs (5,000 by default) made from them by random mutations of the kinds
 * libFuzzer makes: bytes flipped, inserted, erased, repeated, swapped for
 * the characters CSV files and dates are made of, and two seeds spliced. Built
 * by gcc when libFuzzer is not there, so the suite always runs the targets. */
#include "jd-fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tokens[] = {
  ",",
  "\"",
  "\"\"",
  "\r\n",
  "\n",
  "\r",
  "年",
  "月",
  "日",
  "-",
  "/",
  "X",
  "x",
  "0",
  "9",
  " ",
  "\xEF\xBB\xBF",
  "\xFF\xFE",
  "\xE3\x80\x80",
  "\x81\x30",
  "\xC3",
  "=\"",
  "\xF0\x9F",
  "\xE5\xB9",
  "19",
  "2024",
  "02-29",
  "1231",
  "00",
  "社区",
  "公民身份号码",
  "是",
  "否",
};

static void
insert_bytes (GByteArray *input, guint at, const guint8 *bytes, guint n)
{
  GByteArray *tail = g_byte_array_new ();
  g_byte_array_append (tail, input->data + at, input->len - at);
  g_byte_array_set_size (input, at);
  g_byte_array_append (input, bytes, n);
  g_byte_array_append (input, tail->data, tail->len);
  g_byte_array_unref (tail);
}

static void
mutate (GRand *rand, GByteArray *input, GPtrArray *seeds)
{
  guint rounds = g_rand_int_range (rand, 1, 5);
  for (guint r = 0; r < rounds; r++)
    {
      guint len = input->len;
      guint at = len ? g_rand_int_range (rand, 0, len + 1) : 0;
      switch (g_rand_int_range (rand, 0, 7))
        {
          case 0: /* flip a bit */
            if (len)
              input->data[at % len] ^= 1u << g_rand_int_range (rand, 0, 8);
            break;
          case 1: /* a random byte in */
            {
              guint8 byte = (guint8)g_rand_int_range (rand, 0, 256);
              insert_bytes (input, at, &byte, 1);
            }
            break;
          case 2: /* a range out */
            if (len)
              {
                at %= len;
                g_byte_array_remove_range (input, at,
                                           g_rand_int_range (rand, 1, MIN (len - at, 16) + 1));
              }
            break;
          case 3: /* a range repeated */
            if (len)
              {
                at %= len;
                guint n = g_rand_int_range (rand, 1, MIN (len - at, 32) + 1);
                g_autofree guint8 *copy = g_memdup2 (input->data + at, n);
                guint times = g_rand_int_range (rand, 1, 4);
                for (guint t = 0; t < times; t++)
                  insert_bytes (input, g_rand_int_range (rand, 0, input->len + 1), copy, n);
              }
            break;
          case 4: /* a token in */
          case 5:
            {
              const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
              insert_bytes (input, at, (const guint8 *)token, strlen (token));
            }
            break;
          default: /* spliced with another seed */
            {
              GBytes *other = seeds->pdata[g_rand_int_range (rand, 0, seeds->len)];
              gsize other_len = 0;
              const guint8 *other_data = g_bytes_get_data (other, &other_len);
              guint from = other_len ? g_rand_int_range (rand, 0, other_len + 1) : 0;
              g_byte_array_set_size (input, at);
              g_byte_array_append (input, other_data + from, other_len - from);
            }
            break;
        }
    }
}

int
main (int argc, char **argv)
{
  guint mutations = 5000;
  guint32 seed = 20261122;
  const char *folder = NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--mutations") && i + 1 < argc)
      mutations = (guint)strtoul (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
      seed = (guint32)strtoul (argv[++i], NULL, 10);
    else
      folder = argv[i];
  if (folder == NULL)
    {
      fprintf (stderr, "usage: %s SEED-FOLDER [--mutations N] [--seed S]\n", argv[0]);
      return 1;
    }

  GError *error = NULL;
  GDir *dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, (GCompareFunc)(void (*) (void))g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      char *path = g_build_filename (folder, names->pdata[i], NULL);
      char *contents = NULL;
      gsize length = 0;
      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_ptr_array_add (seeds, g_bytes_new_take (contents, length));
      g_free (path);
    }
  g_ptr_array_unref (names);
  if (seeds->len == 0)
    {
      fprintf (stderr, "%s holds no seeds\n", folder);
      return 1;
    }

  guint64 executions = 0;
  for (guint i = 0; i < seeds->len; i++, executions++)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (seeds->pdata[i], &length);
      LLVMFuzzerTestOneInput (data, length);
    }

  GRand *rand = g_rand_new_with_seed (seed);
  GByteArray *input = g_byte_array_new ();
  for (guint i = 0; i < mutations; i++, executions++)
    {
      gsize length = 0;
      const guint8 *data
          = g_bytes_get_data (seeds->pdata[g_rand_int_range (rand, 0, seeds->len)], &length);
      g_byte_array_set_size (input, 0);
      g_byte_array_append (input, data, length);
      mutate (rand, input, seeds);
      /* A copy of exactly the input's size, so reading past it is caught by the sanitizers. */
      guint8 *exact = g_memdup2 (input->data, input->len);
      LLVMFuzzerTestOneInput (exact, input->len);
      g_free (exact);
    }
  g_byte_array_unref (input);
  g_rand_free (rand);

  printf ("%s: %" G_GUINT64_FORMAT " executions (%u seeds, %u mutations, seed %u)\n", argv[0],
          executions, seeds->len, mutations, seed);
  g_ptr_array_unref (seeds);
  return 0;
}
