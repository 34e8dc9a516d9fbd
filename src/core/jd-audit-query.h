/* jd-audit-query.h: reading the audit log (docs/contract.md §3) a page at a time
 *
 * The triggers write every insert, update and delete of the audited tables
 * with the time, the operating-system user and the values before and after.
 * A city's log holds millions of entries, so it is read newest first, a page
 * at a time (keyset pages on the id, which grows with the time), filtered in
 * SQL; what changed is worked out in SQL from the JSON values.
 */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"
#include "jd-register-query.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *at;    /* 2025-06-30T08:30:00, local time */
  char *user;  /* the operating-system user */
  char *table; /* the table's name: person, followup … */
  gint64 row_id;
  gint64 person_id; /* 0: not about a person */
  char *person;     /* the person's name, NULL when gone or none */
  char *action;     /* insert, update or delete; for what left the ledger (table
                       output_event): export, print, backup or restore */
  char *changes;    /* "field: old → new; …", or the values added or deleted; for
                       what left the ledger, jd_audit_output_describe ()'s sentence */
  /* What left the ledger (table output_event), else NULL, 0 and -1. */
  char *file;       /* the file written, or restored from */
  char *what;       /* workbook, list, backup, restore … */
  char *sheets;     /* the sheets' Chinese names, separated by 、 */
  int year;         /* a workbook's year */
  int masked;       /* 1 masked, 0 not */
} JdAuditLogEntry;

void jd_audit_log_entry_free (JdAuditLogEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdAuditLogEntry, jd_audit_log_entry_free)

typedef struct
{
  const char *from;   /* a day (yyyy-mm-dd) or NULL */
  const char *to;     /* a day, included, or NULL */
  const char *user;   /* exact, or NULL */
  const char *table;  /* exact, or NULL */
  const char *person; /* part of a name, or a whole ID number, or NULL */
  gboolean mask;      /* ID and phone numbers in the values masked */
  gint64 before_id;   /* the page after the entry with this id; 0: the newest */
  guint limit;        /* entries at most */
} JdAuditFilter;

/* The entries that pass filter, newest first: JdAuditLogEntry. */
GPtrArray *jd_audit_query (JdLedger *ledger, const JdAuditFilter *filter, GError **error);

/* What left the ledger, in a sentence: in the interface's language, or in
 * Chinese (for a workbook) when chinese is TRUE. */
char *jd_audit_output_describe (const JdAuditLogEntry *entry, gboolean chinese);
/* The action as a user reads it ("Changed", "Exported" …), or in Chinese. */
const char *jd_audit_action_label (const char *action);
const char *jd_audit_action_zh (const char *action);

/* Records that the inspection workbook (or the given registers; NULL: all) of
 * year went to path (jd_ledger_log_output ()). */
gboolean jd_audit_log_workbook (JdLedger *ledger,
                                const char *path,
                                int year,
                                const JdRegister *registers,
                                guint n_registers,
                                gboolean masked,
                                GError **error);
/* Records that a list (one sheet, its Chinese name) went to path. */
gboolean jd_audit_log_list (
    JdLedger *ledger, const char *path, const char *sheet, gboolean masked, GError **error);
/* Records that a list was printed, to destination (a file or a printer's name). */
gboolean jd_audit_log_list_print (
    JdLedger *ledger, const char *destination, const char *sheet, gboolean masked, GError **error);

/* The audited tables, for a filter: their names, NULL-terminated. */
const char *const *jd_audit_tables (void);
/* A table's name as a user reads it (translated), and in Chinese for a workbook. */
const char *jd_audit_table_label (const char *table);
const char *jd_audit_table_zh (const char *table);

/* What an audit entry's values (before, after: JSON objects, either NULL)
 * say, by the interface's names of the fields and values: "field: old → new"
 * a line each for an update, "field: value; …" for what an insert or a delete
 * held. */
char *
jd_audit_describe_values (JdLedger *ledger, const char *before, const char *after, GError **error);

G_END_DECLS
