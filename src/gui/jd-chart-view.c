/* jd-chart-view.c: a dashboard chart on screen, with tooltips, export and copy
 *
 * The drawing is jd_chart_draw (), the same as the files'. Hovering a point
 * tells its values; the chart's values are also its accessible description.
 * chart.save(FORMAT) asks for a file, chart.copy puts an image on the clipboard.
 */
#include "config.h"

#include "jd-chart-view.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-alerts.h"
#include "jd-section-page.h"

/* The size of saved and copied charts: sharp on a projector and in a report. */
#define EXPORT_WIDTH 1600
#define EXPORT_HEIGHT 900

struct _JdChartView
{
  GtkWidget parent_instance;

  GtkWidget *menu_button; /* top right, over the chart */
  JdChart *chart;
};

G_DEFINE_FINAL_TYPE (JdChartView, jd_chart_view, GTK_TYPE_WIDGET)

static void
jd_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  JdChartView *self = JD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  jd_chart_draw (self->chart, cr, width, height);
  cairo_destroy (cr);
  gtk_widget_snapshot_child (widget, self->menu_button, snapshot);
}

static gboolean
query_tooltip_cb (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  JdChartView *self = JD_CHART_VIEW (widget);

  if (self->chart == NULL || keyboard)
    return FALSE;
  int point = jd_chart_point_at (self->chart, gtk_widget_get_width (widget),
                                 gtk_widget_get_height (widget), x, y);
  if (point < 0)
    return FALSE;
  g_autofree char *text = jd_chart_describe_point (self->chart, point);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
jd_chart_view_set_chart (JdChartView *self, JdChart *chart)
{
  g_return_if_fail (JD_IS_CHART_VIEW (self));

  g_clear_pointer (&self->chart, jd_chart_free);
  self->chart = chart;
  g_autofree char *description = chart ? jd_chart_describe (chart) : NULL;
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, chart ? jd_chart_get_title (chart) : "",
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "", -1);
  /* Beside four others, the menu says which chart it saves. */
  g_autofree char *menu_name = g_strdup_printf (_ ("Save or copy the chart “%s”"),
                                                chart ? jd_chart_get_title (chart) : "");
  jd_accessible_name (self->menu_button, menu_name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save", chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.copy", chart != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const JdChart *
jd_chart_view_get_chart (JdChartView *self)
{
  g_return_val_if_fail (JD_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

gboolean
jd_chart_view_save (JdChartView *self, const char *path, GError **error)
{
  g_return_val_if_fail (JD_IS_CHART_VIEW (self) && self->chart != NULL, FALSE);

  /* SVG and PDF are measured in points: half the pixels keeps the type the same.
   * The file chooser has asked before replacing a file: force, but never the
   * ledger, a device, a folder or a link (jd-output.h). */
  gboolean png = g_str_has_suffix (path, ".png");
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), JD_TYPE_SECTION_PAGE);
  JdLedger *ledger = page ? jd_section_page_get_ledger (JD_SECTION_PAGE (page)) : NULL;
  const char *ledger_path = ledger ? jd_ledger_get_path (ledger) : NULL;
  return jd_chart_write (self->chart, path, ledger_path, JD_OUTPUT_FORCE,
                         png ? EXPORT_WIDTH : EXPORT_WIDTH / 2,
                         png ? EXPORT_HEIGHT : EXPORT_HEIGHT / 2, error);
}

GdkTexture *
jd_chart_view_render_texture (JdChartView *self, int width, int height)
{
  g_return_val_if_fail (JD_IS_CHART_VIEW (self) && self->chart != NULL, NULL);

  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  jd_chart_draw (self->chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied, native-endian: GDK_MEMORY_DEFAULT. */
  g_autoptr (GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                          (gsize)cairo_image_surface_get_stride (surface) * height);
  GdkTexture *texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                                cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
save_response_cb (GtkNativeDialog *chooser, int response, JdChartView *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  const char *extension = g_object_get_data (G_OBJECT (chooser), "jd-extension");
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path)
    {
      if (!g_str_has_suffix (path, extension))
        {
          char *with = g_strconcat (path, extension, NULL);
          g_free (path);
          path = with;
        }
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      if (!jd_chart_view_save (self, path, &error))
        jd_show_error_dialog (GTK_WINDOW (root), _ ("The Chart Was Not Saved"), error->message);
      else
        {
          g_autofree char *name = g_path_get_basename (path);
          jd_show_toast (GTK_WIDGET (self), adw_toast_new_format (_ ("Saved “%s”"), name));
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* chart.save(FORMAT): "png", "svg" or "pdf". */
static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdChartView *self = JD_CHART_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chart == NULL)
    return;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Save Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  g_autofree char *extension = g_strconcat (".", format, NULL);
  g_autofree char *name = g_strconcat (jd_chart_get_title (self->chart), extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "jd-extension", g_steal_pointer (&extension), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdChartView *self = JD_CHART_VIEW (widget);

  if (self->chart == NULL)
    return;
  g_autoptr (GdkTexture) texture = jd_chart_view_render_texture (self, EXPORT_WIDTH, EXPORT_HEIGHT);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  jd_show_toast (widget, adw_toast_new (_ ("Chart copied")));
}

static void
jd_chart_view_dispose (GObject *object)
{
  JdChartView *self = JD_CHART_VIEW (object);

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  G_OBJECT_CLASS (jd_chart_view_parent_class)->dispose (object);
}

static void
jd_chart_view_finalize (GObject *object)
{
  JdChartView *self = JD_CHART_VIEW (object);

  g_clear_pointer (&self->chart, jd_chart_free);
  G_OBJECT_CLASS (jd_chart_view_parent_class)->finalize (object);
}

static void
jd_chart_view_class_init (JdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_chart_view_dispose;
  object_class->finalize = jd_chart_view_finalize;
  widget_class->snapshot = jd_chart_view_snapshot;
  widget_class->query_tooltip = query_tooltip_cb;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "chart.save", "s", save_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action_cb);
}

static void
jd_chart_view_init (JdChartView *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_menu_append (menu, _ ("Save as _PNG…"), "chart.save::png");
  g_menu_append (menu, _ ("Save as _SVG…"), "chart.save::svg");
  g_menu_append (menu, _ ("Save as P_DF…"), "chart.save::pdf");
  g_menu_append (menu, _ ("_Copy"), "chart.copy");
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->menu_button, _ ("Save or Copy the Chart"));
  gtk_widget_set_halign (self->menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->menu_button, 6);
  gtk_widget_set_margin_end (self->menu_button, 6);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 200);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.copy", FALSE);
}

GtkWidget *
jd_chart_view_new (void)
{
  return g_object_new (JD_TYPE_CHART_VIEW, NULL);
}
