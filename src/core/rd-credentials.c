/* rd-credentials.c — the session token in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "rd-credentials.h"
#include "rd-error.h"

struct _RdCredentials
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (RdCredentials, rd_credentials, G_TYPE_OBJECT)

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    RD_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static void
rd_credentials_class_init (RdCredentialsClass *klass)
{
}

static void
rd_credentials_init (RdCredentials *self)
{
}

RdCredentials *
rd_credentials_new (void)
{
  return g_object_new (RD_TYPE_CREDENTIALS, NULL);
}

static GHashTable *
attributes_new (const char *platform_url,
                const char *login)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "platform", (gpointer) platform_url);
  if (login != NULL)
    g_hash_table_insert (attributes, (gpointer) "login", (gpointer) login);
  return attributes;
}

/* Whatever libsecret reports, the token has nowhere safe to go: the user is
 * told so, in their language.  The underlying reason goes to the debug log
 * only (it never contains the secret). */
static void
return_secret_error (GTask  *task,
                     GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_CANCELLED, "%s",
                               rd_error_code_label (RD_ERROR_CANCELLED));
      return;
    }
  g_debug ("Secret Service: %s", error->message);
  g_task_return_new_error (task, RD_ERROR, RD_ERROR_NO_SECRET_SERVICE, "%s",
                           rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE));
}

/* --- Store ------------------------------------------------------------------ */

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_secret_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_credentials_store_async (RdCredentials       *self,
                            const char          *platform_url,
                            const char          *login,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_CREDENTIALS (self));
  g_return_if_fail (platform_url != NULL && login != NULL && token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_credentials_store_async);
  g_task_set_check_cancellable (task, FALSE);

  attributes = attributes_new (platform_url, login);
  /* Translators: the name of the keyring entry; %s is the user's login and
   * %s the platform's address */
  label = g_strdup_printf (_("Redress session of %s at %s"), login, platform_url);
  secret_password_storev (token_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, token,
                          cancellable, on_stored, task);
}

gboolean
rd_credentials_store_finish (RdCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_credentials_store_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Lookup ----------------------------------------------------------------- */

typedef struct
{
  char *token;
  char *login;
} Found;

static void
found_free (Found *found)
{
  if (found->token != NULL)
    secret_password_wipe (found->token);
  g_free (found->token);
  g_free (found->login);
  g_free (found);
}

static void
on_secret_retrieved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretValue) value = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Found *found;
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (value == NULL && error != NULL)
    {
      return_secret_error (task, error);
      return;
    }
  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (source));
  found = g_new0 (Found, 1);
  found->token = g_strdup (text);
  found->login = g_strdup (g_hash_table_lookup (attributes, "login"));
  g_task_return_pointer (task, found, (GDestroyNotify) found_free);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GList *items;
  SecretRetrievable *newest = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error);
      return;
    }
  /* With several logins for one platform, the one used last. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;

      if (newest == NULL
          || secret_retrievable_get_modified (item) > secret_retrievable_get_modified (newest))
        newest = item;
    }
  if (newest == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      secret_retrievable_retrieve_secret (newest, cancellable, on_secret_retrieved,
                                          g_steal_pointer (&task));
    }
  g_list_free_full (items, g_object_unref);
}

void
rd_credentials_lookup_async (RdCredentials       *self,
                             const char          *platform_url,
                             const char          *login,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_CREDENTIALS (self));
  g_return_if_fail (platform_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_credentials_lookup_async);
  g_task_set_check_cancellable (task, FALSE);

  attributes = attributes_new (platform_url, login);
  secret_password_searchv (token_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           cancellable, on_searched, task);
}

char *
rd_credentials_lookup_finish (RdCredentials  *self,
                              GAsyncResult   *result,
                              char          **login_out,
                              GError        **error)
{
  Found *found;
  char *token = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_credentials_lookup_async), NULL);

  if (login_out != NULL)
    *login_out = NULL;
  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;
  token = g_steal_pointer (&found->token);
  if (login_out != NULL)
    *login_out = g_steal_pointer (&found->login);
  found_free (found);
  return token;
}

/* --- Clear ------------------------------------------------------------------ */

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* FALSE without an error: there was nothing to clear. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_secret_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_credentials_clear_async (RdCredentials       *self,
                            const char          *platform_url,
                            const char          *login,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_CREDENTIALS (self));
  g_return_if_fail (platform_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_credentials_clear_async);
  g_task_set_check_cancellable (task, FALSE);

  attributes = attributes_new (platform_url, login);
  secret_password_clearv (token_schema (), attributes, cancellable, on_cleared, task);
}

gboolean
rd_credentials_clear_finish (RdCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_credentials_clear_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
