/* jd-register-table.c: the registers of the inspection workbook and their columns
 * (docs/contract.md §7), one table that the queries (jd-register-query.c), the writer and
 * the window read */
#include "config.h"

#include "jd-register-query.h"

#include "jd-register-query-private.h"

/* ---- the registers and their columns ------------------------------------------- */

/* docs/contract.md §7 fixes these columns, in this order. */
static const JdColumn person_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "性别", JD_COLUMN_CENTER },
  { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "出生日期", JD_COLUMN_DAY, JD_MASK_OMIT },
  { "户籍地址", JD_COLUMN_WRAP, JD_MASK_ADDRESS },
  { "现住地址", JD_COLUMN_WRAP, JD_MASK_ADDRESS },
  { "管理村(社区)", JD_COLUMN_TEXT },
  { "初次发现日期", JD_COLUMN_DAY },
  { "滥用毒品种类", JD_COLUMN_CENTER },
  { "当前状态", JD_COLUMN_CENTER },
  { "状态起始日期", JD_COLUMN_DAY },
  { "末次吸毒日期", JD_COLUMN_DAY },
  { "备注", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn summary_columns[] = {
  { "序号", JD_COLUMN_SERIAL }, { "项目", JD_COLUMN_TEXT },       { "目标", JD_COLUMN_VALUE },
  { "实际", JD_COLUMN_VALUE },  { "达标情况", JD_COLUMN_CENTER }, { "说明", JD_COLUMN_WRAP },
};

static const JdColumn village_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "编码", JD_COLUMN_CENTER },
  { "村(社区)", JD_COLUMN_TEXT },
  { "类型", JD_COLUMN_CENTER },
  { "户籍人口", JD_COLUMN_COUNT },
  { "常住人口", JD_COLUMN_COUNT },
  { "流动人口", JD_COLUMN_COUNT },
  { "网格数", JD_COLUMN_COUNT },
  { "禁毒教育阵地", JD_COLUMN_CENTER },
  { "创建阶段", JD_COLUMN_CENTER },
  { "黄牌警告", JD_COLUMN_COUNT },
  { "末次考核日期", JD_COLUMN_DAY },
  { "考核达标项", JD_COLUMN_COUNT },
  { "宣传活动次数", JD_COLUMN_COUNT },
  { "宣传达标月数", JD_COLUMN_COUNT },
  { "现有吸毒人员", JD_COLUMN_COUNT },
  { "社区戒毒康复人员", JD_COLUMN_COUNT },
};

static const JdColumn help_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "联系电话", JD_COLUMN_PHONE, JD_MASK_PHONE },
  { "管理村(社区)", JD_COLUMN_TEXT },
  { "措施类型", JD_COLUMN_CENTER },
  { "措施起始日期", JD_COLUMN_DAY },
  { "预计期满日期", JD_COLUMN_DAY },
  { "帮教小组成员", JD_COLUMN_NAMES },
  { "协议签订日期", JD_COLUMN_DAY },
  { "谈话次数", JD_COLUMN_COUNT },
  { "末次谈话日期", JD_COLUMN_DAY },
  { "尿检次数", JD_COLUMN_COUNT },
  { "尿检阴性", JD_COLUMN_COUNT },
  { "尿检阳性", JD_COLUMN_COUNT },
  { "末次尿检日期", JD_COLUMN_DAY },
  { "家访次数", JD_COLUMN_COUNT },
  { "末次家访日期", JD_COLUMN_DAY },
};

static const JdColumn talk_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "谈话日期", JD_COLUMN_DAY },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "管理村(社区)", JD_COLUMN_TEXT },
  { "谈话人", JD_COLUMN_NAME, JD_MASK_NAME },
  { "谈话地点", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "谈话内容", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn urine_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "检测日期", JD_COLUMN_DAY },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "管理村(社区)", JD_COLUMN_TEXT },
  { "检测结果", JD_COLUMN_CENTER },
  { "检测人", JD_COLUMN_NAME, JD_MASK_NAME },
  { "检测地点", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "备注", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn visit_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "日期", JD_COLUMN_DAY },
  { "类型", JD_COLUMN_CENTER },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "公民身份号码", JD_COLUMN_ID_NUMBER, JD_MASK_ID_NUMBER },
  { "管理村(社区)", JD_COLUMN_TEXT },
  { "工作人员", JD_COLUMN_NAME, JD_MASK_NAME },
  { "地点", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "内容", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn activity_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "活动日期", JD_COLUMN_DAY },
  { "村(社区)", JD_COLUMN_TEXT },
  { "活动形式", JD_COLUMN_CENTER },
  { "活动主题", JD_COLUMN_WRAP, JD_MASK_TEXT },
  { "活动地点", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "宣传对象", JD_COLUMN_CENTER },
  { "参与人数", JD_COLUMN_COUNT },
  { "发放资料(份)", JD_COLUMN_COUNT },
  { "标语横幅(条)", JD_COLUMN_COUNT },
};

static const JdColumn letter_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "村(社区)", JD_COLUMN_TEXT },
  { "签订层级", JD_COLUMN_CENTER },
  { "签订日期", JD_COLUMN_DAY },
  { "签订对象", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "份数", JD_COLUMN_COUNT },
};

static const JdColumn venue_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "村(社区)", JD_COLUMN_TEXT },
  { "场所名称", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "场所类型", JD_COLUMN_CENTER },
  { "地址", JD_COLUMN_WRAP, JD_MASK_ADDRESS },
  { "负责人", JD_COLUMN_NAME, JD_MASK_NAME },
  { "联系电话", JD_COLUMN_PHONE, JD_MASK_PHONE },
  { "重点部位", JD_COLUMN_TEXT, JD_MASK_TEXT },
  { "检查次数", JD_COLUMN_COUNT },
  { "不合格次数", JD_COLUMN_COUNT },
  { "末次检查日期", JD_COLUMN_DAY },
  { "末次检查人", JD_COLUMN_NAME, JD_MASK_NAME },
  { "末次检查结果", JD_COLUMN_CENTER },
  { "检查情况", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn assessment_columns[] = {
  { "序号", JD_COLUMN_SERIAL },     { "村(社区)", JD_COLUMN_TEXT },
  { "考核日期", JD_COLUMN_DAY },    { "考核人", JD_COLUMN_TEXT, JD_MASK_NAME },
  { "标准序号", JD_COLUMN_COUNT },  { "考核标准", JD_COLUMN_WRAP },
  { "系统核查", JD_COLUMN_CENTER }, { "考核结论", JD_COLUMN_CENTER },
  { "得分", JD_COLUMN_VALUE },      { "备注", JD_COLUMN_WRAP, JD_MASK_TEXT },
};

static const JdColumn staff_columns[] = {
  { "序号", JD_COLUMN_SERIAL },
  { "姓名", JD_COLUMN_NAME, JD_MASK_NAME },
  { "身份", JD_COLUMN_CENTER },
  { "所在村(社区)", JD_COLUMN_TEXT },
  { "联系电话", JD_COLUMN_PHONE, JD_MASK_PHONE },
  { "起始日期", JD_COLUMN_DAY },
  { "结束日期", JD_COLUMN_DAY },
};

static const JdColumn trend_columns[] = {
  { "年度", JD_COLUMN_CENTER },        { "累计登记在册", JD_COLUMN_COUNT },
  { "现有吸毒人员", JD_COLUMN_COUNT }, { "新滋生", JD_COLUMN_COUNT },
  { "每万人新滋生", JD_COLUMN_VALUE }, { "复吸人数", JD_COLUMN_COUNT },
  { "复吸率", JD_COLUMN_RATIO },       { "尿检率", JD_COLUMN_RATIO },
  { "帮教率", JD_COLUMN_RATIO },       { "无毒村居", JD_COLUMN_COUNT },
  { "村居总数", JD_COLUMN_COUNT },     { "无毒村居覆盖率", JD_COLUMN_RATIO },
};

#define INFO(key, sheet, columns, from_indicators)                                                 \
  {                                                                                                \
    key, sheet, columns, G_N_ELEMENTS (columns), from_indicators                                   \
  }

static const JdRegisterInfo registers[JD_N_REGISTERS] = {
  [JD_REGISTER_SUMMARY] = INFO ("summary", "基本情况", summary_columns, TRUE),
  [JD_REGISTER_VILLAGES] = INFO ("villages", "村居创建情况", village_columns, TRUE),
  [JD_REGISTER_REGISTERED] = INFO ("registered", "累计登记在册吸毒人员表", person_columns, FALSE),
  [JD_REGISTER_CURRENT] = INFO ("current", "现有吸毒人员表", person_columns, TRUE),
  [JD_REGISTER_HELP] = INFO ("help", "社区戒毒社区康复帮教台账", help_columns, FALSE),
  [JD_REGISTER_TALKS] = INFO ("talks", "谈话记录", talk_columns, FALSE),
  [JD_REGISTER_URINE] = INFO ("urine", "尿检记录", urine_columns, FALSE),
  [JD_REGISTER_VISITS] = INFO ("visits", "家访帮扶记录", visit_columns, FALSE),
  [JD_REGISTER_ACTIVITIES] = INFO ("activities", "禁毒宣传活动台账", activity_columns, FALSE),
  [JD_REGISTER_LETTERS] = INFO ("letters", "禁毒责任书签订台账", letter_columns, FALSE),
  [JD_REGISTER_VENUES] = INFO ("venues", "场所排查台账", venue_columns, FALSE),
  [JD_REGISTER_ASSESSMENTS] = INFO ("assessments", "无毒村居考核评分表", assessment_columns, FALSE),
  [JD_REGISTER_STAFF] = INFO ("staff", "工作力量花名册", staff_columns, FALSE),
  [JD_REGISTER_TRENDS] = INFO ("trends", "指标趋势", trend_columns, TRUE),
};

#undef INFO

const JdRegisterInfo *
jd_register_info (JdRegister register_)
{
  g_return_val_if_fail (register_ < JD_N_REGISTERS, NULL);
  return &registers[register_];
}

gboolean
jd_register_from_key (const char *key, JdRegister *register_)
{
  for (guint i = 0; key && i < JD_N_REGISTERS; i++)
    if (g_str_equal (key, registers[i].key))
      {
        if (register_)
          *register_ = i;
        return TRUE;
      }
  return FALSE;
}

/* "summary, villages, …": the keys an error message offers. */
char *
jd_register_describe_keys (void)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", registers[i].key);
  return g_string_free (out, FALSE);
}

/* The index of a column by its header, -1 when the register has none. */
int
jd_register_column (JdRegister register_, const char *header)
{
  g_return_val_if_fail (register_ < JD_N_REGISTERS, -1);
  for (guint i = 0; i < registers[register_].n_columns; i++)
    if (g_str_equal (registers[register_].columns[i].header, header))
      return i;
  return -1;
}

/* The masked rows' columns of every register, made once. */
/* The columns a masked sheet keeps (docs/masking.md): all but those omitted. */
guint
jd_columns_masked (const JdColumn *columns, guint n_columns, JdColumn *out)
{
  guint kept = 0;
  for (guint i = 0; i < n_columns; i++)
    if (columns[i].mask != JD_MASK_OMIT)
      out[kept++] = columns[i];
  return kept;
}

const JdColumn *
jd_register_columns (JdRegister register_, gboolean mask, guint *n_columns)
{
  static JdColumn masked[JD_N_REGISTERS][JD_REGISTER_MAX_COLUMNS];
  static guint n_masked[JD_N_REGISTERS];
  static gsize made;

  g_return_val_if_fail (register_ < JD_N_REGISTERS, NULL);
  g_return_val_if_fail (n_columns != NULL, NULL);
  if (!mask)
    {
      *n_columns = registers[register_].n_columns;
      return registers[register_].columns;
    }
  if (g_once_init_enter (&made))
    {
      for (guint r = 0; r < JD_N_REGISTERS; r++)
        {
          g_assert (registers[r].n_columns <= JD_REGISTER_MAX_COLUMNS);
          n_masked[r] = jd_columns_masked (registers[r].columns, registers[r].n_columns, masked[r]);
        }
      g_once_init_leave (&made, 1);
    }
  *n_columns = n_masked[register_];
  return masked[register_];
}
