/* jd-register-forms.c: the forms of the registers kept in the window — venues
 * and their inspections, responsibility letters, staff — as tables of fields
 * (jd-form.h), each saved by its own function: a new record, or the one edited
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-register-page.h"
#include "jd-store-edit.h"

/* What a save function returns: the record added, or updated (values->id). */
#define SAVED(result) ((result) != JD_STORE_FAILED)

/* ---- venues and inspections ---------------------------------------------------------------------
 */

static gboolean
save_venue (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdVenueRecord record = { .village_id = v->number[0],
                           .name = v->text[1],
                           .kind = v->text[2],
                           .address = v->text[3],
                           .manager = v->text[4],
                           .phone = v->text[5],
                           .key_spot = v->text[6] };
  return SAVED (v->id ? jd_store_update_venue (ledger, v->id, &record, error)
                      : jd_store_venue (ledger, &record, NULL, error));
}

static gboolean
save_inspection (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  gint64 venue = v->text[1] ? jd_store_find_venue (ledger, v->number[0], v->text[1]) : 0;
  if (venue == 0)
    {
      jd_set_field_error (error, "venue",
                          _ ("the village has no venue called “%s”; record the venue first"),
                          v->text[1] ? v->text[1] : "");
      return FALSE;
    }
  JdInspectionRecord record = { .venue_id = venue,
                                .inspected_on = v->number[2],
                                .inspector = v->text[3],
                                .passed = v->number[4] != 0,
                                .finding = v->text[5] };
  return SAVED (v->id ? jd_store_update_inspection (ledger, v->id, &record, error)
                      : jd_store_inspection (ledger, &record, error));
}

static const JdField venue_fields[] = {
  { "village", N_ ("Village"), JD_FIELD_VILLAGE },
  { "name", N_ ("Name"), JD_FIELD_REQUIRED_TEXT },
  { "kind", N_ ("Kind"), JD_FIELD_ENUM, JD_ENUM_VENUE_KIND },
  { "address", N_ ("Address"), JD_FIELD_NOTE },
  { "manager", N_ ("Manager"), JD_FIELD_TEXT },
  { "phone", N_ ("Phone"), JD_FIELD_TEXT },
  { "key_spot", N_ ("Key Spot"), JD_FIELD_TEXT },
};

static const JdField inspection_fields[] = {
  { "village", N_ ("Village"), JD_FIELD_VILLAGE },
  { "venue", N_ ("Venue"), JD_FIELD_REQUIRED_TEXT },
  { "inspected_on", N_ ("Date"), JD_FIELD_DATE },
  { "inspector", N_ ("Inspector"), JD_FIELD_TEXT },
  { "passed", N_ ("Passed"), JD_FIELD_BOOLEAN },
  { "finding", N_ ("Finding"), JD_FIELD_NOTE },
};

static const JdForm venue_forms[] = {
  { N_ ("Record a Venue"), "list-add-symbolic", venue_fields, G_N_ELEMENTS (venue_fields),
    save_venue, .edit_title = N_ ("Edit the Venue") },
  { N_ ("Record an Inspection"), "emblem-ok-symbolic", inspection_fields,
    G_N_ELEMENTS (inspection_fields), save_inspection, .edit_title = N_ ("Edit the Inspection") },
};

GtkWidget *
jd_venues_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_VENUES, venue_forms, G_N_ELEMENTS (venue_forms),
                               JD_RECORD_VENUE);
}

/* ---- responsibility letters ---------------------------------------------------------------------
 */

static gboolean
save_letter (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdLetterRecord record = { .village_id = v->number[0],
                            .level = v->text[1],
                            .signed_on = v->number[2],
                            .party = v->text[3],
                            .copies = v->number[4] > 0 ? v->number[4] : -1 };
  return SAVED (v->id ? jd_store_update_letter (ledger, v->id, &record, error)
                      : jd_store_letter (ledger, &record, error));
}

static const JdField letter_fields[] = {
  { "village", N_ ("Village"), JD_FIELD_VILLAGE },
  { "level", N_ ("Level"), JD_FIELD_ENUM, JD_ENUM_LETTER_LEVEL },
  { "signed_on", N_ ("Signed On"), JD_FIELD_DATE },
  { "party", N_ ("Signed With"), JD_FIELD_TEXT },
  { "copies", N_ ("Copies"), JD_FIELD_COUNT },
};

static const JdForm letter_forms[] = {
  { N_ ("Record a Responsibility Letter"), "list-add-symbolic", letter_fields,
    G_N_ELEMENTS (letter_fields), save_letter,
    .edit_title = N_ ("Edit the Responsibility Letter") },
};

GtkWidget *
jd_letters_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_LETTERS, letter_forms,
                               G_N_ELEMENTS (letter_forms), JD_RECORD_LETTER);
}

/* ---- staff --------------------------------------------------------------------------------------
 */

static gboolean
save_staff (JdLedger *ledger, const JdFormValues *v, GError **error)
{
  JdStaffRecord record = { .name = v->text[0],
                           .role = v->text[1],
                           .village_id = v->number[2],
                           .phone = v->text[3],
                           .since = v->number[4] };
  return SAVED (v->id ? jd_store_update_staff (ledger, v->id, &record, error)
                      : jd_store_staff (ledger, &record, error));
}

static const JdField staff_fields[] = {
  { "name", N_ ("Name"), JD_FIELD_REQUIRED_TEXT },
  { "role", N_ ("Role"), JD_FIELD_ENUM, JD_ENUM_STAFF_ROLE },
  /* The township office (禁毒办) or a village. */
  { "village", N_ ("Village"), JD_FIELD_AREA },
  { "phone", N_ ("Phone"), JD_FIELD_TEXT },
  { "since", N_ ("Since"), JD_FIELD_OPTIONAL_DATE },
};

static const JdForm staff_forms[] = {
  { N_ ("Record a Staff Member"), "list-add-symbolic", staff_fields, G_N_ELEMENTS (staff_fields),
    save_staff, .edit_title = N_ ("Edit the Staff Member") },
};

GtkWidget *
jd_staff_page_new (JdLedger *ledger)
{
  return jd_register_page_new (ledger, JD_REGISTER_STAFF, staff_forms, G_N_ELEMENTS (staff_forms),
                               JD_RECORD_STAFF);
}
