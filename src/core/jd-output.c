/* jd-output.c: writing a file other than the ledger, safely
 *
 * The order of the steps is the point: check the path (lstat, so a link is
 * seen as a link), create the temporary file with O_CREAT|O_EXCL|O_NOFOLLOW
 * under a name nobody can guess (so nothing planted in the folder can catch
 * it), fchmod it 0600, let the writer fill it, fsync, check the path again,
 * rename, fsync the folder. Whatever fails on the way, the temporary file and
 * its SQLite companions are unlinked before the error is returned.
 */
#define _GNU_SOURCE /* renameat2 */
#include "config.h"

#include "jd-output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-error.h"

/* What SQLite may create beside a database file. */
static const char *const companions[] = { "-journal", "-wal", "-shm" };

#define RANDOM_CHARS 12
#define MAX_BASE_BYTES 80 /* of the target's name in the temporary file's */

struct _JdOutput
{
  char *path;
  char *ledger_path;
  JdOutputFlags flags;
  char *temp_path;
  char *open_path;
  int fd;
  dev_t dev;
  ino_t ino;
};

gboolean
jd_output_errno_is_disk_full (int errsv)
{
  return errsv == ENOSPC || errsv == EDQUOT;
}

void
jd_output_set_errno_error (const char *path, int errsv, GError **error)
{
  if (jd_output_errno_is_disk_full (errsv))
    g_set_error (
        error, JD_ERROR, JD_ERROR_IO,
        _ ("The disk holding %s is full: nothing was saved. Free some space and try again."), path);
  else
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be written: %s"), path,
                 g_strerror (errsv));
}

/* ---- checking the path ------------------------------------------------------------ */

/* path's folder resolved, and its own name: the name the file would have. */
static char *
resolve_name (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (folder, NULL);
  if (real == NULL)
    return NULL;
  return g_build_filename (real, base, NULL);
}

static gboolean
same_file (const struct stat *a, const char *path)
{
  struct stat b;
  return g_stat (path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

static void
set_ledger_error (const char *path, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_EXISTS,
               _ ("%s is the ledger itself or one of its working files: choose another file"),
               path);
}

/* Is path the ledger or one of its companions, by name or by the file it is? */
static gboolean
is_ledger (const char *path, const struct stat *existing, const char *ledger_path)
{
  if (ledger_path == NULL)
    return FALSE;

  g_autofree char *name = resolve_name (path);
  g_autofree char *ledger = resolve_name (ledger_path);
  /* The ledger's own name may be a link; what it names is the ledger too. */
  g_autofree char *ledger_target = realpath (ledger_path, NULL);
  const char *ledgers[] = { ledger, ledger_target };

  for (guint l = 0; l < G_N_ELEMENTS (ledgers); l++)
    {
      if (name == NULL || ledgers[l] == NULL)
        continue;
      if (g_str_equal (name, ledgers[l]))
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        {
          g_autofree char *companion = g_strconcat (ledgers[l], companions[i], NULL);
          if (g_str_equal (name, companion))
            return TRUE;
        }
    }
  if (existing)
    {
      if (same_file (existing, ledger_path))
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        {
          g_autofree char *companion = g_strconcat (ledger_path, companions[i], NULL);
          if (same_file (existing, companion))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
jd_output_check (const char *path, const char *ledger_path, JdOutputFlags flags, GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  struct stat st;
  gboolean exists = g_lstat (path, &st) == 0;
  if (!exists && errno != ENOENT)
    {
      jd_output_set_errno_error (path, errno, error);
      return FALSE;
    }
  if (*path == '\0')
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_IO,
                           _ ("No file name was given for the file to write"));
      return FALSE;
    }
  if (g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s is a folder: choose a file name in it"),
                   path);
      return FALSE;
    }
  if (is_ledger (path, exists ? &st : NULL, ledger_path))
    {
      set_ledger_error (path, error);
      return FALSE;
    }
  if (!exists)
    return TRUE;
  if (S_ISLNK (st.st_mode))
    g_set_error (error, JD_ERROR, JD_ERROR_IO,
                 _ ("%s is a symbolic link: give the name of the file itself, or another name"),
                 path);
  else if (S_ISDIR (st.st_mode))
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s is a folder: choose a file name in it"),
                 path);
  else if (!S_ISREG (st.st_mode))
    g_set_error (error, JD_ERROR, JD_ERROR_IO,
                 _ ("%s is a device, a pipe or a socket, not a file: choose another name"), path);
  else if (!(flags & JD_OUTPUT_FORCE))
    g_set_error (error, JD_ERROR, JD_ERROR_EXISTS,
                 _ ("%s already exists; choose another name, or add --force to replace it"), path);
  else
    return TRUE;
  return FALSE;
}

/* ---- the temporary file --------------------------------------------------------------- */

static void
random_chars (char *out, guint n)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  guint8 bytes[RANDOM_CHARS];

  g_assert (n <= RANDOM_CHARS);
  if (getrandom (bytes, n, 0) != (ssize_t)n)
    for (guint i = 0; i < n; i++)
      bytes[i] = (guint8)g_random_int ();
  for (guint i = 0; i < n; i++)
    out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
  out[n] = '\0';
}

static void
remove_temporary (JdOutput *self)
{
  if (self->temp_path == NULL)
    return;
  g_unlink (self->temp_path);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (self->temp_path, companions[i], NULL);
      g_unlink (companion);
    }
}

static void
output_free (JdOutput *self)
{
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self->ledger_path);
  g_free (self->temp_path);
  g_free (self->open_path);
  g_free (self);
}

JdOutput *
jd_output_new (const char *path, const char *ledger_path, JdOutputFlags flags, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!jd_output_check (path, ledger_path, flags, error))
    return NULL;

  JdOutput *self = g_new0 (JdOutput, 1);
  self->path = g_strdup (path);
  self->ledger_path = g_strdup (ledger_path);
  self->flags = flags;
  self->fd = -1;

  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  if (strlen (base) > MAX_BASE_BYTES)
    base[MAX_BASE_BYTES] = '\0';
  for (int attempt = 0; self->fd < 0 && attempt < 100; attempt++)
    {
      char letters[RANDOM_CHARS + 1];
      random_chars (letters, RANDOM_CHARS);
      g_autofree char *name = g_strdup_printf ("%s.%s.tmp", base, letters);
      g_free (self->temp_path);
      self->temp_path = g_build_filename (folder, name, NULL);
      self->fd = open (self->temp_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (self->fd < 0 && errno != EEXIST)
        break;
    }
  if (self->fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&self->temp_path, g_free);
      jd_output_set_errno_error (path, saved, error);
      output_free (self);
      return NULL;
    }

  struct stat st;
  if (fchmod (self->fd, 0600) != 0 || fstat (self->fd, &st) != 0)
    {
      int saved = errno;
      jd_output_set_errno_error (path, saved, error);
      jd_output_abort (self);
      return NULL;
    }
  self->dev = st.st_dev;
  self->ino = st.st_ino;

  self->open_path = g_strdup_printf ("/proc/self/fd/%d", self->fd);
  if (!g_file_test (self->open_path, G_FILE_TEST_EXISTS))
    {
      g_free (self->open_path);
      self->open_path = g_strdup (self->temp_path);
    }
  return self;
}

const char *
jd_output_get_path (JdOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
jd_output_get_temp_path (JdOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp_path;
}

const char *
jd_output_get_open_path (JdOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->open_path;
}

int
jd_output_get_fd (JdOutput *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

gboolean
jd_output_write (JdOutput *self, const void *data, gsize size, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  const char *bytes = data;
  while (size > 0)
    {
      ssize_t n = write (self->fd, bytes, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          jd_output_set_errno_error (self->path, n < 0 ? errno : ENOSPC, error);
          return FALSE;
        }
      bytes += n;
      size -= n;
    }
  return TRUE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      /* Some file systems cannot sync a folder (EINVAL): the rename stands. */
      fsync (fd);
      close (fd);
    }
}

static gboolean
put_in_place (JdOutput *self, GError **error)
{
  if (fsync (self->fd) != 0)
    {
      jd_output_set_errno_error (self->path, errno, error);
      return FALSE;
    }

  /* The name must still be the file written, and the target still a file
   * we may replace (another program may have made it something else). */
  struct stat st;
  if (g_lstat (self->temp_path, &st) != 0 || st.st_dev != self->dev || st.st_ino != self->ino)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO,
                   _ ("%s: another program changed the folder while the file was written; "
                      "nothing was replaced"),
                   self->path);
      return FALSE;
    }
  if (!jd_output_check (self->path, self->ledger_path, self->flags, error))
    return FALSE;

  if (!(self->flags & JD_OUTPUT_FORCE))
    {
      /* Never over a file that appeared meanwhile. */
      if (renameat2 (AT_FDCWD, self->temp_path, AT_FDCWD, self->path, RENAME_NOREPLACE) == 0)
        {
          sync_folder (self->path);
          return TRUE;
        }
      if (errno == EEXIST)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_EXISTS,
                       _ ("%s already exists; choose another name, or add --force to replace it"),
                       self->path);
          return FALSE;
        }
      if (errno != EINVAL && errno != ENOSYS)
        {
          jd_output_set_errno_error (self->path, errno, error);
          return FALSE;
        }
    }
  if (rename (self->temp_path, self->path) != 0)
    {
      jd_output_set_errno_error (self->path, errno, error);
      return FALSE;
    }
  sync_folder (self->path);
  return TRUE;
}

gboolean
jd_output_commit (JdOutput *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!put_in_place (self, error))
    {
      jd_output_abort (self);
      return FALSE;
    }
  /* In place: nothing of it is temporary any more. */
  g_clear_pointer (&self->temp_path, g_free);
  output_free (self);
  return TRUE;
}

void
jd_output_abort (JdOutput *self)
{
  if (self == NULL)
    return;
  remove_temporary (self);
  output_free (self);
}

/* ---- the ledger's own mode ------------------------------------------------------------ */

gboolean
jd_output_ledger_is_shared (const char *ledger_path, guint *mode)
{
  g_return_val_if_fail (ledger_path != NULL, FALSE);

  gboolean shared = FALSE;
  struct stat st;
  if (mode)
    *mode = 0;
  if (g_stat (ledger_path, &st) == 0)
    {
      if (mode)
        *mode = st.st_mode & 0777;
      shared = (st.st_mode & 0077) != 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (ledger_path, companions[i], NULL);
      if (g_stat (companion, &st) == 0 && (st.st_mode & 0077) != 0)
        {
          if (mode)
            *mode |= st.st_mode & 0777;
          shared = TRUE;
        }
    }
  return shared;
}

gboolean
jd_output_make_ledger_private (const char *ledger_path, GError **error)
{
  g_return_val_if_fail (ledger_path != NULL, FALSE);

  if (g_chmod (ledger_path, 0600) != 0)
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be made private: %s"), ledger_path,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (ledger_path, companions[i], NULL);
      if (g_chmod (companion, 0600) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be made private: %s"), companion,
                       g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}
