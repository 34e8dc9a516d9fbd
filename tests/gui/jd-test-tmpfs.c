/* jd-test-tmpfs.c: a small filesystem of a test's own, for a full disk or a read-only file */
#define _GNU_SOURCE
#include "jd-test-tmpfs.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

static gboolean initialized;
static int namespace_errno; /* why the test has no namespace of its own, or 0 */

void
jd_test_mounts_init (void)
{
  initialized = TRUE;
  if (geteuid () != 0)
    return;
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    namespace_errno = errno;
}

gboolean
jd_test_can_mount (const char **reason)
{
  g_assert_true (initialized); /* jd_test_mounts_init () first, in main () */
  if (geteuid () == 0)
    return TRUE;
  *reason = "mounting a filesystem needs root (CI runs the suites as root)";
  return FALSE;
}

static gboolean
set_errno_error (GError **error, int saved, const char *what, const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s %s: %s", what, path,
               g_strerror (saved));
  return FALSE;
}

/* Mounts only inside the test's own namespace, so none outlives it. */
static gboolean
check_namespace (GError **error)
{
  g_assert_true (initialized);
  if (namespace_errno == 0)
    return TRUE;
  return set_errno_error (error, namespace_errno, "no mount namespace of its own (unshare) for",
                          "the test");
}

gboolean
jd_test_tmpfs_mount (const char *dir, gsize size, GError **error)
{
  if (!check_namespace (error))
    return FALSE;
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    return set_errno_error (error, errno, "mount -t tmpfs on", dir);
  return TRUE;
}

void
jd_test_unmount (const char *dir)
{
  if (umount2 (dir, 0) != 0)
    {
      g_assert_cmpint (errno, ==, EBUSY);
      g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
    }
}

char *
jd_test_fill_disk (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  static const char zeros[65536];
  gsize chunk = sizeof zeros;
  for (;;)
    {
      ssize_t n = write (fd, zeros, chunk);
      if (n > 0)
        continue;
      g_assert_cmpint (n, <, 0);
      if (errno == EINTR)
        continue;
      g_assert_cmpint (errno, ==, ENOSPC);
      if (chunk == 1)
        break;
      chunk = MAX (chunk / 16, 1);
    }
  g_assert_cmpint (close (fd), ==, 0);
  struct statvfs fs;
  g_assert_cmpint (statvfs (dir, &fs), ==, 0);
  g_assert_cmpuint (fs.f_bavail, ==, 0);
  return path;
}

gboolean
jd_test_bind_read_only (const char *path, GError **error)
{
  if (!check_namespace (error))
    return FALSE;
  if (mount (path, path, NULL, MS_BIND, NULL) != 0)
    return set_errno_error (error, errno, "mount --bind on", path);
  if (mount (NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      int saved = errno;
      jd_test_unmount (path);
      return set_errno_error (error, saved, "mount -o remount,bind,ro on", path);
    }
  return TRUE;
}
