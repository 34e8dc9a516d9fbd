/* jd-error.c: the ledger's error domain, whose errors can name the field at fault
 *
 * JD_ERROR is an extended error domain: besides its message, an error a
 * record's check gives carries the key of the field at fault and the reason
 * alone, so that a form marks the row of that key without reading the
 * message. The message stays "key: reason", as the import and the command
 * line have always said it.
 */
#include "config.h"

#include "jd-error.h"

#include <stdarg.h>

typedef struct
{
  char *field;
  char *reason;
} JdErrorPrivate;

static void
jd_error_private_init (JdErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  priv->field = NULL;
  priv->reason = NULL;
}

static void
jd_error_private_copy (const JdErrorPrivate *src, JdErrorPrivate *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->field = g_strdup (src->field);
  dest->reason = g_strdup (src->reason);
}

static void
jd_error_private_clear (JdErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->reason, g_free);
}

G_DEFINE_EXTENDED_ERROR (JdError, jd_error)

void
jd_set_field_error (GError **error, const char *field, const char *format, ...)
{
  g_return_if_fail (field != NULL && format != NULL);
  if (error == NULL)
    return;

  va_list args;
  va_start (args, format);
  g_autofree char *reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID, "%s: %s", field, reason);
  if (*error == NULL || (*error)->domain != JD_ERROR)
    return; /* error was set already: g_set_error warned */
  JdErrorPrivate *priv = jd_error_get_private (*error);
  if (priv == NULL)
    return;
  g_free (priv->field);
  g_free (priv->reason);
  priv->field = g_strdup (field);
  priv->reason = g_steal_pointer (&reason);
}

const char *
jd_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != JD_ERROR)
    return NULL;
  JdErrorPrivate *priv = jd_error_get_private (error);
  return priv ? priv->field : NULL;
}

const char *
jd_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  JdErrorPrivate *priv = error->domain == JD_ERROR ? jd_error_get_private (error) : NULL;
  if (priv && priv->reason)
    return priv->reason;
  return error->message;
}
