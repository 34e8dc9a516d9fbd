/* jd-cmd-chart.c: jindu chart --db FILE --chart KIND --from A --to B --out FILE.png|.svg|.pdf
 *                 [--width W --height H] [--force] (docs/contract.md §5)
 *
 * Renders one dashboard chart without a display: the same drawing as the
 * window's (src/export/jd-chart.c), from the indicator engine's values.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-chart.h"
#include "jd-cli.h"
#include "jd-indicators.h"

#define MAX_YEARS 100

int
jd_cmd_chart (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *kind_text = NULL, *from_text = NULL, *to_text = NULL, *out = NULL;
  int width = 1200, height = 675;
  gboolean force = FALSE;
  const GOptionEntry entries[]
      = { { "chart", 0, 0, G_OPTION_ARG_STRING, &kind_text,
            N_ ("The chart: relapse, coverage, new-users, urine or status"), N_ ("KIND") },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("The first year"), N_ ("YEAR") },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_ ("The last year"), N_ ("YEAR") },
          { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
            N_ ("The file to write: PNG, SVG or PDF by its extension"), N_ ("FILE") },
          { "width", 0, 0, G_OPTION_ARG_INT, &width,
            N_ ("Width in pixels (PNG) or points (default 1200)"), N_ ("W") },
          { "height", 0, 0, G_OPTION_ARG_INT, &height, N_ ("Height (default 675)"), N_ ("H") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE when it exists"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "chart", NULL, _ ("Draws a dashboard chart of a range of years into a file."), entries,
      &common);
  g_option_context_set_description (
      context, _ ("The file is readable by its owner only (0600). An existing FILE is left alone "
                  "unless --force is given; the ledger itself, a device, a folder or a link is "
                  "never written.\n\n"
                  "Exit status: 0 when the chart is written; 1 on bad usage; 3 when the ledger "
                  "cannot be read or the file cannot be written."));
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  int first = 0, last = 0;
  JdChartKind kind = JD_CHART_RELAPSE;

  if (rc == JD_EXIT_OK && !(kind_text && from_text && to_text && out))
    rc = jd_cli_usage (context,
                       _ ("chart needs --chart KIND, --from YEAR, --to YEAR and --out FILE"));
  if (rc == JD_EXIT_OK && !jd_chart_kind_from_key (kind_text, &kind))
    {
      g_autofree char *keys = jd_chart_describe_keys ();
      rc = jd_cli_usage (context, _ ("--chart: “%s” is not a chart; the charts are %s"), kind_text,
                         keys);
    }
  if (rc == JD_EXIT_OK)
    rc = jd_cli_parse_year (context, "from", from_text, &first);
  if (rc == JD_EXIT_OK)
    rc = jd_cli_parse_year (context, "to", to_text, &last);
  if (rc == JD_EXIT_OK && last < first)
    rc = jd_cli_usage (context, _ ("--to %d comes before --from %d"), last, first);
  if (rc == JD_EXIT_OK && last - first >= MAX_YEARS)
    rc = jd_cli_usage (context, _ ("a range covers at most %d years"), MAX_YEARS);

  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      JdOutputFlags flags = force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE;
      g_autofree char *db = jd_cli_db_path (&common);
      /* The path first: a refused FILE costs no opening of the ledger. */
      g_autoptr (JdLedger) ledger
          = jd_output_check (out, db, flags, &error) ? jd_cli_open_ledger (&common, &error) : NULL;
      g_autoptr (JdIndicators) indicators
          = ledger ? jd_indicators_compute (ledger, first, last, 0, &error) : NULL;
      g_autoptr (JdChart) chart = indicators ? jd_chart_new (kind, indicators, ledger) : NULL;
      if (chart == NULL || !jd_chart_write (chart, out, db, flags, width, height, &error))
        rc = jd_cli_fail (error);
    }
  jd_cli_common_clear (&common);
  return rc;
}
