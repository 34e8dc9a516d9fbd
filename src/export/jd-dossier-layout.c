/* jd-dossier-layout.c: what the help file (帮教档案) says, section by section
 * (docs/contract.md §7b)
 *
 * The table of contents and one person's file (cover, basic information,
 * status history, use events, help group, agreements, follow-ups by year)
 * flowed through jd-dossier-pager; jd-dossier.c decides which pages are drawn.
 * Personal data is masked by src/core/jd-mask.c with the workbook's rules
 * (docs/masking.md).
 */
#include "config.h"

#include "jd-dossier-private.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-mask.h"

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

/* ---- the table of contents ---- */

static const char *
shown_name (JdDossier *self, GPtrArray *scratch, const char *name)
{
  char *text = self->options.mask ? jd_mask_name (name) : g_strdup (name);
  g_ptr_array_add (scratch, text);
  return text;
}

void
jd_dossier_layout_contents (JdDossier *self, JdPager *pager)
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

void
jd_dossier_layout_person (View *view, JdPager *pager)
{
  layout_cover (view, pager);
  layout_basic (view, pager);
  layout_spans (view, pager);
  layout_use_events (view, pager);
  layout_members (view, pager);
  layout_agreements (view, pager);
  layout_followups (view, pager);
}
