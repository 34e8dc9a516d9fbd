/* jd-test-tmpfs.h: a small filesystem of a test's own, for a full disk or a read-only file
 *
 * Mounting needs root, as CI runs the suites. jd_test_mounts_init (), called
 * first in main () while the process still has one thread, moves the test
 * into a mount namespace of its own with private propagation: what it mounts
 * is seen only by it and the programs it starts, and the kernel takes every
 * mount away when the process ends, however it ends (a failed assertion
 * aborts, and no tear-down runs). Tear-downs still unmount what they mounted.
 *
 * A test that needs a mount asks jd_test_can_mount () first and skips, with
 * the reason, when it is not root; as root, a mount that fails fails the test.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In main (), before anything starts a thread. Does nothing unless root. */
void jd_test_mounts_init (void);

/* TRUE when running as root; otherwise FALSE and *reason, for g_test_skip (). */
gboolean jd_test_can_mount (const char **reason);

/* Mounts a tmpfs of size bytes (rounded up to pages), mode 0700, on the
 * empty folder dir. */
gboolean jd_test_tmpfs_mount (const char *dir, gsize size, GError **error);

/* Unmounts what is mounted on dir (lazily when a file is still open there). */
void jd_test_unmount (const char *dir);

/* Fills the filesystem holding dir with the file DIR/filler until not one
 * byte more fits; the filler's path (remove it to make room again). */
char *jd_test_fill_disk (const char *dir);

/* Makes the file path read-only for everyone, root included, by a read-only
 * bind mount of it over itself; jd_test_unmount (path) undoes it. */
gboolean jd_test_bind_read_only (const char *path, GError **error);

G_END_DECLS
