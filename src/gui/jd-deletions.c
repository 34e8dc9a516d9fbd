/* jd-deletions.c: deletion with Undo, for every list of the window (see jd-deletions.h) */
#include "config.h"

#include "jd-deletions.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "jd-alerts.h"
#include "jd-error.h"
#include "jd-save.h"

struct _JdDeletions
{
  JdLedger *ledger;
  JdDeleteFunc delete_func;
  JdDeletedFunc deleted;
  gpointer owner;
  GHashTable *pending; /* "kind:id" → AdwToast */
  GList *waiting;      /* Deleting: gone from the screen, waiting for the write lock */
};

/* One deletion on its way to the ledger (jd_save_run ()). */
typedef struct
{
  JdDeletions *self; /* NULL once the deletions are freed: the deletion still lands */
  JdDeleteFunc delete_func;
  int kind;
  gint64 id;
} Deleting;

JdDeletions *
jd_deletions_new (JdLedger *ledger, JdDeleteFunc delete_func, JdDeletedFunc deleted, gpointer owner)
{
  g_return_val_if_fail (delete_func != NULL, NULL);

  JdDeletions *self = g_new0 (JdDeletions, 1);
  self->ledger = ledger ? g_object_ref (ledger) : NULL;
  self->delete_func = delete_func;
  self->deleted = deleted;
  self->owner = owner;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return self;
}

void
jd_deletions_set_ledger (JdDeletions *self, JdLedger *ledger)
{
  g_set_object (&self->ledger, ledger);
}

char *
jd_deletions_key (int kind, gint64 id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, kind, id);
}

static gboolean
delete_cb (JdLedger *ledger, gpointer data, GError **error)
{
  Deleting *deleting = data;
  return deleting->delete_func (ledger, deleting->kind, deleting->id, error);
}

static void
deleted_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  Deleting *deleting = data;
  JdDeletions *self = deleting->self;

  if (self == NULL)
    return;
  self->waiting = g_list_remove (self->waiting, deleting);
  if (self->deleted)
    self->deleted (self->owner,
                   g_error_matches (error, JD_ERROR, JD_ERROR_NOT_FOUND) ? NULL : error);
}

/* Deletes key's record in the ledger, unless it was undone: at once when the
 * ledger is free, else once another program lets go of the write lock, the
 * window going on meanwhile (docs/architecture.md, "Threads and connections"). */
static void
commit (JdDeletions *self, const char *key)
{
  int kind;
  gint64 id;

  if (key == NULL || !g_hash_table_remove (self->pending, key))
    return;
  if (sscanf (key, "%d:%" G_GINT64_FORMAT, &kind, &id) != 2 || self->ledger == NULL)
    return;
  Deleting *deleting = g_new0 (Deleting, 1);
  deleting->self = self;
  deleting->delete_func = self->delete_func;
  deleting->kind = kind;
  deleting->id = id;
  if (jd_save_run (self->ledger, delete_cb, deleting, g_free, NULL, G_OBJECT (self->ledger),
                   deleted_cb)
      == JD_SAVE_WAITING)
    self->waiting = g_list_prepend (self->waiting, deleting);
}

static void
toast_dismissed_cb (AdwToast *toast, JdDeletions *self)
{
  commit (self, g_object_get_data (G_OBJECT (toast), "jd-key"));
}

AdwToast *
jd_deletions_add (JdDeletions *self,
                  int kind,
                  gint64 id,
                  const char *message,
                  const char *undo_action,
                  gboolean undo_action_takes_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  char *key = jd_deletions_key (kind, id);
  if (g_hash_table_contains (self->pending, key))
    {
      g_free (key);
      return NULL;
    }
  AdwToast *toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_action_name (toast, undo_action);
  if (undo_action_takes_id)
    adw_toast_set_action_target (toast, "x", id);
  else
    adw_toast_set_action_target (toast, "s", key);
  g_object_set_data_full (G_OBJECT (toast), "jd-key", g_strdup (key), g_free);
  /* The table outlives the toast's signal: it disconnects on its own free. */
  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self);
  g_hash_table_insert (self->pending, key, g_object_ref (toast));
  return toast;
}

gboolean
jd_deletions_contains (JdDeletions *self, int kind, gint64 id)
{
  g_autofree char *key = jd_deletions_key (kind, id);
  return g_hash_table_contains (self->pending, key);
}

gboolean
jd_deletions_undo (JdDeletions *self, const char *key)
{
  gpointer stolen_key = NULL, stolen_toast = NULL;

  if (!g_hash_table_steal_extended (self->pending, key, &stolen_key, &stolen_toast))
    return FALSE;
  g_free (stolen_key);
  g_signal_handlers_disconnect_by_func (stolen_toast, toast_dismissed_cb, self);
  adw_toast_dismiss (stolen_toast);
  g_object_unref (stolen_toast);
  return TRUE;
}

/* Makes every pending deletion final, as if its toast had timed out. */
void
jd_deletions_commit_all (JdDeletions *self)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (self->pending);
  g_autoptr (GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = keys; l; l = l->next)
    g_ptr_array_add (copies, g_strdup (l->data));
  for (guint i = 0; i < copies->len; i++)
    {
      const char *key = g_ptr_array_index (copies, i);
      g_autoptr (AdwToast) toast = g_hash_table_lookup (self->pending, key);
      if (toast)
        {
          g_object_ref (toast);
          g_signal_handlers_disconnect_by_func (toast, toast_dismissed_cb, self);
        }
      commit (self, key);
      if (toast)
        adw_toast_dismiss (toast);
    }
}

guint
jd_deletions_count (JdDeletions *self)
{
  return g_hash_table_size (self->pending);
}

void
jd_deletions_free (JdDeletions *self)
{
  if (self == NULL)
    return;
  jd_deletions_commit_all (self);
  /* Waiting for the write lock: they land without telling the owner. */
  for (GList *l = self->waiting; l; l = l->next)
    ((Deleting *)l->data)->self = NULL;
  g_list_free (self->waiting);
  g_hash_table_unref (self->pending);
  g_clear_object (&self->ledger);
  g_free (self);
}

GtkWidget *
jd_icon_button_new (const char *icon_name,
                    const char *action,
                    GVariant *target,
                    const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

/* Shows toast (jd_deletions_add's) on the toast overlay nearest to widget;
 * without one, the deletion is final at once. */
void
jd_deletions_offer_undo (JdDeletions *self, GtkWidget *widget, AdwToast *toast)
{
  g_return_if_fail (self != NULL && ADW_IS_TOAST (toast));

  if (jd_find_toast_overlay (widget))
    jd_show_toast (widget, toast);
  else
    {
      g_object_ref_sink (toast);
      jd_deletions_commit_all (self);
      g_object_unref (toast);
    }
}
