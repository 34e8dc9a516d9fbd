/* jd-village-list.h: the villages of a ledger as a list model, for the window */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"
#include "jd-title.h"

G_BEGIN_DECLS

#define JD_TYPE_VILLAGE_ITEM (jd_village_item_get_type ())
G_DECLARE_FINAL_TYPE (JdVillageItem, jd_village_item, JD, VILLAGE_ITEM, GObject)

gint64 jd_village_item_get_id (JdVillageItem *self);
const char *jd_village_item_get_code (JdVillageItem *self);
const char *jd_village_item_get_name (JdVillageItem *self);
const char *jd_village_item_get_kind (JdVillageItem *self);
gint64 jd_village_item_get_registered_population (JdVillageItem *self);
gint64 jd_village_item_get_resident_population (JdVillageItem *self);
gint64 jd_village_item_get_floating_population (JdVillageItem *self);
gint64 jd_village_item_get_grid_count (JdVillageItem *self);
const char *jd_village_item_get_secretary (JdVillageItem *self);
const char *jd_village_item_get_police_officer (JdVillageItem *self);
gboolean jd_village_item_get_education_site (JdVillageItem *self);
JdDay jd_village_item_get_retired_on (JdVillageItem *self);

GListStore *jd_village_list_load (JdLedger *ledger, GError **error);

/* The village's title on day, walked from its events up to that day (docs/contract.md §3). */
gboolean jd_village_title_at (
    JdLedger *ledger, gint64 village_id, JdDay day, JdTitleState *state, GError **error);

G_END_DECLS
