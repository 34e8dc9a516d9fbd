/* jd-todo-page.c: the work due section (今日待办), grouped by kind
 *
 * The desk staff's first screen: jd_work_due_list () with the intervals of
 * the preferences, one group per kind in JdWorkKind order (talks, urine
 * tests, home visits, measures ending, help groups, agreements, then the
 * villages' title reviews, letters and publicity shortfalls), each under
 * a header with its counts, its items most overdue first. GTK 4.8's list
 * views have no section headers, so the headers are entries of the same flat
 * model, drawn differently and neither selectable nor activatable.
 *
 * Activating an item opens the quick follow-up entry for talks, urine tests
 * and home visits (win.record-followup), and the person for the rest
 * (win.open-person); a village's own item opens nothing. The page reloads when the ledger
 * announces a change (JdSectionPage), so a recorded follow-up leaves the list at once.
 */
#include "config.h"

#include "jd-todo-page.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-export-task.h"
#include "jd-mask.h"

/* ---- JdTodoEntry -------------------------------------------------------------------- */

struct _JdTodoEntry
{
  GObject parent_instance;

  JdWorkKind kind;
  JdWorkCount count;
  JdWorkItem *item; /* NULL: a header */
  char *title;
  char *detail;
};

G_DEFINE_FINAL_TYPE (JdTodoEntry, jd_todo_entry, G_TYPE_OBJECT)

static void
jd_todo_entry_finalize (GObject *object)
{
  JdTodoEntry *self = JD_TODO_ENTRY (object);

  g_clear_pointer (&self->item, jd_work_item_free);
  g_free (self->title);
  g_free (self->detail);

  G_OBJECT_CLASS (jd_todo_entry_parent_class)->finalize (object);
}

static void
jd_todo_entry_class_init (JdTodoEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_todo_entry_finalize;
}

static void
jd_todo_entry_init (JdTodoEntry *self)
{
}

static JdTodoEntry *
jd_todo_entry_new_header (JdWorkKind kind, const JdWorkCount *count)
{
  JdTodoEntry *self = g_object_new (JD_TYPE_TODO_ENTRY, NULL);

  self->kind = kind;
  self->count = *count;
  self->title = g_strdup (jd_work_kind_label (kind));
  /* TRANSLATORS: a group's counts in the work due list, "overdue 3 · due soon 2". */
  self->detail = g_strdup_printf (_ ("overdue %u · due soon %u"), count->overdue, count->due_soon);
  return self;
}

static char *
format_due_state (int overdue_days)
{
  if (overdue_days > 0)
    return g_strdup_printf (ngettext ("overdue %d day", "overdue %d days", overdue_days),
                            overdue_days);
  if (overdue_days == 0)
    return g_strdup (_ ("due today"));
  return g_strdup_printf (ngettext ("due in %d day", "due in %d days", -overdue_days),
                          -overdue_days);
}

static JdTodoEntry *
jd_todo_entry_new_item (const JdWorkItem *item)
{
  JdTodoEntry *self = g_object_new (JD_TYPE_TODO_ENTRY, NULL);

  self->kind = item->kind;
  self->item = jd_work_item_copy (item);
  if (item->person_id != 0)
    self->title = g_strdup (item->name);
  else
    {
      /* A village's own item reads as a line: "上林社区 · 复核 due 2025-03-01". */
      g_autofree char *due_on = jd_day_to_string (item->due_on);
      /* TRANSLATORS: a village's item in the work due list: the village's name, the kind
       * of work (Title review, Letters, Too few activities) and the day it falls due. */
      self->title = g_strdup_printf (_ ("%s · %s due %s"), item->village_name,
                                     jd_work_kind_label (item->kind), due_on);
    }
  self->detail = format_due_state (item->overdue_days);
  return self;
}

gboolean
jd_todo_entry_is_header (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), FALSE);
  return self->item == NULL;
}

JdWorkKind
jd_todo_entry_get_kind (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), 0);
  return self->kind;
}

const JdWorkCount *
jd_todo_entry_get_count (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), NULL);
  return &self->count;
}

const JdWorkItem *
jd_todo_entry_get_item (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), NULL);
  return self->item;
}

const char *
jd_todo_entry_get_title (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), NULL);
  return self->title;
}

const char *
jd_todo_entry_get_detail (JdTodoEntry *self)
{
  g_return_val_if_fail (JD_IS_TODO_ENTRY (self), NULL);
  return self->detail;
}

/* ---- JdTodoPage ---------------------------------------------------------------------- */

struct _JdTodoPage
{
  JdSectionPage parent_instance;

  GtkStack *stack;
  GtkListView *view;
  AdwStatusPage *error_page;

  GListStore *entries;
  gboolean mask;
};

G_DEFINE_FINAL_TYPE (JdTodoPage, jd_todo_page, JD_TYPE_SECTION_PAGE)

/* The widgets of one line; headers show the first box, items the second. */
typedef struct
{
  GtkWidget *header;
  GtkWidget *kind;
  GtkWidget *counts;
  GtkWidget *row;
  GtkWidget *name;
  GtkWidget *id_number;
  GtkWidget *village;
  GtkWidget *due_on;
  GtkWidget *state;
} Line;

static GtkWidget *
add_label (GtkWidget *box, int chars, float xalign, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), chars);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
setup_line_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Line *line = g_new0 (Line, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  line->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (line->header, 18);
  gtk_widget_set_margin_bottom (line->header, 6);
  gtk_widget_set_margin_start (line->header, 12);
  gtk_widget_set_margin_end (line->header, 12);
  line->kind = add_label (line->header, 0, 0.0, "heading");
  line->counts = add_label (line->header, 0, 0.0, "dim-label");
  gtk_widget_set_hexpand (line->counts, TRUE);
  gtk_box_append (GTK_BOX (box), line->header);

  line->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_margin_top (line->row, 8);
  gtk_widget_set_margin_bottom (line->row, 8);
  gtk_widget_set_margin_start (line->row, 24);
  gtk_widget_set_margin_end (line->row, 12);
  line->name = add_label (line->row, 6, 0.0, NULL);
  line->id_number = add_label (line->row, 18, 0.0, "numeric");
  gtk_widget_add_css_class (line->id_number, "dim-label");
  line->village = add_label (line->row, 6, 0.0, NULL);
  gtk_widget_set_hexpand (line->village, TRUE);
  line->due_on = add_label (line->row, 10, 0.0, "numeric");
  line->state = add_label (line->row, 16, 1.0, NULL);
  gtk_box_append (GTK_BOX (box), line->row);

  g_object_set_data_full (G_OBJECT (box), "jd-line", line, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_line_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  JdTodoPage *self = user_data;
  Line *line = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "jd-line");
  JdTodoEntry *entry = gtk_list_item_get_item (list_item);
  const JdWorkItem *item = entry->item;

  gtk_widget_set_visible (line->header, item == NULL);
  gtk_widget_set_visible (line->row, item != NULL);
  /* A village's own item opens nothing: the window has no action for a village. */
  gtk_list_item_set_activatable (list_item, item != NULL && item->person_id != 0);
  gtk_list_item_set_selectable (list_item, item != NULL && item->person_id != 0);
  if (item == NULL)
    {
      gtk_label_set_text (GTK_LABEL (line->kind), entry->title);
      gtk_label_set_text (GTK_LABEL (line->counts), entry->detail);
      return;
    }

  if (item->person_id != 0)
    {
      gtk_label_set_text (GTK_LABEL (line->name), item->name);
      g_autofree char *id_number
          = self->mask ? jd_mask_id_number (item->id_number) : g_strdup (item->id_number);
      gtk_label_set_text (GTK_LABEL (line->id_number), id_number);
      gtk_label_set_text (GTK_LABEL (line->village), item->village_name);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (line->name), "");
      gtk_label_set_text (GTK_LABEL (line->id_number), "");
      gtk_label_set_text (GTK_LABEL (line->village), entry->title);
    }
  g_autofree char *due_on = jd_day_to_string (item->due_on);
  gtk_label_set_text (GTK_LABEL (line->due_on), due_on);
  gtk_label_set_text (GTK_LABEL (line->state), entry->detail);
  gtk_widget_remove_css_class (line->state, "error");
  gtk_widget_remove_css_class (line->state, "warning");
  gtk_widget_add_css_class (line->state, item->overdue_days > 0 ? "error" : "warning");
}

/* Reads the work due again, with the preferences as they are now. */
void
jd_todo_page_reload (JdTodoPage *self)
{
  g_return_if_fail (JD_IS_TODO_PAGE (self));

  g_autoptr (GError) error = NULL;
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  jd_work_due_options_load (&options, jd_section_page_get_settings (JD_SECTION_PAGE (self)));
  self->mask = g_settings_get_boolean (jd_section_page_get_settings (JD_SECTION_PAGE (self)),
                                       "mask-personal-data");

  g_autoptr (GPtrArray) items
      = jd_work_due_list (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), &options, &error);
  if (items == NULL)
    {
      g_list_store_remove_all (self->entries);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      jd_section_page_set_subtitle (JD_SECTION_PAGE (self), NULL);
      return;
    }

  JdWorkCount counts[JD_N_WORK_KINDS];
  jd_work_due_tally (items, counts);

  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint overdue = 0, due_soon = 0;
  for (int kind = 0; kind < JD_N_WORK_KINDS; kind++)
    {
      if (counts[kind].overdue + counts[kind].due_soon == 0)
        continue;
      overdue += counts[kind].overdue;
      due_soon += counts[kind].due_soon;
      g_ptr_array_add (entries, jd_todo_entry_new_header (kind, &counts[kind]));
      /* The list is most overdue first; each group keeps that order. */
      for (guint i = 0; i < items->len; i++)
        {
          const JdWorkItem *item = g_ptr_array_index (items, i);
          if ((int)item->kind == kind)
            g_ptr_array_add (entries, jd_todo_entry_new_item (item));
        }
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);

  gtk_stack_set_visible_child_name (self->stack, entries->len ? "list" : "empty");
  /* TRANSLATORS: the work due page's subtitle, "3 overdue · 2 due soon". */
  g_autofree char *subtitle = g_strdup_printf (_ ("%u overdue · %u due soon"), overdue, due_soon);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
}

static void
row_activated_cb (JdTodoPage *self, guint position)
{
  g_autoptr (JdTodoEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  if (entry == NULL || entry->item == NULL || entry->item->person_id == 0)
    return;
  switch (entry->item->kind)
    {
      case JD_WORK_TALK:
      case JD_WORK_URINE_TEST:
      case JD_WORK_HOME_VISIT:
        gtk_widget_activate_action (GTK_WIDGET (self), "win.record-followup", "(xs)",
                                    entry->item->person_id, jd_work_kind_key (entry->item->kind));
        break;
      default:
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-person", "x",
                                    entry->item->person_id);
        break;
    }
}

static void
settings_changed_cb (JdTodoPage *self, const char *key)
{
  static const char *const keys[]
      = { "mask-personal-data",    "talk-interval-months", "urine-interval-months",
          "visit-interval-months", "urine-schedule",       NULL };
  if (g_strv_contains (keys, key))
    jd_todo_page_reload (self);
}

GListModel *
jd_todo_page_get_model (JdTodoPage *self)
{
  g_return_val_if_fail (JD_IS_TODO_PAGE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

GtkListView *
jd_todo_page_get_view (JdTodoPage *self)
{
  g_return_val_if_fail (JD_IS_TODO_PAGE (self), NULL);
  return self->view;
}

static void
jd_todo_page_dispose (GObject *object)
{
  JdTodoPage *self = JD_TODO_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_TODO_PAGE);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (jd_todo_page_parent_class)->dispose (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_todo_page_reload (JD_TODO_PAGE (page));
}

/* ---- printing what the list shows ---------------------------------------------------- */

/* Chinese, as the office's forms are; the ID number masked as the list shows it. */
static const JdColumn print_columns[] = {
  { "序号", JD_COLUMN_SERIAL },       { "事项", JD_COLUMN_CENTER },
  { "姓名", JD_COLUMN_NAME },         { "公民身份号码", JD_COLUMN_ID_NUMBER },
  { "管理村(社区)", JD_COLUMN_TEXT }, { "应办日期", JD_COLUMN_DAY },
  { "状态", JD_COLUMN_CENTER },
};

static const JdListExport work_due_print = {
  "今日待办",
  print_columns,
  G_N_ELEMENTS (print_columns),
  jd_list_text_rows,
};

/* The items in the order on screen, grouped by kind as shown, taken now. */
static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdTodoPage *self = JD_TODO_PAGE (page);
  GPtrArray *rows = jd_list_text_rows_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries)), shown = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdTodoEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      const JdWorkItem *item = entry->item;
      if (item == NULL)
        continue;
      char **cells = g_new0 (char *, G_N_ELEMENTS (print_columns) + 1);
      cells[0] = g_strdup_printf ("%u", ++shown);
      cells[1] = g_strdup (jd_enum_zh (JD_ENUM_WORK_KIND, jd_work_kind_key (item->kind)));
      cells[2] = !item->name  ? g_strdup ("")
                 : self->mask ? jd_mask_name (item->name)
                              : g_strdup (item->name);
      cells[3] = item->id_number ? (self->mask ? jd_mask_id_number (item->id_number)
                                               : g_strdup (item->id_number))
                                 : g_strdup ("");
      cells[4] = g_strdup (item->village_name ? item->village_name : "");
      cells[5] = item->due_on ? jd_day_to_string (item->due_on) : g_strdup ("");
      cells[6]
          = item->overdue_days > 0
                ? g_strdup_printf ("逾期 %d 天", item->overdue_days)
                : (item->overdue_days == 0 ? g_strdup ("今日到期")
                                           : g_strdup_printf ("%d 天后到期", -item->overdue_days));
      g_ptr_array_add (rows, cells);
    }
  *mask = FALSE; /* masked above, as the list shows it */
  *data = rows;
  *data_free = (GDestroyNotify)g_ptr_array_unref;
  return &work_due_print;
}

static void
jd_todo_page_class_init (JdTodoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_todo_page_dispose;
  /* The subtitle: the totals, under the section's title. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-todo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdTodoPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdTodoPage, view);
  gtk_widget_class_bind_template_child (widget_class, JdTodoPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
jd_todo_page_init (JdTodoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (JD_TYPE_TODO_ENTRY);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line_cb), self);
  gtk_list_view_set_factory (self->view, factory);
  g_object_unref (factory);

  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_list_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

GtkWidget *
jd_todo_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdTodoPage *self = g_object_new (JD_TYPE_TODO_PAGE, "ledger", ledger, NULL);
  g_signal_connect_swapped (jd_section_page_get_settings (JD_SECTION_PAGE (self)), "changed",
                            G_CALLBACK (settings_changed_cb), self);
  jd_todo_page_reload (self);
  return GTK_WIDGET (self);
}
