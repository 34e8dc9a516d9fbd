/* jd-cli-print.c: what the commands that print a table or JSON share (see jd-cli.h) */
#include "config.h"

#include "jd-cli.h"

void
jd_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  g_autofree char *text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
jd_cli_display_width (const char *text)
{
  int width = 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
jd_cli_append_padded (GString *line, const char *text, int width, gboolean right)
{
  int pad = width - jd_cli_display_width (text);
  if (!right)
    g_string_append (line, text);
  for (; pad > 0; pad--)
    g_string_append_c (line, ' ');
  if (right)
    g_string_append (line, text);
}
