/* rd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-window.h"

struct _RdWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* Template children */
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkMenuButton *primary_menu_button;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  AdwStatusPage *sidebar_status_page;
  GtkWidget *content;
  AdwStatusPage *content_status_page;
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
rd_window_save_state (RdWindow *self)
{
  int width, height;

  /* The default size follows the user's resizing but not maximizing, so it
   * is the size to come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
rd_window_restore_state (RdWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  rd_window_save_state (RD_WINDOW (window));

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_window_dispose;
  window_class->close_request = rd_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_status_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_status_page);
}

static void
rd_window_init (RdWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  rd_window_restore_state (self);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "rd-shortcuts-window.ui");
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

RdWindow *
rd_window_new (RdApplication *application)
{
  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
