/* jd-person-history.c: a person's history in the person window, from the audit log
 *
 * Each change of the person's records as a row: what was done to which kind
 * of record, when and by whom, and the values before and after by the
 * interface's names of the fields (jd_audit_describe_values ()).
 */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-audit-query.h"

static const char *
table_label (const char *table)
{
  static const struct
  {
    const char *table;
    const char *label;
  } tables[] = {
    { "person", N_ ("details") },
    { "status_span", N_ ("status") },
    { "use_event", N_ ("use event") },
    { "help_member", N_ ("help-group member") },
    { "agreement", N_ ("agreement") },
    { "followup", N_ ("follow-up") },
    { "move", N_ ("managing village change") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, table))
      return _ (tables[i].label);
  return table;
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
          = g_strdup_printf ("%s %s · %s · %s", jd_audit_action_label (entry->action),
                             table_label (entry->table), at, entry->os_user ? entry->os_user : "—");
      g_autofree char *change
          = jd_audit_describe_values (self->ledger, entry->before, entry->after, NULL);
      GtkWidget *row = jd_person_list_row_new (title, change);
      gtk_list_box_append (self->history_list, row);
    }
  self->history_loaded = TRUE;
}
