/* jd-person-history.c: a person's history in the person window, from the audit log
 *
 * Each change of the person's records as a row: what was done to which kind
 * of record, when and by whom, and the values before and after by the
 * interface's names of the fields.
 */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jd-enums.h"

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

void
jd_person_history_fill (JdPersonWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = jd_person_load_history (self->ledger, self->person_id, &error);

  jd_person_list_clear (self->history_list);
  if (entries == NULL)
    {
      gtk_list_box_append (
          self->history_list,
          jd_person_list_row_new (_ ("The history cannot be read"), error->message));
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
      GtkWidget *row = jd_person_list_row_new (title, change);
      gtk_list_box_append (self->history_list, row);
    }
  self->history_loaded = TRUE;
}
