/* rd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rd-error.h"
#include "rd-preferences-window.h"
#include "rd-translation.h"
#include "rd-translator.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GCancellable *cancellable;

  /* Template children */
  AdwEntryRow *platform_url_row;
  AdwActionRow *notifications_row;
  GtkSwitch *notifications_switch;
  AdwComboRow *sync_interval_row;
  AdwComboRow *language_row;
  AdwComboRow *translation_service_row;
  AdwEntryRow *translation_url_row;
  AdwPasswordEntryRow *translation_key_row;
  AdwActionRow *translation_test_row;
  GtkSpinner *translation_test_spinner;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the rows' models in rd-preferences-window.ui. */
static const guint sync_intervals[] = { 60, 5 * 60, 15 * 60, 30 * 60, 60 * 60 };
static const char * const languages[] = {
  "", "en", "de", "es", "fr", "it", "pt_BR", "pl", "tr", "zh_CN", "ja", "ar",
};

/* The most language pairs the test names before "…". */
#define MAX_PAIRS_SHOWN 8

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

static gboolean
translation_service_get_mapping (GValue   *value,
                                 GVariant *variant,
                                 gpointer  user_data)
{
  RdTranslationService service = RD_TRANSLATION_SERVICE_NONE;

  rd_translation_service_from_string (g_variant_get_string (variant, NULL), &service);
  g_value_set_uint (value, service);
  return TRUE;
}

static GVariant *
translation_service_set_mapping (const GValue       *value,
                                 const GVariantType *expected_type,
                                 gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= RD_TRANSLATION_SERVICE_N_VALUES)
    return NULL;

  return g_variant_new_string (rd_translation_service_to_string (i));
}

static void
add_toast (RdPreferencesWindow *self,
           const char          *text)
{
  /* A toast's title is markup; messages may quote what the user typed. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

/* --- Restarting in another language ------------------------------------------------ */

/* The process's arguments or environment as it was started: the kernel keeps
 * the original block, whatever setenv () did since. */
static GStrv
read_proc_strv (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  for (gsize i = 0; i < len; i += strlen (contents + i) + 1)
    g_strv_builder_add (builder, contents + i);
  return g_strv_builder_end (builder);
}

/* Starts this program again, with the same arguments and the environment it
 * was started with (so that the LANGUAGE of the old choice does not stay),
 * once this process has ended: a second instance started earlier would only
 * hand its arguments over to this one, which is quitting. */
static gboolean
restart_application (GError **error)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", error);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_auto(GStrv) args = read_proc_strv ("/proc/self/cmdline");
  g_auto(GStrv) env = read_proc_strv ("/proc/self/environ");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  if (exe == NULL)
    return FALSE;

  g_strv_builder_add_many (builder, "/bin/sh", "-c",
                           "pid=$1; shift; "
                           "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done; "
                           "exec \"$@\"",
                           "redress-restart", pid, exe, NULL);
  for (guint i = 1; args != NULL && args[i] != NULL; i++)
    g_strv_builder_add (builder, args[i]);
  argv = g_strv_builder_end (builder);

  return g_spawn_async (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, error);
}

static void
on_restart_dialog_response_cb (RdPreferencesWindow *self,
                               const char          *response,
                               AdwMessageDialog    *dialog)
{
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  if (!g_str_equal (response, "restart"))
    return;

  /* The new process must read the new language, not race its writing. */
  g_settings_sync ();

  if (!restart_application (&error))
    {
      g_warning ("Could not restart: %s", error->message);
      add_toast (self, _("Redress could not restart itself. Close it and start it again."));
      return;
    }

  /* Quitting like the menu does lets every window keep its state. */
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "quit"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else if (app != NULL)
    g_application_quit (app);
}

static void
on_language_row_selected_cb (RdPreferencesWindow *self,
                             GParamSpec          *pspec,
                             AdwComboRow         *row)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restart Redress?"),
                                                       _("The new language is used once Redress "
                                                         "starts again. Nothing you have done "
                                                         "is lost.")));
  adw_message_dialog_add_responses (dialog,
                                    /* Translators: restart the app in the new language later */
                                    "later", _("_Later"),
                                    "restart", _("_Restart Now"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restart", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restart");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restart_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Machine translation ------------------------------------------------------------ */

static void
translation_rows_update (RdPreferencesWindow *self)
{
  guint service = adw_combo_row_get_selected (self->translation_service_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->translation_url_row),
                            service != RD_TRANSLATION_SERVICE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->translation_key_row),
                          service == RD_TRANSLATION_SERVICE_LIBRETRANSLATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test-translation",
                                 service != RD_TRANSLATION_SERVICE_NONE &&
                                 !gtk_widget_get_visible (GTK_WIDGET (self->translation_test_spinner)));
}

static void
on_translation_key_checked (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(RdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean kept = rd_translation_has_api_key_finish (result, &error);

  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->translation_key_row),
                                 kept ? _("API Key (kept in the keyring)") : _("API Key"));
}

static void
translation_key_row_refresh (RdPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "translation-url");
  g_autofree char *service = g_settings_get_string (self->settings, "translation-service");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->translation_key_row), _("API Key"));
  if (g_str_equal (service, "libretranslate") && *url != '\0')
    rd_translation_has_api_key_async (url, self->cancellable, on_translation_key_checked,
                                      g_object_ref (self));
}

static void
on_translation_settings_changed_cb (RdPreferencesWindow *self,
                                    const char          *key,
                                    GSettings           *settings)
{
  g_autofree char *url = g_settings_get_string (settings, "translation-url");

  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->translation_url_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->translation_url_row), url);
  translation_rows_update (self);
  translation_key_row_refresh (self);
}

/* Keeps the typed address if it may be used; else says why.  Returns
 * whether the settings now hold what the row shows. */
static gboolean
translation_url_apply (RdPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->translation_url_row))));
  g_autoptr(RdTranslator) check = rd_translator_new ();
  g_autoptr(GError) error = NULL;

  if (!rd_translator_set_service (check, RD_TRANSLATION_SERVICE_APERTIUM, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->translation_url_row), "error");
      add_toast (self, error->message);
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->translation_url_row), "error");
  g_settings_set_string (self->settings, "translation-url", text);
  return TRUE;
}

static void
on_translation_url_row_apply_cb (RdPreferencesWindow *self,
                                 AdwEntryRow         *row)
{
  translation_url_apply (self);
}

static void
on_translation_url_row_changed_cb (RdPreferencesWindow *self,
                                   AdwEntryRow         *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_translation_key_saved (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(RdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_translation_save_api_key_finish (result, &error))
    {
      if (!g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }

  /* The key is in the keyring now; the row does not keep a copy. */
  gtk_editable_set_text (GTK_EDITABLE (self->translation_key_row), "");
  translation_key_row_refresh (self);
  add_toast (self, _("The API key is kept in your keyring."));
}

static void
on_translation_key_row_apply_cb (RdPreferencesWindow *self,
                                 AdwPasswordEntryRow *row)
{
  g_autofree char *url = g_settings_get_string (self->settings, "translation-url");

  rd_translation_save_api_key_async (url, gtk_editable_get_text (GTK_EDITABLE (row)),
                                     self->cancellable, on_translation_key_saved,
                                     g_object_ref (self));
}

static void
translation_test_set_running (RdPreferencesWindow *self,
                              gboolean             running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->translation_test_spinner), running);
  gtk_spinner_set_spinning (self->translation_test_spinner, running);
  translation_rows_update (self);
}

/* "English → Spanish, Spanish → English", each pair once by its names. */
static char *
describe_pairs (GPtrArray *pairs,
                guint     *n_described)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pairs->len; i++)
    {
      RdTranslationPair *pair = g_ptr_array_index (pairs, i);
      g_autofree char *described =
        /* Translators: a language pair, "English → Spanish"; flip the arrow
         * if your language reads from right to left */
        g_strdup_printf (C_("language pair", "%s → %s"),
                         rd_translation_language_name (pair->source),
                         rd_translation_language_name (pair->target));

      if (g_ptr_array_find_with_equal_func (seen, described, g_str_equal, NULL))
        continue;
      if (seen->len < MAX_PAIRS_SHOWN)
        {
          if (text->len > 0)
            /* Translators: between the items of a list */
            g_string_append (text, C_("list", ", "));
          g_string_append (text, described);
        }
      g_ptr_array_add (seen, g_steal_pointer (&described));
    }
  if (seen->len > MAX_PAIRS_SHOWN)
    g_string_append (text, "…");

  *n_described = seen->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_translation_pairs_listed (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(RdPreferencesWindow) self = user_data;
  RdTranslator *translator = RD_TRANSLATOR (source);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *subtitle = NULL;
  const char *name = rd_translator_get_service_name (translator);
  guint n = 0;

  pairs = rd_translator_list_pairs_finish (translator, result, &error);
  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    return;
  translation_test_set_running (self, FALSE);

  if (pairs == NULL)
    {
      adw_action_row_set_subtitle (self->translation_test_row, error->message);
      return;
    }

  described = describe_pairs (pairs, &n);
  if (n == 0)
    subtitle = g_strdup_printf (/* Translators: %s is the name of a translation service */
                                _("%s answers, but offers no languages."),
                                name != NULL ? name : "");
  else
    subtitle = g_strdup_printf (/* Translators: %1$s is the name of a translation service,
                                 * %2$u the number of language pairs, %3$s a list of them */
                                ngettext ("%1$s answers and translates %2$u language pair: %3$s",
                                          "%1$s answers and translates %2$u language pairs: %3$s",
                                          n),
                                name != NULL ? name : "", n, described);
  adw_action_row_set_subtitle (self->translation_test_row, subtitle);
}

static void
test_translation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (widget);
  RdTranslator *translator;
  g_autofree char *url = g_settings_get_string (self->settings, "translation-url");

  /* What the row shows is what gets tested. */
  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->translation_url_row))) != 0 &&
      !translation_url_apply (self))
    return;

  translator = rd_translation_get_default ();
  if (rd_translator_get_service (translator) == RD_TRANSLATION_SERVICE_NONE &&
      adw_combo_row_get_selected (self->translation_service_row) != RD_TRANSLATION_SERVICE_NONE)
    {
      adw_action_row_set_subtitle (self->translation_test_row,
                                   _("Enter the address of the translation server."));
      return;
    }

  adw_action_row_set_subtitle (self->translation_test_row,
                               _("Asking the server which languages it can translate…"));
  translation_test_set_running (self, TRUE);
  rd_translator_list_pairs_async (translator, self->cancellable, on_translation_pairs_listed,
                                  g_object_ref (self));
}

/* --- Platform ----------------------------------------------------------------------- */

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

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

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
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, translation_service_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, translation_url_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, translation_key_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, translation_test_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, translation_test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_translation_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_translation_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_translation_key_row_apply_cb);

  gtk_widget_class_install_action (widget_class, "preferences.test-translation", NULL,
                                   test_translation_action);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

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
  /* Connected after the binding showed the stored choice: only a change
   * asks to restart. */
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (on_language_row_selected_cb), self,
                           G_CONNECT_SWAPPED);

  g_settings_bind_with_mapping (self->settings, "translation-service",
                                self->translation_service_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                translation_service_get_mapping, translation_service_set_mapping,
                                NULL, NULL);
  g_signal_connect_object (self->settings, "changed::translation-service",
                           G_CALLBACK (on_translation_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::translation-url",
                           G_CALLBACK (on_translation_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_translation_settings_changed_cb (self, "translation-url", self->settings);
}

RdPreferencesWindow *
rd_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
