/* jd-test-run.h: running the jindu executable from a test */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

void run_clear (Run *run);
void run_jindu (Run *run, ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* A folder and everything in it (links are removed, never followed). */
void jd_test_remove_tree (const char *path);
/* The SHA-256 of a file's bytes. */
char *jd_test_checksum_file (const char *path);

G_END_DECLS
