/* jd-dossier.c: the help file (帮教档案) drawn on any cairo context (docs/contract.md §7b)
 *
 * The pages are laid out by jd-dossier-pager: a first pass only counts them
 * (no cairo context), so `第 N 页 共 M 页` and the table of contents are known
 * before anything is drawn; the second pass draws them in order (the PDF) or
 * one at a time (GtkPrintOperation's draw-page). Personal data is masked by
 * src/core/jd-mask.c with the workbook's rules (docs/masking.md).
 */
#include "config.h"

#include "jd-dossier.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "jd-date.h"
#include "jd-dossier-pager.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-mask.h"
#include "jd-person.h"

#define MARGIN_TOP 62.0
#define MARGIN_SIDE 51.0 /* 18 mm */
#define MARGIN_BOTTOM 62.0
#define FONT_FAMILY "Noto Sans CJK SC"
#define TITLE_FONT FONT_FAMILY " Bold 30"
#define SECTION_FONT FONT_FAMILY " Bold 13"
#define YEAR_FONT FONT_FAMILY " Bold 11.5"
#define KIND_FONT FONT_FAMILY " Bold 10.5"
#define BODY_FONT FONT_FAMILY " 9.5"
#define SMALL_FONT FONT_FAMILY " 8"
#define PHOTO_WIDTH 99.2   /* 35 mm */
#define PHOTO_HEIGHT 127.6 /* 45 mm */

struct _JdDossier
{
  JdLedger *ledger;
  JdDossierOptions options;
  char *key;
  char *township;
  char *export_date;
  GPtrArray *entries; /* JdDossierEntry */
  PangoContext *context;

  /* Pagination */
  double width, height;
  guint paginated; /* persons counted so far */
  gboolean counted;
  int toc_pages;
  int *first_pages; /* per person */
  int n_pages;

  /* The person drawn last, kept for the next page. */
  guint cached_index;
  JdPerson *cached_person;
  char *cached_household_village;
};

typedef struct
{
  JdDossier *self;
  const JdDossierEntry *entry;
  const JdPerson *person;
  const char *household_village;
  GPtrArray *scratch; /* strings to free once the person is laid out */
} View;

static PangoContext *
create_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  /* Points, and the same line breaks on every surface: no hinting of metrics. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

JdDossier *
jd_dossier_new (JdLedger *ledger, const JdDossierOptions *options, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  g_autoptr (GPtrArray) entries = jd_dossier_query_entries (ledger, options->scope, options->key,
                                                            options->id, jd_today (), error);
  if (entries == NULL)
    return NULL;

  JdDossier *self = g_new0 (JdDossier, 1);
  self->ledger = g_object_ref (ledger);
  self->options = *options;
  self->key = g_strdup (options->key);
  self->options.key = self->key;
  self->township = jd_ledger_dup_township (ledger);
  if (self->township == NULL)
    self->township = g_strdup ("");
  self->export_date = jd_day_to_string (jd_today ());
  self->entries = g_steal_pointer (&entries);
  self->context = create_context ();
  self->cached_index = G_MAXUINT;
  return self;
}

void
jd_dossier_free (JdDossier *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->ledger);
  g_free (self->key);
  g_free (self->township);
  g_free (self->export_date);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->first_pages);
  g_clear_pointer (&self->cached_person, jd_person_free);
  g_free (self->cached_household_village);
  g_free (self);
}

guint
jd_dossier_get_n_persons (JdDossier *self)
{
  return self->entries->len;
}

const JdDossierEntry *
jd_dossier_get_entry (JdDossier *self, guint index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return self->entries->pdata[index];
}

static gboolean
has_contents (JdDossier *self)
{
  return self->options.scope != JD_DOSSIER_PERSON;
}

/* ---- what a masked file shows (docs/masking.md, as the workbook) ---- */

static const char *
keep (View *view, char *text)
{
  g_ptr_array_add (view->scratch, text);
  return text;
}

static const char *
shown (View *view, JdMaskRule rule, const char *text)
{
  if (text == NULL)
    return "";
  if (!view->self->options.mask || rule == JD_MASK_KEEP)
    return text;
  return keep (view, jd_mask (rule, text));
}

/* Free text: ID and phone numbers and house numbers hidden, and the names of
 * the person and of the staff beside it (as jd_cells_mask does for a row). */
static const char *
shown_text (View *view, const char *text, const char *staff)
{
  if (text == NULL)
    return "";
  if (!view->self->options.mask)
    return text;
  const char *names[] = { view->person->name, staff, NULL };
  return keep (view, jd_mask_text_names (text, names));
}

static const char *
day (View *view, JdDay d)
{
  return d ? keep (view, jd_day_to_string (d)) : "";
}

static const char *
serial (View *view, guint n)
{
  return keep (view, g_strdup_printf ("%u", n));
}

static const char *
label (JdEnum which, const char *key)
{
  return key ? jd_enum_label (which, key) : "";
}

/* ---- page furniture ---- */

static void
draw_small (JdDossier *self,
            cairo_t *cr,
            const char *text,
            double x,
            double y,
            double width,
            PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (SMALL_FONT);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The running head (township and person) and the foot (page N of M and the
 * export date) of page, 0-based over the whole document. */
static void
decorate (JdDossier *self, cairo_t *cr, int page, const JdDossierEntry *entry)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  g_autofree char *head_left = g_strdup_printf ("%s  %s", self->township, _ ("Help File"));
  draw_small (self, cr, head_left, left, MARGIN_TOP - 30, width / 2, PANGO_ALIGN_LEFT);
  if (entry)
    {
      g_autofree char *name
          = self->options.mask ? jd_mask_name (entry->name) : g_strdup (entry->name);
      g_autofree char *id
          = self->options.mask ? jd_mask_id_number (entry->id_number) : g_strdup (entry->id_number);
      g_autofree char *head_right = g_strdup_printf ("%s  %s  %s", entry->village_name, name, id);
      draw_small (self, cr, head_right, left + width / 2, MARGIN_TOP - 30, width / 2,
                  PANGO_ALIGN_RIGHT);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, MARGIN_TOP - 14);
  cairo_line_to (cr, left + width, MARGIN_TOP - 14);
  cairo_move_to (cr, left, self->height - MARGIN_BOTTOM + 14);
  cairo_line_to (cr, left + width, self->height - MARGIN_BOTTOM + 14);
  cairo_stroke (cr);
  g_autofree char *number = g_strdup_printf (_ ("Page %d of %d"), page + 1, self->n_pages);
  g_autofree char *date = g_strdup_printf (_ ("Exported %s"), self->export_date);
  double foot = self->height - MARGIN_BOTTOM + 20;
  draw_small (self, cr, number, left + width / 4, foot, width / 2, PANGO_ALIGN_CENTER);
  draw_small (self, cr, date, left + width * 3 / 4, foot, width / 4, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);
}

/* ---- the table of contents ---- */

static const char *
shown_name (JdDossier *self, GPtrArray *scratch, const char *name)
{
  char *text = self->options.mask ? jd_mask_name (name) : g_strdup (name);
  g_ptr_array_add (scratch, text);
  return text;
}

static void
layout_contents (JdDossier *self, JdPager *pager)
{
  const JdPagerColumn columns[] = {
    { _ ("No."), 0.08, PANGO_ALIGN_CENTER },
    { _ ("Village or community"), 0.22, PANGO_ALIGN_LEFT },
    { C_ ("dossier", "Name"), 0.14, PANGO_ALIGN_LEFT },
    { _ ("ID number"), 0.24, PANGO_ALIGN_LEFT },
    { _ ("Status today"), 0.20, PANGO_ALIGN_LEFT },
    { _ ("Page"), 0.12, PANGO_ALIGN_CENTER },
  };
  jd_pager_text (pager, _ ("Help Files"), TITLE_FONT, PANGO_ALIGN_CENTER);
  g_autofree char *what = NULL;
  if (self->options.scope == JD_DOSSIER_VILLAGE)
    what = g_strdup_printf (
        _ ("%s, %s: the help files of the %u persons it manages"), self->township,
        ((JdDossierEntry *)self->entries->pdata[0])->village_name, self->entries->len);
  else
    what = g_strdup_printf (
        _ ("%s: the help files of the %u persons under community detox or rehabilitation"),
        self->township, self->entries->len);
  jd_pager_space (pager, 6);
  jd_pager_text (pager, what, BODY_FONT, PANGO_ALIGN_CENTER);
  jd_pager_space (pager, 10);
  jd_pager_text (pager, _ ("Contents"), SECTION_FONT, PANGO_ALIGN_LEFT);
  jd_pager_space (pager, 4);

  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), TRUE);
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->entries->len && !jd_pager_is_done (pager); i++)
    {
      const JdDossierEntry *e = self->entries->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      /* Counting, the pages are not known yet: a number as wide as any. */
      g_autofree char *page
          = self->counted ? g_strdup_printf ("%d", self->first_pages[i] + 1) : g_strdup ("00000");
      g_autofree char *id
          = self->options.mask ? jd_mask_id_number (e->id_number) : g_strdup (e->id_number);
      const char *cells[] = {
        number,
        e->village_name,
        shown_name (self, scratch, e->name),
        id,
        label (JD_ENUM_STATUS, e->status),
        page,
      };
      jd_pager_table_row (table, cells);
      g_ptr_array_set_size (scratch, 0);
    }
  jd_pager_table_end (table);
}

/* ---- one person's file ---- */

static void
layout_none (JdPager *pager)
{
  jd_pager_text (pager, _ ("None recorded."), BODY_FONT, PANGO_ALIGN_LEFT);
}

static void
layout_cover (View *view, JdPager *pager)
{
  JdDossier *self = view->self;
  const JdPerson *person = view->person;

  jd_pager_move_to (pager, MARGIN_TOP + 60);
  jd_pager_text (pager, _ ("Help File"), TITLE_FONT, PANGO_ALIGN_CENTER);
  jd_pager_space (pager, 4);
  jd_pager_text (pager, _ ("Help and education of a registered drug user"), BODY_FONT,
                 PANGO_ALIGN_CENTER);
  jd_pager_space (pager, 36);

  /* The photo box, empty: the paper copy takes a photograph. */
  double y = jd_pager_get_y (pager);
  if (jd_pager_is_drawing (pager))
    {
      cairo_t *cr = jd_pager_get_cairo (pager);
      double x = (self->width - PHOTO_WIDTH) / 2;
      cairo_save (cr);
      cairo_set_line_width (cr, 0.8);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_rectangle (cr, x, y, PHOTO_WIDTH, PHOTO_HEIGHT);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      PangoLayout *layout = pango_layout_new (self->context);
      PangoFontDescription *font = pango_font_description_from_string (BODY_FONT);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_width (layout, pango_units_from_double (PHOTO_WIDTH));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, _ ("Photo"), -1);
      int text_height;
      pango_layout_get_size (layout, NULL, &text_height);
      cairo_move_to (cr, x, y + (PHOTO_HEIGHT - pango_units_to_double (text_height)) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_restore (cr);
    }
  jd_pager_move_to (pager, y + PHOTO_HEIGHT + 36);

  const JdPagerColumn columns[] = {
    { "", 0.3, PANGO_ALIGN_CENTER },
    { "", 0.7, PANGO_ALIGN_LEFT },
  };
  g_autofree char *year = self->options.year ? g_strdup_printf ("%d", self->options.year) : NULL;
  const char *rows[][2] = {
    { _ ("Township"), self->township },
    { _ ("Village or community"), view->entry->village_name },
    { C_ ("dossier", "Name"), shown (view, JD_MASK_NAME, person->name) },
    { _ ("ID number"), shown (view, JD_MASK_ID_NUMBER, person->id_number) },
    { _ ("Status today"), label (JD_ENUM_STATUS, view->entry->status) },
    { _ ("Follow-ups of the year"), year },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i][1])
      jd_pager_table_row (table, (const char *const *)rows[i]);
  jd_pager_table_end (table);

  jd_pager_space (pager, 24);
  g_autofree char *office
      = g_strdup_printf (_ ("Kept by the anti-drug office of %s"), self->township);
  jd_pager_text (pager, office, BODY_FONT, PANGO_ALIGN_CENTER);
  jd_pager_break (pager, TRUE);
}

static void
layout_basic (View *view, JdPager *pager)
{
  const JdPerson *p = view->person;
  jd_pager_heading (pager, _ ("1. Basic Information"), SECTION_FONT, 4);
  jd_pager_space (pager, 4);
  const JdPagerColumn columns[] = {
    { "", 0.24, PANGO_ALIGN_LEFT },
    { "", 0.76, PANGO_ALIGN_LEFT },
  };
  const char *household_village
      = view->household_village ? view->household_village : p->household_village_name;
  const char *rows[][2] = {
    { C_ ("dossier", "Name"), shown (view, JD_MASK_NAME, p->name) },
    { _ ("Sex"), label (JD_ENUM_SEX, p->sex) },
    { _ ("ID number"), shown (view, JD_MASK_ID_NUMBER, p->id_number) },
    /* Left out when masked: it gives the ID number's hidden digits back. */
    { _ ("Birth date"), view->self->options.mask ? NULL : day (view, p->birth_date) },
    { _ ("Phone"), shown (view, JD_MASK_PHONE, p->phone) },
    { _ ("Household address"), shown (view, JD_MASK_ADDRESS, p->household_address) },
    { _ ("Household village"), household_village ? household_village : "" },
    { _ ("Current address"), shown (view, JD_MASK_ADDRESS, p->residence_address) },
    { _ ("Managing village"), view->entry->village_name },
    { _ ("First found on"), day (view, p->first_found_on) },
    { _ ("Drug type"), p->drug_type ? p->drug_type : "" },
    { _ ("Key-person category"), p->key_category ? p->key_category : "" },
    { _ ("Status today"), label (JD_ENUM_STATUS, view->entry->status) },
    { _ ("Note"), shown_text (view, p->note, NULL) },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i][1])
      jd_pager_table_row (table, (const char *const *)rows[i]);
  jd_pager_table_end (table);
}

static void
section (JdPager *pager, const char *title, guint keep_lines)
{
  jd_pager_space (pager, 14);
  jd_pager_heading (pager, title, SECTION_FONT, keep_lines);
  jd_pager_space (pager, 4);
}

static void
layout_spans (View *view, JdPager *pager)
{
  const JdPerson *p = view->person;
  section (pager, _ ("2. Status History"), 4);
  if (p->spans->len == 0)
    {
      layout_none (pager);
      return;
    }
  const JdPagerColumn columns[] = {
    { _ ("No."), 0.07, PANGO_ALIGN_CENTER },
    { C_ ("dossier", "Status"), 0.22, PANGO_ALIGN_LEFT },
    { _ ("Started"), 0.15, PANGO_ALIGN_CENTER },
    { _ ("Planned end"), 0.15, PANGO_ALIGN_CENTER },
    { _ ("Ended"), 0.15, PANGO_ALIGN_CENTER },
    { _ ("Note"), 0.26, PANGO_ALIGN_LEFT },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), TRUE);
  for (guint i = 0; i < p->spans->len; i++)
    {
      const JdPersonSpan *s = p->spans->pdata[i];
      const char *cells[] = {
        serial (view, i + 1),      label (JD_ENUM_STATUS, s->status),
        day (view, s->started_on), day (view, s->planned_end_on),
        day (view, s->ended_on),   shown_text (view, s->note, NULL),
      };
      jd_pager_table_row (table, cells);
    }
  jd_pager_table_end (table);
}

static void
layout_use_events (View *view, JdPager *pager)
{
  const JdPerson *p = view->person;
  section (pager, _ ("3. Drug Use Events"), 4);
  if (p->use_events->len == 0)
    {
      layout_none (pager);
      return;
    }
  const JdPagerColumn columns[] = {
    { _ ("No."), 0.1, PANGO_ALIGN_CENTER },
    { _ ("Date"), 0.3, PANGO_ALIGN_CENTER },
    { _ ("Source"), 0.6, PANGO_ALIGN_LEFT },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), TRUE);
  /* Loaded newest first; the file reads in date order. */
  for (guint i = 0; i < p->use_events->len; i++)
    {
      const JdPersonUseEvent *u = p->use_events->pdata[p->use_events->len - 1 - i];
      const char *cells[] = { serial (view, i + 1), day (view, u->occurred_on),
                              label (JD_ENUM_USE_SOURCE, u->source) };
      jd_pager_table_row (table, cells);
    }
  jd_pager_table_end (table);
}

static void
layout_members (View *view, JdPager *pager)
{
  const JdPerson *p = view->person;
  section (pager, _ ("4. Help Group"), 4);
  if (p->members->len == 0)
    {
      layout_none (pager);
      return;
    }
  const JdPagerColumn columns[] = {
    { _ ("No."), 0.07, PANGO_ALIGN_CENTER },   { C_ ("dossier", "Name"), 0.19, PANGO_ALIGN_LEFT },
    { _ ("Role"), 0.19, PANGO_ALIGN_LEFT },    { _ ("Phone"), 0.21, PANGO_ALIGN_LEFT },
    { _ ("Since"), 0.17, PANGO_ALIGN_CENTER }, { _ ("Until"), 0.17, PANGO_ALIGN_CENTER },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), TRUE);
  for (guint i = 0; i < p->members->len; i++)
    {
      const JdPersonMember *m = p->members->pdata[i];
      const char *cells[] = {
        serial (view, i + 1),
        shown (view, JD_MASK_NAME, m->member_name),
        label (JD_ENUM_MEMBER_ROLE, m->role),
        shown (view, JD_MASK_PHONE, m->phone),
        day (view, m->since),
        day (view, m->until),
      };
      jd_pager_table_row (table, cells);
    }
  jd_pager_table_end (table);
}

static void
layout_agreements (View *view, JdPager *pager)
{
  const JdPerson *p = view->person;
  section (pager, _ ("5. Help Agreements"), 4);
  if (p->agreements->len == 0)
    {
      layout_none (pager);
      return;
    }
  const JdPagerColumn columns[] = {
    { _ ("No."), 0.1, PANGO_ALIGN_CENTER },
    { _ ("Signed on"), 0.2, PANGO_ALIGN_CENTER },
    { _ ("Note"), 0.7, PANGO_ALIGN_LEFT },
  };
  JdPagerTable *table = jd_pager_table_begin (pager, columns, G_N_ELEMENTS (columns), TRUE);
  for (guint i = 0; i < p->agreements->len; i++)
    {
      const JdPersonAgreement *a = p->agreements->pdata[p->agreements->len - 1 - i];
      const char *cells[]
          = { serial (view, i + 1), day (view, a->signed_on), shown_text (view, a->note, NULL) };
      jd_pager_table_row (table, cells);
    }
  jd_pager_table_end (table);
}

/* The follow-ups of one kind in followups[first … last - 1] (date order). */
static void
layout_kind (
    View *view, JdPager *pager, GPtrArray *followups, guint first, guint last, const char *kind)
{
  guint count = 0;
  for (guint i = first; i < last; i++)
    count += g_str_equal (((JdPersonFollowup *)followups->pdata[i])->kind, kind);
  if (count == 0)
    return;

  g_autofree char *title = NULL;
  gboolean urine = g_str_equal (kind, "urine_test");
  if (g_str_equal (kind, "talk"))
    title = g_strdup_printf (_ ("Talks (%u)"), count);
  else if (urine)
    title = g_strdup_printf (_ ("Urine Tests (%u)"), count);
  else if (g_str_equal (kind, "home_visit"))
    title = g_strdup_printf (_ ("Home Visits (%u)"), count);
  else
    title = g_strdup_printf (_ ("Assistance (%u)"), count);
  jd_pager_space (pager, 6);
  jd_pager_heading (pager, title, KIND_FONT, 4);
  jd_pager_space (pager, 3);

  const JdPagerColumn talk_columns[] = {
    { _ ("No."), 0.07, PANGO_ALIGN_CENTER },   { _ ("Date"), 0.14, PANGO_ALIGN_CENTER },
    { _ ("Staff"), 0.12, PANGO_ALIGN_LEFT },   { _ ("Place"), 0.17, PANGO_ALIGN_LEFT },
    { _ ("Content"), 0.50, PANGO_ALIGN_LEFT },
  };
  const JdPagerColumn urine_columns[] = {
    { _ ("No."), 0.07, PANGO_ALIGN_CENTER },    { _ ("Date"), 0.14, PANGO_ALIGN_CENTER },
    { _ ("Result"), 0.10, PANGO_ALIGN_CENTER }, { _ ("Staff"), 0.12, PANGO_ALIGN_LEFT },
    { _ ("Place"), 0.17, PANGO_ALIGN_LEFT },    { _ ("Note"), 0.40, PANGO_ALIGN_LEFT },
  };
  JdPagerTable *table = urine ? jd_pager_table_begin (pager, urine_columns, 6, TRUE)
                              : jd_pager_table_begin (pager, talk_columns, 5, TRUE);
  guint n = 0;
  for (guint i = first; i < last && !jd_pager_is_done (pager); i++)
    {
      const JdPersonFollowup *f = followups->pdata[i];
      if (!g_str_equal (f->kind, kind))
        continue;
      const char *staff = shown (view, JD_MASK_NAME, f->staff);
      const char *place = shown_text (view, f->place, f->staff);
      const char *content = shown_text (view, f->content, f->staff);
      if (urine)
        {
          const char *cells[] = { serial (view, ++n),
                                  day (view, f->occurred_on),
                                  label (JD_ENUM_URINE_RESULT, f->result),
                                  staff,
                                  place,
                                  content };
          jd_pager_table_row (table, cells);
        }
      else
        {
          const char *cells[]
              = { serial (view, ++n), day (view, f->occurred_on), staff, place, content };
          jd_pager_table_row (table, cells);
        }
      /* A long file's strings go as each row is done. */
      g_ptr_array_set_size (view->scratch, 0);
    }
  jd_pager_table_end (table);
}

static void
layout_followups (View *view, JdPager *pager)
{
  JdDossier *self = view->self;
  const JdPerson *p = view->person;

  /* Date order, only the year asked for. */
  g_autoptr (GPtrArray) followups = g_ptr_array_new ();
  for (guint i = p->followups->len; i-- > 0;)
    {
      JdPersonFollowup *f = p->followups->pdata[i];
      if (self->options.year == 0 || jd_day_year (f->occurred_on) == self->options.year)
        g_ptr_array_add (followups, f);
    }
  /* Kept with the year's heading, the kind's and the table's first row. */
  section (pager, _ ("6. Follow-ups"), followups->len ? 10 : 2);
  if (followups->len == 0)
    {
      g_autofree char *none = self->options.year
                                  ? g_strdup_printf (_ ("No follow-ups in %d."), self->options.year)
                                  : g_strdup (_ ("None recorded."));
      jd_pager_text (pager, none, BODY_FONT, PANGO_ALIGN_LEFT);
      return;
    }
  static const char *const kinds[] = { "talk", "urine_test", "home_visit", "assistance" };
  for (guint first = 0; first < followups->len && !jd_pager_is_done (pager);)
    {
      int year = jd_day_year (((JdPersonFollowup *)followups->pdata[first])->occurred_on);
      guint last = first;
      while (last < followups->len
             && jd_day_year (((JdPersonFollowup *)followups->pdata[last])->occurred_on) == year)
        last++;
      g_autofree char *title = g_strdup_printf (_ ("Follow-ups in %d"), year);
      jd_pager_space (pager, 10);
      jd_pager_heading (pager, title, YEAR_FONT, 7);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        layout_kind (view, pager, followups, first, last, kinds[k]);
      first = last;
    }
}

static void
layout_person (View *view, JdPager *pager)
{
  layout_cover (view, pager);
  layout_basic (view, pager);
  layout_spans (view, pager);
  layout_use_events (view, pager);
  layout_members (view, pager);
  layout_agreements (view, pager);
  layout_followups (view, pager);
}

static JdPager *
new_pager (JdDossier *self)
{
  return jd_pager_new (self->context, self->width, self->height, MARGIN_TOP, MARGIN_SIDE,
                       MARGIN_BOTTOM);
}

/* The person of entry index, loaded once for the pages drawn one by one. */
static gboolean
load_person (JdDossier *self, guint index, GError **error)
{
  if (self->cached_index == index)
    return TRUE;
  g_clear_pointer (&self->cached_person, jd_person_free);
  g_clear_pointer (&self->cached_household_village, g_free);
  self->cached_index = G_MAXUINT;
  const JdDossierEntry *entry = self->entries->pdata[index];
  self->cached_person = jd_person_load (self->ledger, entry->person_id, error);
  if (self->cached_person == NULL)
    return FALSE;
  self->cached_household_village
      = jd_dossier_query_village_name (self->ledger, self->cached_person->household_village_id);
  self->cached_index = index;
  return TRUE;
}

/* Lays out (and draws, as the pager's target says) the person of index;
 * the pages it took. */
static int
run_person (JdDossier *self, guint index, JdPager *pager)
{
  View view = {
    .self = self,
    .entry = self->entries->pdata[index],
    .person = self->cached_person,
    .household_village = self->cached_household_village,
    .scratch = g_ptr_array_new_with_free_func (g_free),
  };
  layout_person (&view, pager);
  g_ptr_array_unref (view.scratch);
  return jd_pager_finish (pager);
}

void
jd_dossier_paginate_begin (JdDossier *self, double width, double height)
{
  g_return_if_fail (self != NULL);
  self->width = width;
  self->height = height;
  self->paginated = 0;
  self->counted = FALSE;
  self->n_pages = 0;
  g_free (self->first_pages);
  self->first_pages = g_new0 (int, self->entries->len);
  self->toc_pages = 0;
  if (has_contents (self))
    {
      JdPager *pager = new_pager (self);
      layout_contents (self, pager);
      self->toc_pages = jd_pager_finish (pager);
      jd_pager_free (pager);
    }
  self->n_pages = self->toc_pages;
}

gboolean
jd_dossier_paginate_step (JdDossier *self, gboolean *done, GError **error)
{
  g_return_val_if_fail (self != NULL && self->first_pages != NULL, FALSE);
  if (self->paginated < self->entries->len)
    {
      guint index = self->paginated;
      if (!load_person (self, index, error))
        return FALSE;
      JdPager *pager = new_pager (self);
      self->first_pages[index] = self->n_pages;
      self->n_pages += run_person (self, index, pager);
      jd_pager_free (pager);
      self->paginated++;
    }
  self->counted = self->paginated == self->entries->len;
  *done = self->counted;
  return TRUE;
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED, _ ("Cancelled: no file was written"));
  return TRUE;
}

gboolean
jd_dossier_paginate (JdDossier *self,
                     double width,
                     double height,
                     JdProgressFunc progress,
                     gpointer user_data,
                     GCancellable *cancellable,
                     GError **error)
{
  jd_dossier_paginate_begin (self, width, height);
  gboolean done = FALSE;
  while (!done)
    {
      if (check_cancelled (cancellable, error) || !jd_dossier_paginate_step (self, &done, error))
        return FALSE;
      if (progress)
        progress (0.5 * self->paginated / self->entries->len, user_data);
    }
  return TRUE;
}

int
jd_dossier_get_n_pages (JdDossier *self)
{
  return self->counted ? self->n_pages : 0;
}

int
jd_dossier_get_first_page (JdDossier *self, guint index)
{
  g_return_val_if_fail (self->counted && index < self->entries->len, -1);
  return self->first_pages[index];
}

gboolean
jd_dossier_draw_page (JdDossier *self, cairo_t *cr, int page, GError **error)
{
  g_return_val_if_fail (self != NULL && cr != NULL, FALSE);
  g_return_val_if_fail (self->counted && page >= 0 && page < self->n_pages, FALSE);

  JdPager *pager = new_pager (self);
  const JdDossierEntry *entry = NULL;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page < self->toc_pages)
    {
      jd_pager_set_target (pager, cr, page, NULL, NULL);
      layout_contents (self, pager);
    }
  else
    {
      /* The last person whose first page is at most page. */
      guint lo = 0, hi = self->entries->len;
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;
          if (self->first_pages[mid] <= page)
            lo = mid;
          else
            hi = mid;
        }
      if (!load_person (self, lo, error))
        {
          cairo_restore (cr);
          jd_pager_free (pager);
          return FALSE;
        }
      entry = self->entries->pdata[lo];
      jd_pager_set_target (pager, cr, page - self->first_pages[lo], NULL, NULL);
      run_person (self, lo, pager);
    }
  decorate (self, cr, page, entry);
  cairo_restore (cr);
  jd_pager_free (pager);
  return TRUE;
}

/* ---- the PDF ---- */

typedef struct
{
  JdDossier *self;
  int base; /* the document's page of the pager's first */
  const JdDossierEntry *entry;
  JdOutput *output;
  GError *error;
} Pdf;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Pdf *pdf = closure;
  if (pdf->error == NULL && jd_output_write (pdf->output, data, length, &pdf->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}

static void
pdf_page_done_cb (JdPager *pager, cairo_t *cr, int page, gpointer user_data)
{
  Pdf *pdf = user_data;
  decorate (pdf->self, cr, pdf->base + page, pdf->entry);
  cairo_show_page (cr);
}

gboolean
jd_dossier_write_pdf (JdDossier *self,
                      const char *path,
                      JdOutputFlags flags,
                      JdProgressFunc progress,
                      gpointer user_data,
                      GCancellable *cancellable,
                      GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  const char *ledger_path = jd_ledger_get_path (self->ledger);
  if (!jd_output_check (path, ledger_path, flags, error))
    return FALSE;
  if (!jd_dossier_paginate (self, JD_DOSSIER_A4_WIDTH, JD_DOSSIER_A4_HEIGHT, progress, user_data,
                            cancellable, error))
    return FALSE;

  Pdf pdf = { .self = self, .output = jd_output_new (path, ledger_path, flags, error) };
  if (pdf.output == NULL)
    return FALSE;
  cairo_surface_t *surface
      = cairo_pdf_surface_create_for_stream (write_cb, &pdf, self->width, self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _ ("Help File"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jindu Ledger");
  cairo_t *cr = cairo_create (surface);
  gboolean ok = TRUE;

  if (self->toc_pages)
    {
      JdPager *pager = new_pager (self);
      jd_pager_set_target (pager, cr, -1, pdf_page_done_cb, &pdf);
      layout_contents (self, pager);
      jd_pager_finish (pager);
      jd_pager_free (pager);
    }
  for (guint i = 0; ok && i < self->entries->len; i++)
    {
      if (check_cancelled (cancellable, error) || !load_person (self, i, error))
        {
          ok = FALSE;
          break;
        }
      pdf.base = self->first_pages[i];
      pdf.entry = self->entries->pdata[i];
      JdPager *pager = new_pager (self);
      jd_pager_set_target (pager, cr, -1, pdf_page_done_cb, &pdf);
      int pages = run_person (self, i, pager);
      jd_pager_free (pager);
      int expected = (i + 1 < self->entries->len ? self->first_pages[i + 1] : self->n_pages)
                     - self->first_pages[i];
      if (pages != expected)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_IO,
                       "%s: page count changed between counting and drawing", path);
          ok = FALSE;
        }
      if (progress)
        progress (0.5 + 0.5 * (i + 1) / self->entries->len, user_data);
      /* Only one person is held at a time. */
      g_clear_pointer (&self->cached_person, jd_person_free);
      self->cached_index = G_MAXUINT;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_status_t status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && (pdf.error || status != CAIRO_STATUS_SUCCESS))
    {
      if (pdf.error)
        g_propagate_error (error, g_steal_pointer (&pdf.error));
      else
        g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the help file could not be written: %s"),
                     path, cairo_status_to_string (status));
      ok = FALSE;
    }
  g_clear_error (&pdf.error);
  if (!ok)
    {
      jd_output_abort (pdf.output);
      return FALSE;
    }
  return jd_output_commit (pdf.output, error);
}

gboolean
jd_dossier_log_output (JdDossier *self, JdOutputKind kind, const char *path, GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  static const char *const scopes[] = { "person", "village", "all" };
  g_autoptr (GString) json = g_string_new ("{\"what\":\"dossier\"");
  g_string_append_printf (json, ",\"scope\":\"%s\"", scopes[self->options.scope]);
  if (self->options.year)
    g_string_append_printf (json, ",\"year\":%d", self->options.year);
  g_string_append_printf (json, ",\"persons\":%u", self->entries->len);
  g_string_append (json, "}");
  return jd_ledger_log_output (self->ledger, kind, path, json->str, self->options.mask, error);
}
