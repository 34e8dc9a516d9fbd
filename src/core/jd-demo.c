/* jd-demo.c: realistic, deterministic demo ledgers spanning ten years
 *
 * A township (博美镇, 陆丰市) or a county or city merged into one ledger, with
 * ten years of history that ends on jd_today (): villages and their people,
 * registered drug users with status histories that follow the measures' real
 * lengths (community detox three years, compulsory isolation two years and
 * then community rehabilitation, sentences, the missing, the dead), relapses,
 * the help work on everyone under a community measure, publicity, letters,
 * venues, the title workflow with its assessments, and the staff roster.
 *
 * Everything is written through jd-store.h in one transaction, so the demo
 * obeys every rule a user's data obeys. The history is drawn from a
 * xoshiro256** generator seeded with splitmix64, never from GLib's or libc's
 * generators, so one seed and one "today" give byte-identical ledgers.
 *
 * Some things are made sure of, whatever the seed, because the dashboard,
 * the work due and the readiness checks have to show them: persons whose
 * help work has lapsed (overdue talks and tests), a measure ending within
 * the month, persons without a help group or a new agreement, villages with
 * and without four activities a month, a village that lost its title to two
 * consecutive yellow cards and one whose title was revoked outright, new
 * users in every year up to today, a few persons who move between villages
 * and awareness surveys of every group.
 *
 * The title story is true to the ledger (docs/contract.md §3 "Title rules"):
 * each village has a plan (the year it applies, the years it keeps clean,
 * the years it slips), persons are placed where they do not spoil a clean
 * year, and every assessment records the findings jd_readiness_compute ()
 * gives as of its day. A round is named only after an assessment whose
 * verdicts are all met; a titled village is reviewed after such an
 * assessment and gets a yellow card (ground ranking) after any other.
 */
#include "config.h"

#include "jd-demo.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-title.h"

#define N_YEARS 11 /* the ten complete years before this one, and this one */

/* ---- the random generator: xoshiro256**, seeded by splitmix64 ----------------- */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static void
rng_seed (Rng *rng, guint64 seed)
{
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* A double in [0, 1). */
static double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* An integer in [lo, hi]. */
static int
rng_range (Rng *rng, int lo, int hi)
{
  if (hi <= lo)
    return lo;
  return lo + (int)((rng_next (rng) >> 32) % (guint64)(hi - lo + 1));
}

static gboolean
rng_chance (Rng *rng, double p)
{
  return rng_unit (rng) < p;
}

#define PICK(rng, array) ((array)[rng_range ((rng), 0, G_N_ELEMENTS (array) - 1)])

/* Days until an event that happens `per_year` times a year on average. */
static int
rng_wait (Rng *rng, double per_year)
{
  if (per_year <= 0)
    return G_MAXINT / 2;
  double u = rng_unit (rng);
  double days = -log1p (-u) * 365.25 / per_year;
  return days > 1e8 ? G_MAXINT / 2 : (int)days + 1;
}

/* ---- the words of a ledger ---------------------------------------------------- */

static const char *const surnames[] = {
  "陈", "陈", "陈", "林", "林", "林", "黄", "黄", "李", "李", "张", "张", "吴", "刘", "郑",
  "蔡", "王", "杨", "许", "叶", "彭", "钟", "庄", "卓", "曾", "余", "谢", "罗", "何", "周",
  "徐", "郭", "马", "朱", "胡", "高", "梁", "温", "邱", "洪", "苏", "詹", "范", "魏", "赖",
};

static const char *const male_chars[] = {
  "伟", "强", "军", "杰", "涛", "明", "辉", "华", "斌", "勇", "俊", "鹏", "志", "东", "海",
  "文", "建", "国", "永", "锋", "坤", "荣", "雄", "泽", "宏", "彬", "宇", "浩", "凯", "龙",
  "炜", "晓", "嘉", "振", "德", "钦", "锐", "汉", "松", "峰", "豪", "森", "鑫", "武", "旭",
};

static const char *const female_chars[] = {
  "丽", "芳", "娜", "敏", "静", "燕", "艳", "玲", "霞", "婷", "秀", "英", "慧", "娟", "琳",
  "萍", "红", "梅", "雪", "莉", "欣", "佳", "妍", "珊", "洁", "君", "青", "月", "兰", "凤",
};

static const char *const place_parts[] = {
  "东湖", "新城", "西山", "南塘", "北坑", "上围", "下埔", "龙潭", "石桥", "田心", "沙坝", "后寮",
  "湖东", "溪头", "新厝", "东埔", "港口", "渔村", "和平", "光明", "团结", "红星", "凤山", "马头",
  "乌石", "竹林", "白沙", "金星", "大安", "上林", "高田", "新丰", "联丰", "仙村", "鹿境", "龙山",
  "青山", "石寨", "南门", "北门", "中山", "新华", "新兴", "安乐", "长湾", "坑口", "湖尾", "城西",
  "城东", "东升", "旭日", "锦华", "桥头", "深田", "岭下", "茂林", "双坑", "后湖", "前进", "三洲",
};

static const char *const group_numbers[]
    = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

typedef struct
{
  const char *code; /* six digits: the county's region code */
  const char *county;
  const char *city;
  const char *name; /* the township or street */
} Town;

static const Town bomei_towns[] = {
  { "441581", "陆丰市", "汕尾市", "博美镇" },
};

static const Town lufeng_towns[] = {
  { "441581", "陆丰市", "汕尾市", "东海街道" }, { "441581", "陆丰市", "汕尾市", "城东街道" },
  { "441581", "陆丰市", "汕尾市", "河西街道" }, { "441581", "陆丰市", "汕尾市", "碣石镇" },
  { "441581", "陆丰市", "汕尾市", "博美镇" },   { "441581", "陆丰市", "汕尾市", "甲子镇" },
  { "441581", "陆丰市", "汕尾市", "甲东镇" },   { "441581", "陆丰市", "汕尾市", "甲西镇" },
  { "441581", "陆丰市", "汕尾市", "南塘镇" },   { "441581", "陆丰市", "汕尾市", "桥冲镇" },
  { "441581", "陆丰市", "汕尾市", "湖东镇" },   { "441581", "陆丰市", "汕尾市", "大安镇" },
  { "441581", "陆丰市", "汕尾市", "八万镇" },   { "441581", "陆丰市", "汕尾市", "金厢镇" },
  { "441581", "陆丰市", "汕尾市", "潭西镇" },   { "441581", "陆丰市", "汕尾市", "上英镇" },
};

static const Town shanwei_towns[] = {
  { "441502", "城区", "汕尾市", "香洲街道" },   { "441502", "城区", "汕尾市", "凤山街道" },
  { "441502", "城区", "汕尾市", "新港街道" },   { "441502", "城区", "汕尾市", "马宫街道" },
  { "441502", "城区", "汕尾市", "东涌镇" },     { "441502", "城区", "汕尾市", "红草镇" },
  { "441521", "海丰县", "汕尾市", "海城镇" },   { "441521", "海丰县", "汕尾市", "附城镇" },
  { "441521", "海丰县", "汕尾市", "城东镇" },   { "441521", "海丰县", "汕尾市", "梅陇镇" },
  { "441521", "海丰县", "汕尾市", "可塘镇" },   { "441521", "海丰县", "汕尾市", "公平镇" },
  { "441521", "海丰县", "汕尾市", "赤坑镇" },   { "441521", "海丰县", "汕尾市", "鹅埠镇" },
  { "441523", "陆河县", "汕尾市", "河田镇" },   { "441523", "陆河县", "汕尾市", "水唇镇" },
  { "441523", "陆河县", "汕尾市", "螺溪镇" },   { "441523", "陆河县", "汕尾市", "新田镇" },
  { "441581", "陆丰市", "汕尾市", "东海街道" }, { "441581", "陆丰市", "汕尾市", "城东街道" },
  { "441581", "陆丰市", "汕尾市", "河西街道" }, { "441581", "陆丰市", "汕尾市", "碣石镇" },
  { "441581", "陆丰市", "汕尾市", "博美镇" },   { "441581", "陆丰市", "汕尾市", "甲子镇" },
  { "441581", "陆丰市", "汕尾市", "南塘镇" },   { "441581", "陆丰市", "汕尾市", "内湖镇" },
};

/* Where the persons registered outside the township come from. */
static const struct
{
  const char *code;
  const char *province_city;
  const char *village;
} outside_places[] = {
  { "445281", "广东省揭阳市", "普宁市流沙镇新坛村" },
  { "445222", "广东省揭阳市", "揭西县河婆街道城西村" },
  { "441521", "广东省汕尾市", "海丰县梅陇镇西湖村" },
  { "440513", "广东省汕头市", "潮阳区谷饶镇上堡村" },
  { "441523", "广东省汕尾市", "陆河县河田镇上寨村" },
  { "441426", "广东省梅州市", "平远县大柘镇程西村" },
  { "360702", "江西省赣州市", "章贡区水西镇黄沙村" },
  { "450802", "广西壮族自治区贵港市", "港北区港城镇新村" },
  { "430524", "湖南省邵阳市", "隆回县桃洪镇东方村" },
  { "522425", "贵州省毕节市", "织金县城关镇新华村" },
};

static const struct
{
  const char *name;
  int from_year; /* more common after */
  int weight_before;
  int weight_after;
} drugs[] = {
  { "海洛因", 2012, 60, 12 },   { "冰毒(甲基苯丙胺)", 2012, 25, 60 },
  { "氯胺酮", 2012, 8, 14 },    { "大麻", 2012, 1, 3 },
  { "摇头丸", 2012, 3, 3 },     { "麻古", 2012, 2, 4 },
  { "合成大麻素", 2019, 0, 4 }, { "多种毒品", 2012, 1, 3 },
};

static const struct
{
  const char *name;
  int weight;
} key_categories[] = {
  { "吸毒人员", 60 },      { "社区戒毒社区康复人员", 14 }, { "涉毒前科人员", 10 },
  { "吸毒驾驶人员", 4 },   { "易肇事肇祸吸毒人员", 3 },    { "外流贩毒人员", 3 },
  { "外省籍吸毒人员", 3 }, { "吸毒贩毒人员", 3 },
};

static const char *const person_notes[] = {
  "低保户",     "已婚，育有一子",   "在外务工",       "家属配合帮教",
  "患有慢性病", "无业，靠父母接济", "曾在工业园务工", "离异，与母亲同住",
};

static const char *const talk_places[] = { "村委会", "禁毒社工站", "家中", "村委会", "社区工作站" };
static const char *const urine_places[] = { "镇禁毒社工站", "镇卫生院", "派出所" };
static const char *const talk_contents[] = {
  "了解近期生活和工作情况，教育其远离毒品",
  "告知社区戒毒协议的有关规定",
  "家庭关系和睦，情绪稳定",
  "督促按时参加尿检",
  "了解就业意向，鼓励自食其力",
  "心理疏导，增强戒毒信心",
  "讲解复吸的危害和法律后果",
};
static const char *const visit_contents[] = {
  "本人在家，精神状态良好",   "与家属交谈，了解近期表现", "本人外出务工，与家属沟通",
  "居住环境正常，未发现异常", "家属反映其表现稳定",
};
static const char *const assistance_contents[] = {
  "协助申请最低生活保障", "推荐到工业园区就业", "联系职业技能培训",
  "节日走访慰问",         "协助办理医疗保险",   "协调解决子女入学",
};

static const struct
{
  const char *form;
  const char *title;
  const char *audience;
} activity_kinds[] = {
  { "exhibition", "禁毒知识展板巡展", "community" },
  { "lecture", "禁毒知识讲座", "school" },
  { "materials", "禁毒宣传资料派发", "rural" },
  { "banner", "悬挂禁毒宣传横幅", "community" },
  { "film", "禁毒宣传电影放映", "rural" },
  { "new_media", "禁毒微信公众号推送", "family" },
  { "contest", "禁毒知识有奖竞答", "school" },
  { "lecture", "“开学第一课”禁毒教育", "school" },
  { "materials", "禁毒宣传进企业", "unit" },
  { "exhibition", "禁毒宣传进场所", "venue" },
  { "materials", "禁毒宣传进楼宇", "building" },
  { "lecture", "家庭禁毒教育座谈", "family" },
  { "other", "禁毒志愿者入户宣传", "family" },
  { "new_media", "禁毒短视频展播", "community" },
};

static const struct
{
  int month, day;
  const char *form;
  const char *title;
  const char *audience;
} township_days[] = {
  { 4, 15, "exhibition", "全民国家安全教育日禁毒宣传", "community" },
  { 6, 26, "exhibition", "“6·26”国际禁毒日集中宣传活动", "community" },
  { 6, 20, "contest", "全镇禁毒知识竞赛", "school" },
  { 9, 5, "lecture", "中小学“开学第一课”禁毒教育", "school" },
  { 12, 4, "materials", "国家宪法日禁毒法治宣传", "community" },
  { 3, 10, "lecture", "禁毒工作业务培训", "unit" },
  { 1, 20, "banner", "春节期间禁毒宣传", "rural" },
  { 11, 15, "new_media", "禁毒微电影展映", "family" },
};

static const struct
{
  const char *kind;
  const char *suffix;
  const char *key_spot;
} venue_kinds[] = {
  { "entertainment", "KTV", "包厢、卫生间" },
  { "hotel", "宾馆", "客房" },
  { "rental", "出租屋", "出租房间" },
  { "internet_cafe", "网吧", "上网区、卫生间" },
  { "pharmacy", "大药房", "含麻黄碱类复方制剂" },
  { "chemical", "化工有限公司", "易制毒化学品仓库" },
  { "logistics", "快递驿站", "包裹收寄点" },
  { "other", "酒吧", "卡座" },
};

static const char *const inspection_findings[] = {
  "未发现涉毒问题",
  "管理制度健全",
  "已张贴禁毒宣传海报",
  "从业人员已签订禁毒承诺书",
};
static const char *const inspection_faults[] = {
  "登记台账不全，责令整改",
  "未张贴禁毒警示标识，已督促整改",
  "含麻药品销售登记缺失，责令整改",
  "包厢监控不全，责令限期整改",
};

/* ---- the demo's own state ----------------------------------------------------- */

typedef enum
{
  ST_COMMUNITY_DETOX,
  ST_COMMUNITY_REHAB,
  ST_COMPULSORY,
  ST_VOLUNTARY,
  ST_MAINTENANCE,
  ST_CUSTODY,
  ST_AT_LARGE,
  ST_MISSING,
  ST_DECEASED,
  ST_EMIGRATED,
  ST_MOVED_OUT,
} Status;

static const char *const status_keys[] = {
  [ST_COMMUNITY_DETOX] = "community_detox",
  [ST_COMMUNITY_REHAB] = "community_rehab",
  [ST_COMPULSORY] = "compulsory",
  [ST_VOLUNTARY] = "voluntary",
  [ST_MAINTENANCE] = "maintenance",
  [ST_CUSTODY] = "custody",
  [ST_AT_LARGE] = "at_large",
  [ST_MISSING] = "missing",
  [ST_DECEASED] = "deceased",
  [ST_EMIGRATED] = "emigrated",
  [ST_MOVED_OUT] = "moved_out",
};

static gboolean
is_community (Status status)
{
  return status == ST_COMMUNITY_DETOX || status == ST_COMMUNITY_REHAB;
}

typedef struct
{
  Status status;
  JdDay start;
  JdDay planned; /* 0: none */
  const char *note;
} Span;

typedef enum
{
  USE_POLICE,
  USE_HAIR,
  USE_OTHER,
  USE_URINE, /* a positive urine test: written as the follow-up itself */
} UseKind;

typedef struct
{
  JdDay day;
  UseKind kind;
} Use;

typedef enum
{
  ROLE_NONE,
  ROLE_TWO_YELLOW_CARDS,
  ROLE_REVOKED,
  ROLE_FAIL_FIRST,
} TitleRole;

typedef struct
{
  gint64 id;
  const Town *town;
  char *code;
  char *name; /* as stored: with the town's name at county and city scale */
  char *short_name;
  gboolean community;
  gint64 resident;
  char *secretary;
  char *police;
  char *workers[2]; /* the social workers, before and after worker_switch */
  JdDay worker_switch;
  gboolean education_site;
  JdDay retired_on;
  double quality;   /* 0–1: how well the village does its work */
  gboolean lagging; /* its help work has gaps */
  TitleRole role;
  gboolean never; /* never applies for the title */
  guint8 activities[N_YEARS * 12];
  /* The title plan: bit k stands for the year first_year + k. */
  int apply_year; /* the year of its next application; G_MAXINT: none */
  guint16 clean;  /* years no person of it may spoil (see dirty_years ()) */
  guint16 slip;   /* clean years in which its publicity falls short of a month */
  JdTitleState title;
  int named_year;
  gboolean revoked_once;
} Village;

typedef struct
{
  int n_villages;
  int n_retired;
  int n_persons;
  const char *township;
  const char *county;
  const char *city;
  const char *province;
  const Town *towns;
  guint n_towns;
  gboolean prefix_town; /* village names carry the town's name */
  double old_share;     /* of the persons, those found before the history */
} Scale;

typedef struct
{
  JdLedger *ledger;
  Rng rng;
  const Scale *scale;
  JdDay today;
  int first_year;        /* the first year of the history */
  JdDay start;           /* its first day */
  GPtrArray *villages;   /* Village*, in code order */
  GArray *active;        /* indices of villages not retired */
  double *active_weight; /* cumulative resident population of those */
  GHashTable *id_numbers;
  GHashTable *names;
  gint8 *found_years; /* per person: the year of the history first found in, or -1 */
  /* progress */
  JdProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  double phase_from, phase_to;
  guint64 writes;
} Demo;

static void
village_free (gpointer data)
{
  Village *v = data;
  g_free (v->code);
  g_free (v->name);
  g_free (v->short_name);
  g_free (v->secretary);
  g_free (v->police);
  g_free (v->workers[0]);
  g_free (v->workers[1]);
  g_free (v);
}

static const Scale scales[] = {
  [JD_DEMO_TOWNSHIP] = { 12, 2, 150, "博美镇", "陆丰市", "汕尾市", "广东省", bomei_towns,
                         G_N_ELEMENTS (bomei_towns), FALSE, 0.62 },
  [JD_DEMO_COUNTY] = { 200, 3, 5000, "陆丰市", "陆丰市", "汕尾市", "广东省", lufeng_towns,
                       G_N_ELEMENTS (lufeng_towns), TRUE, 0.68 },
  [JD_DEMO_CITY] = { 300, 4, 100000, "汕尾市", NULL, "汕尾市", "广东省", shanwei_towns,
                     G_N_ELEMENTS (shanwei_towns), TRUE, 0.78 },
};

gboolean
jd_demo_scale_from_string (const char *text, JdDemoScale *scale)
{
  static const char *const names[] = { "township", "county", "city" };
  for (guint i = 0; text && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *scale = (JdDemoScale)i;
        return TRUE;
      }
  return FALSE;
}

/* ---- progress and cancellation ------------------------------------------------ */

static void
phase (Demo *d, double from, double to)
{
  d->phase_from = from;
  d->phase_to = to;
  if (d->progress)
    d->progress (from, d->user_data);
}

/* Reports how far the current phase is (done of total); FALSE when cancelled. */
static gboolean
step (Demo *d, guint64 done, guint64 total, GError **error)
{
  if (g_cancellable_set_error_if_cancelled (d->cancellable, error))
    return FALSE;
  if (d->progress && total > 0)
    d->progress (d->phase_from + (d->phase_to - d->phase_from) * done / total, d->user_data);
  return TRUE;
}

/* Counts the writes, and looks at the cancellable every few thousand. */
static gboolean
wrote (Demo *d, JdStoreResult result, GError **error)
{
  if (result == JD_STORE_FAILED)
    return FALSE;
  if ((++d->writes & 4095) == 0 && g_cancellable_set_error_if_cancelled (d->cancellable, error))
    return FALSE;
  return TRUE;
}

/* ---- names, numbers and addresses ---------------------------------------------- */

static char *
person_name (Demo *d, const char *surname, gboolean male)
{
  const char *first = male ? PICK (&d->rng, male_chars) : PICK (&d->rng, female_chars);
  if (rng_chance (&d->rng, 0.25))
    return g_strconcat (surname, first, NULL);
  const char *second = first;
  while (g_str_equal (second, first))
    second = male ? PICK (&d->rng, male_chars) : PICK (&d->rng, female_chars);
  return g_strconcat (surname, first, second, NULL);
}

static char *
any_name (Demo *d)
{
  return person_name (d, PICK (&d->rng, surnames), rng_chance (&d->rng, 0.6));
}

static char *
phone (Demo *d)
{
  static const char *const prefixes[]
      = { "135", "136", "137", "138", "139", "150", "151", "152", "158", "159",
          "186", "187", "188", "189", "133", "177", "180", "181", "182", "199" };
  return g_strdup_printf ("%s%08d", PICK (&d->rng, prefixes), rng_range (&d->rng, 0, 99999999));
}

/* A new, valid and unique ID number: region, birth date, sequence with the sex's parity. */
static char *
id_number (Demo *d, const char *region, JdDay birth, gboolean male)
{
  for (;;)
    {
      char id[19];
      int sequence = rng_range (&d->rng, 0, 499) * 2 + (male ? 1 : 0);
      g_snprintf (id, sizeof id, "%s%04d%02d%02d%03d", region, jd_day_year (birth),
                  jd_day_month (birth), jd_day_mday (birth), sequence);
      id[17] = jd_id_number_check_digit (id);
      id[18] = '\0';
      if (!g_hash_table_contains (d->id_numbers, id))
        {
          g_hash_table_add (d->id_numbers, g_strdup (id));
          return g_strdup (id);
        }
    }
}

static char *
village_address (Demo *d, const Village *v)
{
  return g_strdup_printf ("%s%s%s%s%s%s组%d号", d->scale->province, v->town->city, v->town->county,
                          v->town->name, v->short_name,
                          group_numbers[rng_range (&d->rng, 0, G_N_ELEMENTS (group_numbers) - 1)],
                          rng_range (&d->rng, 1, 98));
}

/* ---- villages ------------------------------------------------------------------- */

static char *
unique_place (Demo *d, const Town *town, gboolean community)
{
  for (int attempt = 0;; attempt++)
    {
      const char *part = PICK (&d->rng, place_parts);
      g_autofree char *name = attempt < 40
                                  ? g_strconcat (part, community ? "社区" : "村", NULL)
                                  : g_strdup_printf ("%s%s%s", part, group_numbers[attempt % 10],
                                                     community ? "社区" : "村");
      /* One 东湖 in a town: not 东湖村 beside 东湖社区. */
      g_autofree char *key = attempt < 40 ? g_strconcat (town->name, part, NULL)
                                          : g_strconcat (town->name, name, NULL);
      if (!g_hash_table_contains (d->names, key))
        {
          g_hash_table_add (d->names, g_steal_pointer (&key));
          return g_steal_pointer (&name);
        }
    }
}

/* A village's title plan: the year it first applies (the best at once, some
 * later, the weakest never), the years from then on that it keeps clean, and
 * the clean years in which it slips, so that the roles happen: a first
 * assessment failed, two consecutive yellow cards; now and then a slip by
 * chance. What happens is decided by the assessments themselves (add_titles ()). */
static void
plan_title (Demo *d, Village *v)
{
  Rng *rng = &d->rng;
  int k0 = v->retired_on || v->never ? -1
           : v->role != ROLE_NONE    ? rng_range (rng, 0, 1)
           : v->quality > 0.7        ? rng_range (rng, 0, 2)
           : v->quality > 0.5        ? rng_range (rng, 2, 6)
                                     : rng_range (rng, 5, 9);
  v->apply_year = k0 < 0 ? G_MAXINT : d->first_year + k0;
  if (k0 < 0)
    return;
  for (int k = k0; k < N_YEARS; k++)
    v->clean |= 1u << k;
  if (v->role == ROLE_FAIL_FIRST)
    v->slip |= 1u << k0;
  else if (v->role == ROLE_TWO_YELLOW_CARDS)
    v->slip |= (1u << (k0 + 2)) | (1u << (k0 + 3));
  else if (v->role == ROLE_NONE)
    for (int k = k0 + 1; k < N_YEARS; k++)
      if (rng_chance (rng, 0.07))
        v->slip |= 1u << k;
  v->education_site = TRUE;
}

static gboolean
add_villages (Demo *d, GError **error)
{
  const Scale *s = d->scale;
  int per_town = (s->n_villages + s->n_towns - 1) / s->n_towns;
  int communities[64] = { 0 }, villages_in[64] = { 0 };

  for (int i = 0; i < s->n_villages; i++)
    {
      Village *v = g_new0 (Village, 1);
      guint town = MIN ((guint)(i / per_town), s->n_towns - 1);
      v->town = &s->towns[town];
      v->community = rng_chance (&d->rng, town < 4 && s->n_towns > 1 ? 0.5 : 0.22);
      v->short_name = unique_place (d, v->town, v->community);
      v->name = s->prefix_town ? g_strconcat (v->town->name, v->short_name, NULL)
                               : g_strdup (v->short_name);
      /* Communities are numbered 001…, villages 200… (the statistical codes' habit). */
      int number = v->community ? ++communities[town] : 200 + ++villages_in[town];
      v->code = g_strdup_printf ("%s%03u%03d", v->town->code, 100 + town + 1, number);
      v->resident = v->community ? rng_range (&d->rng, 3000, 8000) : rng_range (&d->rng, 800, 5200);
      v->quality = rng_unit (&d->rng);
      v->lagging = v->quality < 0.3;
      v->secretary = any_name (d);
      v->police = any_name (d);
      v->workers[0] = any_name (d);
      v->workers[1] = any_name (d);
      v->worker_switch = d->start + rng_range (&d->rng, 300, 3300);
      v->education_site = v->quality > 0.18 || rng_chance (&d->rng, 0.3);
      g_ptr_array_add (d->villages, v);
    }

  /* One or two villages merged into a neighbour some years ago. */
  for (int r = 0; r < s->n_retired; r++)
    {
      Village *v = g_ptr_array_index (d->villages, s->n_villages - 1 - r * 3);
      v->retired_on = jd_day_new (d->first_year + rng_range (&d->rng, 2, 5),
                                  rng_range (&d->rng, 1, 12), rng_range (&d->rng, 1, 28));
      v->education_site = FALSE;
    }

  /* The roles the title workflow must show, given to well-run villages. */
  TitleRole roles[] = { ROLE_TWO_YELLOW_CARDS, ROLE_REVOKED, ROLE_FAIL_FIRST };
  guint next_role = 0;
  for (guint i = 0; i < d->villages->len && next_role < G_N_ELEMENTS (roles); i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      if (v->retired_on == 0 && (i % 3) == 1)
        {
          v->role = roles[next_role++];
          v->quality = MAX (v->quality, 0.75);
          v->lagging = FALSE;
        }
    }

  /* The worst-run three in ten never apply; they are where most users live,
   * and most of them keep up the help work all the same (the worst does not). */
  guint n_active = 0;
  for (guint i = 0; i < d->villages->len; i++)
    n_active += ((Village *)g_ptr_array_index (d->villages, i))->retired_on == 0;
  for (guint never = 0; never < MAX (1, (n_active * 3 + 5) / 10); never++)
    {
      Village *worst = NULL;
      for (guint i = 0; i < d->villages->len; i++)
        {
          Village *v = g_ptr_array_index (d->villages, i);
          if (v->retired_on == 0 && v->role == ROLE_NONE && !v->never
              && (worst == NULL || v->quality < worst->quality))
            worst = v;
        }
      if (worst)
        {
          worst->never = TRUE;
          worst->lagging = never == 0;
        }
    }
  for (guint i = 0; i < d->villages->len; i++)
    plan_title (d, g_ptr_array_index (d->villages, i));

  d->active = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < d->villages->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      gint64 registered = v->resident * rng_range (&d->rng, 80, 115) / 100;
      gint64 floating = v->resident * rng_range (&d->rng, 3, v->community ? 35 : 15) / 100;
      JdVillageRecord record = {
        .code = v->code,
        .name = v->name,
        .kind = v->community ? "community" : "village",
        .registered_population = registered,
        .resident_population = v->resident,
        .floating_population = floating,
        .grid_count = v->resident / 900 + rng_range (&d->rng, 1, 4),
        .secretary = v->secretary,
        .police_officer = v->police,
        .education_site = v->education_site,
        .retired_on = v->retired_on,
      };
      if (!wrote (d, jd_store_village (d->ledger, &record, &v->id, error), error))
        return FALSE;
      if (v->retired_on == 0)
        g_array_append_val (d->active, i);
    }

  d->active_weight = g_new (double, d->active->len);
  double total = 0;
  for (guint i = 0; i < d->active->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, g_array_index (d->active, guint, i));
      total += v->resident;
      d->active_weight[i] = total;
    }
  return TRUE;
}

static Village *
pick_active_village (Demo *d)
{
  double x = rng_unit (&d->rng) * d->active_weight[d->active->len - 1];
  guint lo = 0, hi = d->active->len - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (d->active_weight[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (d->villages, g_array_index (d->active, guint, lo));
}

static const char *
social_worker (const Village *v, JdDay day)
{
  return day < v->worker_switch ? v->workers[0] : v->workers[1];
}

/* ---- the staff roster ----------------------------------------------------------- */

static gboolean
add_staff_member (Demo *d,
                  const char *role,
                  const Village *v,
                  const char *name,
                  JdDay since,
                  JdDay until,
                  GError **error)
{
  g_autofree char *number = phone (d);
  g_autofree char *own = name ? NULL : any_name (d);
  if (until && since >= until)
    since = until - rng_range (&d->rng, 30, 300);
  JdStaffRecord record = {
    .name = name ? name : own,
    .role = role,
    .village_id = v ? v->id : 0,
    .phone = number,
    .since = since,
    .until = until,
  };
  return wrote (d, jd_store_staff (d->ledger, &record, error), error);
}

static gboolean
add_staff (Demo *d, GError **error)
{
  /* The township office: its anti-drug cadres, one replaced half-way. */
  JdDay change = d->start + rng_range (&d->rng, 1200, 2400);
  if (!add_staff_member (d, "cadre", NULL, NULL, d->start - rng_range (&d->rng, 200, 1500),
                         change - 1, error)
      || !add_staff_member (d, "cadre", NULL, NULL, change, 0, error)
      || !add_staff_member (d, "cadre", NULL, NULL, d->start + rng_range (&d->rng, 0, 900), 0,
                            error)
      || !add_staff_member (d, "publicist", NULL, NULL, d->start + rng_range (&d->rng, 0, 600), 0,
                            error))
    return FALSE;

  for (guint i = 0; i < d->villages->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      JdDay end = v->retired_on;
      JdDay first = d->start - rng_range (&d->rng, 0, 700);
      /* The social workers: the first leaves the day before the second starts. */
      JdDay switch_day = end && v->worker_switch >= end ? end : v->worker_switch;
      if (!add_staff_member (d, "social_worker", v, v->workers[0], first, switch_day - 1, error)
          || (switch_day != end
              && !add_staff_member (d, "social_worker", v, v->workers[1], switch_day, end, error)))
        return FALSE;
      int grids = (int)MIN (v->resident / 900 + 1, 4);
      for (int g = 0; g < grids; g++)
        if (!add_staff_member (d, "grid_worker", v, NULL,
                               d->start + rng_range (&d->rng, 0, 4 * 365), end, error))
          return FALSE;
      if (!add_staff_member (d, "informant", v, NULL, d->start + rng_range (&d->rng, 0, 2000), end,
                             error)
          || !add_staff_member (d, "publicist", v, NULL, d->start + rng_range (&d->rng, 0, 2000),
                                end, error))
        return FALSE;
      /* Volunteers come and go. */
      int volunteers = rng_range (&d->rng, 1, 3);
      for (int k = 0; k < volunteers; k++)
        {
          JdDay since = d->start + rng_range (&d->rng, 0, 3000);
          JdDay until = rng_chance (&d->rng, 0.4) ? since + rng_range (&d->rng, 180, 900) : end;
          if (until > d->today || (end && until > end))
            until = end;
          if (since > d->today || (end && since >= end))
            continue;
          if (!add_staff_member (d, "volunteer", v, NULL, since, until, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- one person's life ------------------------------------------------------------ */

/* The year's weight on relapses and new users: they fall as the work takes hold. */
static double
year_factor (Demo *d, JdDay day)
{
  int k = jd_day_year (day) - d->first_year;
  return CLAMP (1.35 - 0.075 * k, 0.45, 1.6);
}

/* Which persons are new in which year of the history (k, or -1: registered
 * before it): fewer every year as the work takes hold, the current year in
 * proportion to its days so far, and at least one in every year up to today.
 * The last `spare` persons are left to draw their own dates. */
static gint8 *
plan_found_years (Demo *d, int n, int spare)
{
  gint8 *years = g_new (gint8, n);
  int planned = MAX (n - spare, 0);
  int n_new
      = CLAMP ((int)lround (n * (1.0 - d->scale->old_share)), MIN (N_YEARS, planned), planned);
  JdDay this_year = jd_day_new (jd_day_year (d->today), 1, 1);
  double weights[N_YEARS], total = 0;
  for (int k = 0; k < N_YEARS; k++)
    {
      weights[k] = MAX (11.0 - 0.95 * k, 1.2);
      if (k == N_YEARS - 1)
        weights[k] *= (double)(d->today - this_year + 1) / 365.0;
      total += weights[k];
    }
  int counts[N_YEARS], given = 0;
  for (int k = 0; k < N_YEARS; k++)
    given += counts[k] = MAX (1, (int)(n_new * weights[k] / total));
  for (int k = 0; given < n_new; k = (k + 1) % N_YEARS)
    counts[k]++, given++;
  while (given > n_new)
    {
      int most = 0;
      for (int k = 1; k < N_YEARS; k++)
        if (counts[k] > counts[most])
          most = k;
      counts[most]--, given--;
    }
  int j = 0;
  for (int k = 0; k < N_YEARS; k++)
    for (int c = 0; c < counts[k] && j < planned; c++)
      years[j++] = (gint8)k;
  while (j < n)
    years[j++] = -1;
  for (int i = planned - 1; i > 0; i--)
    {
      int other = rng_range (&d->rng, 0, i);
      gint8 swap = years[i];
      years[i] = years[other];
      years[other] = swap;
    }
  return years;
}

/* The day a person was first found: in year k of the history, or before it. */
static JdDay
found_on (Demo *d, int k)
{
  if (k < 0)
    {
      /* Registered before the history starts: from 1998 on. */
      JdDay from = jd_day_new (1998, 1, 1);
      return from + rng_range (&d->rng, 0, (int)(d->start - from) - 1);
    }
  JdDay first = jd_day_new (d->first_year + k, 1, 1);
  JdDay last = MIN (jd_day_new (d->first_year + k, 12, 31), d->today);
  return first + rng_range (&d->rng, 0, (int)(last - first));
}

static void
add_span (GArray *spans, Status status, JdDay start, JdDay planned, const char *note)
{
  Span span = { status, start, planned, note };
  g_array_append_val (spans, span);
}

/* The measure after a relapse or a first finding. */
static Status
measure_for (Demo *d, JdDay day, gboolean first)
{
  double x = rng_unit (&d->rng);
  if (day < jd_day_new (2008, 6, 1)) /* before the Anti-Drug Law: no community measures */
    return x < 0.55 ? ST_COMPULSORY : x < 0.75 ? ST_CUSTODY : ST_AT_LARGE;
  if (first)
    return x < 0.32   ? ST_COMMUNITY_DETOX
           : x < 0.50 ? ST_COMPULSORY
           : x < 0.58 ? ST_CUSTODY
           : x < 0.63 ? ST_VOLUNTARY
           : x < 0.66 ? ST_MAINTENANCE
                      : ST_AT_LARGE;
  return x < 0.32   ? ST_COMMUNITY_DETOX
         : x < 0.62 ? ST_COMPULSORY
         : x < 0.80 ? ST_CUSTODY
                    : ST_AT_LARGE;
}

static const char *const custody_notes[] = {
  "因贩卖毒品罪被判处有期徒刑",
  "因容留他人吸毒罪被判处有期徒刑",
  "因盗窃罪被判处有期徒刑",
  "因寻衅滋事罪被判处有期徒刑",
  "刑事拘留",
};

/* Draws a whole life from the first finding to today: spans and use dates. */
static void
draw_life (Demo *d, JdDay found, JdDay birth, GArray *spans, GArray *uses)
{
  JdDay t = found;
  Status state = measure_for (d, found, TRUE);
  JdDay abstinent_since = found;

  while (t <= d->today)
    {
      switch (state)
        {
          case ST_COMMUNITY_DETOX:
          case ST_COMMUNITY_REHAB:
            {
              /* Community detox is three years; rehabilitation up to three. */
              int years = state == ST_COMMUNITY_DETOX ? 3 : rng_range (&d->rng, 1, 3);
              JdDay planned = jd_day_add_years (t, years) - 1;
              add_span (spans, state, t, planned, NULL);
              /* A positive test under the measure; most are sent to compulsory isolation. */
              JdDay positive = t + rng_wait (&d->rng, 0.09 * year_factor (d, t));
              if (positive <= planned && positive <= d->today)
                {
                  Use use = { positive, USE_URINE };
                  g_array_append_val (uses, use);
                  abstinent_since = positive;
                  if (rng_chance (&d->rng, 0.7))
                    {
                      t = positive + rng_range (&d->rng, 5, 30);
                      state = ST_COMPULSORY;
                      break;
                    }
                }
              /* The measure ends; a few just ended are not recorded yet. */
              if (planned >= d->today || (planned + 45 > d->today && rng_chance (&d->rng, 0.5)))
                return;
              t = planned + 1;
              state = ST_AT_LARGE;
              break;
            }
          case ST_COMPULSORY:
            {
              JdDay planned = jd_day_add_years (t, 2) - 1;
              add_span (spans, ST_COMPULSORY, t, planned, NULL);
              JdDay release = t + rng_range (&d->rng, 540, 730);
              if (release > d->today)
                return;
              t = release;
              state = t >= jd_day_new (2008, 6, 1) && rng_chance (&d->rng, 0.55)
                          ? ST_COMMUNITY_REHAB
                          : ST_AT_LARGE;
              break;
            }
          case ST_CUSTODY:
            {
              int months = rng_chance (&d->rng, 0.2) ? rng_range (&d->rng, 36, 120)
                                                     : rng_range (&d->rng, 6, 35);
              JdDay planned = jd_day_add_months (t, months) - 1;
              add_span (spans, ST_CUSTODY, t, planned, PICK (&d->rng, custody_notes));
              if (planned >= d->today)
                return;
              t = planned + 1;
              state = ST_AT_LARGE;
              break;
            }
          case ST_VOLUNTARY:
            {
              JdDay planned = t + rng_range (&d->rng, 90, 360);
              add_span (spans, ST_VOLUNTARY, t, planned, "自愿到戒毒医疗机构戒毒");
              if (planned >= d->today)
                return;
              t = planned + 1;
              state = ST_AT_LARGE;
              break;
            }
          case ST_MAINTENANCE:
            {
              add_span (spans, ST_MAINTENANCE, t, 0, "美沙酮维持治疗门诊");
              JdDay end = t + rng_range (&d->rng, 300, 2500);
              if (end > d->today)
                return;
              t = end;
              state = ST_AT_LARGE;
              break;
            }
          case ST_AT_LARGE:
            {
              add_span (spans, ST_AT_LARGE, t, 0, NULL);
              int age = jd_day_year (t) - jd_day_year (birth);
              double clean_years = (double)(t - abstinent_since) / 365.25;
              double relapse = 0.07 * year_factor (d, t) / (1.0 + 0.8 * clean_years);
              int w_relapse = rng_wait (&d->rng, relapse);
              int w_death = rng_wait (&d->rng, age > 50 ? 0.025 : 0.008);
              int w_missing = rng_wait (&d->rng, 0.006);
              int w_moved = rng_wait (&d->rng, 0.004);
              int w_emigrated = rng_wait (&d->rng, 0.001);
              int w_crime = rng_wait (&d->rng, 0.005);
              int w = MIN (MIN (MIN (w_relapse, w_death), MIN (w_missing, w_moved)),
                           MIN (w_emigrated, w_crime));
              JdDay next = t + w;
              if (next > d->today)
                return;
              t = next;
              if (w == w_relapse)
                {
                  double x = rng_unit (&d->rng);
                  Use use = { t, x < 0.75 ? USE_POLICE : x < 0.92 ? USE_HAIR : USE_OTHER };
                  g_array_append_val (uses, use);
                  abstinent_since = t;
                  state = measure_for (d, t, FALSE);
                  t += rng_range (&d->rng, 3, 25);
                  if (state == ST_AT_LARGE)
                    t += rng_range (&d->rng, 30, 200);
                }
              else if (w == w_death)
                {
                  add_span (spans, ST_DECEASED, t, 0,
                            rng_chance (&d->rng, 0.7) ? "因病死亡" : "意外死亡");
                  return;
                }
              else if (w == w_missing)
                state = ST_MISSING;
              else if (w == w_moved)
                {
                  add_span (spans, ST_MOVED_OUT, t, 0, "户籍迁往外地");
                  return;
                }
              else if (w == w_emigrated)
                {
                  add_span (spans, ST_EMIGRATED, t, 0, "出境务工");
                  return;
                }
              else
                state = ST_CUSTODY;
              break;
            }
          case ST_MISSING:
            {
              add_span (spans, ST_MISSING, t, 0, "多次联系未果，已报公安机关协查");
              /* Some are found again, by the police, and sent to isolation. */
              JdDay found_again = t + rng_wait (&d->rng, 0.1);
              if (found_again > d->today)
                return;
              Use use = { found_again, USE_POLICE };
              g_array_append_val (uses, use);
              abstinent_since = found_again;
              t = found_again + rng_range (&d->rng, 3, 20);
              state = ST_COMPULSORY;
              break;
            }
          case ST_DECEASED:
          case ST_EMIGRATED:
          case ST_MOVED_OUT:
          default:
            return;
        }
    }
}

/* ---- follow-ups ------------------------------------------------------------------- */

typedef struct
{
  Demo *d;
  Village *v;
  gint64 person;
} Followups;

static gboolean
add_followup (Followups *f,
              const char *kind,
              JdDay day,
              const char *result,
              const char *place,
              const char *content,
              GError **error)
{
  JdFollowupRecord record = {
    .person_id = f->person,
    .kind = kind,
    .occurred_on = day,
    .result = result,
    .staff = social_worker (f->v, day),
    .place = place,
    .content = content,
  };
  return wrote (f->d, jd_store_followup (f->d->ledger, &record, error), error);
}

/* The help work on one community span: talks, urine tests, home visits and
 * help within [a, b] (the span's part of the history, up to where the work
 * stalled), and its positive tests wherever they fell in the span. */
static gboolean
add_span_followups (Followups *f,
                    JdDay a,
                    JdDay b,
                    JdDay span_start,
                    JdDay span_end,
                    gboolean rehab,
                    gboolean lagging,
                    GArray *positives,
                    GError **error)
{
  Demo *d = f->d;
  Rng *rng = &d->rng;
  gboolean joined = a > span_start; /* the span began before the history */

  for (JdDay day = a + (joined ? rng_range (rng, 0, 40) : rng_range (rng, 2, 14)); day <= b;)
    {
      if (!add_followup (f, "talk", day, NULL, PICK (rng, talk_places), PICK (rng, talk_contents),
                         error))
        return FALSE;
      day += (rehab ? rng_range (rng, 40, 58) : rng_range (rng, 30, 56))
             + (lagging && rng_chance (rng, 0.25) ? rng_range (rng, 15, 45) : 0);
    }

  guint next_positive = 0;
  for (JdDay day = a + (joined ? rng_range (rng, 0, 35) : rng_range (rng, 1, 10)); day <= b;)
    {
      while (next_positive < positives->len
             && g_array_index (positives, JdDay, next_positive) < day - 3)
        next_positive++;
      gboolean near_positive = next_positive < positives->len
                               && g_array_index (positives, JdDay, next_positive) <= day + 3;
      if (!near_positive)
        {
          gboolean refused = rng_chance (rng, 0.015);
          if (!add_followup (f, "urine_test", day, refused ? "refused" : "negative",
                             PICK (rng, urine_places), NULL, error))
            return FALSE;
        }
      /* Monthly in a measure's first year, then every month or two. */
      gboolean first_year = day < jd_day_add_years (span_start, 1);
      day += first_year ? rng_range (rng, 26, 36) : rng_range (rng, rehab ? 45 : 38, 58);
      if (lagging && rng_chance (rng, 0.2))
        day += rng_range (rng, 15, 40);
    }
  for (guint i = 0; i < positives->len; i++)
    {
      JdDay day = g_array_index (positives, JdDay, i);
      if (day < span_start || day > span_end) /* positive tests even after the work stalled */
        continue;
      if (!add_followup (f, "urine_test", day, "positive", PICK (rng, urine_places), NULL, error))
        return FALSE;
    }

  for (JdDay day = a + rng_range (rng, 3, 30); day <= b;)
    {
      if (!add_followup (f, "home_visit", day, NULL, "家中", PICK (rng, visit_contents), error))
        return FALSE;
      day += (rehab ? rng_range (rng, 30, 50) : rng_range (rng, 26, 44))
             + (lagging && rng_chance (rng, 0.3) ? rng_range (rng, 10, 30) : 0);
    }

  if (rng_chance (rng, 0.6))
    for (JdDay day = a + rng_range (rng, 20, 120); day <= b; day += rng_range (rng, 80, 160))
      if (!add_followup (f, "assistance", day, NULL, "村委会", PICK (rng, assistance_contents),
                         error))
        return FALSE;

  return TRUE;
}

/* ---- persons ---------------------------------------------------------------------- */

typedef struct
{
  GArray *spans;     /* Span */
  GArray *uses;      /* Use */
  GArray *positives; /* JdDay */
  Followups f;
  /* The guarantees of the work due: the first persons under a community
   * measure today are made to show each kind of lapse. */
  gboolean need_stalled, need_no_help, need_no_agreement, need_ending;
} PersonScratch;

static const char *
pick_drug (Demo *d, JdDay found)
{
  gboolean recent = jd_day_year (found) >= 2012;
  int total = 0;
  for (guint i = 0; i < G_N_ELEMENTS (drugs); i++)
    total += jd_day_year (found) >= drugs[i].from_year ? drugs[i].weight_after
                                                       : drugs[i].weight_before;
  int x = rng_range (&d->rng, 0, total - 1);
  for (guint i = 0; i < G_N_ELEMENTS (drugs); i++)
    {
      x -= jd_day_year (found) >= drugs[i].from_year ? drugs[i].weight_after
                                                     : drugs[i].weight_before;
      if (x < 0)
        return drugs[i].name;
    }
  return recent ? drugs[1].name : drugs[0].name;
}

static const char *
pick_key_category (Demo *d)
{
  int total = 0;
  for (guint i = 0; i < G_N_ELEMENTS (key_categories); i++)
    total += key_categories[i].weight;
  int x = rng_range (&d->rng, 0, total - 1);
  for (guint i = 0; i < G_N_ELEMENTS (key_categories); i++)
    if ((x -= key_categories[i].weight) < 0)
      return key_categories[i].name;
  return key_categories[0].name;
}

static gboolean
add_help_group (Demo *d,
                Village *v,
                gint64 person,
                const char *surname,
                JdDay since,
                JdDay until,
                GError **error)
{
  Rng *rng = &d->rng;
  int family = rng_chance (rng, 0.3) ? 2 : 1;
  for (int i = 0; i < family; i++)
    {
      g_autofree char *name
          = person_name (d, i == 0 ? surname : PICK (rng, surnames), rng_chance (rng, 0.4));
      g_autofree char *number = phone (d);
      JdHelpMemberRecord member = { person, name, "family", number, since, until };
      if (!wrote (d, jd_store_help_member (d->ledger, &member, error), error))
        return FALSE;
    }
  JdHelpMemberRecord cadre = { person, v->secretary, "cadre", NULL, since, until };
  JdHelpMemberRecord police = { person, v->police, "police", NULL, since, until };
  JdHelpMemberRecord worker
      = { person, social_worker (v, since), "social_worker", NULL, since, until };
  return wrote (d, jd_store_help_member (d->ledger, &cadre, error), error)
         && (rng_chance (rng, 0.5)
             || wrote (d, jd_store_help_member (d->ledger, &police, error), error))
         && wrote (d, jd_store_help_member (d->ledger, &worker, error), error);
}

/* A move of a person to another managing village (docs/contract.md §3 move). */
static gboolean
add_move (Demo *d, gint64 person, const Village *to, JdDay day, GError **error)
{
  JdMoveRecord move = { .person_id = person, .village_id = to->id, .moved_on = day };
  return wrote (d, jd_store_move (d->ledger, &move, error), error);
}

static gboolean
exits (Status status)
{
  return status == ST_DECEASED || status == ST_EMIGRATED || status == ST_MOVED_OUT;
}

/* The years of the history a person spoils for a village that keeps them
 * clean (docs/contract.md §4, the automatic findings of standards 1, 2, 3 and
 * 5): registered by the year's end and, unless exited before it, within it
 * possibly a current user (first found or used less than three years before
 * one of its days), missing or under a community measure (whose help, talks
 * and tests are checked); and every year from the finding of a person
 * without a known address. Generous on purpose: a clean year is a sure one. */
static guint16
dirty_years (Demo *d, JdDay found, const GArray *spans, const GArray *uses, gboolean no_address)
{
  /* Bits k … l, clamped to the history. */
#define YEARS(k, l)                                                                                \
  ((k) > N_YEARS - 1 || (l) < 0                                                                    \
       ? 0u                                                                                        \
       : ((1u << (MIN ((l), N_YEARS - 1) + 1)) - 1) & ~((1u << MAX ((k), 0)) - 1))
  int found_k = jd_day_year (found) - d->first_year;
  guint mask = YEARS (found_k, found_k + 3);
  for (guint i = 0; i < uses->len; i++)
    {
      int k = jd_day_year (g_array_index (uses, Use, i).day) - d->first_year;
      mask |= YEARS (k, k + 3);
    }
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      if (!is_community (span->status) && span->status != ST_MISSING)
        continue;
      JdDay last_day = i + 1 < spans->len ? g_array_index (spans, Span, i + 1).start - 1 : d->today;
      mask |= YEARS (jd_day_year (span->start) - d->first_year,
                     jd_day_year (last_day) - d->first_year);
    }
  /* None of that from the day they exit, counted in whole years from the one
   * after (never their first year: standard 5); but an unknown address stays
   * (standard 3 looks at every registered person, exited or not). */
  const Span *last = &g_array_index (spans, Span, spans->len - 1);
  if (exits (last->status))
    {
      int k = jd_day_year (last->start) - d->first_year;
      gboolean new_year = jd_day_month (last->start) == 1 && jd_day_mday (last->start) == 1;
      mask &= ~YEARS (MAX (new_year ? k : k + 1, found_k + 1), N_YEARS - 1);
    }
  if (no_address)
    mask |= YEARS (found_k, N_YEARS - 1);
#undef YEARS
  return (guint16)mask;
}

/* A village not retired, by resident population, among those whose clean
 * years the person does not spoil, other than `except`; NULL when there is none. */
static Village *
pick_village (Demo *d, guint16 dirty, const Village *except)
{
  double total = 0;
  Village *last = NULL;
  for (guint i = 0; i < d->active->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, g_array_index (d->active, guint, i));
      if ((v->clean & dirty) == 0 && v != except)
        total += v->resident;
    }
  double x = rng_unit (&d->rng) * total;
  for (guint i = 0; i < d->active->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, g_array_index (d->active, guint, i));
      if ((v->clean & dirty) != 0 || v == except)
        continue;
      last = v;
      if ((x -= v->resident) < 0)
        break;
    }
  return last;
}

/* A person's registration, status history, use events, moves and the help work on them. */
static gboolean
add_person (Demo *d, PersonScratch *p, int index, gboolean last_chance, GError **error)
{
  Rng *rng = &d->rng;
  /* The last persons make up for what chance did not give: released from
   * compulsory isolation into community rehabilitation, still under it. */
  gboolean scripted
      = last_chance
        && (p->need_stalled || p->need_no_help || p->need_no_agreement || p->need_ending);
  JdDay released = d->today - rng_range (rng, 200, 600);
  JdDay found
      = scripted ? released - rng_range (rng, 540, 720) : found_on (d, d->found_years[index]);
  int found_year = jd_day_year (found);
  gboolean male = rng_chance (rng, 0.86);
  int birth_year = rng_range (rng, MAX (1960, found_year - 48), MIN (2004, found_year - 17));
  JdDay birth = jd_day_new (birth_year, 1, 1) + rng_range (rng, 0, 364);
  const char *surname = PICK (rng, surnames);
  gboolean no_address = rng_chance (rng, 0.006);

  /* The life first, then a village whose clean years it does not spoil. */
  g_array_set_size (p->spans, 0);
  g_array_set_size (p->uses, 0);
  if (scripted)
    {
      add_span (p->spans, ST_COMPULSORY, found, jd_day_add_years (found, 2) - 1, NULL);
      add_span (p->spans, ST_COMMUNITY_REHAB, released, jd_day_add_years (released, 3) - 1, NULL);
    }
  else
    draw_life (d, found, birth, p->spans, p->uses);
  guint16 dirty = dirty_years (d, found, p->spans, p->uses, no_address);
  Village *v = pick_village (d, dirty, NULL);
  if (v == NULL)
    v = pick_active_village (d);

  /* A few move to another village (docs/contract.md §3 move), on a day
   * between their finding (or the history's start) and their exit or today. */
  Village *moved_to = NULL;
  JdDay moved_on = 0;
  if (rng_chance (rng, 0.025))
    {
      const Span *last = &g_array_index (p->spans, Span, p->spans->len - 1);
      JdDay from = MAX (found, d->start) + 30;
      JdDay until = exits (last->status) ? last->start - 1 : d->today - 1;
      moved_to = pick_village (d, dirty, v);
      if (moved_to && from <= until)
        moved_on = from + rng_range (rng, 0, (int)(until - from));
    }

  /* Where the household is registered: mostly here, some elsewhere. */
  double x = rng_unit (rng);
  const char *region = v->town->code;
  g_autofree char *household = NULL;
  const char *household_village_name = NULL;
  gint64 household_village = v->id;
  if (x < 0.12)
    {
      guint place = rng_range (rng, 0, G_N_ELEMENTS (outside_places) - 1);
      region = outside_places[place].code;
      household_village = 0;
      household_village_name = outside_places[place].village;
      household = g_strdup_printf ("%s%s%s组%d号", outside_places[place].province_city,
                                   outside_places[place].village,
                                   group_numbers[rng_range (rng, 0, 9)], rng_range (rng, 1, 80));
    }
  else if (x < 0.22)
    {
      Village *other = g_ptr_array_index (d->villages, rng_range (rng, 0, d->villages->len - 1));
      region = other->town->code;
      household_village = other->id;
      household = village_address (d, other);
    }
  else
    household = village_address (d, v);

  g_autofree char *id = id_number (d, region, birth, male);
  g_autofree char *name = person_name (d, surname, male);
  g_autofree char *number = rng_chance (rng, 0.93) ? phone (d) : NULL;
  g_autofree char *residence = no_address ? NULL
                               : household_village == v->id && rng_chance (rng, 0.7)
                                   ? g_strdup (household)
                                   : village_address (d, v);
  JdPersonRecord record = {
    .id_number = id,
    .name = name,
    .phone = number,
    .household_address = household,
    .household_village_id = household_village,
    .household_village_name = household_village_name,
    .residence_address = residence,
    .village_id = v->id,
    .first_found_on = found,
    .drug_type = pick_drug (d, found),
    .key_category = pick_key_category (d),
    .note = rng_chance (rng, 0.1) ? PICK (rng, person_notes)
            : no_address          ? "现住址不详"
                                  : NULL,
  };
  gint64 person = 0;
  if (!wrote (d, jd_store_person (d->ledger, &record, &person, error), error))
    return FALSE;
  if (moved_on && !add_move (d, person, moved_to, moved_on, error))
    return FALSE;

  /* The lapses of the work due, first for sure and then by chance. */
  Span *last = &g_array_index (p->spans, Span, p->spans->len - 1);
  gboolean open_community = is_community (last->status);
  gboolean stalled = FALSE, no_help = FALSE, no_agreement = FALSE;
  if (open_community)
    {
      gboolean lagging = v->lagging;
      if (p->need_ending && last->status == ST_COMMUNITY_REHAB && last->start + 120 < d->today)
        {
          /* Community rehabilitation lasts up to three years: this one ends this month. */
          last->planned = d->today + rng_range (rng, 5, 25);
          p->need_ending = FALSE;
        }
      else if (p->need_stalled && last->start + 120 < d->today)
        stalled = TRUE, p->need_stalled = FALSE;
      else if (p->need_no_help)
        no_help = TRUE, p->need_no_help = FALSE;
      else if (p->need_no_agreement)
        no_agreement = TRUE, p->need_no_agreement = FALSE;
      else
        {
          stalled = rng_chance (rng, lagging ? 0.25 : 0.08);
          no_help = rng_chance (rng, lagging ? 0.08 : 0.03);
          no_agreement = rng_chance (rng, lagging ? 0.1 : 0.04);
        }
      if (last->planned >= d->today && last->planned <= d->today + 30)
        p->need_ending = FALSE;
    }

  for (guint i = 0; i < p->spans->len; i++)
    {
      const Span *span = &g_array_index (p->spans, Span, i);
      JdStatusRecord status
          = { person, status_keys[span->status], span->start, span->planned, span->note };
      if (!wrote (d, jd_store_status (d->ledger, &status, error), error))
        return FALSE;
    }

  /* Use events; positive urine tests are written as the tests themselves. */
  g_array_set_size (p->positives, 0);
  for (guint i = 0; i < p->uses->len; i++)
    {
      const Use *use = &g_array_index (p->uses, Use, i);
      if (use->kind == USE_URINE)
        {
          g_array_append_val (p->positives, use->day);
          continue;
        }
      JdUseEventRecord event = { person, use->day,
                                 use->kind == USE_POLICE ? "police"
                                 : use->kind == USE_HAIR ? "hair_positive"
                                                         : "other" };
      if (!wrote (d, jd_store_use_event (d->ledger, &event, error), error))
        return FALSE;
    }

  /* The help work on every community measure of the history. */
  p->f.v = v;
  p->f.person = person;
  gboolean lagging = v->lagging ? rng_chance (rng, 0.6) : rng_chance (rng, 0.1);
  for (guint i = 0; i < p->spans->len; i++)
    {
      const Span *span = &g_array_index (p->spans, Span, i);
      gboolean open = i + 1 == p->spans->len;
      JdDay end = open ? d->today : g_array_index (p->spans, Span, i + 1).start - 1;
      if (!is_community (span->status) || end < d->start)
        continue;

      JdDay since = span->start + rng_range (rng, 0, 10);
      since = MIN (since, end);
      if (!(open && no_help)
          && !add_help_group (d, v, person, surname, since, open ? 0 : end, error))
        return FALSE;
      if (!(open && no_agreement))
        {
          JdDay signed_on
              = span->start
                + (rng_chance (rng, 0.9) ? rng_range (rng, 0, 12) : rng_range (rng, 20, 45));
          JdAgreementRecord agreement
              = { person, MIN (signed_on, end),
                  span->status == ST_COMMUNITY_DETOX ? "社区戒毒协议" : "社区康复协议" };
          if (!wrote (d, jd_store_agreement (d->ledger, &agreement, error), error))
            return FALSE;
        }

      JdDay a = MAX (span->start, d->start);
      JdDay b = open && stalled ? d->today - rng_range (rng, 65, 110) : end;
      if (!add_span_followups (&p->f, a, b, span->start, end, span->status == ST_COMMUNITY_REHAB,
                               lagging, p->positives, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_persons (Demo *d, GError **error)
{
  PersonScratch p = {
    .spans = g_array_new (FALSE, FALSE, sizeof (Span)),
    .uses = g_array_new (FALSE, FALSE, sizeof (Use)),
    .positives = g_array_new (FALSE, FALSE, sizeof (JdDay)),
    .f = { .d = d },
    .need_stalled = TRUE,
    .need_no_help = TRUE,
    .need_no_agreement = TRUE,
    .need_ending = TRUE,
  };
  gboolean ok = TRUE;
  int n = d->scale->n_persons;
  d->found_years = plan_found_years (d, n, 4);
  for (int i = 0; ok && i < n; i++)
    {
      ok = add_person (d, &p, i, i >= n - 4, error);
      if (ok && (i & 63) == 0)
        ok = step (d, i, n, error);
    }
  g_array_unref (p.spans);
  g_array_unref (p.uses);
  g_array_unref (p.positives);
  return ok;
}

/* ---- publicity, letters and venues -------------------------------------------------- */

static const char *const activity_places[]
    = { "村委会广场", "文化室", "小学", "祠堂前", "农贸市场", "党群服务中心", "文化广场" };

static gboolean
add_activity (Demo *d,
              Village *v,
              JdDay day,
              const char *form,
              const char *title,
              const char *audience,
              GError **error)
{
  Rng *rng = &d->rng;
  g_autofree char *location = v ? g_strconcat (v->short_name, PICK (rng, activity_places), NULL)
                                : g_strconcat (d->scale->township, "文化广场", NULL);
  gboolean handout = g_str_equal (form, "materials") || g_str_equal (form, "exhibition")
                     || rng_chance (rng, 0.3);
  JdActivityRecord record = {
    .village_id = v ? v->id : 0,
    .held_on = day,
    .form = form,
    .title = title,
    .location = location,
    .audience = audience,
    .participants = v ? rng_range (rng, 15, 260) : rng_range (rng, 200, 1500),
    .materials = handout ? rng_range (rng, 30, 600) : 0,
    .banners = g_str_equal (form, "banner") ? rng_range (rng, 1, 8) : rng_range (rng, 0, 2),
  };
  JdStoreResult result = jd_store_activity (d->ledger, &record, error);
  if (result == JD_STORE_ADDED && v)
    {
      int m = (jd_day_year (day) - d->first_year) * 12 + jd_day_month (day) - 1;
      v->activities[m]++;
    }
  return wrote (d, result, error);
}

static gboolean
add_activities (Demo *d, GError **error)
{
  Rng *rng = &d->rng;
  int ty = jd_day_year (d->today);
  for (guint i = 0; i < d->villages->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      for (int k = 0; k < N_YEARS; k++)
        {
          /* A village's clean year has four a month, but for one month of a slip. */
          gboolean clean = (v->clean >> k) & 1;
          int short_month = (v->slip >> k) & 1 ? rng_range (rng, 1, 9) : 0;
          for (int month = 1; month <= 12; month++)
            {
              JdDay first = jd_day_new (d->first_year + k, month, 1);
              JdDay last = jd_day_add_months (first, 1) - 1;
              if (first > d->today || (v->retired_on && first >= v->retired_on))
                break;
              last = MIN (last, d->today);
              if (v->retired_on)
                last = MIN (last, v->retired_on - 1);
              /* Well-run villages reach four a month, the more so in later years. */
              double expected = (1.0 + 3.8 * v->quality) * (0.7 + 0.04 * k);
              int count = (int)(expected + rng_unit (rng) * 1.6 - 0.6);
              if (v->quality > 0.6 && k >= 4 && rng_chance (rng, 0.93))
                count = MAX (count, 4);
              if (clean)
                count = month == short_month ? rng_range (rng, 2, 3) : MAX (count, 4);
              count = CLAMP (count, 0, 7);
              for (int a = 0; a < count; a++)
                {
                  JdDay day = first + rng_range (rng, 0, (int)(last - first));
                  guint kind = rng_range (rng, 0, G_N_ELEMENTS (activity_kinds) - 1);
                  if (!add_activity (d, v, day, activity_kinds[kind].form,
                                     activity_kinds[kind].title, activity_kinds[kind].audience,
                                     error))
                    return FALSE;
                }
            }
        }
      if (!step (d, i, d->villages->len, error))
        return FALSE;
    }
  for (int year = d->first_year; year <= ty; year++)
    for (guint t = 0; t < G_N_ELEMENTS (township_days); t++)
      {
        JdDay day = jd_day_new (year, township_days[t].month, township_days[t].day);
        if (day <= d->today && rng_chance (rng, 0.85)
            && !add_activity (d, NULL, day, township_days[t].form, township_days[t].title,
                              township_days[t].audience, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
add_letter (Demo *d,
            Village *v,
            int year,
            const char *level,
            int from_month,
            int to_month,
            const char *party,
            gint64 copies,
            GError **error)
{
  JdDay first = jd_day_new (year, from_month, 1);
  JdDay last = jd_day_add_months (jd_day_new (year, to_month, 1), 1) - 1;
  JdDay day = first + rng_range (&d->rng, 0, (int)(last - first));
  if (day > d->today || (v->retired_on && day >= v->retired_on))
    return TRUE;
  JdLetterRecord record = { v->id, level, day, party, copies };
  return wrote (d, jd_store_letter (d->ledger, &record, error), error);
}

static gboolean
add_letters (Demo *d, GError **error)
{
  Rng *rng = &d->rng;
  for (guint i = 0; i < d->villages->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      g_autofree char *government = g_strconcat (v->town->name, "人民政府", NULL);
      int groups = rng_range (rng, 4, 14);
      gint64 households = v->resident * rng_range (rng, 55, 90) / 360;
      gboolean units = v->community || rng_chance (rng, 0.35);
      for (int year = d->first_year; year <= jd_day_year (d->today); year++)
        {
          /* A lagging village misses a level now and then; never in a clean year. */
          double miss = (v->clean >> (year - d->first_year)) & 1 ? 0 : v->lagging ? 0.3 : 0.06;
          if (!add_letter (d, v, year, "township_village", 2, 3, government, 2, error)
              || (!rng_chance (rng, miss)
                  && !add_letter (d, v, year, "village_group", 3, 4,
                                  v->community ? "各居民小组" : "各村民小组", groups, error))
              || (!rng_chance (rng, miss)
                  && !add_letter (d, v, year, "village_household", 3, 5, "辖区住户", households,
                                  error))
              || (units
                  && !add_letter (d, v, year, "unit", 4, 6, "辖区企业、场所",
                                  rng_range (rng, 3, 30), error)))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_venues (Demo *d, GError **error)
{
  Rng *rng = &d->rng;
  static const int kind_weights[] = { 10, 12, 30, 8, 14, 3, 10, 5 };
  guint venues = 0;
  for (guint i = 0; i < d->villages->len; i++)
    {
      Village *v = g_ptr_array_index (d->villages, i);
      int count = v->community ? rng_range (rng, 3, 7) : rng_range (rng, 1, 4);
      for (int n = 0; n < count; n++)
        {
          int x = rng_range (rng, 0, 91), kind = 0;
          while (kind < 7 && (x -= kind_weights[kind]) >= 0)
            kind++;
          /* Every kind at least once, in the first villages. */
          if (venues < G_N_ELEMENTS (venue_kinds))
            kind = venues;
          venues++;
          g_autofree char *name
              = g_str_equal (venue_kinds[kind].kind, "rental")
                    ? g_strdup_printf ("%s%s路%d号出租屋", v->short_name,
                                       group_numbers[rng_range (rng, 0, 9)], rng_range (rng, 1, 99))
                    : g_strconcat (PICK (rng, place_parts), venue_kinds[kind].suffix, NULL);
          g_autofree char *address = village_address (d, v);
          g_autofree char *manager = any_name (d);
          g_autofree char *number = phone (d);
          JdVenueRecord record = { v->id,   name,   venue_kinds[kind].kind,    address,
                                   manager, number, venue_kinds[kind].key_spot };
          gint64 venue = 0;
          JdStoreResult result = jd_store_venue (d->ledger, &record, &venue, error);
          if (!wrote (d, result, error))
            return FALSE;
          if (result != JD_STORE_ADDED)
            continue;
          JdDay end = v->retired_on ? v->retired_on - 1 : d->today;
          for (JdDay day = d->start + rng_range (rng, 0, 900); day <= end;
               day += rng_range (rng, 60, 150))
            {
              gboolean passed = rng_chance (rng, 0.93);
              JdInspectionRecord inspection
                  = { venue, day, rng_chance (rng, 0.5) ? v->police : social_worker (v, day),
                      passed,
                      passed ? PICK (rng, inspection_findings) : PICK (rng, inspection_faults) };
              if (!wrote (d, jd_store_inspection (d->ledger, &inspection, error), error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* ---- awareness surveys ------------------------------------------------------------------ */

/* One awareness survey (docs/contract.md §3 awareness survey); village NULL: township-wide. */
static gboolean
add_survey (Demo *d,
            const Village *v,
            JdDay day,
            const char *group,
            gint64 sampled,
            gint64 aware,
            GError **error)
{
  JdSurveyRecord survey = { .village_id = v ? v->id : 0,
                            .surveyed_on = day,
                            .group = group,
                            .sampled = sampled,
                            .aware = aware };
  return wrote (d, jd_store_survey (d->ledger, &survey, error), error);
}

/* A few surveys a year of each group, township-wide or in a village, the
 * share aware rising over the years towards the plans' targets (docs/contract.md §4:
 * the public and migrant workers 95%, venue staff and students 100%). */
static gboolean
add_surveys (Demo *d, GError **error)
{
  static const struct
  {
    const char *group;
    int per_year;    /* surveys a year */
    int first_month; /* the months they fall in */
    int last_month;
    int sampled_from, sampled_to;
    double first, last; /* the share aware in the first and the last year */
  } groups[] = {
    { "public", 3, 1, 12, 100, 400, 0.9, 0.97 },
    { "migrant", 2, 1, 3, 40, 150, 0.88, 0.96 }, /* when they are home for the Spring Festival */
    { "venue_staff", 2, 3, 11, 20, 80, 0.92, 0.99 },
    { "students", 2, 3, 12, 150, 600, 0.95, 0.995 },
  };
  Rng *rng = &d->rng;
  for (int k = 0; k < N_YEARS; k++)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      {
        int months = groups[g].last_month - groups[g].first_month + 1;
        for (int n = 0; n < groups[g].per_year; n++)
          {
            /* The n-th part of the group's months, so that no two fall on one day. */
            int from = groups[g].first_month + n * months / groups[g].per_year;
            int to = groups[g].first_month + (n + 1) * months / groups[g].per_year - 1;
            JdDay first = jd_day_new (d->first_year + k, from, 1);
            JdDay last
                = jd_day_add_months (jd_day_new (d->first_year + k, MAX (to, from), 1), 1) - 1;
            JdDay day = first + rng_range (rng, 0, (int)(last - first));
            const Village *v = rng_chance (rng, 0.5) ? pick_active_village (d) : NULL;
            gint64 sampled = rng_range (rng, groups[g].sampled_from, groups[g].sampled_to);
            double rate = groups[g].first + (groups[g].last - groups[g].first) * k / (N_YEARS - 1)
                          + (rng_unit (rng) - 0.5) * 0.04;
            gint64 aware = CLAMP ((gint64)lround (sampled * rate), 0, sampled);
            if (day > d->today || (v && v->retired_on && day >= v->retired_on))
              continue;
            if (!add_survey (d, v, day, groups[g].group, sampled, aware, error))
              return FALSE;
          }
      }
  return TRUE;
}

/* ---- the title and its assessments --------------------------------------------------- */

static const struct
{
  const char *met, *not_met;
} item_notes[JD_N_STANDARDS] = {
  { "无失管失控人员", "有失联人员" },
  { "帮教措施落实，无复吸，现有吸毒人员戒断三年以上", "帮教、谈话尿检或戒断巩固未达标" },
  { "底数清、情况明", "人员信息不全" },
  { "层层签订责任书，帮教小组健全", "责任书签订不全或帮教小组缺失" },
  { "本年度无新滋生吸毒人员", "本年度有新滋生吸毒人员" },
  { "已开展14类涉毒重点人员摸排", "重点人员摸排不到位" },
  { NULL, NULL }, /* the publicity months, counted */
  { "已建禁毒教育阵地", "未建禁毒教育阵地" },
  { "网格划分清晰，台账齐全", "网格台账不全" },
  { "村规民约含禁毒内容", "移风易俗工作未落实" },
};

/* Records the year's assessment on its day: the automatic findings are the
 * ledger's own as of that day (ready), the manual verdicts the assessors'.
 * Returns its score out of 100, or -1; *not_met counts the verdicts not met. */
static int
assess (Demo *d,
        Village *v,
        int year,
        JdDay day,
        const JdVillageReadiness *ready,
        int *not_met,
        GError **error)
{
  Rng *rng = &d->rng;
  int k = year - d->first_year;
  int months = 0, months_met = 0;
  for (int m = 0; m < 12; m++)
    if (jd_day_add_months (jd_day_new (year, m + 1, 1), 1) - 1 < day)
      {
        months++;
        months_met += v->activities[k * 12 + m] >= 4;
      }
  JdAssessmentRecord record = {
    .village_id = v->id,
    .year = year,
    .assessed_on = day,
    .assessor = d->scale->prefix_town ? "市禁毒办考核组" : "镇禁毒委考核组",
  };
  g_autofree char *publicity
      = g_strdup_printf ("%d个完整月中%d个月开展4次以上宣传活动", months, months_met);
  int score = 0;
  *not_met = 0;
  for (int no = 0; no < JD_N_STANDARDS; no++)
    {
      JdAssessmentItem *item = &record.items[no];
      int finding = ready->standards[no].met;
      item->finding = finding;
      item->verdict = finding >= 0 ? finding : (v->quality > 0.25 || rng_chance (rng, 0.6));
      item->points = item->verdict ? rng_range (rng, 9, 10) : rng_range (rng, 3, 6);
      item->note = item_notes[no].met == NULL ? publicity
                   : item->verdict            ? item_notes[no].met
                                              : item_notes[no].not_met;
      score += (int)item->points;
      *not_met += !item->verdict;
    }
  if (jd_store_assessment (d->ledger, &record, NULL, error) == JD_STORE_FAILED)
    return -1;
  return score;
}

static gboolean
title_event (Demo *d, Village *v, const char *event, JdDay day, const char *note, GError **error)
{
  /* A yellow card for a failed assessment (ranking); a revocation for an incident. */
  const char *ground = g_str_equal (event, "yellow_card") ? "ranking"
                       : g_str_equal (event, "revoked")   ? "incident"
                                                          : NULL;
  JdTitleEventRecord record = { v->id, event, day, note, ground };
  if (!wrote (d, jd_store_title_event (d->ledger, &record, error), error))
    return FALSE;
  return jd_title_apply (&v->title, event, day, error);
}

static JdDay
day_in (Demo *d, int year, int month, int from_day, int to_month, int to_day)
{
  JdDay first = jd_day_new (year, month, from_day);
  JdDay last = jd_day_new (year, to_month, to_day);
  return first + rng_range (&d->rng, 0, (int)(last - first));
}

/* One village's title events of one year (docs/contract.md §3 "Title rules"):
 * an application in the first weeks, its acceptance in March, and in the
 * year's assessment campaign (ready: the findings as of its day, NULL when
 * there is none) the creation round's verdict or the titled village's
 * review. A round passes and is named only when every verdict is met; a
 * titled village is reviewed then, and gets a yellow card otherwise. */
static gboolean
title_year (
    Demo *d, Village *v, int year, JdDay campaign, const JdVillageReadiness *ready, GError **error)
{
  Rng *rng = &d->rng;
  JdTitleState *state = &v->title;
  gboolean in_round = state->stage == JD_TITLE_STAGE_APPLIED
                      || state->stage == JD_TITLE_STAGE_ACCEPTED
                      || state->stage == JD_TITLE_STAGE_PASSED;
  if (!jd_title_holds (state) && !in_round && year >= v->apply_year)
    {
      JdDay applied = day_in (d, year, 1, 5, 2, 25);
      JdDay accepted = day_in (d, year, 3, 1, 3, 31);
      if (applied > d->today)
        return TRUE;
      if (!title_event (d, v, "applied", applied, "自主申报创建无毒村(社区)", error))
        return FALSE;
      if (accepted > d->today)
        return TRUE;
      if (!title_event (d, v, "accepted", accepted, "纳入创建名单", error))
        return FALSE;
    }
  if (ready == NULL)
    return TRUE;

  if (state->stage == JD_TITLE_STAGE_ACCEPTED)
    {
      int not_met = 0;
      int score = assess (d, v, year, campaign, ready, &not_met, error);
      if (score < 0)
        return FALSE;
      gboolean pass = not_met == 0;
      g_autofree char *note
          = pass ? g_strdup_printf ("考评得分%d分，各项标准均达标", score)
                 : g_strdup_printf ("考评得分%d分，%d项标准未达标", score, not_met);
      if (!title_event (d, v, pass ? "assessed_pass" : "assessed_fail", campaign, note, error))
        return FALSE;
      if (!pass)
        {
          v->apply_year = year + 1;
          return TRUE;
        }
      JdDay named = day_in (d, year, 11, 20, 12, 20);
      if (named > d->today)
        return TRUE;
      if (!title_event (d, v, "named", named, "命名授牌", error))
        return FALSE;
      v->named_year = year;
      return TRUE;
    }

  if (!jd_title_holds (state) || year <= v->named_year)
    return TRUE;
  if (v->role == ROLE_REVOKED && !v->revoked_once && year == v->named_year + 2)
    {
      JdDay revoked = day_in (d, year, 6, 1, 8, 31);
      if (revoked > d->today || revoked >= campaign)
        return TRUE;
      if (!title_event (d, v, "revoked", revoked, "辖区发生吸毒人员肇事肇祸案件，取消称号", error))
        return FALSE;
      v->revoked_once = TRUE;
      v->apply_year = year + 2;
      return TRUE;
    }
  int not_met = 0;
  int score = assess (d, v, year, campaign, ready, &not_met, error);
  if (score < 0)
    return FALSE;
  JdDay decided = day_in (d, year, 11, 21, 12, 20);
  if (decided > d->today)
    return TRUE;
  gboolean yellow = not_met > 0;
  g_autofree char *note
      = yellow ? g_strdup_printf ("年度复核得分%d分，%d项标准未达标，予以黄牌警告", score, not_met)
               : g_strdup_printf ("年度复核得分%d分，各项标准均达标，保留称号", score);
  if (!title_event (d, v, yellow ? "yellow_card" : "reviewed", decided, note, error))
    return FALSE;
  if (!jd_title_holds (state))
    v->apply_year = year + 1 + rng_range (rng, 0, 1);
  return TRUE;
}

/* Every village's title story, year by year: each November's assessments
 * record what jd_readiness_compute () finds as of the campaign's day. */
static gboolean
add_titles (Demo *d, GError **error)
{
  int this_year = jd_day_year (d->today);
  for (guint i = 0; i < d->villages->len; i++)
    jd_title_state_init (&((Village *)g_ptr_array_index (d->villages, i))->title);
  for (int year = d->first_year; year <= this_year; year++)
    {
      JdDay campaign = day_in (d, year, 11, 3, 11, 12);
      g_autoptr (GPtrArray) readiness = NULL;
      g_autoptr (GHashTable) by_village = g_hash_table_new (g_int64_hash, g_int64_equal);
      if (campaign <= d->today)
        {
          readiness = jd_readiness_compute (d->ledger, year, campaign, 0, error);
          if (readiness == NULL)
            return FALSE;
          for (guint r = 0; r < readiness->len; r++)
            {
              JdVillageReadiness *ready = g_ptr_array_index (readiness, r);
              g_hash_table_insert (by_village, &ready->village_id, ready);
            }
        }
      for (guint i = 0; i < d->villages->len; i++)
        {
          Village *v = g_ptr_array_index (d->villages, i);
          if (v->retired_on && jd_day_new (year, 1, 1) >= v->retired_on)
            continue;
          if (!title_year (d, v, year, campaign, g_hash_table_lookup (by_village, &v->id), error))
            return FALSE;
        }
      if (!step (d, year - d->first_year + 1, N_YEARS, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the whole ledger ----------------------------------------------------------------- */

static gboolean
set_township (Demo *d, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      d->ledger, "UPDATE township SET name = ?, county = ?, city = ?, province = ? WHERE id = 1",
      error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_text (stmt, 1, d->scale->township);
  jd_bind_text (stmt, 2, d->scale->county);
  jd_bind_text (stmt, 3, d->scale->city);
  jd_bind_text (stmt, 4, d->scale->province);
  return jd_ledger_step_done (d->ledger, stmt, error);
}

static gint64
pragma_value (JdLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  gint64 value = 0;
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return value;
}

/* Schema objects set aside while the demo fills the ledger and made again at
 * the end, from their own SQL, inside the demo's one transaction:
 * - the persons' search index (person_fts) is filled once, after the persons,
 *   rather than by its triggers person by person: a virtual table written in a
 *   transaction is told of every statement's savepoint, and FTS5 flushes its
 *   pending terms at each one — a new index segment for every person, about a
 *   seventh of the demo's time;
 * - indexes whose entries come in no order as the demo writes person after
 *   person (the audit log's, the follow-ups' by date) are built at the end:
 *   sorting millions of entries at once costs less than placing each as it
 *   comes. */
static const char set_aside_where[]
    = "(type = 'trigger' AND tbl_name = 'person' AND name LIKE 'person\\_fts\\_%' ESCAPE '\\')"
      " OR (type = 'index' AND name IN ('audit_log_row', 'audit_log_person', 'followup_date',"
      " 'followup_urine_tested', 'status_span_status', 'status_span_ended', 'person_name'))";

/* Drops them; returns their SQL, to put them back with. */
static GPtrArray *
set_aside (Demo *d, GError **error)
{
  g_autofree char *sql = g_strconcat ("SELECT type, name, sql FROM sqlite_schema WHERE ",
                                      set_aside_where, " ORDER BY type, name", NULL);
  sqlite3_stmt *stmt = jd_ledger_prepare (d->ledger, sql, error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) drop = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (drop, "DROP %s \"%s\";",
                              g_str_equal (sqlite3_column_text (stmt, 0), "index") ? "INDEX"
                                                                                   : "TRIGGER",
                              sqlite3_column_text (stmt, 1));
      g_ptr_array_add (saved, g_strdup ((const char *)sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (drop->len && !jd_ledger_exec (d->ledger, drop->str, error))
    return NULL;
  return g_steal_pointer (&saved);
}

static gboolean
put_back (Demo *d, GPtrArray *saved, GError **error)
{
  if (!jd_ledger_exec (d->ledger, "INSERT INTO person_fts (person_fts) VALUES ('rebuild')", error))
    return FALSE;
  for (guint i = 0; i < saved->len; i++)
    if (!jd_ledger_exec (d->ledger, g_ptr_array_index (saved, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
fill (Demo *d, GError **error)
{
  g_autoptr (GPtrArray) saved = set_aside (d, error);
  if (saved == NULL)
    return FALSE;
  phase (d, 0.0, 0.01);
  if (!set_township (d, error) || !add_villages (d, error) || !add_staff (d, error))
    return FALSE;
  phase (d, 0.01, 0.86);
  if (!add_persons (d, error))
    return FALSE;
  phase (d, 0.86, 0.93);
  if (!add_activities (d, error))
    return FALSE;
  phase (d, 0.93, 0.97);
  if (!add_letters (d, error) || !add_venues (d, error))
    return FALSE;
  if (!add_surveys (d, error))
    return FALSE;
  /* The indexes back first: the assessments read the ledger as readiness does. */
  if (!put_back (d, saved, error))
    return FALSE;
  phase (d, 0.97, 1.0);
  return add_titles (d, error);
}

gboolean
jd_demo_fill (JdLedger *ledger,
              JdDemoScale scale,
              guint32 seed,
              JdProgressFunc progress,
              gpointer user_data,
              GCancellable *cancellable,
              GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (scale <= JD_DEMO_CITY, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (jd_ledger_count (ledger, "village") > 0 || jd_ledger_count (ledger, "person") > 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s already holds data; demo data goes only into a new, empty ledger"),
                   jd_ledger_get_path (ledger));
      return FALSE;
    }

  Demo d = {
    .ledger = ledger,
    .scale = &scales[scale],
    .today = jd_today (),
    .villages = g_ptr_array_new_with_free_func (village_free),
    .id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .progress = progress,
    .user_data = user_data,
    .cancellable = cancellable,
  };
  rng_seed (&d.rng, seed);
  d.first_year = jd_day_year (d.today) - (N_YEARS - 1);
  d.start = jd_day_new (d.first_year, 1, 1);

  /* One long transaction into a new ledger: keep the pages it writes, its
   * rollback journal and the statement journals of its triggers in memory.
   * That saved a fifth of the time at county scale, and writes each page once
   * instead of twice (WAL, then checkpoint). The settings are the connection's and are put back
   * afterwards, the file back in WAL mode; were the process killed while it
   * commits, the half-made demo ledger would be lost, which is why only an
   * empty ledger is filled. With another connection open the journal simply
   * stays WAL. */
  gint64 cache_size = pragma_value (ledger, "PRAGMA cache_size");
  gint64 temp_store = pragma_value (ledger, "PRAGMA temp_store");
  static const int cache_kib[]
      = { [JD_DEMO_TOWNSHIP] = 16384, [JD_DEMO_COUNTY] = 131072, [JD_DEMO_CITY] = 2097152 };
  g_autofree char *big_cache
      = g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA temp_store = MEMORY", cache_kib[scale]);
  jd_ledger_exec (ledger, "PRAGMA journal_mode = MEMORY", NULL); /* may stay WAL: fine */
  gboolean ok = jd_ledger_exec (ledger, big_cache, error) && jd_ledger_begin (ledger, error);
  if (ok)
    {
      ok = fill (&d, error) && jd_ledger_commit (ledger, error);
      if (!ok)
        jd_ledger_rollback (ledger);
    }
  g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT
                                              "; PRAGMA temp_store = %" G_GINT64_FORMAT,
                                              cache_size, temp_store);
  jd_ledger_exec (ledger, restore, NULL);
  if (!jd_ledger_exec (ledger, "PRAGMA journal_mode = WAL", ok ? error : NULL))
    ok = FALSE; /* the demo is written, but the ledger must be WAL like every other */
  if (ok && progress)
    progress (1.0, user_data);

  g_ptr_array_unref (d.villages);
  g_clear_pointer (&d.active, g_array_unref);
  g_free (d.active_weight);
  g_free (d.found_years);
  g_hash_table_unref (d.id_numbers);
  g_hash_table_unref (d.names);
  return ok;
}
