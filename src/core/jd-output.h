/* jd-output.h: writing a file other than the ledger, safely
 *
 * Every file the program writes beside the ledger (workbooks, list exports,
 * charts, backups) goes through here. The path is checked first: never the
 * ledger itself nor its -wal, -shm or -journal, never a device, pipe, socket,
 * folder or symbolic link, and an existing file is replaced only with
 * JD_OUTPUT_FORCE. The data goes into a temporary file with an unpredictable
 * name beside the target, created with O_EXCL and O_NOFOLLOW and readable by
 * its owner only (0600, whatever the umask); jd_output_commit () syncs it,
 * renames it over the target and syncs the folder. A failure or
 * jd_output_abort () removes the temporary file and what SQLite made beside
 * it: nothing is left behind.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  JD_OUTPUT_NONE = 0,
  JD_OUTPUT_FORCE = 1 << 0, /* replace an existing regular file */
} JdOutputFlags;

typedef struct _JdOutput JdOutput;

/* Is path a file the program may write? ledger_path (may be NULL) is the
 * ledger the data comes from. JD_ERROR_EXISTS when only FORCE is missing. */
gboolean
jd_output_check (const char *path, const char *ledger_path, JdOutputFlags flags, GError **error);

/* Checks path and creates its temporary file; NULL with the reason. */
JdOutput *
jd_output_new (const char *path, const char *ledger_path, JdOutputFlags flags, GError **error);

const char *jd_output_get_path (JdOutput *self);
/* The temporary file's name, for a library that opens its file itself (SQLite). */
const char *jd_output_get_temp_path (JdOutput *self);
/* A name that opens the very file created, whatever happens to the folder
 * meanwhile (/proc/self/fd/N; the temporary name where /proc is missing). */
const char *jd_output_get_open_path (JdOutput *self);
int jd_output_get_fd (JdOutput *self);

/* Appends bytes to the temporary file. */
gboolean jd_output_write (JdOutput *self, const void *data, gsize size, GError **error);

/* Puts the file in place under its name; frees self, whatever the result. */
gboolean jd_output_commit (JdOutput *self, GError **error);
/* Removes the temporary file and anything beside it; frees self. NULL is fine. */
void jd_output_abort (JdOutput *self);

/* The error for a failed write to path: the disk-full message for ENOSPC and
 * EDQUOT, else "path cannot be written: reason". */
void jd_output_set_errno_error (const char *path, int errsv, GError **error);
gboolean jd_output_errno_is_disk_full (int errsv);

/* Is the ledger file (or its -wal, -shm or -journal) readable or writable by
 * anyone but its owner? mode gets their permission bits together (0644). */
gboolean jd_output_ledger_is_shared (const char *ledger_path, guint *mode);
/* Makes the ledger and its -wal and -shm readable by their owner only (0600). */
gboolean jd_output_make_ledger_private (const char *ledger_path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdOutput, jd_output_abort)

G_END_DECLS
