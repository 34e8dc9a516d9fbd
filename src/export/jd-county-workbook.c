/* jd-county-workbook.c: the county's inspection workbook (docs/contract.md §7, §9)
 *
 * Every sheet is opened first (titled for the county, or for the one township
 * asked for); then each township's snapshot is opened in turn and each
 * register's rows appended to its sheet, led by the township's name, so every
 * sheet is still written top to bottom (jd-workbook.h). The county's own rows
 * of 基本情况 and 指标趋势 come first, from jd_county_indicators ().
 */
#include "config.h"

#include "jd-county-workbook.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "jd-county-audit.h"
#include "jd-date.h"
#include "jd-error.h"

/* The years of 指标趋势, as the township's workbook counts them. */
#define TREND_YEARS 10

typedef struct
{
  const JdRegisterQuery *query;
  JdRegisterSheet *sheets[JD_N_REGISTERS]; /* NULL: not wanted */
  GCancellable *cancellable;
  JdProgressFunc progress;
  gpointer user_data;
  guint done, total; /* townships */
} CountyExport;

static gboolean
township_rows_cb (const JdCountyTownship *township,
                  JdLedger *ledger,
                  gpointer user_data,
                  GError **error)
{
  CountyExport *export = user_data;
  if (jd_export_check_cancelled (export->cancellable, error))
    return FALSE;
  /* Every register of a township reads one state of its snapshot, and the
   * indicator engine runs once for them all. */
  if (!jd_register_begin_snapshot (ledger, error))
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < JD_N_REGISTERS; i++)
    if (export->sheets[i])
      {
        jd_register_sheet_set_township (export->sheets[i], township->name);
        ok = jd_register_sheet_add_rows (export->sheets[i], ledger, i, export->query, error)
             && !jd_export_check_cancelled (export->cancellable, error);
      }
  jd_register_end_snapshot (ledger);
  if (ok && export->progress)
    export->progress (0.95 * ++export->done / MAX (export->total, 1), export->user_data);
  if (!ok)
    g_prefix_error (error, "%s: ", township->name);
  return ok;
}

/* 基本情况 and 指标趋势's rows for the whole county. */
static gboolean
county_rows (JdCounty *county, CountyExport *export, GError **error)
{
  if (export->sheets[JD_REGISTER_SUMMARY] == NULL && export->sheets[JD_REGISTER_TRENDS] == NULL)
    return TRUE;
  const JdRegisterQuery *query = export->query;
  JdDay as_of = query->as_of ? query->as_of : jd_day_new (query->year, 12, 31);
  g_autoptr (JdIndicators) indicators
      = jd_county_indicators (county, NULL, query->year - (TREND_YEARS - 1), query->year, as_of,
                              NULL, NULL, export->cancellable, error);
  if (indicators == NULL)
    return FALSE;
  const char *name = jd_county_get_name (county);
  static const JdRegister registers[] = { JD_REGISTER_SUMMARY, JD_REGISTER_TRENDS };
  for (guint k = 0; k < G_N_ELEMENTS (registers); k++)
    {
      JdRegisterSheet *sheet = export->sheets[registers[k]];
      if (sheet == NULL)
        continue;
      jd_register_sheet_set_township (sheet, name);
      if (!jd_register_rows_of_indicators (indicators, name, registers[k], query,
                                           jd_register_sheet_append_cb, sheet, error))
        return FALSE;
    }
  return TRUE;
}

static char *
audit_details (const JdExportOptions *options, const char *township)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "what");
  json_builder_add_string_value (builder, "county workbook");
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, options->year);
  if (township)
    {
      json_builder_set_member_name (builder, "township");
      json_builder_add_string_value (builder, township);
    }
  json_builder_set_member_name (builder, "sheets");
  json_builder_begin_array (builder);
  guint n = options->registers ? options->n_registers : JD_N_REGISTERS;
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (
        builder,
        jd_register_info (options->registers ? options->registers[i] : (JdRegister)i)->sheet);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
jd_county_workbook_export (JdCounty *county,
                           const char *township,
                           const JdExportOptions *options,
                           JdProgressFunc progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (county), FALSE);

  gboolean wanted[JD_N_REGISTERS];
  if (!jd_export_options_wanted (options, wanted))
    return FALSE;

  /* The townships first: an unknown --township costs no file. */
  g_autoptr (GPtrArray) townships = jd_county_townships (county, township, error);
  if (townships == NULL)
    return FALSE;
  if (townships->len == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s holds no township’s package yet: add them with jindu county add"),
                   jd_county_get_path (county));
      return FALSE;
    }

  /* The townships' snapshots are the county's data too: never written over. */
  g_autofree char *parent = g_path_get_dirname (options->path);
  g_autofree char *parent_real = realpath (parent, NULL);
  g_autofree char *folder_real = realpath (jd_county_get_folder (county), NULL);
  if (parent_real && folder_real && g_str_equal (parent_real, folder_real))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is in the folder of the county’s township snapshots: choose another "
                      "folder"),
                   options->path);
      return FALSE;
    }

  JdRegisterQuery query = { .year = options->year, .as_of = options->as_of, .mask = options->mask };
  const char *place = township ? township : jd_county_get_name (county);
  JdWorkbook *workbook = jd_export_workbook_new (options, jd_county_get_path (county),
                                                 jd_county_get_name (county), error);
  if (workbook == NULL)
    return FALSE;

  CountyExport export = {
    .query = &query,
    .cancellable = cancellable,
    .progress = progress,
    .user_data = user_data,
    .total = townships->len,
  };
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < JD_N_REGISTERS; i++)
    if (wanted[i])
      ok = (export.sheets[i]
            = jd_register_sheet_new (workbook, i, &query, place, cancellable, error))
           != NULL;
  if (ok && township == NULL)
    ok = county_rows (county, &export, error);
  if (ok)
    ok = jd_county_foreach (county, township, township_rows_cb, &export, NULL, error);
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    if (export.sheets[i])
      ok = jd_register_sheet_finish (export.sheets[i], ok, error);
  if (ok)
    ok = !jd_export_check_cancelled (cancellable, error);
  if (!ok)
    {
      jd_workbook_abort (workbook);
      return FALSE;
    }
  if (!jd_workbook_commit (workbook, error))
    return FALSE;
  g_autofree char *details = audit_details (options, township);
  if (!jd_county_log_output (county, options->path, details, options->mask, error))
    return FALSE;
  if (progress)
    progress (1.0, user_data);
  return TRUE;
}
