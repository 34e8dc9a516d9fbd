/* jd-error.h: the ledger's error domain */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JD_ERROR (jd_error_quark ())

typedef enum
{
  JD_ERROR_INVALID,    /* bad data: nothing was written (exit 2) */
  JD_ERROR_NOT_LEDGER, /* the file is not a Jindu ledger (exit 3) */
  JD_ERROR_DAMAGED,    /* the file is damaged: cut short, or a page of it unreadable (exit 3) */
  JD_ERROR_TOO_NEW,    /* written by a newer Jindu (exit 3) */
  JD_ERROR_NOT_FOUND,  /* no such file or record (exit 3) */
  JD_ERROR_EXISTS,     /* the file already exists (exit 3) */
  JD_ERROR_IO,         /* the disk or the database failed (exit 3) */
  JD_ERROR_BUSY,       /* another program holds the ledger (exit 3) */
  JD_ERROR_CANCELLED,  /* the user cancelled */
} JdError;

/* The name JD_ERROR_DAMAGED had when only a short file was detected. */
#define JD_ERROR_TRUNCATED JD_ERROR_DAMAGED

GQuark jd_error_quark (void);

/* A record's field is at fault: the message is "field: reason" (what the
 * import and the command line print), and the error carries the field's key
 * and the reason apart (jd_error_get_field, jd_error_get_reason). */
void jd_set_field_error (GError **error, const char *field, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
/* The key of the field an error names (JD_ERROR only), or NULL. */
const char *jd_error_get_field (const GError *error);
/* The reason without the field's key; the whole message for other errors. */
const char *jd_error_get_reason (const GError *error);

G_END_DECLS
