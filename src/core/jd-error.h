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

G_END_DECLS
