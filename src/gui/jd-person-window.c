/* jd-person-window.c: one registered person in a window of their own
 *
 * Five pages in an AdwViewStack: the details form (validated as typed, saved
 * with Ctrl+S, guarded on close), the status timeline, the help-group members
 * and agreements, the follow-ups and use events, and the audit history. One
 * window per person, transient for the main window; it reloads when the
 * ledger announces a change. Deleted rows disappear at once and are
 * deleted from the ledger when their toast goes away, unless undone.
 */
#include "config.h"

#include "jd-person-window.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-followup-dialog.h"
#include "jd-id-number.h"
#include "jd-person.h"
#include "jd-store.h"
#include "jd-village-list.h"

struct _JdPersonWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget *save_button;
  AdwViewStack *view_stack;
  AdwViewStackPage *status_stack_page;
  AdwViewStackPage *help_stack_page;
  AdwViewStackPage *followups_stack_page;
  AdwViewStackPage *history_stack_page;

  AdwEntryRow *id_number_row;
  AdwEntryRow *name_row;
  AdwActionRow *sex_row;
  GtkLabel *sex_label;
  AdwActionRow *birth_row;
  GtkLabel *birth_label;
  AdwEntryRow *phone_row;
  AdwEntryRow *household_address_row;
  AdwComboRow *household_village_row;
  AdwEntryRow *household_name_row;
  AdwEntryRow *residence_address_row;
  AdwComboRow *village_row;
  AdwEntryRow *first_found_row;
  AdwEntryRow *drug_type_row;
  AdwEntryRow *key_category_row;
  AdwEntryRow *note_row;

  GtkListBox *status_list;
  GtkListBox *member_list;
  GtkListBox *agreement_list;
  GtkListBox *followup_list;
  GtkListBox *use_event_list;
  GtkListBox *history_list;

  JdLedger *ledger;
  gint64 person_id;    /* 0 until the new person is saved */
  GArray *village_ids; /* gint64: the villages of the combo rows, in order */
  gboolean loading;
  gboolean modified;
  gboolean history_loaded;
  gulong changed_handler;
  GHashTable *pending;  /* "kind:id" → AdwToast: deleted but not yet committed */
  AdwToast *last_toast; /* weak: the toast shown last */
};

G_DEFINE_FINAL_TYPE (JdPersonWindow, jd_person_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload_records (JdPersonWindow *self);

/* Shows a toast in place of the one before (a deletion behind it becomes final). */
static void
show_toast (JdPersonWindow *self, AdwToast *toast)
{
  if (self->last_toast)
    {
      AdwToast *previous = self->last_toast;
      g_clear_weak_pointer (&self->last_toast);
      adw_toast_dismiss (previous);
    }
  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- small helpers ------------------------------------------------------------- */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
format_day (JdDay day)
{
  return day ? jd_day_to_string (day) : g_strdup ("");
}

static void
set_modified (JdPersonWindow *self, gboolean modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
add_placeholder (GtkListBox *list, const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

static GtkWidget *
new_row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static char *
pending_key (JdPersonRowKind kind, gint64 id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, kind, id);
}

/* A row with a delete button, unless its deletion is pending (then NULL). */
static GtkWidget *
add_deletable_row (JdPersonWindow *self,
                   GtkListBox *list,
                   JdPersonRowKind kind,
                   gint64 id,
                   const char *title,
                   const char *subtitle)
{
  g_autofree char *key = pending_key (kind, id);
  if (g_hash_table_contains (self->pending, key))
    return NULL;

  GtkWidget *row = new_row (title, subtitle);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _ ("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Delete"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "person.delete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ix)", (int)kind, id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (list, row);
  return row;
}

/* ---- villages ------------------------------------------------------------------ */

/* household_village_row: 0 "Not given", 1…n the villages, n+1 "Outside the township";
 * village_row: 0 "Choose a village", 1…n the villages. */
static void
load_villages (JdPersonWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) villages = jd_village_list_load (self->ledger, &error);
  g_autoptr (GtkStringList) household = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) managing = gtk_string_list_new (NULL);

  g_array_set_size (self->village_ids, 0);
  gtk_string_list_append (household, _ ("Not given"));
  gtk_string_list_append (managing, _ ("Choose a village"));
  for (guint i = 0; villages && i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
      gint64 id = jd_village_item_get_id (item);
      g_autofree char *label = g_strdup_printf ("%s (%s)", jd_village_item_get_name (item),
                                                jd_village_item_get_code (item));
      g_array_append_val (self->village_ids, id);
      gtk_string_list_append (household, label);
      gtk_string_list_append (managing, label);
    }
  gtk_string_list_append (household, _ ("Outside the township"));
  adw_combo_row_set_model (self->household_village_row, G_LIST_MODEL (household));
  adw_combo_row_set_model (self->village_row, G_LIST_MODEL (managing));
  if (error)
    g_warning ("%s", error->message);
}

static guint
village_position (JdPersonWindow *self, gint64 id)
{
  for (guint i = 0; i < self->village_ids->len; i++)
    if (g_array_index (self->village_ids, gint64, i) == id)
      return i + 1;
  return 0;
}

static gint64
village_at (JdPersonWindow *self, guint position)
{
  if (position == 0 || position > self->village_ids->len)
    return 0;
  return g_array_index (self->village_ids, gint64, position - 1);
}

static gboolean
household_outside (JdPersonWindow *self)
{
  return adw_combo_row_get_selected (self->household_village_row) == self->village_ids->len + 1;
}

/* ---- the details form ------------------------------------------------------------ */

/* Checks the ID number as typed: the reason on the row, sex and birth date from it. */
static gboolean
check_id_number (JdPersonWindow *self)
{
  const char *text = entry_text (self->id_number_row);
  g_autofree char *normalized = NULL;
  g_autoptr (GError) error = NULL;
  gboolean valid = FALSE;

  if (*text == '\0')
    jd_row_set_error (GTK_WIDGET (self->id_number_row), _ ("Required"));
  else if (!jd_id_number_validate (text, &normalized, &error))
    jd_row_set_error (GTK_WIDGET (self->id_number_row), error->message);
  else
    {
      jd_row_set_error (GTK_WIDGET (self->id_number_row), NULL);
      valid = TRUE;
    }

  if (valid)
    {
      g_autofree char *birth = format_day (jd_id_number_birth_date (normalized));
      gtk_label_set_text (self->sex_label,
                          jd_enum_label (JD_ENUM_SEX, jd_id_number_sex (normalized)));
      gtk_label_set_text (self->birth_label, birth);
    }
  else
    {
      gtk_label_set_text (self->sex_label, "—");
      gtk_label_set_text (self->birth_label, "—");
    }
  return valid;
}

static gboolean
check_text_row (AdwEntryRow *row)
{
  g_autofree char *copy = g_strstrip (g_strdup (entry_text (row)));
  if (*copy == '\0')
    {
      jd_row_set_error (GTK_WIDGET (row), _ ("Required"));
      return FALSE;
    }
  jd_row_set_error (GTK_WIDGET (row), NULL);
  return TRUE;
}

static gboolean
check_first_found (JdPersonWindow *self)
{
  const char *text = entry_text (self->first_found_row);
  JdDay day = jd_day_parse (text);

  if (*text == '\0')
    jd_row_set_error (GTK_WIDGET (self->first_found_row), _ ("Required"));
  else if (day == 0)
    jd_row_set_error (GTK_WIDGET (self->first_found_row), _ ("Not a date: write 2024-03-05"));
  else if (day > jd_today ())
    jd_row_set_error (GTK_WIDGET (self->first_found_row), _ ("In the future"));
  else
    {
      jd_row_set_error (GTK_WIDGET (self->first_found_row), NULL);
      return TRUE;
    }
  return FALSE;
}

static gboolean
check_village (JdPersonWindow *self)
{
  if (village_at (self, adw_combo_row_get_selected (self->village_row)) == 0)
    {
      jd_row_set_error (GTK_WIDGET (self->village_row),
                        _ ("Required: the village that manages the person"));
      return FALSE;
    }
  jd_row_set_error (GTK_WIDGET (self->village_row), NULL);
  return TRUE;
}

static void
field_changed_cb (JdPersonWindow *self, GParamSpec *pspec, GtkWidget *row)
{
  if (self->loading)
    return;
  set_modified (self, TRUE);

  /* The rows say what is wrong as soon as it is typed. */
  if (row == NULL || row == GTK_WIDGET (self->id_number_row))
    check_id_number (self);
  if (row == GTK_WIDGET (self->name_row))
    check_text_row (self->name_row);
  if (row == GTK_WIDGET (self->first_found_row))
    check_first_found (self);
  if (row == GTK_WIDGET (self->village_row))
    check_village (self);
  if (row == GTK_WIDGET (self->household_village_row))
    gtk_widget_set_visible (GTK_WIDGET (self->household_name_row), household_outside (self));
}

/* "changed" has no pspec; the template connects both signals here. */
static void
entry_changed_cb (JdPersonWindow *self, GtkWidget *row)
{
  field_changed_cb (self, NULL, row);
}

static void
update_title (JdPersonWindow *self)
{
  const char *name = entry_text (self->name_row);
  if (self->person_id == 0)
    gtk_window_set_title (GTK_WINDOW (self), _ ("New Person"));
  else
    gtk_window_set_title (GTK_WINDOW (self), *name ? name : _ ("Person"));
  adw_view_switcher_title_set_title (self->switcher_title,
                                     gtk_window_get_title (GTK_WINDOW (self)));

  gboolean saved = self->person_id != 0;
  adw_view_stack_page_set_visible (self->status_stack_page, saved);
  adw_view_stack_page_set_visible (self->help_stack_page, saved);
  adw_view_stack_page_set_visible (self->followups_stack_page, saved);
  adw_view_stack_page_set_visible (self->history_stack_page, saved);
}

static void
fill_form (JdPersonWindow *self, JdPerson *person)
{
  self->loading = TRUE;
  set_entry_text (self->id_number_row, person ? person->id_number : NULL);
  set_entry_text (self->name_row, person ? person->name : NULL);
  set_entry_text (self->phone_row, person ? person->phone : NULL);
  set_entry_text (self->household_address_row, person ? person->household_address : NULL);
  guint household = 0;
  if (person && person->household_village_id)
    household = village_position (self, person->household_village_id);
  else if (person && person->household_village_name && *person->household_village_name)
    household = self->village_ids->len + 1;
  adw_combo_row_set_selected (self->household_village_row, household);
  set_entry_text (self->household_name_row, person ? person->household_village_name : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->household_name_row), household_outside (self));
  set_entry_text (self->residence_address_row, person ? person->residence_address : NULL);
  adw_combo_row_set_selected (self->village_row,
                              person ? village_position (self, person->village_id) : 0);
  g_autofree char *found = format_day (person ? person->first_found_on : 0);
  set_entry_text (self->first_found_row, found);
  set_entry_text (self->drug_type_row, person ? person->drug_type : NULL);
  set_entry_text (self->key_category_row, person ? person->key_category : NULL);
  set_entry_text (self->note_row, person ? person->note : NULL);

  GtkWidget *rows[] = { GTK_WIDGET (self->id_number_row), GTK_WIDGET (self->name_row),
                        GTK_WIDGET (self->first_found_row), GTK_WIDGET (self->village_row) };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    jd_row_set_error (rows[i], NULL);
  if (person)
    check_id_number (self);
  else
    {
      gtk_label_set_text (self->sex_label, "—");
      gtk_label_set_text (self->birth_label, "—");
    }
  self->loading = FALSE;
  set_modified (self, FALSE);
  update_title (self);
}

/* The row a store error names ("residence_village: …"). */
static GtkWidget *
row_for_field (JdPersonWindow *self, const char *message, const char **reason)
{
  const struct
  {
    const char *key;
    GtkWidget *row;
  } fields[] = {
    { "id_number", GTK_WIDGET (self->id_number_row) },
    { "name", GTK_WIDGET (self->name_row) },
    { "sex", GTK_WIDGET (self->id_number_row) },
    { "birth_date", GTK_WIDGET (self->id_number_row) },
    { "residence_village", GTK_WIDGET (self->village_row) },
    { "household_village", household_outside (self) ? GTK_WIDGET (self->household_name_row)
                                                    : GTK_WIDGET (self->household_village_row) },
    { "first_found_on", GTK_WIDGET (self->first_found_row) },
    { "phone", GTK_WIDGET (self->phone_row) },
    { "household_address", GTK_WIDGET (self->household_address_row) },
    { "residence_address", GTK_WIDGET (self->residence_address_row) },
    { "drug_type", GTK_WIDGET (self->drug_type_row) },
    { "key_category", GTK_WIDGET (self->key_category_row) },
    { "note", GTK_WIDGET (self->note_row) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].key);
      if (strncmp (message, fields[i].key, len) == 0 && strncmp (message + len, ": ", 2) == 0)
        {
          *reason = message + len + 2;
          return fields[i].row;
        }
    }
  *reason = message;
  return NULL;
}

/* Saves the details; FALSE, with the reasons on their rows, when the data is bad. */
gboolean
jd_person_window_save (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), FALSE);

  gboolean valid = check_id_number (self);
  valid &= check_text_row (self->name_row);
  valid &= check_first_found (self);
  valid &= check_village (self);
  if (!valid)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "details");
      show_toast (self, adw_toast_new (_ ("Not saved: correct the marked fields")));
      return FALSE;
    }

  g_autofree char *id_number = NULL;
  jd_id_number_validate (entry_text (self->id_number_row), &id_number, NULL);
  gint64 household = village_at (self, adw_combo_row_get_selected (self->household_village_row));
  JdPersonRecord record = {
    .id_number = id_number,
    .name = entry_text (self->name_row),
    .phone = entry_text (self->phone_row),
    .household_address = entry_text (self->household_address_row),
    .household_village_id = household,
    .household_village_name
    = household_outside (self) ? entry_text (self->household_name_row) : NULL,
    .residence_address = entry_text (self->residence_address_row),
    .village_id = village_at (self, adw_combo_row_get_selected (self->village_row)),
    .first_found_on = jd_day_parse (entry_text (self->first_found_row)),
    .drug_type = entry_text (self->drug_type_row),
    .key_category = entry_text (self->key_category_row),
    .note = entry_text (self->note_row),
  };
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  gboolean ok = jd_ledger_begin (self->ledger, &error);

  if (ok && self->person_id == 0)
    {
      /* jd_store_person () updates the person with that ID number: a new one must not. */
      if (jd_store_find_person (self->ledger, id_number) != 0)
        {
          g_set_error (&error, JD_ERROR, JD_ERROR_INVALID, "id_number: %s",
                       _ ("a person with this ID number is already registered"));
          ok = FALSE;
        }
    }
  else if (ok)
    ok = jd_person_set_id_number (self->ledger, self->person_id, id_number, &error);
  ok = ok && jd_store_person (self->ledger, &record, &id, &error) != JD_STORE_FAILED;
  ok = ok && jd_ledger_commit (self->ledger, &error);
  if (!ok)
    {
      jd_ledger_rollback (self->ledger);
      const char *reason = NULL;
      GtkWidget *row = row_for_field (self, error->message, &reason);
      if (row)
        {
          jd_row_set_error (row, reason);
          adw_view_stack_set_visible_child_name (self->view_stack, "details");
        }
      else
        jd_show_error_dialog (GTK_WINDOW (self), _ ("The Person Was Not Saved"), error->message);
      return FALSE;
    }

  self->person_id = id;
  set_modified (self, FALSE);
  update_title (self);
  show_toast (self, adw_toast_new (_ ("Saved")));
  /* The ledger's notice reloads the records (ledger_changed_cb). */
  return TRUE;
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_person_window_save (JD_PERSON_WINDOW (widget));
}

static void
entry_activated_cb (JdPersonWindow *self)
{
  jd_person_window_save (self);
}

/* ---- the record lists ------------------------------------------------------------- */

static void
fill_status (JdPersonWindow *self, JdPerson *person)
{
  clear_list (self->status_list);
  for (guint i = 0; i < person->spans->len; i++)
    {
      JdPersonSpan *span = g_ptr_array_index (person->spans, i);
      g_autofree char *from = format_day (span->started_on);
      g_autofree char *to = format_day (span->ended_on);
      g_autofree char *planned = format_day (span->planned_end_on);
      g_autofree char *range = span->ended_on ? g_strdup_printf (_ ("%s – %s"), from, to)
                                              : g_strdup_printf (_ ("%s – now"), from);
      g_autoptr (GString) subtitle = g_string_new (range);
      if (span->planned_end_on)
        g_string_append_printf (subtitle, _ (" · planned end %s"), planned);
      if (span->note && *span->note)
        g_string_append_printf (subtitle, " · %s", span->note);
      GtkWidget *row = new_row (jd_enum_label (JD_ENUM_STATUS, span->status), subtitle->str);
      if (span->ended_on == 0)
        {
          GtkWidget *current = gtk_label_new (_ ("Current"));
          gtk_widget_add_css_class (current, "accent");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), current);
        }
      gtk_list_box_append (self->status_list, row);
    }
}

static void
fill_help (JdPersonWindow *self, JdPerson *person)
{
  clear_list (self->member_list);
  for (guint i = 0; i < person->members->len; i++)
    {
      JdPersonMember *m = g_ptr_array_index (person->members, i);
      g_autofree char *since = format_day (m->since);
      g_autofree char *until = format_day (m->until);
      g_autofree char *title = g_strdup_printf ("%s · %s", m->member_name,
                                                jd_enum_label (JD_ENUM_MEMBER_ROLE, m->role));
      g_autofree char *subtitle = m->until ? g_strdup_printf (_ ("%s – %s"), since, until)
                                           : g_strdup_printf (_ ("since %s"), since);
      if (m->phone && *m->phone)
        {
          char *with_phone = g_strdup_printf ("%s · %s", subtitle, m->phone);
          g_free (subtitle);
          subtitle = with_phone;
        }
      add_deletable_row (self, self->member_list, JD_PERSON_MEMBER, m->id, title, subtitle);
    }

  clear_list (self->agreement_list);
  for (guint i = 0; i < person->agreements->len; i++)
    {
      JdPersonAgreement *a = g_ptr_array_index (person->agreements, i);
      g_autofree char *signed_on = format_day (a->signed_on);
      g_autofree char *title = g_strdup_printf (_ ("Signed on %s"), signed_on);
      add_deletable_row (self, self->agreement_list, JD_PERSON_AGREEMENT, a->id, title, a->note);
    }
}

static void
fill_followups (JdPersonWindow *self, JdPerson *person)
{
  clear_list (self->followup_list);
  for (guint i = 0; i < person->followups->len; i++)
    {
      JdPersonFollowup *f = g_ptr_array_index (person->followups, i);
      g_autofree char *day = format_day (f->occurred_on);
      g_autoptr (GString) title = g_string_new (day);
      g_string_append_printf (title, " · %s", jd_enum_label (JD_ENUM_FOLLOWUP_KIND, f->kind));
      if (f->result)
        g_string_append_printf (title, " · %s", jd_enum_label (JD_ENUM_URINE_RESULT, f->result));
      g_autoptr (GString) subtitle = g_string_new (NULL);
      const char *parts[] = { f->staff, f->place, f->content };
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] && *parts[j])
          g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", parts[j]);
      add_deletable_row (self, self->followup_list, JD_PERSON_FOLLOWUP, f->id, title->str,
                         subtitle->str);
    }

  clear_list (self->use_event_list);
  for (guint i = 0; i < person->use_events->len; i++)
    {
      JdPersonUseEvent *e = g_ptr_array_index (person->use_events, i);
      g_autofree char *day = format_day (e->occurred_on);
      g_autofree char *title
          = g_strdup_printf ("%s · %s", day, jd_enum_label (JD_ENUM_USE_SOURCE, e->source));
      add_deletable_row (self, self->use_event_list, JD_PERSON_USE_EVENT, e->id, title, NULL);
    }
}

/* ---- the history ---------------------------------------------------------------- */

static const char *
table_label (const char *table)
{
  static const struct
  {
    const char *table;
    const char *label;
  } tables[] = {
    { "person", N_ ("details") },      { "status_span", N_ ("status") },
    { "use_event", N_ ("use event") }, { "help_member", N_ ("help-group member") },
    { "agreement", N_ ("agreement") }, { "followup", N_ ("follow-up") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, table))
      return _ (tables[i].label);
  return table;
}

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "insert") == 0)
    return _ ("Added");
  if (g_strcmp0 (action, "update") == 0)
    return _ ("Changed");
  if (g_strcmp0 (action, "delete") == 0)
    return _ ("Deleted");
  return action;
}

static JsonObject *
parse_object (const char *json)
{
  if (json == NULL)
    return NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  JsonNode *root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root))
                                               : NULL;
}

static char *
node_text (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  return g_strdup ("…");
}

/* A column's label, and its value as the interface says it. */
static const char *
field_label (const char *column, JdEnum *which)
{
  static const struct
  {
    const char *column;
    const char *label;
    JdEnum which;
  } columns[] = {
    { "id_number", N_ ("ID number"), JD_N_ENUMS },
    { "name", N_ ("name"), JD_N_ENUMS },
    { "phone", N_ ("phone"), JD_N_ENUMS },
    { "household_address", N_ ("household address"), JD_N_ENUMS },
    { "household_village_id", N_ ("household village"), JD_N_ENUMS },
    { "household_village_name", N_ ("household village outside"), JD_N_ENUMS },
    { "residence_address", N_ ("current address"), JD_N_ENUMS },
    { "village_id", N_ ("managing village"), JD_N_ENUMS },
    { "first_found_on", N_ ("first found on"), JD_N_ENUMS },
    { "drug_type", N_ ("drug type"), JD_N_ENUMS },
    { "key_category", N_ ("key-person category"), JD_N_ENUMS },
    { "note", N_ ("note"), JD_N_ENUMS },
    { "status", N_ ("status"), JD_ENUM_STATUS },
    { "started_on", N_ ("from"), JD_N_ENUMS },
    { "planned_end_on", N_ ("planned end"), JD_N_ENUMS },
    { "ended_on", N_ ("to"), JD_N_ENUMS },
    { "occurred_on", N_ ("date"), JD_N_ENUMS },
    { "source", N_ ("source"), JD_ENUM_USE_SOURCE },
    { "member_name", N_ ("member"), JD_N_ENUMS },
    { "role", N_ ("role"), JD_ENUM_MEMBER_ROLE },
    { "since", N_ ("since"), JD_N_ENUMS },
    { "until", N_ ("until"), JD_N_ENUMS },
    { "signed_on", N_ ("signed on"), JD_N_ENUMS },
    { "kind", N_ ("kind"), JD_ENUM_FOLLOWUP_KIND },
    { "result", N_ ("result"), JD_ENUM_URINE_RESULT },
    { "staff", N_ ("staff"), JD_N_ENUMS },
    { "place", N_ ("place"), JD_N_ENUMS },
    { "content", N_ ("content"), JD_N_ENUMS },
  };
  *which = JD_N_ENUMS;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].column, column))
      {
        *which = columns[i].which;
        return _ (columns[i].label);
      }
  return column;
}

static char *
value_text (JsonObject *object, const char *member, JdEnum which)
{
  g_autofree char *text = node_text (object, member);
  if (which != JD_N_ENUMS && !g_str_equal (text, "—"))
    return g_strdup (jd_enum_label (which, text));
  return g_steal_pointer (&text);
}

/* "field: old → new" for what an update changed; "field: value" for what an
 * insert or delete held. */
static char *
describe_change (JdAuditEntry *entry)
{
  g_autoptr (JsonObject) before = parse_object (entry->before);
  g_autoptr (JsonObject) after = parse_object (entry->after);
  JsonObject *shape = after ? after : before;
  g_autoptr (GString) out = g_string_new (NULL);

  if (shape == NULL)
    return g_strdup ("");
  g_autoptr (GList) members = json_object_get_members (shape);
  for (GList *l = members; l; l = l->next)
    {
      const char *member = l->data;
      if (g_str_equal (member, "id") || g_str_equal (member, "person_id"))
        continue;
      JdEnum which;
      const char *label = field_label (member, &which);
      g_autofree char *old_value = value_text (before, member, which);
      g_autofree char *new_value = value_text (after, member, which);
      if (before && after)
        {
          if (!g_str_equal (old_value, new_value))
            g_string_append_printf (out, "%s%s: %s → %s", out->len ? "\n" : "", label, old_value,
                                    new_value);
        }
      else
        {
          const char *value = after ? new_value : old_value;
          if (!g_str_equal (value, "—"))
            g_string_append_printf (out, "%s%s: %s", out->len ? "; " : "", label, value);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
fill_history (JdPersonWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = jd_person_load_history (self->ledger, self->person_id, &error);

  clear_list (self->history_list);
  if (entries == NULL)
    {
      gtk_list_box_append (self->history_list,
                           new_row (_ ("The history cannot be read"), error->message));
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      JdAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *at = g_strdelimit (g_strdup (entry->at), "T", ' ');
      g_autofree char *title
          = g_strdup_printf ("%s %s · %s · %s", action_label (entry->action),
                             table_label (entry->table), at, entry->os_user ? entry->os_user : "—");
      g_autofree char *change = describe_change (entry);
      GtkWidget *row = new_row (title, change);
      gtk_list_box_append (self->history_list, row);
    }
  self->history_loaded = TRUE;
}

static void
visible_page_cb (JdPersonWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (name, "history") == 0 && !self->history_loaded && self->person_id)
    fill_history (self);
}

/* Reads the person again: the lists always, the form when it has no unsaved edits. */
static void
reload_records (JdPersonWindow *self)
{
  if (self->person_id == 0 || self->ledger == NULL)
    return;

  g_autoptr (GError) error = NULL;
  g_autoptr (JdPerson) person = jd_person_load (self->ledger, self->person_id, &error);
  if (person == NULL)
    {
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  if (!self->modified)
    fill_form (self, person);
  fill_status (self, person);
  fill_help (self, person);
  fill_followups (self, person);
  self->history_loaded = FALSE;
  visible_page_cb (self);
}

static void
ledger_changed_cb (JdPersonWindow *self, JdChanges changes)
{
  if (changes & JD_CHANGE_RECORDS)
    reload_records (self);
}

/* ---- deleting with undo -------------------------------------------------------------- */

static void
commit_deletion (JdPersonWindow *self, const char *key)
{
  int kind;
  gint64 id;

  if (!g_hash_table_remove (self->pending, key))
    return;
  if (sscanf (key, "%d:%" G_GINT64_FORMAT, &kind, &id) != 2)
    return;

  g_autoptr (GError) error = NULL;
  if (!jd_ledger_begin (self->ledger, &error)
      || !jd_person_delete_row (self->ledger, kind, id, &error)
      || !jd_ledger_commit (self->ledger, &error))
    {
      jd_ledger_rollback (self->ledger);
      if (!g_error_matches (error, JD_ERROR, JD_ERROR_NOT_FOUND))
        jd_show_error_dialog (GTK_WINDOW (self), _ ("The Record Was Not Deleted"), error->message);
    }
}

static void
toast_dismissed_cb (AdwToast *toast, JdPersonWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (toast), "jd-key");
  commit_deletion (self, key);
}

static void
delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  int kind;
  gint64 id;
  static const char *const messages[] = {
    [JD_PERSON_FOLLOWUP] = N_ ("Follow-up deleted"),
    [JD_PERSON_MEMBER] = N_ ("Help-group member deleted"),
    [JD_PERSON_AGREEMENT] = N_ ("Agreement deleted"),
    [JD_PERSON_USE_EVENT] = N_ ("Use event deleted"),
  };

  g_variant_get (parameter, "(ix)", &kind, &id);
  if (kind < 0 || kind >= (int)G_N_ELEMENTS (messages))
    return;
  char *key = pending_key (kind, id);
  if (g_hash_table_contains (self->pending, key))
    {
      g_free (key);
      return;
    }

  AdwToast *toast = adw_toast_new (_ (messages[kind]));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_action_name (toast, "person.undo-delete");
  adw_toast_set_action_target (toast, "s", key);
  g_object_set_data_full (G_OBJECT (toast), "jd-key", g_strdup (key), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  g_hash_table_insert (self->pending, key, g_object_ref (toast));
  reload_records (self);
  show_toast (self, toast);
}

static void
undo_delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autoptr (AdwToast) toast = NULL;
  gpointer stolen_key = NULL, stolen_toast = NULL;

  if (!g_hash_table_steal_extended (self->pending, key, &stolen_key, &stolen_toast))
    return;
  g_free (stolen_key);
  toast = stolen_toast;
  adw_toast_dismiss (toast);
  reload_records (self);
}

guint
jd_person_window_get_pending_deletions (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), 0);
  return g_hash_table_size (self->pending);
}

/* Makes every pending deletion final, as if its toast had timed out. */
void
jd_person_window_commit_deletions (JdPersonWindow *self)
{
  g_return_if_fail (JD_IS_PERSON_WINDOW (self));

  g_autoptr (GList) toasts = g_hash_table_get_values (self->pending);
  for (GList *l = toasts; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toasts; l; l = l->next)
    {
      adw_toast_dismiss (l->data);
      /* A toast not shown yet is not dismissed by the overlay: commit it here. */
      commit_deletion (self, g_object_get_data (l->data, "jd-key"));
      g_object_unref (l->data);
    }
}

/* ---- adding records ----------------------------------------------------------------- */

typedef struct
{
  JdPersonWindow *self;
  JdEnum enum_which; /* of the combo row; JD_N_ENUMS: none */
  AdwComboRow *combo;
  AdwEntryRow *date_row;  /* required */
  AdwEntryRow *end_row;   /* optional date */
  AdwEntryRow *text_row;  /* required text, or NULL */
  AdwEntryRow *extra_row; /* optional text */
  AdwEntryRow *phone_row; /* optional text */
  const char *kind;       /* "status", "member", "agreement", "use_event" */
} AddForm;

static AdwEntryRow *
add_entry (GtkListBox *list, const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (GtkListBox *list, const char *title, JdEnum which)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, _ (values[i].label));
  GtkWidget *row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  gtk_list_box_append (list, row);
  return ADW_COMBO_ROW (row);
}

static const char *
combo_key (AddForm *form)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (form->enum_which, &n);
  guint selected = adw_combo_row_get_selected (form->combo);
  return selected < n ? values[selected].key : NULL;
}

/* A date row: TRUE when it holds a day (or nothing, when optional). */
static gboolean
check_day_row (AdwEntryRow *row, gboolean required, gboolean past_only, JdDay *out)
{
  const char *text = entry_text (row);
  JdDay day = jd_day_parse (text);
  *out = day;
  if (*text == '\0')
    {
      jd_row_set_error (GTK_WIDGET (row), required ? _ ("Required") : NULL);
      return !required;
    }
  if (day == 0)
    {
      jd_row_set_error (GTK_WIDGET (row), _ ("Not a date: write 2024-03-05"));
      return FALSE;
    }
  if (past_only && day > jd_today ())
    {
      jd_row_set_error (GTK_WIDGET (row), _ ("In the future"));
      return FALSE;
    }
  jd_row_set_error (GTK_WIDGET (row), NULL);
  return TRUE;
}

/* The table a form's record goes to, for the rules on a person's dates. */
static const char *
form_table (AddForm *form)
{
  if (g_str_equal (form->kind, "status"))
    return "status_span";
  if (g_str_equal (form->kind, "member"))
    return "help_member";
  if (g_str_equal (form->kind, "agreement"))
    return "agreement";
  return "use_event";
}

/* The row a store error names ("started_on: …"), with the reason after the key. */
static GtkWidget *
form_row_for_error (AddForm *form, const char *message, const char **reason)
{
  const struct
  {
    const char *key;
    AdwEntryRow *row;
  } fields[] = {
    { "started_on", form->date_row },    { "occurred_on", form->date_row },
    { "since", form->date_row },         { "signed_on", form->date_row },
    { "planned_end_on", form->end_row }, { "until", form->end_row },
    { "member_name", form->text_row },   { "note", form->extra_row },
    { "phone", form->phone_row },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].key);
      if (fields[i].row && strncmp (message, fields[i].key, len) == 0
          && strncmp (message + len, ": ", 2) == 0)
        {
          *reason = message + len + 2;
          return GTK_WIDGET (fields[i].row);
        }
    }
  *reason = message;
  return NULL;
}

static gboolean
validate_form (AddForm *form)
{
  JdDay start, end = 0;
  gboolean ok = check_day_row (form->date_row, TRUE, TRUE, &start);
  if (form->end_row)
    {
      /* A planned end lies ahead; a member's "until" may too. */
      gboolean end_ok = check_day_row (form->end_row, FALSE, FALSE, &end);
      if (end_ok && end && start && end < start)
        {
          jd_row_set_error (GTK_WIDGET (form->end_row), _ ("Before the start"));
          end_ok = FALSE;
        }
      ok &= end_ok;
    }
  if (form->text_row)
    ok &= check_text_row (form->text_row);

  /* The rules on a person's dates (death is final, nothing before the
   * first-found date) and on text, said on the row as it is typed. */
  if (ok && start)
    {
      g_autofree char *problem = jd_store_person_day_problem (
          form->self->ledger, form->self->person_id, form_table (form), start);
      if (problem == NULL && g_str_equal (form->kind, "status")
          && g_strcmp0 (combo_key (form), "deceased") == 0)
        problem = jd_store_death_problem (form->self->ledger, form->self->person_id, start);
      if (problem)
        {
          jd_row_set_error (GTK_WIDGET (form->date_row), problem);
          ok = FALSE;
        }
    }
  const struct
  {
    AdwEntryRow *row;
    JdTextRule rule;
  } texts[] = { { form->text_row, JD_TEXT_NAME },
                { form->extra_row, JD_TEXT_LINES },
                { form->phone_row, JD_TEXT_LINE } };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].row)
      {
        g_autofree char *problem = jd_store_text_problem (entry_text (texts[i].row), texts[i].rule);
        if (problem || texts[i].row != form->text_row)
          jd_row_set_error (GTK_WIDGET (texts[i].row), problem);
        ok &= problem == NULL;
      }
  return ok;
}

static void
form_changed_cb (GtkWidget *row, AdwMessageDialog *dialog)
{
  AddForm *form = g_object_get_data (G_OBJECT (dialog), "jd-form");
  adw_message_dialog_set_response_enabled (dialog, "add", validate_form (form));
}

/* A new status prefills its planned end: three years for community measures,
 * two for compulsory isolation (the statutory lengths). */
static void
prefill_planned_end (AddForm *form)
{
  JdDay start = jd_day_parse (entry_text (form->date_row));
  const char *status = combo_key (form);
  int years = 0;
  if (g_strcmp0 (status, "community_detox") == 0 || g_strcmp0 (status, "community_rehab") == 0)
    years = 3;
  else if (g_strcmp0 (status, "compulsory") == 0)
    years = 2;
  g_autofree char *text
      = years && start ? jd_day_to_string (jd_day_add_years (start, years)) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (form->end_row), text);
}

static void
status_inputs_changed_cb (GtkWidget *row, GParamSpec *pspec, AdwMessageDialog *dialog)
{
  AddForm *form = g_object_get_data (G_OBJECT (dialog), "jd-form");
  prefill_planned_end (form);
  /* A death must come after every other record: the status matters too. */
  adw_message_dialog_set_response_enabled (dialog, "add", validate_form (form));
}

static void
status_date_changed_cb (GtkWidget *row, AdwMessageDialog *dialog)
{
  status_inputs_changed_cb (row, NULL, dialog);
}

static gboolean
store_form (AddForm *form, GError **error)
{
  JdPersonWindow *self = form->self;
  JdDay day = jd_day_parse (entry_text (form->date_row));
  JdDay end = form->end_row ? jd_day_parse (entry_text (form->end_row)) : 0;

  if (g_str_equal (form->kind, "status"))
    {
      JdStatusRecord r = { .person_id = self->person_id,
                           .status = combo_key (form),
                           .started_on = day,
                           .planned_end_on = end,
                           .note = entry_text (form->extra_row) };
      return jd_store_status (self->ledger, &r, error) != JD_STORE_FAILED;
    }
  if (g_str_equal (form->kind, "member"))
    {
      JdHelpMemberRecord r = { .person_id = self->person_id,
                               .member_name = entry_text (form->text_row),
                               .role = combo_key (form),
                               .phone = entry_text (form->phone_row),
                               .since = day,
                               .until = end };
      return jd_store_help_member (self->ledger, &r, error) != JD_STORE_FAILED;
    }
  if (g_str_equal (form->kind, "agreement"))
    {
      JdAgreementRecord r = { .person_id = self->person_id,
                              .signed_on = day,
                              .note = entry_text (form->extra_row) };
      return jd_store_agreement (self->ledger, &r, error) != JD_STORE_FAILED;
    }
  JdUseEventRecord r
      = { .person_id = self->person_id, .occurred_on = day, .source = combo_key (form) };
  return jd_store_use_event (self->ledger, &r, error) != JD_STORE_FAILED;
}

static void
add_response_cb (AdwMessageDialog *dialog, const char *response, JdPersonWindow *self)
{
  AddForm *form = g_object_get_data (G_OBJECT (dialog), "jd-form");
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "add") || !validate_form (form))
    return;
  if (!jd_ledger_begin (self->ledger, &error) || !store_form (form, &error)
      || !jd_ledger_commit (self->ledger, &error))
    {
      jd_ledger_rollback (self->ledger);
      /* The form has closed (the dialog closes before it responds): the
       * reason without its field's key. The date rules were said on the row
       * as it was typed, so this is rare. */
      const char *reason = NULL;
      GtkWidget *row = form_row_for_error (form, error->message, &reason);
      if (row)
        jd_row_set_error (row, reason);
      jd_show_error_dialog (GTK_WINDOW (self), _ ("Not Saved"), reason);
      return;
    }
  /* The ledger's notice reloads the records (ledger_changed_cb). */
}

static AdwMessageDialog *
open_add_dialog (JdPersonWindow *self, const char *kind)
{
  AddForm *form = g_new0 (AddForm, 1);
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  g_autofree char *today = jd_day_to_string (jd_today ());
  const char *heading;

  form->self = self;
  form->kind = kind;
  form->enum_which = JD_N_ENUMS;
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");

  if (g_str_equal (kind, "status"))
    {
      heading = _ ("Record a New Status");
      form->enum_which = JD_ENUM_STATUS;
      form->combo = add_combo (list, _ ("Status"), JD_ENUM_STATUS);
      form->date_row = add_entry (list, _ ("Starts On"), today);
      form->end_row = add_entry (list, _ ("Planned End"), NULL);
      form->extra_row = add_entry (list, _ ("Note"), NULL);
    }
  else if (g_str_equal (kind, "member"))
    {
      heading = _ ("Add a Help-Group Member");
      form->text_row = add_entry (list, _ ("Name"), NULL);
      form->enum_which = JD_ENUM_MEMBER_ROLE;
      form->combo = add_combo (list, _ ("Role"), JD_ENUM_MEMBER_ROLE);
      form->phone_row = add_entry (list, _ ("Phone"), NULL);
      form->date_row = add_entry (list, _ ("Since"), today);
      form->end_row = add_entry (list, _ ("Until"), NULL);
    }
  else if (g_str_equal (kind, "agreement"))
    {
      heading = _ ("Add an Agreement");
      form->date_row = add_entry (list, _ ("Signed On"), today);
      form->extra_row = add_entry (list, _ ("Note"), NULL);
    }
  else
    {
      heading = _ ("Add a Use Event");
      form->date_row = add_entry (list, _ ("Date"), today);
      form->enum_which = JD_ENUM_USE_SOURCE;
      form->combo = add_combo (list, _ ("Source"), JD_ENUM_USE_SOURCE);
    }

  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  g_object_set_data_full (G_OBJECT (dialog), "jd-form", form, g_free);
  adw_message_dialog_set_extra_child (message, GTK_WIDGET (list));
  adw_message_dialog_add_responses (message, "cancel", _ ("_Cancel"), "add", _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (message, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, "add");
  adw_message_dialog_set_close_response (message, "cancel");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, -1);

  AdwEntryRow *rows[]
      = { form->date_row, form->end_row, form->text_row, form->extra_row, form->phone_row };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i])
      g_signal_connect (rows[i], "changed", G_CALLBACK (form_changed_cb), dialog);
  if (g_str_equal (kind, "status"))
    {
      g_signal_connect (form->combo, "notify::selected", G_CALLBACK (status_inputs_changed_cb),
                        dialog);
      g_signal_connect (form->date_row, "changed", G_CALLBACK (status_date_changed_cb), dialog);
      prefill_planned_end (form);
    }
  adw_message_dialog_set_response_enabled (message, "add", validate_form (form));
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return message;
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  const char *kind = g_str_equal (action_name, "person.new-status")      ? "status"
                     : g_str_equal (action_name, "person.add-member")    ? "member"
                     : g_str_equal (action_name, "person.add-agreement") ? "agreement"
                                                                         : "use_event";
  if (self->person_id != 0)
    open_add_dialog (self, kind);
}

/* person.record-followup(KIND): the quick entry, the kind chosen (Ctrl+T, Ctrl+U, Ctrl+H). */
static void
record_followup_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  if (self->person_id != 0)
    jd_followup_dialog_present (self->ledger, GTK_WINDOW (self), self->person_id,
                                g_variant_get_string (parameter, NULL));
}

/* ---- closing ------------------------------------------------------------------------ */

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, JdPersonWindow *self)
{
  if (g_str_equal (response, "save"))
    {
      if (!jd_person_window_save (self))
        return;
    }
  else if (!g_str_equal (response, "discard"))
    return;
  set_modified (self, FALSE);
  /* Closed once the dialog, transient for it, is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
jd_person_window_close_request (GtkWindow *window)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (window);

  if (self->modified)
    {
      GtkWidget *dialog = adw_message_dialog_new (
          window, _ ("Save the Changes?"),
          _ ("The details of this person were changed. Changes that are not saved are lost."));
      AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
      adw_message_dialog_add_responses (message, "discard", _ ("_Discard"), "cancel", _ ("_Cancel"),
                                        "save", _ ("_Save"), NULL);
      adw_message_dialog_set_response_appearance (message, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (message, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (message, "save");
      adw_message_dialog_set_close_response (message, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  jd_person_window_commit_deletions (self);
  return GTK_WINDOW_CLASS (jd_person_window_parent_class)->close_request (window);
}

/* ---- the object --------------------------------------------------------------------- */

gint64
jd_person_window_get_person_id (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), 0);
  return self->person_id;
}

gboolean
jd_person_window_get_modified (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), FALSE);
  return self->modified;
}

/* The form row of a field, by its key in jd-store.h (id_number, name, …). */
GtkWidget *
jd_person_window_get_field (JdPersonWindow *self, const char *key)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), NULL);
  const struct
  {
    const char *key;
    gpointer row;
  } fields[] = {
    { "id_number", self->id_number_row },
    { "name", self->name_row },
    { "sex", self->sex_label },
    { "birth_date", self->birth_label },
    { "phone", self->phone_row },
    { "household_address", self->household_address_row },
    { "household_village", self->household_village_row },
    { "household_village_name", self->household_name_row },
    { "residence_address", self->residence_address_row },
    { "residence_village", self->village_row },
    { "first_found_on", self->first_found_row },
    { "drug_type", self->drug_type_row },
    { "key_category", self->key_category_row },
    { "note", self->note_row },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      return fields[i].row;
  return NULL;
}

static void
jd_person_window_dispose (GObject *object)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  if (self->pending && self->ledger)
    {
      g_autoptr (GList) keys = g_hash_table_get_keys (self->pending);
      g_autoptr (GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
      for (GList *l = keys; l; l = l->next)
        g_ptr_array_add (copies, g_strdup (l->data));
      for (guint i = 0; i < copies->len; i++)
        commit_deletion (self, g_ptr_array_index (copies, i));
    }
  if (self->ledger && self->changed_handler)
    g_signal_handler_disconnect (self->ledger, self->changed_handler);
  self->changed_handler = 0;
  g_clear_weak_pointer (&self->last_toast);

  G_OBJECT_CLASS (jd_person_window_parent_class)->dispose (object);
}

static void
jd_person_window_finalize (GObject *object)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->village_ids, g_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  G_OBJECT_CLASS (jd_person_window_parent_class)->finalize (object);
}

static void
jd_person_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  switch (prop_id)
    {
      case PROP_MODIFIED:
        g_value_set_boolean (value, self->modified);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_person_window_class_init (JdPersonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jd_person_window_dispose;
  object_class->finalize = jd_person_window_finalize;
  object_class->get_property = jd_person_window_get_property;
  window_class->close_request = jd_person_window_close_request;

  /* Whether the details form has changes not saved. */
  properties[PROP_MODIFIED]
      = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-person-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JdPersonWindow, name)
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (save_button);
  BIND (view_stack);
  BIND (status_stack_page);
  BIND (help_stack_page);
  BIND (followups_stack_page);
  BIND (history_stack_page);
  BIND (id_number_row);
  BIND (name_row);
  BIND (sex_row);
  BIND (sex_label);
  BIND (birth_row);
  BIND (birth_label);
  BIND (phone_row);
  BIND (household_address_row);
  BIND (household_village_row);
  BIND (household_name_row);
  BIND (residence_address_row);
  BIND (village_row);
  BIND (first_found_row);
  BIND (drug_type_row);
  BIND (key_category_row);
  BIND (note_row);
  BIND (status_list);
  BIND (member_list);
  BIND (agreement_list);
  BIND (followup_list);
  BIND (use_event_list);
  BIND (history_list);
#undef BIND
  gtk_widget_class_bind_template_callback_full (widget_class, "field_changed_cb",
                                                G_CALLBACK (field_changed_cb));

  gtk_widget_class_install_action (widget_class, "person.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "person.new-status", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-member", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-agreement", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-use-event", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.record-followup", "s",
                                   record_followup_action_cb);
  gtk_widget_class_install_action (widget_class, "person.delete", "(ix)", delete_action_cb);
  gtk_widget_class_install_action (widget_class, "person.undo-delete", "s", undo_delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "person.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.new-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-member", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-agreement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-use-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "talk");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "urine_test");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "home_visit");
}

static void
jd_person_window_init (JdPersonWindow *self)
{
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Each list says when it is empty. */
  add_placeholder (self->status_list, _ ("No status recorded: the person counts as at large"));
  add_placeholder (self->member_list, _ ("No help-group member"));
  add_placeholder (self->agreement_list, _ ("No agreement signed"));
  add_placeholder (self->followup_list, _ ("No follow-up recorded"));
  add_placeholder (self->use_event_list, _ ("No use event besides the first finding"));
  add_placeholder (self->history_list, _ ("No change recorded"));

  /* Entry rows report "changed" without a pspec, so they are connected here. */
  GtkWidget *entries[] = {
    GTK_WIDGET (self->id_number_row),      GTK_WIDGET (self->name_row),
    GTK_WIDGET (self->phone_row),          GTK_WIDGET (self->household_address_row),
    GTK_WIDGET (self->household_name_row), GTK_WIDGET (self->residence_address_row),
    GTK_WIDGET (self->first_found_row),    GTK_WIDGET (self->drug_type_row),
    GTK_WIDGET (self->key_category_row),   GTK_WIDGET (self->note_row),
  };
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect_swapped (entries[i], "entry-activated", G_CALLBACK (entry_activated_cb),
                                self);
    }
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (visible_page_cb),
                            self);
  gtk_widget_set_visible (GTK_WIDGET (self->household_name_row), FALSE);
}

static JdPersonWindow *
find_person_window (JdLedger *ledger, gint64 person_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (JD_IS_PERSON_WINDOW (toplevel) && JD_PERSON_WINDOW (toplevel)->ledger == ledger
          && JD_PERSON_WINDOW (toplevel)->person_id == person_id)
        return JD_PERSON_WINDOW (toplevel);
    }
  return NULL;
}

/* The person's window, brought forward if it is open; person_id 0: a new,
 * empty one. NULL (and a message) when there is no such person. */
JdPersonWindow *
jd_person_window_present (GtkWindow *window, JdLedger *ledger, gint64 person_id)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdPersonWindow *self = person_id > 0 ? find_person_window (ledger, person_id) : NULL;
  if (self)
    {
      gtk_window_present (GTK_WINDOW (self));
      return self;
    }

  g_autoptr (JdPerson) person = NULL;
  if (person_id > 0)
    {
      g_autoptr (GError) error = NULL;
      person = jd_person_load (ledger, person_id, &error);
      if (person == NULL)
        {
          jd_show_error_dialog (GTK_WINDOW (window), _ ("Cannot Open the Person"), error->message);
          return NULL;
        }
    }

  self = g_object_new (JD_TYPE_PERSON_WINDOW, "transient-for", window, "application",
                       gtk_window_get_application (GTK_WINDOW (window)), NULL);
  self->ledger = g_object_ref (ledger);
  self->person_id = person_id > 0 ? person_id : 0;
  self->changed_handler = g_signal_connect_object (
      ledger, "changed", G_CALLBACK (ledger_changed_cb), self, G_CONNECT_SWAPPED);
  load_villages (self);
  fill_form (self, person);
  if (person)
    reload_records (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (person ? self->name_row : self->id_number_row));
  return self;
}
