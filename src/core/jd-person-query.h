/* jd-person-query.h: the registered persons as a paged list model over SQL
 *
 * JdPersonQuery is a GListModel of JdPersonRow that never holds the whole
 * register: it counts the rows that match its search and filters, then reads
 * pages of JD_PERSON_QUERY_PAGE_SIZE rows when get_item () asks for one.
 * Searching, filtering and sorting all happen in SQL.
 */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"
#include "jd-person-row.h"
#include "jd-work-due.h"

G_BEGIN_DECLS

/* About what a window shows (29 rows at 1080 pixels): a jump of the scroll bar
 * reads one or two pages, not a hundred rows for the thirty it shows. */
#define JD_PERSON_QUERY_PAGE_SIZE 40

typedef enum
{
  JD_PERSON_SORT_NAME,
  JD_PERSON_SORT_SEX,
  JD_PERSON_SORT_ID_NUMBER,
  JD_PERSON_SORT_VILLAGE,
  JD_PERSON_SORT_STATUS,
  JD_PERSON_SORT_FIRST_FOUND,
  JD_PERSON_SORT_LAST_TALK,
  JD_PERSON_SORT_LAST_URINE_TEST,
  JD_PERSON_SORT_OVERDUE,
  JD_N_PERSON_SORTS
} JdPersonSort;

/* How the last refresh searched. */
typedef enum
{
  JD_PERSON_SEARCH_NONE,  /* no search text */
  JD_PERSON_SEARCH_MATCH, /* three characters or more: the trigram index */
  JD_PERSON_SEARCH_SCAN,  /* one or two characters (or no index): a scan of the persons */
} JdPersonSearchPath;

/* What a list of persons asks for: its search, filters and order. */
typedef struct
{
  char *text;        /* NULL: no search */
  gint64 village_id; /* 0: all */
  char *status;      /* NULL: all */
  gboolean overdue_only;
  JdPersonSort sort;
  gboolean descending;
} JdPersonFilter;

/* Frees the filter's strings (not the filter) and sets them to NULL. */
void jd_person_filter_clear (JdPersonFilter *filter);

#define JD_TYPE_PERSON_QUERY (jd_person_query_get_type ())
G_DECLARE_FINAL_TYPE (JdPersonQuery, jd_person_query, JD, PERSON_QUERY, GObject)

JdPersonQuery *jd_person_query_new (JdLedger *ledger, const JdWorkDueOptions *options);

/* The setters only remember; jd_person_query_refresh () applies them. */
void jd_person_query_set_text (JdPersonQuery *self, const char *text);
void jd_person_query_set_village (JdPersonQuery *self, gint64 village_id); /* 0: all */
void jd_person_query_set_status (JdPersonQuery *self, const char *status); /* NULL: all */
void jd_person_query_set_overdue_only (JdPersonQuery *self, gboolean overdue_only);
void jd_person_query_set_sort (JdPersonQuery *self, JdPersonSort sort, gboolean descending);
void jd_person_query_set_options (JdPersonQuery *self, const JdWorkDueOptions *options);
/* Each of the setters above with filter's (copied). */
void jd_person_query_set_filter (JdPersonQuery *self, const JdPersonFilter *filter);

/* Counts again and says the whole list changed (items-changed). */
gboolean jd_person_query_refresh (JdPersonQuery *self, GError **error);
/* After the ledger changed: the overdue work and the search's copy of the
 * persons' searched columns again, then a refresh. */
gboolean jd_person_query_reload (JdPersonQuery *self, GError **error);

JdPersonSearchPath jd_person_query_get_search_path (JdPersonQuery *self);
/* Rows read from the database since the last refresh (pages × their rows). */
guint jd_person_query_get_n_loaded (JdPersonQuery *self);
/* The last failure to read a page, or NULL (get_item () then returns NULL). */
const GError *jd_person_query_get_error (JdPersonQuery *self);

G_END_DECLS
