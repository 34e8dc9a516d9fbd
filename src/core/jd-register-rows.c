/* jd-register-rows.c: the entry points of the register queries (docs/contract.md §7)
 *
 * jd_register_count () and jd_register_rows () check the query and hand the
 * register to the code that builds it: jd-register-query.c for the registers
 * read with SQL, jd-register-indicators.c for those built on the indicator
 * engine (the register table's from_indicators). Both sit on
 * jd-register-context.c and neither calls the other.
 */
#include "config.h"

#include "jd-register-query.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-register-query-private.h"

static gboolean
check_query (const JdRegisterQuery *query, GError **error)
{
  if (query->year < 1900 || query->year > 9999)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%d is not a year the ledger can hold"),
                   query->year);
      return FALSE;
    }
  if (query->as_of != 0 && jd_day_year (query->as_of) != query->year)
    {
      g_autofree char *text = jd_day_to_string (query->as_of);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The date %s is not in the year %d"), text,
                   query->year);
      return FALSE;
    }
  return TRUE;
}

/* The rows a register will have: what a progress bar counts. */
gint64
jd_register_count (JdLedger *ledger,
                   JdRegister register_,
                   const JdRegisterQuery *query,
                   GError **error)
{
  JdRegisterContext ctx;
  gint64 n;

  g_return_val_if_fail (JD_IS_LEDGER (ledger), -1);
  g_return_val_if_fail (register_ < JD_N_REGISTERS, -1);
  if (!check_query (query, error))
    return -1;

  jd_register_context_init (&ctx, ledger, register_, query, NULL, NULL);
  n = ctx.info->from_indicators ? jd_register_count_indicators (&ctx, error)
                                : jd_register_count_records (&ctx, error);
  jd_register_context_clear (&ctx);
  return n;
}

/* Hands every row of a register to func, in the order of the paper form. */
gboolean
jd_register_rows (JdLedger *ledger,
                  JdRegister register_,
                  const JdRegisterQuery *query,
                  JdRowFunc func,
                  gpointer user_data,
                  GError **error)
{
  JdRegisterContext ctx;
  gboolean ok;

  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (register_ < JD_N_REGISTERS, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  if (!check_query (query, error))
    return FALSE;

  jd_register_context_init (&ctx, ledger, register_, query, func, user_data);
  ok = ctx.info->from_indicators ? jd_register_indicator_rows (&ctx, error)
                                 : jd_register_record_rows (&ctx, error);
  jd_register_context_clear (&ctx);
  return ok;
}
