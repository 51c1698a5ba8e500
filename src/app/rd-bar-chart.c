/* rd-bar-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-bar-chart.h"

/* Space between a label and its bar, and between a bar and its value. */
#define LABEL_GAP 12
#define VALUE_GAP 6
/* Space between two rows of a horizontal chart. */
#define ROW_GAP 10
/* A vertical chart's height, and the widest of its columns' bars. */
#define COLUMN_CHART_HEIGHT 180
#define COLUMN_BAR_MAX_WIDTH 40
#define BAR_RADIUS 3

typedef struct
{
  char  *label;
  char  *long_label;
  guint  value;
} Bar;

struct _RdBarChart
{
  GtkWidget parent_instance;

  GtkOrientation orientation;
  GArray *bars;  /* element-type Bar */
  guint max_value;
  char *title;
  char *summary;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (RdBarChart, rd_bar_chart, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUMMARY,
  N_PROPS,
  /* GtkOrientable's */
  PROP_ORIENTATION = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_clear_pointer (&bar->label, g_free);
  g_clear_pointer (&bar->long_label, g_free);
}

/* g_set_str () is newer than GLib 2.74. */
static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

static gboolean
is_rtl (RdBarChart *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/* A layout in the widget's font whose paragraphs run in the widget's
 * direction, so that a Latin label in a right-to-left window still lines up
 * with the start edge. */
static PangoLayout *
make_layout (RdBarChart *self,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_auto_dir (layout, FALSE);
  return layout;
}

static void
layout_size (RdBarChart *self,
             const char *text,
             int        *width,
             int        *height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static int
line_height (RdBarChart *self)
{
  int height;

  layout_size (self, "Ag", NULL, &height);
  return height;
}

static char *
value_text (guint value)
{
  /* Translators: a count drawn at the end of a bar of a chart */
  return g_strdup_printf (C_("bar value", "%u"), value);
}

/* The widest label and the widest value. */
static void
text_widths (RdBarChart *self,
             int        *label_width,
             int        *value_width)
{
  *label_width = 0;
  *value_width = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = value_text (bar->value);
      int w;

      layout_size (self, bar->label, &w, NULL);
      *label_width = MAX (*label_width, w);
      layout_size (self, value, &w, NULL);
      *value_width = MAX (*value_width, w);
    }
}

/* The label column of a horizontal chart: as wide as the widest label, but
 * never more than two fifths of the chart. */
static int
label_column_width (RdBarChart *self,
                    int         width,
                    int         label_width)
{
  return MIN (label_width, width * 2 / 5);
}

static void
get_colors (RdBarChart *self,
            GdkRGBA    *fg,
            GdkRGBA    *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
}

/* @x counted from the start edge, turned into a widget coordinate. */
static float
from_start (RdBarChart *self,
            float       x,
            float       width)
{
  return is_rtl (self) ? gtk_widget_get_width (GTK_WIDGET (self)) - x - width : x;
}

static void
append_bar (GtkSnapshot  *snapshot,
            float         x,
            float         y,
            float         width,
            float         height,
            const GdkRGBA *color)
{
  GskRoundedRect outline;
  float radius = MIN (BAR_RADIUS, MIN (width, height) / 2);

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_rows (RdBarChart  *self,
               GtkSnapshot *snapshot,
               const GdkRGBA *fg,
               const GdkRGBA *accent)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int text_height = line_height (self);
  int row_height = text_height + ROW_GAP;
  int label_width, value_width, label_column, bar_start, bar_room;
  GdkRGBA dim = *fg;
  GdkRGBA rule = *fg;

  dim.alpha *= 0.75f;
  rule.alpha *= 0.2f;
  text_widths (self, &label_width, &value_width);
  label_column = label_column_width (self, width, label_width);
  bar_start = label_column + LABEL_GAP;
  bar_room = MAX (width - bar_start - VALUE_GAP - value_width, 1);

  /* The line the bars grow from. */
  gtk_snapshot_append_color (snapshot, &rule,
                             &GRAPHENE_RECT_INIT (from_start (self, bar_start - 1, 1), 0,
                                                  1, row_height * self->bars->len));

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = value_text (bar->value);
      g_autoptr(PangoLayout) label_layout = make_layout (self, bar->label);
      g_autoptr(PangoLayout) value_layout = make_layout (self, value);
      float top = i * row_height + ROW_GAP / 2.0f;
      float length = 0;
      int value_w;

      /* The label fills its column, cut short with an ellipsis; a
       * right-to-left paragraph aligns it to the right edge by itself. */
      pango_layout_set_width (label_layout, label_column * PANGO_SCALE);
      pango_layout_set_ellipsize (label_layout, PANGO_ELLIPSIZE_END);
      append_text (snapshot, label_layout, from_start (self, 0, label_column), top, fg);

      if (bar->value > 0 && self->max_value > 0)
        {
          length = MAX ((float) bar_room * bar->value / self->max_value, 2.0f);
          append_bar (snapshot, from_start (self, bar_start, length), top + 1,
                      length, text_height - 2, accent);
        }

      pango_layout_get_pixel_size (value_layout, &value_w, NULL);
      append_text (snapshot, value_layout,
                   from_start (self, bar_start + length + VALUE_GAP, value_w), top, &dim);
    }
}

static void
snapshot_columns (RdBarChart    *self,
                  GtkSnapshot   *snapshot,
                  const GdkRGBA *fg,
                  const GdkRGBA *accent)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int text_height = line_height (self);
  guint n = self->bars->len;
  float column = (float) width / n;
  float bar_width = MIN (column * 0.6f, COLUMN_BAR_MAX_WIDTH);
  float baseline = height - text_height - VALUE_GAP;
  float room = MAX (baseline - text_height - VALUE_GAP, 1);
  GdkRGBA dim = *fg;
  GdkRGBA rule = *fg;

  dim.alpha *= 0.75f;
  rule.alpha *= 0.2f;

  gtk_snapshot_append_color (snapshot, &rule, &GRAPHENE_RECT_INIT (0, baseline, width, 1));

  for (guint i = 0; i < n; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = value_text (bar->value);
      g_autoptr(PangoLayout) label_layout = make_layout (self, bar->label);
      g_autoptr(PangoLayout) value_layout = make_layout (self, value);
      float left = from_start (self, i * column, column);
      float length = 0;
      int w, h;

      if (bar->value > 0 && self->max_value > 0)
        {
          length = MAX (room * bar->value / self->max_value, 2.0f);
          append_bar (snapshot, left + (column - bar_width) / 2, baseline - length,
                      bar_width, length, accent);
        }

      pango_layout_get_pixel_size (value_layout, &w, &h);
      append_text (snapshot, value_layout, left + (column - w) / 2,
                   baseline - length - VALUE_GAP / 2.0f - h, &dim);

      pango_layout_set_width (label_layout, MAX ((int) column - 2, 1) * PANGO_SCALE);
      pango_layout_set_ellipsize (label_layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label_layout, &w, NULL);
      append_text (snapshot, label_layout, left + (column - w) / 2, baseline + VALUE_GAP, fg);
    }
}

/* The bar under (@x, @y), or -1. */
static int
bar_at (RdBarChart *self,
        int         x,
        int         y)
{
  int n = self->bars->len;
  int i;

  if (n == 0)
    return -1;

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    i = y / (line_height (self) + ROW_GAP);
  else
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));

      if (is_rtl (self))
        x = width - x;
      i = (int) (x / ((double) width / n));
    }

  return i >= 0 && i < n ? i : -1;
}

static void
update_accessible (RdBarChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary ? self->summary : "",
                                  -1);
}

static void
rd_bar_chart_finalize (GObject *object)
{
  RdBarChart *self = RD_BAR_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (rd_bar_chart_parent_class)->finalize (object);
}

static void
rd_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdBarChart *self = RD_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RdBarChart *self = RD_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rd_bar_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUMMARY:
      rd_bar_chart_set_summary (self, g_value_get_string (value));
      break;
    case PROP_ORIENTATION:
      if (self->orientation != (GtkOrientation) g_value_get_enum (value))
        {
          self->orientation = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RdBarChart *self = RD_BAR_CHART (widget);
  int label_width, value_width;
  guint n = self->bars->len;

  text_widths (self, &label_width, &value_width);

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = 120;
          *natural = MAX (*minimum, label_width + LABEL_GAP + 240 + VALUE_GAP + value_width);
        }
      else
        *minimum = *natural = n * (line_height (self) + ROW_GAP);
    }
  else
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Labels that do not fit are cut short, but every column keeps
           * room for its value. */
          *minimum = n * MAX (value_width + 4, 16);
          *natural = n * MAX (label_width + 8, 40);
        }
      else
        *minimum = *natural = n > 0 ? COLUMN_CHART_HEIGHT : 0;
    }
}

static void
rd_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RdBarChart *self = RD_BAR_CHART (widget);
  GdkRGBA fg, accent;

  if (self->bars->len == 0)
    return;

  get_colors (self, &fg, &accent);
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    snapshot_rows (self, snapshot, &fg, &accent);
  else
    snapshot_columns (self, snapshot, &fg, &accent);
}

static gboolean
rd_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_tooltip,
                            GtkTooltip *tooltip)
{
  RdBarChart *self = RD_BAR_CHART (widget);
  g_autofree char *text = NULL;
  const Bar *bar;
  int i;

  if (keyboard_tooltip)
    return FALSE;
  i = bar_at (self, x, y);
  if (i < 0)
    return FALSE;

  bar = &g_array_index (self->bars, Bar, i);
  /* Translators: a bar's tooltip: its label and its count, as in
   * "Car phone holder: 5" */
  text = g_strdup_printf (_("%s: %u"), bar->long_label ? bar->long_label : bar->label, bar->value);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
rd_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rd_bar_chart_parent_class)->css_changed (widget, change);

  /* The font may have changed the labels' sizes. */
  gtk_widget_queue_resize (widget);
}

static void
rd_bar_chart_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

static GtkSizeRequestMode
rd_bar_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rd_bar_chart_class_init (RdBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_bar_chart_finalize;
  object_class->get_property = rd_bar_chart_get_property;
  object_class->set_property = rd_bar_chart_set_property;

  widget_class->measure = rd_bar_chart_measure;
  widget_class->snapshot = rd_bar_chart_snapshot;
  widget_class->query_tooltip = rd_bar_chart_query_tooltip;
  widget_class->css_changed = rd_bar_chart_css_changed;
  widget_class->direction_changed = rd_bar_chart_direction_changed;
  widget_class->get_request_mode = rd_bar_chart_get_request_mode;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");

  gtk_widget_class_set_css_name (widget_class, "rd-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_bar_chart_init (RdBarChart *self)
{
  self->orientation = GTK_ORIENTATION_HORIZONTAL;
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
rd_bar_chart_new (GtkOrientation orientation)
{
  return g_object_new (RD_TYPE_BAR_CHART, "orientation", orientation, NULL);
}

const char *
rd_bar_chart_get_title (RdBarChart *self)
{
  g_return_val_if_fail (RD_IS_BAR_CHART (self), NULL);
  return self->title;
}

void
rd_bar_chart_set_title (RdBarChart *self,
                        const char *title)
{
  g_return_if_fail (RD_IS_BAR_CHART (self));

  if (set_str (&self->title, title))
    {
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
rd_bar_chart_get_summary (RdBarChart *self)
{
  g_return_val_if_fail (RD_IS_BAR_CHART (self), NULL);
  return self->summary;
}

void
rd_bar_chart_set_summary (RdBarChart *self,
                          const char *summary)
{
  g_return_if_fail (RD_IS_BAR_CHART (self));

  if (set_str (&self->summary, summary))
    {
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

void
rd_bar_chart_remove_all (RdBarChart *self)
{
  g_return_if_fail (RD_IS_BAR_CHART (self));

  if (self->bars->len == 0)
    return;
  g_array_set_size (self->bars, 0);
  self->max_value = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rd_bar_chart_append (RdBarChart *self,
                     const char *label,
                     const char *long_label,
                     guint       value)
{
  Bar bar = { 0 };

  g_return_if_fail (RD_IS_BAR_CHART (self));
  g_return_if_fail (label != NULL);

  bar.label = g_strdup (label);
  bar.long_label = g_strdup (long_label);
  bar.value = value;
  g_array_append_val (self->bars, bar);
  self->max_value = MAX (self->max_value, value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
rd_bar_chart_get_n_bars (RdBarChart *self)
{
  g_return_val_if_fail (RD_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

const char *
rd_bar_chart_get_bar_label (RdBarChart *self,
                            guint       bar)
{
  g_return_val_if_fail (RD_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (bar < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, bar).label;
}

const char *
rd_bar_chart_get_bar_long_label (RdBarChart *self,
                                 guint       bar)
{
  const Bar *b;

  g_return_val_if_fail (RD_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (bar < self->bars->len, NULL);
  b = &g_array_index (self->bars, Bar, bar);
  return b->long_label ? b->long_label : b->label;
}

guint
rd_bar_chart_get_bar_value (RdBarChart *self,
                            guint       bar)
{
  g_return_val_if_fail (RD_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (bar < self->bars->len, 0);
  return g_array_index (self->bars, Bar, bar).value;
}
