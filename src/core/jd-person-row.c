/* jd-person-row.c: one row of the persons list (jd-person-query.c reads them a page at a time) */
#include "config.h"

#include "jd-person-row.h"

#include "jd-ledger-private.h"
#include "jd-person-row-private.h"

struct _JdPersonRow
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *sex;
  char *id_number;
  char *village_name;
  char *status;
  JdDay first_found_on;
  JdDay last_talk_on;
  JdDay last_urine_test_on;
  guint overdue_kinds;
  int overdue_days;
};

G_DEFINE_FINAL_TYPE (JdPersonRow, jd_person_row, G_TYPE_OBJECT)

static void
jd_person_row_finalize (GObject *object)
{
  JdPersonRow *self = JD_PERSON_ROW (object);

  g_free (self->name);
  g_free (self->sex);
  g_free (self->id_number);
  g_free (self->village_name);
  g_free (self->status);

  G_OBJECT_CLASS (jd_person_row_parent_class)->finalize (object);
}

static void
jd_person_row_class_init (JdPersonRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_person_row_finalize;
}

static void
jd_person_row_init (JdPersonRow *self)
{
}

gint64
jd_person_row_get_id (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->id;
}

const char *
jd_person_row_get_name (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->name;
}

const char *
jd_person_row_get_sex (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->sex;
}

const char *
jd_person_row_get_id_number (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->id_number;
}

const char *
jd_person_row_get_village_name (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->village_name;
}

const char *
jd_person_row_get_status (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->status;
}

JdDay
jd_person_row_get_first_found_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->first_found_on;
}

JdDay
jd_person_row_get_last_talk_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->last_talk_on;
}

JdDay
jd_person_row_get_last_urine_test_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->last_urine_test_on;
}

guint
jd_person_row_get_overdue_kinds (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->overdue_kinds;
}

int
jd_person_row_get_overdue_days (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->overdue_days;
}

/* A row from the page query's columns: id, name, sex, ID number, village, status,
 * first found, last talk, last urine test, overdue kinds and days. */
JdPersonRow *
jd_person_row_new_from_stmt (sqlite3_stmt *stmt)
{
  JdPersonRow *row = g_object_new (JD_TYPE_PERSON_ROW, NULL);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = jd_column_dup (stmt, 1);
  row->sex = jd_column_dup (stmt, 2);
  row->id_number = jd_column_dup (stmt, 3);
  row->village_name = jd_column_dup (stmt, 4);
  row->status = jd_column_dup (stmt, 5);
  row->first_found_on = jd_column_day (stmt, 6);
  row->last_talk_on = jd_column_day (stmt, 7);
  row->last_urine_test_on = jd_column_day (stmt, 8);
  row->overdue_kinds = sqlite3_column_int (stmt, 9);
  row->overdue_days = sqlite3_column_int (stmt, 10);
  return row;
}
