/* jd-person-row.h: one row of the persons list, as JdPersonQuery reads it */
#pragma once

#include <glib-object.h>

#include "jd-date.h"

G_BEGIN_DECLS

#define JD_TYPE_PERSON_ROW (jd_person_row_get_type ())
G_DECLARE_FINAL_TYPE (JdPersonRow, jd_person_row, JD, PERSON_ROW, GObject)

gint64 jd_person_row_get_id (JdPersonRow *self);
const char *jd_person_row_get_name (JdPersonRow *self);
const char *jd_person_row_get_sex (JdPersonRow *self);       /* key: male, female */
const char *jd_person_row_get_id_number (JdPersonRow *self); /* unmasked */
const char *jd_person_row_get_village_name (JdPersonRow *self);
const char *jd_person_row_get_status (JdPersonRow *self); /* key, at_large without a span */
JdDay jd_person_row_get_first_found_on (JdPersonRow *self);
JdDay jd_person_row_get_last_talk_on (JdPersonRow *self);       /* 0: none */
JdDay jd_person_row_get_last_urine_test_on (JdPersonRow *self); /* 0: none */
guint jd_person_row_get_overdue_kinds (JdPersonRow *self);      /* 1 << JdWorkKind */
int jd_person_row_get_overdue_days (JdPersonRow *self);         /* the most, 0: none */

G_END_DECLS
