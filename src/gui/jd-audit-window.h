/* jd-audit-window.h: the audit log (审计日志), searchable and exportable */
#pragma once

#include <adwaita.h>

#include "jd-audit-query.h"

G_BEGIN_DECLS

#define JD_TYPE_AUDIT_WINDOW (jd_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (JdAuditWindow, jd_audit_window, JD, AUDIT_WINDOW, AdwWindow)

JdAuditWindow *jd_audit_window_new (GtkWindow *parent, JdLedger *ledger);
void jd_audit_window_reload (JdAuditWindow *self);
/* Items whose entry jd_audit_window_item_entry () gives, newest first. */
GListModel *jd_audit_window_get_model (JdAuditWindow *self);
const JdAuditLogEntry *jd_audit_window_item_entry (gpointer item);
/* The filters, as typed (NULL: empty); table is a table's name. */
void jd_audit_window_set_filter (JdAuditWindow *self,
                                 const char *from,
                                 const char *to,
                                 const char *user,
                                 const char *table,
                                 const char *person);
void jd_audit_window_export (JdAuditWindow *self, const char *path);

G_END_DECLS
