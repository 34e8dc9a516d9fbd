/* jd-test-damage.c: a ledger that lost some of its pages */
#include "jd-test-damage.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

void
jd_test_damage_pages (const char *path, double where, guint n_pages)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  int fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  guint8 header[100];
  g_assert_cmpint (pread (fd, header, sizeof header, 0), ==, sizeof header);
  gsize page_size = ((gsize)header[16] << 8) | header[17];
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  gsize n_pages_in_file = st.st_size / page_size;
  gsize first = (gsize)(n_pages_in_file * where);
  g_assert_cmpuint (first, >=, 1);
  g_assert_cmpuint (first + n_pages, <=, n_pages_in_file);

  g_autofree guint8 *zeros = g_malloc0 (page_size);
  for (gsize page = first; page < first + n_pages; page++)
    g_assert_cmpint (pwrite (fd, zeros, page_size, page * page_size), ==, page_size);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
}
