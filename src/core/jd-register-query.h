/* jd-register-query.h: the rows of each register of the inspection workbook (docs/contract.md §7)
 *
 * Each register is a list of columns (Chinese headers: official forms) and a
 * query that hands its rows one at a time to a callback, so that nothing large
 * is held in memory. The cells carry typed values (text, day, count, ratio); how
 * they look on paper is the workbook writer's business (src/export).
 */
#pragma once

#include "jd-indicators.h"
#include "jd-ledger.h"
#include "jd-mask.h"

G_BEGIN_DECLS

typedef enum
{
  JD_REGISTER_SUMMARY,     /* 基本情况 */
  JD_REGISTER_VILLAGES,    /* 村居创建情况 */
  JD_REGISTER_REGISTERED,  /* 累计登记在册吸毒人员表 */
  JD_REGISTER_CURRENT,     /* 现有吸毒人员表 */
  JD_REGISTER_HELP,        /* 社区戒毒社区康复帮教台账 */
  JD_REGISTER_TALKS,       /* 谈话记录 */
  JD_REGISTER_URINE,       /* 尿检记录 */
  JD_REGISTER_VISITS,      /* 家访帮扶记录 */
  JD_REGISTER_ACTIVITIES,  /* 禁毒宣传活动台账 */
  JD_REGISTER_LETTERS,     /* 禁毒责任书签订台账 */
  JD_REGISTER_VENUES,      /* 场所排查台账 */
  JD_REGISTER_ASSESSMENTS, /* 无毒村居考核评分表 */
  JD_REGISTER_STAFF,       /* 工作力量花名册 */
  JD_REGISTER_TRENDS,      /* 指标趋势 */
  JD_N_REGISTERS
} JdRegister;

/* What a column holds: it decides the cell format and the width. */
typedef enum
{
  JD_COLUMN_TEXT,      /* short text, left aligned */
  JD_COLUMN_CENTER,    /* short text or a code, centred (性别, 状态) */
  JD_COLUMN_WRAP,      /* long text: a bounded width, wrapped */
  JD_COLUMN_SERIAL,    /* 序号 */
  JD_COLUMN_NAME,      /* a person's name */
  JD_COLUMN_NAMES,     /* a list of people */
  JD_COLUMN_ID_NUMBER, /* 公民身份号码: text, never a number */
  JD_COLUMN_PHONE,     /* text, never a number */
  JD_COLUMN_DAY,       /* a real date shown yyyy-mm-dd */
  JD_COLUMN_COUNT,     /* a whole number */
  JD_COLUMN_RATIO,     /* a fraction shown as a percentage */
  JD_COLUMN_VALUE,     /* mixed: each cell says what it is (summary) */
} JdColumnKind;

typedef struct
{
  const char *header; /* Chinese, whatever the interface language */
  JdColumnKind kind;
  JdMaskRule mask; /* what a masked row shows of it (jd-mask.h); JD_MASK_OMIT
                      leaves the column out of masked rows altogether */
} JdColumn;

typedef enum
{
  JD_CELL_EMPTY,
  JD_CELL_TEXT,
  JD_CELL_DAY,
  JD_CELL_COUNT,  /* number holds a whole number */
  JD_CELL_NUMBER, /* number, shown with two decimals */
  JD_CELL_RATIO,  /* number is a fraction, shown as a percentage */
} JdCellType;

typedef struct
{
  JdCellType type;
  const char *text; /* JD_CELL_TEXT: UTF-8, valid during the callback only */
  JdDay day;        /* JD_CELL_DAY */
  double number;    /* JD_CELL_COUNT, JD_CELL_NUMBER, JD_CELL_RATIO */
} JdCell;

/* The cell as a printed list shows it ("" when empty); free with g_free. */
char *jd_cell_to_text (const JdCell *cell);

typedef struct
{
  const char *key;   /* the --registers key */
  const char *sheet; /* the sheet's Chinese name */
  const JdColumn *columns;
  guint n_columns;
  gboolean from_indicators; /* read from the indicator engine's results, which a
                               ledger computes once per snapshot */
} JdRegisterInfo;

/* Which rows: the year Y, its "as of" day D and whether to mask personal data. */
typedef struct
{
  int year;
  JdDay as_of;   /* 0: 31 December of year (docs/contract.md §4) */
  gboolean mask; /* each column by its rule (jd-mask.h): every name 张* (users, help
                   groups, staff, managers), ID numbers 110105********002X, phones
                   138****5678, addresses without house numbers, the numbers in free
                   text masked, birth dates left out */
  GArray *record_ids; /* or NULL; for the letters, venues and staff: gint64, the id of
                         each row's record (letter, venue, staff) is appended before
                         the row is handed over */
} JdRegisterQuery;

/* One row: cells[i] belongs to columns[i]. Return FALSE (with error set) to stop. */
typedef gboolean (*JdRowFunc) (const JdCell *cells,
                               guint n_cells,
                               gpointer user_data,
                               GError **error);

const JdRegisterInfo *jd_register_info (JdRegister register_);
gboolean jd_register_from_key (const char *key, JdRegister *register_);
char *jd_register_describe_keys (void);
int jd_register_column (JdRegister register_, const char *header);
/* The columns of the register's rows: without those a masked row leaves out. */
const JdColumn *jd_register_columns (JdRegister register_, gboolean mask, guint *n_columns);

/* The columns of masked rows: those of columns that are not left out, copied
 * into out (room for n_columns); their number. */
guint jd_columns_masked (const JdColumn *columns, guint n_columns, JdColumn *out);
/* Masks a row in place by its columns' rules and takes out the cells of the
 * columns left out; the masked texts are kept in texts (room for n_columns,
 * freed with jd_cells_mask_clear). The cells kept, in order: their number. */
guint jd_cells_mask (const JdColumn *columns, guint n_columns, JdCell *cells, char **texts);
void jd_cells_mask_clear (char **texts, guint n_columns);

gint64 jd_register_count (JdLedger *ledger,
                          JdRegister register_,
                          const JdRegisterQuery *query,
                          GError **error);
gboolean jd_register_rows (JdLedger *ledger,
                           JdRegister register_,
                           const JdRegisterQuery *query,
                           JdRowFunc func,
                           gpointer user_data,
                           GError **error);

/* The rows of 基本情况 or 指标趋势 (JD_REGISTER_SUMMARY, JD_REGISTER_TRENDS) from
 * indicators computed elsewhere for years Y − 9 … Y as of D, such as a county's
 * sums of its townships' (jd-county.h): place is the name the rows give, and
 * the targets judged are the defaults (docs/contract.md §4, §9). */
gboolean jd_register_rows_of_indicators (JdIndicators *indicators,
                                         const char *place,
                                         JdRegister register_,
                                         const JdRegisterQuery *query,
                                         JdRowFunc func,
                                         gpointer user_data,
                                         GError **error);

/* All registers of one workbook read the same state of the ledger, even while
 * another connection writes to it: a read transaction around them. */
gboolean jd_register_begin_snapshot (JdLedger *ledger, GError **error);
void jd_register_end_snapshot (JdLedger *ledger);
/* A second connection in the snapshot begun on ledger, for reading on another
 * thread (end it with jd_register_end_snapshot, then unref it); NULL when
 * there is none to be had, as when the ledger changed in between. */
JdLedger *jd_register_share_snapshot (JdLedger *ledger);

G_END_DECLS
