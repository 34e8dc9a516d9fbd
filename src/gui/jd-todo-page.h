/* jd-todo-page.h: the work due section (今日待办), grouped by kind */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-section-page.h"
#include "jd-work-due.h"

G_BEGIN_DECLS

/* One line of the list: a kind's header with its counts, or a work item. */
#define JD_TYPE_TODO_ENTRY (jd_todo_entry_get_type ())
G_DECLARE_FINAL_TYPE (JdTodoEntry, jd_todo_entry, JD, TODO_ENTRY, GObject)

gboolean jd_todo_entry_is_header (JdTodoEntry *self);
JdWorkKind jd_todo_entry_get_kind (JdTodoEntry *self);
/* Headers: the kind's counts. */
const JdWorkCount *jd_todo_entry_get_count (JdTodoEntry *self);
/* Items: the work item (NULL for headers). */
const JdWorkItem *jd_todo_entry_get_item (JdTodoEntry *self);
/* What the line shows: the kind or the name, and the counts or the due state. */
const char *jd_todo_entry_get_title (JdTodoEntry *self);
const char *jd_todo_entry_get_detail (JdTodoEntry *self);

#define JD_TYPE_TODO_PAGE (jd_todo_page_get_type ())
G_DECLARE_FINAL_TYPE (JdTodoPage, jd_todo_page, JD, TODO_PAGE, JdSectionPage)

GtkWidget *jd_todo_page_new (JdLedger *ledger);
/* JdTodoEntry items: each kind with work due, its header then its items. */
GListModel *jd_todo_page_get_model (JdTodoPage *self);
GtkListView *jd_todo_page_get_view (JdTodoPage *self);
void jd_todo_page_reload (JdTodoPage *self);

G_END_DECLS
