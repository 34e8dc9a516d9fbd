/* jd-window-county.c: the main window on a county ledger (docs/contract.md §9)
 *
 * A county ledger is read-only in the window: every action that writes a
 * township's records (a person, a follow-up) or works on a township's file
 * (backups, the audit log, the presentation) is disabled; win.export writes the
 * county's workbook instead (jd-export-dialog.c, always masked); and the one
 * thing the county does, adding its townships' packages, is
 * win.add-county-package (a file chooser, several files) and
 * win.add-county-files (the paths). Each package is checked first
 * (jd_county_check_package_async), then added (jd_county_add_async), each on
 * the core's worker thread and connection: a township met for the first time
 * has its key's fingerprint shown and is added only when the user confirms
 * it; a refusal is shown with its reason (docs/packages.md). jd-window.c calls
 * this file (the county shown, the actions' state, the class's actions), and
 * this file never calls it back.
 */
#include "config.h"

#include "jd-window-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-alerts.h"
#include "jd-county-async.h"

/* Disabled on a county ledger. */
static const char *const township_actions[] = {
  "win.open-person",    "win.new-person",       "win.record-followup", "win.backups",
  "win.audit",          "win.present",          "win.import",          "win.import-history",
  "win.send-to-county", "win.receive-transfer",
};

void
jd_window_update_actions (JdWindow *self)
{
  gboolean county = self->county != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (township_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), township_actions[i], !county);
  /* The county's workbook (jd-export-dialog.c), not while packages are added. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !county || !self->adding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-county-package",
                                 county && !self->adding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-county-files",
                                 county && !self->adding);
}

/* Shows a county ledger (docs/contract.md §9): its name in the title, said to
 * be a county's and read-only, and the county's sections; shown again (after
 * a package is added) it keeps the section shown. jd-window.c has let go of
 * any township's ledger and any open under way first. */
void
jd_window_show_county (JdWindow *self, JdCounty *county)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (JD_IS_COUNTY (county));

  g_autofree char *wanted = g_steal_pointer (&self->pending_section);
  if (wanted == NULL && county == self->county)
    wanted = g_strdup (self->section);
  g_autoptr (JdCounty) held = g_object_ref (county);
  jd_window_remove_sections (self);
  g_set_object (&self->county, county);
  self->pending_present = FALSE;
  g_free (self->path);
  self->path = g_strdup (jd_county_get_path (county));

  const char *name = jd_county_get_name (county);
  adw_window_title_set_title (self->sidebar_title, name);
  adw_window_title_set_subtitle (self->sidebar_title, _ ("County ledger · read-only"));
  g_autofree char *title = g_strdup_printf (_ ("%s (county ledger, read-only)"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  jd_window_show_sections (self, wanted);
  jd_window_update_actions (self);
}

/* ---- adding packages ------------------------------------------------------------ */

typedef struct
{
  JdWindow *window;
  JdCounty *county;
  GStrv paths;
  guint next;
  guint added;
  char *fingerprint; /* of the package asking to be trusted */
  gulong unrealize_handler;
  gboolean window_gone; /* destroyed: the batch stops, nothing more asked or said */
} Adding;

static void add_next (Adding *adding);

static void
adding_free (Adding *adding)
{
  g_clear_signal_handler (&adding->unrealize_handler, adding->window);
  g_object_unref (adding->window);
  g_object_unref (adding->county);
  g_strfreev (adding->paths);
  g_free (adding->fingerprint);
  g_free (adding);
}

static void
show_refusal (Adding *adding, const GError *error)
{
  if (adding->window_gone)
    return;
  jd_show_error_dialog (GTK_WINDOW (adding->window), _ ("Package Refused"), error->message);
}

static const char *
current_path (Adding *adding)
{
  return adding->paths[adding->next - 1];
}

static void
add_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Adding *adding = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCountyAdded) added = jd_county_add_finish (result, &error);
  if (added == NULL)
    show_refusal (adding, error);
  else if (!adding->window_gone)
    {
      adding->added++;
      g_autofree char *text
          = g_strdup_printf (_ ("The package of %s was added (%" PRId64 " persons registered)"),
                             added->township, added->persons);
      jd_show_toast (GTK_WIDGET (adding->window), adw_toast_new (text));
    }
  add_next (adding);
}

/* Adds the current package; trusted: the fingerprint confirmed for a
 * township met for the first time (NULL for one the county knows). */
static void
add_current (Adding *adding, const char *trusted)
{
  if (trusted != adding->fingerprint)
    {
      g_free (adding->fingerprint);
      adding->fingerprint = g_strdup (trusted);
    }
  /* Reading a package (its checksum, then the snapshot) runs off the main
   * loop, on a connection of the core's own: a package can be hundreds of
   * megabytes. */
  jd_county_add_async (adding->county, current_path (adding), adding->fingerprint, NULL,
                       add_done_cb, adding);
}

static void
trust_response_cb (AdwMessageDialog *dialog, const char *response, Adding *adding)
{
  if (g_str_equal (response, "trust"))
    add_current (adding, adding->fingerprint);
  else
    add_next (adding);
}

static void
ask_trust (Adding *adding, const JdPackageManifest *m)
{
  g_free (adding->fingerprint);
  adding->fingerprint = g_strdup (m->fingerprint);
  g_autofree char *heading = g_strdup_printf (_ ("Trust the Key of %s?"), m->township);
  g_autofree char *base = g_path_get_basename (current_path (adding));
  g_autofree char *body = g_strdup_printf (
      _ ("%s is the first package of %s. It is signed with the key whose fingerprint is\n\n%s\n\n"
         "Read the fingerprint to the township’s office on the telephone: from now on the county "
         "accepts the packages of %s signed with this key only."),
      base, m->township, m->fingerprint, m->township);
  jd_ask_question (GTK_WINDOW (adding->window), heading, body, _ ("_Do Not Add"), "trust",
                   _ ("_Trust and Add"), ADW_RESPONSE_SUGGESTED, G_CALLBACK (trust_response_cb),
                   adding);
}

static void
check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Adding *adding = user_data;
  g_autoptr (GError) error = NULL;
  gboolean known = FALSE;
  g_autoptr (JdPackageManifest) manifest = jd_county_check_package_finish (result, &known, &error);
  if (manifest == NULL)
    {
      show_refusal (adding, error);
      add_next (adding);
    }
  else if (known && !adding->window_gone)
    add_current (adding, NULL);
  else if (!adding->window_gone)
    ask_trust (adding, manifest);
  else
    add_next (adding);
}

static void
add_next (Adding *adding)
{
  JdWindow *window = adding->window;
  if (adding->paths[adding->next] == NULL || adding->window_gone)
    {
      window->adding = FALSE;
      jd_window_update_actions (window);
      /* The sections read again, the one shown kept (unless another ledger
       * is opening meanwhile). */
      if (adding->added > 0 && !adding->window_gone && window->county == adding->county
          && window->cancellable == NULL)
        jd_window_show_county (window, adding->county);
      adding_free (adding);
      return;
    }
  adding->next++;
  jd_county_check_package_async (adding->county, current_path (adding), NULL, check_done_cb,
                                 adding);
}

/* The window closed (unrealized by gtk_window_destroy (); the batch holds it,
 * so this cannot wait for dispose) while its packages are being added: the
 * one under way ends on its own (it is never left half done), and the rest
 * are not begun. */
static void
window_destroyed_cb (Adding *adding)
{
  adding->window_gone = TRUE;
}

static void
add_paths (JdWindow *self, GStrv paths)
{
  if (self->county == NULL || self->adding || paths == NULL || paths[0] == NULL)
    {
      g_strfreev (paths);
      return;
    }
  /* One batch at a time: the actions come back when it ends. */
  self->adding = TRUE;
  jd_window_update_actions (self);
  Adding *adding = g_new0 (Adding, 1);
  adding->window = g_object_ref (self);
  adding->county = g_object_ref (self->county);
  adding->paths = paths;
  adding->unrealize_handler
      = g_signal_connect_swapped (self, "unrealize", G_CALLBACK (window_destroyed_cb), adding);
  add_next (adding);
}

/* win.add-county-files(as): the packages at the paths, one after another. */
static void
add_files_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  add_paths (JD_WINDOW (widget), g_variant_dup_strv (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, JdWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GStrvBuilder *builder = g_strv_builder_new ();
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);
          if (path)
            g_strv_builder_add (builder, path);
        }
      add_paths (self, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  g_object_unref (chooser);
}

/* win.add-county-package: the packages chosen (several at once). */
static void
add_package_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Add County Package"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Township packages"));
  gtk_file_filter_add_pattern (filter, "*.jdpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.section-nth(u), Alt+1 … : the Nth section of the ledger shown (a township's or a county's).
 */
static void
section_nth_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdWindow *self = JD_WINDOW (widget);
  guint n;
  const JdSection *sections = jd_sections_of (self->county != NULL, &n);
  guint nth = g_variant_get_uint32 (parameter);
  if (nth < n)
    jd_window_set_section (self, sections[nth].name);
}

void
jd_window_county_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-county-package", NULL,
                                   add_package_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-county-files", "as", add_files_action_cb);
  gtk_widget_class_install_action (widget_class, "win.section-nth", "u", section_nth_action_cb);
  /* The townships' table gives the keys (the county's has as many or fewer). */
  guint n;
  const JdSection *sections = jd_sections (&n);
  for (guint i = 0; i < n; i++)
    {
      guint key;
      GdkModifierType modifiers;
      if (gtk_accelerator_parse (sections[i].accelerator, &key, &modifiers))
        gtk_widget_class_add_binding_action (widget_class, key, modifiers, "win.section-nth", "u",
                                             i);
    }
}
