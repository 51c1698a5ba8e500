/* rd-translation.c — the app's machine translator, as Preferences set it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "rd-error.h"
#include "rd-format.h"
#include "rd-translation.h"

static RdTranslator *default_translator;
static GSettings *settings;
/* Bumped at every change of service, so that a key looked up for an
 * earlier one is not handed to the new one. */
static guint generation;

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    RD_TRANSLATION_KEY_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static GHashTable *
key_attributes (const char *url)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "url", (gpointer) url);
  return attributes;
}

/* --- Keeping the translator in step with the settings ------------------------ */

static void
on_key_looked_up (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  guint looked_up_for = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_debug ("rd-translation: no API key from the keyring: %s", error->message);
  if (key != NULL && looked_up_for == generation && default_translator != NULL)
    rd_translator_set_api_key (default_translator, key);
  secret_password_free (key);
}

static void
reconfigure (void)
{
  g_autofree char *service_word = g_settings_get_string (settings, "translation-service");
  g_autofree char *url = g_settings_get_string (settings, "translation-url");
  RdTranslationService service = RD_TRANSLATION_SERVICE_NONE;
  g_autoptr(GError) error = NULL;

  generation++;
  rd_translation_service_from_string (service_word, &service);
  rd_translator_set_api_key (default_translator, NULL);

  /* A refused address leaves no service: Preferences said why already. */
  if (!rd_translator_set_service (default_translator, service, url, &error))
    {
      g_debug ("rd-translation: no service: %s", error->message);
      return;
    }

  if (service == RD_TRANSLATION_SERVICE_LIBRETRANSLATE)
    {
      g_autoptr(GHashTable) attributes =
        key_attributes (rd_translator_get_base_url (default_translator));

      secret_password_lookupv (key_schema (), attributes, NULL, on_key_looked_up,
                               GUINT_TO_POINTER (generation));
    }
}

static void
on_settings_changed (GSettings  *changed,
                     const char *key,
                     gpointer    user_data)
{
  if (g_str_equal (key, "translation-service") || g_str_equal (key, "translation-url"))
    reconfigure ();
}

RdTranslator *
rd_translation_get_default (void)
{
  if (default_translator == NULL)
    {
      default_translator = rd_translator_new ();
      settings = g_settings_new (APP_ID);
      g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), NULL);
      reconfigure ();
    }
  return default_translator;
}

void
rd_translation_set_store (RdStore *store)
{
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  rd_translator_set_store (rd_translation_get_default (), store);
}

const char *
rd_translation_get_reader_language (void)
{
  return rd_format_locale ();
}

gboolean
rd_translation_offer_for (const char *message_lang)
{
  return rd_translation_languages_differ (message_lang, rd_translation_get_reader_language ());
}

/* --- The API key ------------------------------------------------------------------ */

static void
return_secret_error (GTask  *task,
                     GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_CANCELLED, "%s",
                             rd_error_code_label (RD_ERROR_CANCELLED));
  else
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_NO_SECRET_SERVICE, "%s",
                             _("No keyring is available, so the API key cannot be kept."));
}

typedef struct
{
  char *url;
  char *key;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->url);
  if (data->key != NULL)
    explicit_bzero (data->key, strlen (data->key));
  g_free (data->key);
  g_free (data);
}

static void
on_key_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->key != NULL)
    ok = secret_password_store_finish (result, &error);
  else
    {
      secret_password_clear_finish (result, &error);
      ok = error == NULL;
    }
  if (!ok)
    {
      return_secret_error (task, error);
      return;
    }

  if (default_translator != NULL &&
      g_strcmp0 (rd_translator_get_base_url (default_translator), data->url) == 0)
    rd_translator_set_api_key (default_translator, data->key);
  g_task_return_boolean (task, TRUE);
}

/* The key is kept under the address as the translator writes it. */
static char *
normalise_url (const char *url)
{
  g_autoptr(RdTranslator) translator = rd_translator_new ();

  if (!rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_LIBRETRANSLATE, url, NULL))
    return NULL;
  return g_strdup (rd_translator_get_base_url (translator));
}

void
rd_translation_save_api_key_async (const char          *url,
                                   const char          *api_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;
  SaveData *data = g_new0 (SaveData, 1);

  g_task_set_source_tag (task, rd_translation_save_api_key_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  data->url = normalise_url (url);
  if (data->url == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED, "%s",
                               _("Enter a valid server address first."));
      return;
    }
  if (api_key != NULL && *api_key != '\0')
    data->key = g_strdup (api_key);

  attributes = key_attributes (data->url);
  if (data->key != NULL)
    {
      /* Translators: the name of the keyring entry; %s is the server's address */
      g_autofree char *label = g_strdup_printf (_("Redress translation key for %s"), data->url);

      secret_password_storev (key_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                              data->key, cancellable, on_key_saved, g_steal_pointer (&task));
    }
  else
    secret_password_clearv (key_schema (), attributes, cancellable, on_key_saved,
                            g_steal_pointer (&task));
}

gboolean
rd_translation_save_api_key_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_translation_save_api_key_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_key_checked (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    return_secret_error (task, error);
  else
    g_task_return_boolean (task, key != NULL);
  secret_password_free (key);
}

void
rd_translation_has_api_key_async (const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *normal = normalise_url (url);

  g_task_set_source_tag (task, rd_translation_has_api_key_async);
  if (normal == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  attributes = key_attributes (normal);
  secret_password_lookupv (key_schema (), attributes, cancellable, on_key_checked,
                           g_steal_pointer (&task));
}

gboolean
rd_translation_has_api_key_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_translation_has_api_key_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
