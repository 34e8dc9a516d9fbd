/* jd-import-run-private.h: what the files of one import share (docs/contract.md §6): a
 * kind's table of columns (jd-import-kinds.c), the state of one import, a row's mapping
 * into its record (jd-import-row.c) and the header's reading (jd-import-header.c), used by
 * the run itself (jd-import.c). Included by those four files alone. */
#pragma once

#include "jd-enums.h"
#include "jd-import-sheets.h"
#include "jd-import.h"
#include "jd-store.h"
#include "jd-table-source.h"

G_BEGIN_DECLS

/* ---- the column tables ------------------------------------------------------- */

typedef enum
{
  FIELD_TEXT,            /* const char * */
  FIELD_ID_NUMBER,       /* const char *, a person's own ID number */
  FIELD_DAY,             /* JdDay, in the three forms of §6 */
  FIELD_COUNT,           /* gint64 ≥ 0; empty is 0 */
  FIELD_COUNT_OR_NONE,   /* gint64 ≥ 0; empty is -1, "not given" */
  FIELD_ENUM,            /* const char *key, given by key or Chinese label */
  FIELD_FLAG,            /* gboolean: 是/否, yes/no, 合格/不合格, … */
  FIELD_VILLAGE,         /* gint64 village id, by code or name */
  FIELD_VILLAGE_OR_NAME, /* a village of the township, or the name of one outside it */
  FIELD_PERSON,          /* gint64 person id, by ID number */
  FIELD_VENUE,           /* gint64 venue id, by name within the row's village */
} FieldType;

/* A village column that only serves to find the row's venue. */
#define ROW_ONLY G_MAXSIZE

typedef struct
{
  const char *key;
  const char *zh;
  gboolean required;
  FieldType type;
  gsize offset;      /* where the value goes in the record */
  JdEnum which;      /* FIELD_ENUM */
  gsize name_offset; /* FIELD_VILLAGE_OR_NAME: the name of a village outside the township */
} Column;

#define MAX_COLUMNS 16

/* ---- the kinds (jd-import-kinds.c) ------------------------------------------------ */

typedef struct _Import Import;

typedef JdStoreResult (*StoreFunc) (JdLedger *ledger, gconstpointer record, GError **error);
typedef void (*LoadFunc) (Import *import, const char *key, gpointer record);

typedef struct
{
  const char *name;
  const char *label; /* translatable: the kind as the window names it */
  const Column *columns;
  guint n_columns;
  gsize record_size;
  StoreFunc store;
  LoadFunc load;        /* villages, persons: the values the ledger has for the key */
  GCompareFunc compare; /* statuses: the order the rows are stored in (loaded values live
                         * only while their row is mapped and stored, so never both) */
  const char *blame;    /* the column a store error that names no field is put on */
} Kind;

extern const Kind jd_import_kinds[JD_IMPORT_N_KINDS];

/* ---- one import ------------------------------------------------------------------ */

struct _Import
{
  JdLedger *ledger;
  const Kind *kind;
  JdImportReport *report;
  char **header; /* the header row as written, trimmed */
  guint n_header;
  int field_of[MAX_COLUMNS]; /* the file's field for each of the kind's columns, -1 if none */
  GHashTable *villages;      /* code or name → gint64 id */
  GHashTable *persons;       /* ID number → gint64 id */
  GPtrArray *owned;          /* strings the current row's record points to */
  gint64 row_village;        /* the village the current row names */
  GHashTable *problem_index; /* "column\x1freason" → its JdImportProblem, for counting repeats */
  GHashTable *keys;          /* a row's key (ID number, code, venue) → KeySeen */
  JdTableSource *source;
  const JdImportOptions *options;
  GHashTable *map;                /* --map: heading → key */
  JdTableCell *kinds;             /* what the current row's cells held (a sheet's) */
  JdOwnSheet own;                 /* one of §7's sheets, once its header is recognised */
  const char *fixed[MAX_COLUMNS]; /* a value the sheet implies for a column it lacks */
  char *township;
  const JdImportObserver *observer;     /* the assistant's preview, or NULL */
  const char *changed[MAX_COLUMNS + 1]; /* the keys an update changes, for the observer */
  JdStoreResult stored;                 /* what storing the last row did */
  gpointer before;                      /* the ledger's values of the row's key, for the observer */
};

/* A row kept to be stored in the kind's order (statuses, moves: Kind.compare). */
typedef struct
{
  guint line;
  char **fields; /* the record points into them */
  gpointer record;
} Row;

/* ---- a row (jd-import-row.c) -------------------------------------------------------- */

void jd_import_add_problem (Import *im, guint line, const char *column, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
const char *jd_import_header_text (Import *im, guint field);
gboolean jd_import_map_row (Import *im, char **fields, guint line, gpointer record);
gboolean jd_import_check_key (Import *im, char **fields, guint line);
gboolean jd_import_column_differs (const Column *col, gconstpointer a, gconstpointer b);

/* ---- the header (jd-import-header.c) --------------------------------------------- */

gboolean jd_import_read_map (Import *im);
gboolean
jd_import_take_header (Import *im, char **fields, guint line, guint *searched, gboolean *failed);
gboolean jd_import_own_row_is_empty (Import *im, char **fields);
void jd_import_add_no_header_problem (Import *im);

G_END_DECLS
