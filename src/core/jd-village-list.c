/* jd-village-list.c: the villages of a ledger as a list model, for the window
 *
 * One read-only item per village row. The properties exist so that list views
 * can sort and filter with property expressions; the values never change after
 * the load (a changed ledger is loaded again).
 */
#include "config.h"

#include "jd-village-list.h"

#include "jd-ledger-private.h"

struct _JdVillageItem
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *name;
  char *kind;
  gint64 registered_population;
  gint64 resident_population;
  gint64 floating_population;
  gint64 grid_count;
  char *secretary;
  char *police_officer;
  gboolean education_site;
  JdDay retired_on;
};

G_DEFINE_FINAL_TYPE (JdVillageItem, jd_village_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_REGISTERED_POPULATION,
  PROP_RESIDENT_POPULATION,
  PROP_FLOATING_POPULATION,
  PROP_GRID_COUNT,
  PROP_SECRETARY,
  PROP_POLICE_OFFICER,
  PROP_EDUCATION_SITE,
  PROP_RETIRED_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_village_item_finalize (GObject *object)
{
  JdVillageItem *self = JD_VILLAGE_ITEM (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->secretary);
  g_free (self->police_officer);

  G_OBJECT_CLASS (jd_village_item_parent_class)->finalize (object);
}

static void
jd_village_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdVillageItem *self = JD_VILLAGE_ITEM (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_CODE:
        g_value_set_string (value, self->code);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      case PROP_REGISTERED_POPULATION:
        g_value_set_int64 (value, self->registered_population);
        break;
      case PROP_RESIDENT_POPULATION:
        g_value_set_int64 (value, self->resident_population);
        break;
      case PROP_FLOATING_POPULATION:
        g_value_set_int64 (value, self->floating_population);
        break;
      case PROP_GRID_COUNT:
        g_value_set_int64 (value, self->grid_count);
        break;
      case PROP_SECRETARY:
        g_value_set_string (value, self->secretary);
        break;
      case PROP_POLICE_OFFICER:
        g_value_set_string (value, self->police_officer);
        break;
      case PROP_EDUCATION_SITE:
        g_value_set_boolean (value, self->education_site);
        break;
      case PROP_RETIRED_ON:
        g_value_set_uint (value, self->retired_on);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
create_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
create_count_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
jd_village_item_class_init (JdVillageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_village_item_finalize;
  object_class->get_property = jd_village_item_get_property;

  properties[PROP_ID] = create_count_property ("id");
  properties[PROP_CODE] = create_string_property ("code");
  properties[PROP_NAME] = create_string_property ("name");
  /* The key: "village" or "community". */
  properties[PROP_KIND] = create_string_property ("kind");
  properties[PROP_REGISTERED_POPULATION] = create_count_property ("registered-population");
  properties[PROP_RESIDENT_POPULATION] = create_count_property ("resident-population");
  properties[PROP_FLOATING_POPULATION] = create_count_property ("floating-population");
  properties[PROP_GRID_COUNT] = create_count_property ("grid-count");
  properties[PROP_SECRETARY] = create_string_property ("secretary");
  properties[PROP_POLICE_OFFICER] = create_string_property ("police-officer");
  properties[PROP_EDUCATION_SITE] = g_param_spec_boolean (
      "education-site", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A JdDay; 0 while the village exists. */
  properties[PROP_RETIRED_ON] = g_param_spec_uint ("retired-on", NULL, NULL, 0, G_MAXUINT32, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_village_item_init (JdVillageItem *self)
{
}

gint64
jd_village_item_get_id (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->id;
}

const char *
jd_village_item_get_code (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), NULL);
  return self->code;
}

const char *
jd_village_item_get_name (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), NULL);
  return self->name;
}

const char *
jd_village_item_get_kind (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), NULL);
  return self->kind;
}

gint64
jd_village_item_get_registered_population (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->registered_population;
}

gint64
jd_village_item_get_resident_population (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->resident_population;
}

gint64
jd_village_item_get_floating_population (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->floating_population;
}

gint64
jd_village_item_get_grid_count (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->grid_count;
}

const char *
jd_village_item_get_secretary (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), NULL);
  return self->secretary;
}

const char *
jd_village_item_get_police_officer (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), NULL);
  return self->police_officer;
}

gboolean
jd_village_item_get_education_site (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), FALSE);
  return self->education_site;
}

JdDay
jd_village_item_get_retired_on (JdVillageItem *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_ITEM (self), 0);
  return self->retired_on;
}

/* Every village, retired ones included (they are history), in code order. */
GListStore *
jd_village_list_load (JdLedger *ledger, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT id, code, name, kind, registered_population, resident_population,"
      " floating_population, grid_count, secretary, police_officer, education_site, retired_on"
      " FROM village ORDER BY code",
      error);
  if (stmt == NULL)
    return NULL;

  g_autoptr (GListStore) store = g_list_store_new (JD_TYPE_VILLAGE_ITEM);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (JdVillageItem) item = g_object_new (JD_TYPE_VILLAGE_ITEM, NULL);
      item->id = sqlite3_column_int64 (stmt, 0);
      item->code = jd_column_dup (stmt, 1);
      item->name = jd_column_dup (stmt, 2);
      item->kind = jd_column_dup (stmt, 3);
      item->registered_population = sqlite3_column_int64 (stmt, 4);
      item->resident_population = sqlite3_column_int64 (stmt, 5);
      item->floating_population = sqlite3_column_int64 (stmt, 6);
      item->grid_count = sqlite3_column_int64 (stmt, 7);
      item->secretary = jd_column_dup (stmt, 8);
      item->police_officer = jd_column_dup (stmt, 9);
      item->education_site = sqlite3_column_int (stmt, 10) != 0;
      item->retired_on = jd_column_day (stmt, 11);
      g_list_store_append (store, item);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&store);
}

gboolean
jd_village_title_at (
    JdLedger *ledger, gint64 village_id, JdDay day, JdTitleState *state, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                          "SELECT event, occurred_on FROM title_event"
                                          " WHERE village_id = ?1 AND occurred_on <= ?2"
                                          " ORDER BY occurred_on, id",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_title_state_init (state);
  sqlite3_bind_int64 (stmt, 1, village_id);
  jd_bind_day (stmt, 2, day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    /* The store refuses impossible steps; one that slipped in is passed over,
     * as the indicator engine does. */
    jd_title_apply (state, (const char *)sqlite3_column_text (stmt, 0), jd_column_day (stmt, 1),
                    NULL);
  if (rc != SQLITE_DONE)
    jd_ledger_set_error (ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}
