/* rd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-preferences-window.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* Template children */
  AdwEntryRow *platform_url_row;
  AdwActionRow *notifications_row;
  GtkSwitch *notifications_switch;
  AdwComboRow *sync_interval_row;
  AdwComboRow *language_row;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the rows' models in rd-preferences-window.ui. */
static const guint sync_intervals[] = { 60, 5 * 60, 15 * 60, 30 * 60, 60 * 60 };
static const char * const languages[] = { "", "en", "de" };

/* Checks a platform address the way the API client will: http(s) only, and
 * plain http only to this computer.  Returns the message to show, or NULL. */
static const char *
check_platform_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    goto invalid;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    goto invalid;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return NULL;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

      if (g_ascii_strcasecmp (host, "localhost") == 0 ||
          (address != NULL && g_inet_address_get_is_loopback (address)))
        return NULL;

      return rd_error_code_label (RD_ERROR_INSECURE_URL);
    }

invalid:
  return _("This is not a web address. It should look like https://disputes.example.com/v1/.");
}

static gboolean
sync_interval_get_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  guint seconds = g_variant_get_uint32 (variant);
  guint best = 0;

  /* A value set elsewhere shows as the nearest choice. */
  for (guint i = 1; i < G_N_ELEMENTS (sync_intervals); i++)
    if (ABS ((gint64) sync_intervals[i] - seconds) < ABS ((gint64) sync_intervals[best] - seconds))
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
sync_interval_set_mapping (const GValue       *value,
                           const GVariantType *expected_type,
                           gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (sync_intervals))
    return NULL;

  return g_variant_new_uint32 (sync_intervals[i]);
}

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (language, languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  /* A language without a row here shows as the system's. */
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (languages))
    return NULL;

  return g_variant_new_string (languages[i]);
}

static void
on_platform_url_row_apply_cb (RdPreferencesWindow *self,
                              AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *problem = check_platform_url (text);

  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (problem));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "platform-url", text);
}

static void
on_platform_url_row_changed_cb (RdPreferencesWindow *self,
                                AdwEntryRow         *row)
{
  /* The error mark belongs to the text that was refused, not to its edits. */
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_platform_url_changed_cb (RdPreferencesWindow *self,
                            const char          *key,
                            GSettings           *settings)
{
  g_autofree char *url = g_settings_get_string (settings, "platform-url");

  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->platform_url_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->platform_url_row), url);
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, notifications_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, sync_interval_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, language_row);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_url_row_changed_cb);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed::platform-url",
                           G_CALLBACK (on_platform_url_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_platform_url_changed_cb (self, "platform-url", self->settings);
  /* Showing the stored address is not an edit to apply. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->platform_url_row), "error");

  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "sync-interval",
                                self->sync_interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                sync_interval_get_mapping, sync_interval_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping,
                                NULL, NULL);
}

RdPreferencesWindow *
rd_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
