/* jd-export-dialog.c: the inspection workbook, exported from the window (docs/contract.md §7)
 *
 * The year (this year by default), an optional as-of day, the sheets (all by
 * default), masking (on by default: a workbook leaves the office) and a
 * password to encrypt it with, typed twice (off by default). The
 * export itself runs through jd-export-task: a worker thread, progress, Cancel
 * and no half-written file. On a county ledger (docs/contract.md §9) it writes
 * the county's workbook, of the whole county or of the township chosen, always
 * masked.
 */
#include "config.h"

#include "jd-export-dialog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-audit-query.h"
#include "jd-county-workbook.h"
#include "jd-date.h"
#include "jd-export-task.h"
#include "jd-office-crypt.h"
#include "jd-registers.h"

struct _JdExportDialog
{
  AdwWindow parent_instance;

  GtkSpinButton *year_button;
  AdwComboRow *township_row;
  AdwEntryRow *as_of_row;
  AdwActionRow *mask_row;
  GtkSwitch *mask_switch;
  GtkSwitch *encrypt_switch;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel *password_reason;
  AdwPreferencesGroup *sheets_group;
  GtkCheckButton *sheet_checks[JD_N_REGISTERS];

  JdLedger *ledger;         /* a township's ledger, or NULL */
  JdCounty *county;         /* a county's, or NULL */
  GtkStringList *townships; /* the township row's: "all", then the county's townships */
};

G_DEFINE_FINAL_TYPE (JdExportDialog, jd_export_dialog, ADW_TYPE_WINDOW)

/* What the worker thread needs, copied from the dialog. */
typedef struct
{
  JdExportOptions options;
  JdRegister registers[JD_N_REGISTERS];
  char *password;
  char *township; /* a county's workbook of one township; NULL: the whole county */
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;
  if (export->password)
    explicit_bzero (export->password, strlen (export->password));
  g_free (export->password);
  g_free (export->township);
  g_free (export);
}

/* The export's options aimed at the file being written. */
static Export *
export_to (Export *export, const JdFileJob *file)
{
  export->options.path = file->path;
  /* The file chooser has asked before replacing a file. */
  export->options.force = TRUE;
  return export;
}

static gboolean
write_workbook (JdLedger *reader, const JdFileJob *file, gpointer data, GError **error)
{
  Export *export = export_to (data, file);
  return jd_workbook_export (reader, &export->options, file->progress, file->progress_data,
                             file->cancellable, error)
         && jd_audit_log_workbook (reader, file->path, export->options.year,
                                   export->options.registers, export->options.n_registers,
                                   export->options.mask, error);
}

/* A county's workbook (docs/contract.md §9): jd_county_workbook_export ()
 * records it in the county ledger's output_event. */
static gboolean
write_county_workbook (JdCounty *county, const JdFileJob *file, gpointer data, GError **error)
{
  Export *export = export_to (data, file);
  return jd_county_workbook_export (county, export->township, &export->options, file->progress,
                                    file->progress_data, file->cancellable, error);
}

/* The as-of day: 0 when empty; FALSE when the text is not a day of the year. */
static gboolean
get_as_of (JdExportDialog *self, int year, JdDay *as_of)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->as_of_row));

  *as_of = 0;
  if (*text == '\0')
    return TRUE;
  *as_of = jd_day_parse (text);
  return *as_of != 0 && jd_day_year (*as_of) == year;
}

static void
as_of_changed_cb (JdExportDialog *self)
{
  JdDay as_of;
  gboolean valid = get_as_of (self, gtk_spin_button_get_value_as_int (self->year_button), &as_of);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->as_of_row), "error");
}

/* Why the password cannot encrypt the workbook, or NULL when it can (or when
 * the workbook is not to be encrypted). */
static const char *
get_password_problem (JdExportDialog *self)
{
  if (!gtk_switch_get_active (self->encrypt_switch))
    return NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  if (*password == '\0')
    return _ ("Type a password, then type it again to confirm it.");
  if (g_utf8_strlen (password, -1) > JD_OFFICE_CRYPT_MAX_PASSWORD)
    return _ ("The password is longer than 255 characters, the most Office accepts.");
  if (*again == '\0')
    return _ ("Type the password again to confirm it.");
  if (strcmp (password, again) != 0)
    return _ ("The two passwords differ.");
  return NULL;
}

/* The export the dialog describes, or NULL when it cannot make a workbook. */
static Export *
make_export (JdExportDialog *self)
{
  Export *export = g_new0 (Export, 1);

  export->options.year = gtk_spin_button_get_value_as_int (self->year_button);
  /* A county sees its townships' persons masked only: so are its workbooks. */
  export->options.mask = self->county != NULL || gtk_switch_get_active (self->mask_switch);
  guint township = adw_combo_row_get_selected (self->township_row);
  if (self->county && township != GTK_INVALID_LIST_POSITION && township > 0)
    export->township = g_strdup (gtk_string_list_get_string (self->townships, township));
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    if (gtk_check_button_get_active (self->sheet_checks[i]))
      export->registers[export->options.n_registers++] = i;
  export->options.registers = export->registers;

  if (export->options.n_registers == 0
      || !get_as_of (self, export->options.year, &export->options.as_of)
      || get_password_problem (self) != NULL)
    {
      as_of_changed_cb (self);
      export_free (export);
      return NULL;
    }
  if (gtk_switch_get_active (self->encrypt_switch))
    {
      export->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
      export->options.password = export->password;
    }
  return export;
}

gboolean
jd_export_dialog_export_to (JdExportDialog *self, const char *path)
{
  g_return_val_if_fail (JD_IS_EXPORT_DIALOG (self), FALSE);

  Export *export = make_export (self);
  if (export == NULL)
    return FALSE;

  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *widget = parent ? GTK_WIDGET (parent) : GTK_WIDGET (self);
  if (self->county && path)
    jd_export_task_start_county (widget, self->county, path, write_county_workbook, export,
                                 export_free);
  else if (self->county)
    {
      const char *place = export->township ? export->township : jd_county_get_name (self->county);
      g_autofree char *name
          = g_strdup_printf ("%s%d年禁毒工作台账.xlsx", place, export->options.year);
      jd_export_task_run_county (widget, self->county, name, write_county_workbook, export,
                                 export_free);
    }
  else if (path)
    jd_export_task_start (widget, self->ledger, path, write_workbook, export, export_free);
  else
    {
      g_autofree char *township = jd_ledger_dup_township (self->ledger);
      g_autofree char *name
          = g_strdup_printf ("%s%d年禁毒工作台账.xlsx", township, export->options.year);
      jd_export_task_run (widget, self->ledger, name, write_workbook, export, export_free);
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
choose_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_export_dialog_export_to (JD_EXPORT_DIALOG (widget), NULL);
}

static void
select_all_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdExportDialog *self = JD_EXPORT_DIALOG (widget);

  for (guint i = 0; i < JD_N_REGISTERS; i++)
    gtk_check_button_set_active (self->sheet_checks[i], g_variant_get_boolean (parameter));
}

/* "Export…" needs at least one sheet, a good as-of day, and when it encrypts,
 * the same password twice; the dialog says what is wrong with the password. */
static void
update_sensitivity (JdExportDialog *self)
{
  gboolean any = FALSE;
  JdDay as_of;

  for (guint i = 0; i < JD_N_REGISTERS; i++)
    any = any || gtk_check_button_get_active (self->sheet_checks[i]);

  const char *problem = get_password_problem (self);
  gtk_label_set_text (self->password_reason, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->password_reason), problem != NULL);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  if (*again != '\0' && strcmp (password, again) != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");

  gtk_widget_action_set_enabled (
      GTK_WIDGET (self), "export.choose",
      any && get_as_of (self, gtk_spin_button_get_value_as_int (self->year_button), &as_of)
          && problem == NULL);
}

void
jd_export_dialog_set_year (JdExportDialog *self, int year)
{
  g_return_if_fail (JD_IS_EXPORT_DIALOG (self));
  gtk_spin_button_set_value (self->year_button, year);
}

void
jd_export_dialog_set_sheet (JdExportDialog *self, JdRegister register_, gboolean included)
{
  g_return_if_fail (JD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (register_ < JD_N_REGISTERS);
  gtk_check_button_set_active (self->sheet_checks[register_], included);
}

gboolean
jd_export_dialog_set_township (JdExportDialog *self, const char *township)
{
  g_return_val_if_fail (JD_IS_EXPORT_DIALOG (self), FALSE);

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->townships));
  for (guint i = township ? 1 : 0; i < n; i++)
    if (township == NULL || g_str_equal (gtk_string_list_get_string (self->townships, i), township))
      {
        adw_combo_row_set_selected (self->township_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
add_sheet_rows (JdExportDialog *self)
{
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    {
      const JdRegisterInfo *info = jd_register_info (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* The sheet's own name: the workbook is in Chinese whatever the interface. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->sheet);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info->key);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sensitivity), self);
      adw_preferences_group_add (self->sheets_group, row);
      self->sheet_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

static void
jd_export_dialog_dispose (GObject *object)
{
  JdExportDialog *self = JD_EXPORT_DIALOG (object);

  g_clear_object (&self->ledger);
  g_clear_object (&self->county);
  g_clear_object (&self->townships);
  G_OBJECT_CLASS (jd_export_dialog_parent_class)->dispose (object);
}

static void
jd_export_dialog_class_init (JdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, year_button);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, township_row);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, mask_row);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, mask_switch);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, password_reason);
  gtk_widget_class_bind_template_child (widget_class, JdExportDialog, sheets_group);
  gtk_widget_class_bind_template_callback (widget_class, as_of_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action_cb);
  gtk_widget_class_install_action (widget_class, "export.select-all", "b", select_all_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_export_dialog_init (JdExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_sheet_rows (self);
  self->townships = gtk_string_list_new (NULL);
  gtk_string_list_append (self->townships, _ ("All Townships"));
  adw_combo_row_set_model (self->township_row, G_LIST_MODEL (self->townships));
  gtk_spin_button_set_value (self->year_button, jd_day_year (jd_today ()));
  g_signal_connect_swapped (self->as_of_row, "changed", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->year_button, "value-changed", G_CALLBACK (as_of_changed_cb),
                            self);
  g_signal_connect_swapped (self->year_button, "value-changed", G_CALLBACK (update_sensitivity),
                            self);
  g_signal_connect_swapped (self->encrypt_switch, "notify::active", G_CALLBACK (update_sensitivity),
                            self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->confirm_row, "changed", G_CALLBACK (update_sensitivity), self);
}

JdExportDialog *
jd_export_dialog_new (GtkWindow *parent, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdExportDialog *self = g_object_new (JD_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  return self;
}

JdExportDialog *
jd_export_dialog_new_county (GtkWindow *parent, JdCounty *county)
{
  g_return_val_if_fail (JD_IS_COUNTY (county), NULL);

  JdExportDialog *self = g_object_new (JD_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->county = g_object_ref (county);

  /* The county's townships, by name; when they cannot be read, the whole
   * county is still offered (the export says what is wrong). */
  g_autoptr (GPtrArray) townships = jd_county_list (county, NULL);
  for (guint i = 0; townships && i < townships->len; i++)
    gtk_string_list_append (self->townships, ((JdCountyTownship *)townships->pdata[i])->name);
  gtk_widget_set_visible (GTK_WIDGET (self->township_row), TRUE);

  /* The county window shows its townships' persons masked only
   * (docs/contract.md §9), so its workbook never shows more. */
  gtk_switch_set_active (self->mask_switch, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mask_switch), FALSE);
  adw_action_row_set_subtitle (self->mask_row,
                               _ ("Always on for a county: it sees its townships’ persons masked"));
  return self;
}
