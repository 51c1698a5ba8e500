/* rd-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rd-api.h"
#include "rd-codec.h"
#include "rd-credentials.h"
#include "rd-error.h"
#include "rd-evidence-cache.h"
#include "rd-file-util.h"
#include "rd-platform-process.h"
#include "rd-policy.h"
#include "rd-session.h"
#include "rd-sync.h"

struct _RdSession
{
  GObject          parent_instance;

  RdApi           *api;
  RdStore         *store;
  RdSync          *sync;
  RdEvidenceCache *cache;
  RdUser          *user;
  char            *url;
  char            *login;
  GError          *keyring_error;
  gboolean         demo;

  guint            pages;
  guint            objects;
};

G_DEFINE_FINAL_TYPE (RdSession, rd_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_PENDING_COUNT,
  PROP_USER,
  N_PROPS
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The embedded demo platform and the folder of the demo accounts' stores:
 * one per process, shared by every demo session. */
static RdPlatformProcess *demo_process;
static char *demo_store_dir;

static const char * const demo_logins[] = { "ana", "li", "kai", "sol", "mia", NULL };

/* --- GObject ---------------------------------------------------------------- */

static void
rd_session_dispose (GObject *object)
{
  RdSession *self = (RdSession *) object;

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      rd_sync_stop (self->sync);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->cache);
  g_clear_object (&self->api);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (rd_session_parent_class)->dispose (object);
}

static void
rd_session_finalize (GObject *object)
{
  RdSession *self = (RdSession *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_error (&self->keyring_error);

  G_OBJECT_CLASS (rd_session_parent_class)->finalize (object);
}

static void
rd_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdSession *self = RD_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, rd_session_get_state (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, rd_session_get_last_error (self));
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, rd_session_get_pending_count (self));
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_session_class_init (RdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_session_dispose;
  object_class->finalize = rd_session_finalize;
  object_class->get_property = rd_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, RD_SESSION_STATE_OFFLINE, RD_SESSION_STATE_NEEDS_LOGIN,
                      RD_SESSION_STATE_OFFLINE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, RD_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rd_session_init (RdSession *self)
{
}

/* --- Wiring ----------------------------------------------------------------- */

static void
on_sync_notify (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  RdSession *self = user_data;
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "state"))
    {
      if (rd_sync_get_state (self->sync) != RD_SYNC_STATE_SYNCING)
        self->pages = self->objects = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  else if (g_str_equal (name, "last-error"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  else if (g_str_equal (name, "pending-count"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
}

static void
on_sync_progress (RdSync   *sync,
                  guint     pages,
                  guint     objects,
                  gpointer  user_data)
{
  RdSession *self = user_data;

  self->pages = pages;
  self->objects = objects;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, pages, objects);
}

/* The folder of an account's files waiting to be sent: one per store, under
 * @base.  An engine that starts deletes the copies in its folder that its own
 * outbox does not name, so a folder shared by two accounts would lose one
 * account's waiting photos the moment the other account opens. */
static char *
account_evidence_dir (const char *base,
                      RdStore    *store)
{
  const char *path = rd_store_get_path (store);
  g_autofree char *name = NULL;

  if (path == NULL || !g_path_is_absolute (path))
    return g_strdup (base);
  name = g_path_get_basename (path);
  if (g_str_has_suffix (name, ".db"))
    name[strlen (name) - 3] = '\0';
  return g_build_filename (base, name, NULL);
}

/* Builds the session around an API client (already holding a token, or none)
 * and an open store; starts syncing when @start. */
static RdSession *
session_new (RdApi      *api,
             RdStore    *store,
             RdUser     *user,
             const char *url,
             const char *login,
             gboolean    demo,
             gboolean    start)
{
  RdSession *self = g_object_new (RD_TYPE_SESSION, NULL);
  g_autofree char *cache_dir = NULL;

  self->api = api ? g_object_ref (api) : NULL;
  self->store = g_object_ref (store);
  self->user = user ? g_object_ref (user) : NULL;
  self->url = g_strdup (url);
  self->login = g_strdup (login);
  self->demo = demo;

  if (self->user != NULL)
    rd_store_set_user (store, self->user, NULL);

  if (self->api == NULL)
    {
      /* Offline only: a client that points nowhere, so the outbox fills
       * and nothing is sent. */
      self->api = rd_api_new ("http://127.0.0.1:9/", NULL);
    }

  self->sync = rd_sync_new (self->api, store);
  if (demo && demo_store_dir != NULL)
    {
      g_autofree char *base = g_build_filename (demo_store_dir, "evidence", NULL);
      g_autofree char *evidence = account_evidence_dir (base, store);

      cache_dir = g_build_filename (demo_store_dir, "cache", NULL);
      rd_sync_set_evidence_dir (self->sync, evidence);
    }
  else
    {
      cache_dir = rd_evidence_cache_default_dir ();
      if (url != NULL)
        {
          g_autofree char *base = rd_sync_default_evidence_dir ();
          g_autofree char *evidence = account_evidence_dir (base, store);

          rd_sync_set_evidence_dir (self->sync, evidence);
        }
    }
  self->cache = rd_evidence_cache_new (self->api, cache_dir);
  rd_sync_set_evidence_cache (self->sync, self->cache);

  g_signal_connect (self->sync, "notify", G_CALLBACK (on_sync_notify), self);
  g_signal_connect (self->sync, "progress", G_CALLBACK (on_sync_progress), self);

  if (start)
    rd_sync_start (self->sync);
  return self;
}

/* Each account keeps its own store, named by a hash of where and who. */
static char *
account_store_path (const char *dir,
                    const char *url,
                    const char *login)
{
  g_autofree char *key = g_strconcat (url, "\n", login, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strdup_printf ("account-%.16s.db", hash);

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  else
    {
      g_autofree char *def = rd_store_default_path ();
      g_autofree char *parent = g_path_get_dirname (def);

      return g_build_filename (parent, name, NULL);
    }
}

/* --- Log in ------------------------------------------------------------------ */

typedef struct
{
  RdApi         *api;
  char          *url;
  char          *login;
  RdSessionInfo *info;
  RdUser        *user;
  gboolean       demo;
  char          *store_dir;
  RdSession     *session;   /* opened, while its token is being kept */
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->api);
  g_free (data->url);
  g_free (data->login);
  g_clear_pointer (&data->info, rd_session_info_free);
  g_clear_object (&data->user);
  g_free (data->store_dir);
  g_clear_object (&data->session);
  g_free (data);
}

static RdSession *
login_data_open_session (LoginData  *data,
                         GError    **error)
{
  g_autofree char *path = account_store_path (data->store_dir, rd_api_get_base_url (data->api), data->login);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdUser) previous = NULL;

  store = rd_store_open (path, error);
  if (store == NULL)
    return NULL;

  /* A store that belonged to someone else at this address starts afresh;
   * its unsent actions are not this user's to send. */
  previous = rd_store_get_user (store);
  if (previous != NULL && g_strcmp0 (previous->id, data->user->id) != 0)
    {
      if (!rd_store_reset_cache (store, error))
        return NULL;
    }

  return session_new (data->api, store, data->user, data->url, data->login, data->demo, TRUE);
}

static void
on_token_stored (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rd_credentials_store_finish (RD_CREDENTIALS (source), result, &error))
    {
      /* Not fatal: the user logs in again next time, and is told why. */
      g_debug ("Token not kept: %s", error->message);
      data->session->keyring_error = g_steal_pointer (&error);
    }
  g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
}

static void
on_logged_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSession) session = NULL;
  g_autoptr(RdCredentials) credentials = NULL;

  data->info = rd_api_login_finish (RD_API (source), result, &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->user = g_object_ref (data->info->user);

  session = login_data_open_session (data, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->demo)
    {
      g_task_return_pointer (task, g_steal_pointer (&session), g_object_unref);
      return;
    }

  /* The token goes to the Secret Service only, never to the store. */
  credentials = rd_credentials_new ();
  data->session = g_steal_pointer (&session);
  rd_credentials_store_async (credentials, rd_api_get_base_url (data->api), data->login,
                              data->info->token, g_task_get_cancellable (task),
                              on_token_stored, g_object_ref (task));
}

static void
login_start (LoginData           *data,
             const char          *password,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, rd_session_login_async);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  data->api = rd_api_new (data->url, &error);
  if (data->api == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd_api_login_async (data->api, data->login, password, cancellable,
                      on_logged_in, g_steal_pointer (&task));
}

void
rd_session_login_async (const char          *url,
                        const char          *login,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LoginData *data = g_new0 (LoginData, 1);

  g_return_if_fail (url != NULL);
  g_return_if_fail (login != NULL);
  g_return_if_fail (password != NULL);

  data->url = g_strdup (url);
  data->login = g_strdup (login);
  login_start (data, password, cancellable, callback, user_data);
}

RdSession *
rd_session_login_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Restore ----------------------------------------------------------------- */

static void
on_restore_me (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RdSession *session;

  data->user = rd_api_me_finish (RD_API (source), result, &error);
  if (data->user == NULL)
    {
      g_autoptr(RdStore) store = NULL;
      g_autofree char *path = NULL;

      if (!g_error_matches (error, RD_ERROR, RD_ERROR_NETWORK) &&
          !g_error_matches (error, RD_ERROR, RD_ERROR_SERVER))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Offline at start: open the cached cases as the user we last were,
       * and let sync catch up when the network returns. */
      path = account_store_path (NULL, rd_api_get_base_url (data->api), data->login);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      store = rd_store_open (path, NULL);
      data->user = store ? rd_store_get_user (store) : NULL;
      if (data->user == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  session = login_data_open_session (data, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
on_restore_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *login = NULL;
  GCancellable *cancellable;

  token = rd_credentials_lookup_finish (RD_CREDENTIALS (source), result, &login, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_UNAUTHORIZED,
                               "%s", _("Please log in."));
      return;
    }
  if (data->login == NULL)
    data->login = g_steal_pointer (&login);

  rd_api_set_token (data->api, token);
  /* The cancellable is read before the task is handed on: the order in
   * which a call's arguments are evaluated is not defined. */
  cancellable = g_task_get_cancellable (task);
  rd_api_me_async (data->api, cancellable, on_restore_me, g_steal_pointer (&task));
}

void
rd_session_restore_async (const char          *url,
                          const char          *login,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(RdCredentials) credentials = rd_credentials_new ();
  g_autoptr(GError) error = NULL;
  LoginData *data = g_new0 (LoginData, 1);

  g_task_set_source_tag (task, rd_session_restore_async);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  data->url = g_strdup (url);
  data->login = (login && *login) ? g_strdup (login) : NULL;

  data->api = rd_api_new (url, &error);
  if (data->api == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd_credentials_lookup_async (credentials, rd_api_get_base_url (data->api), data->login,
                               cancellable, on_restore_token, g_steal_pointer (&task));
}

RdSession *
rd_session_restore_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- The demo ---------------------------------------------------------------- */

typedef struct
{
  char *login;
} DemoData;

static void
demo_data_free (DemoData *data)
{
  g_free (data->login);
  g_free (data);
}

static void
on_demo_logged_in (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RdSession *session = rd_session_login_finish (result, &error);

  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
demo_login (GTask *task)
{
  DemoData *demo = g_task_get_task_data (task);
  LoginData *data = g_new0 (LoginData, 1);

  data->url = g_strdup (rd_platform_process_get_base_url (demo_process));
  data->login = g_strdup (demo->login);
  data->demo = TRUE;
  data->store_dir = g_strdup (demo_store_dir);
  /* Every demo account has the password of API.md's demo. */
  login_start (data, "demo", g_task_get_cancellable (task), on_demo_logged_in, g_object_ref (task));
}

static void
on_demo_started (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RdPlatformProcess *process = rd_platform_process_start_finish (result, &error);

  if (process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (demo_process != NULL)
    {
      /* Another start won the race: keep the first. */
      rd_platform_process_stop (process);
      g_object_unref (process);
    }
  else
    demo_process = process;

  if (demo_store_dir == NULL)
    {
      demo_store_dir = g_dir_make_tmp ("redress-demo-client-XXXXXX", &error);
      if (demo_store_dir == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  demo_login (task);
}

void
rd_session_start_demo_async (const char          *login,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  static const char * const args[] = { "--demo", NULL };
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DemoData *demo = g_new0 (DemoData, 1);

  g_task_set_source_tag (task, rd_session_start_demo_async);
  demo->login = g_strdup (login ? login : "ana");
  g_task_set_task_data (task, demo, (GDestroyNotify) demo_data_free);

  if (demo_process != NULL && demo_store_dir != NULL)
    {
      demo_login (task);
      return;
    }
  rd_platform_process_start_async (args, cancellable, on_demo_started, g_steal_pointer (&task));
}

RdSession *
rd_session_start_demo_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char * const *
rd_session_demo_logins (void)
{
  return demo_logins;
}

void
rd_session_stop_demo (void)
{
  if (demo_process != NULL)
    {
      rd_platform_process_stop (demo_process);
      g_clear_object (&demo_process);
    }
  if (demo_store_dir != NULL)
    {
      rd_remove_tree (demo_store_dir);
      g_clear_pointer (&demo_store_dir, g_free);
    }
}

/* --- Offline and log out ------------------------------------------------------ */

RdSession *
rd_session_new_offline (RdStore *store,
                        RdUser  *user)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (user == NULL || RD_IS_USER (user), NULL);

  return session_new (NULL, store, user, NULL, user ? user->id : NULL, FALSE, FALSE);
}

static void
on_token_cleared (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* No keyring means nothing was kept: logging out still succeeds. */
  rd_credentials_clear_finish (RD_CREDENTIALS (source), result, &error);
  g_task_return_boolean (task, TRUE);
}

static void
on_logged_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCredentials) credentials = NULL;
  GCancellable *cancellable;

  /* The token is forgotten even when the platform could not be told. */
  rd_api_logout_finish (RD_API (source), result, &error);

  if (self->demo)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  credentials = rd_credentials_new ();
  cancellable = g_task_get_cancellable (task);
  rd_credentials_clear_async (credentials, rd_api_get_base_url (self->api), self->login,
                              cancellable, on_token_cleared, g_steal_pointer (&task));
}

void
rd_session_logout_async (RdSession           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_session_logout_async);

  rd_sync_stop (self->sync);
  rd_api_logout_async (self->api, cancellable, on_logged_out, g_steal_pointer (&task));
}

gboolean
rd_session_logout_finish (RdSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Reading ------------------------------------------------------------------ */

RdStore *
rd_session_get_store (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->store;
}

RdUser *
rd_session_get_user (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->user;
}

const char *
rd_session_get_url (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->url;
}

const char *
rd_session_get_login (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->login;
}

gboolean
rd_session_is_demo (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), FALSE);
  return self->demo;
}

RdConfig *
rd_session_get_config (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return (RdConfig *) rd_sync_get_config (self->sync);
}

const GError *
rd_session_get_keyring_error (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->keyring_error;
}

RdSessionState
rd_session_get_state (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), RD_SESSION_STATE_OFFLINE);

  switch (rd_sync_get_state (self->sync))
    {
    case RD_SYNC_STATE_IDLE:
      return RD_SESSION_STATE_ONLINE;
    case RD_SYNC_STATE_SYNCING:
      return RD_SESSION_STATE_SYNCING;
    case RD_SYNC_STATE_ERROR:
      return RD_SESSION_STATE_ERROR;
    case RD_SYNC_STATE_NEEDS_LOGIN:
      return RD_SESSION_STATE_NEEDS_LOGIN;
    case RD_SYNC_STATE_OFFLINE:
    default:
      return RD_SESSION_STATE_OFFLINE;
    }
}

const char *
rd_session_get_last_error (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return rd_sync_get_last_error (self->sync);
}

guint
rd_session_get_pending_count (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), 0);
  return rd_sync_get_pending_count (self->sync);
}

void
rd_session_get_progress (RdSession *self,
                         guint     *pages,
                         guint     *objects)
{
  g_return_if_fail (RD_IS_SESSION (self));

  if (pages != NULL)
    *pages = self->pages;
  if (objects != NULL)
    *objects = self->objects;
}

GDateTime *
rd_session_now (RdSession *self)
{
  return g_date_time_new_now_utc ();
}

RdSync *
rd_session_get_sync (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->sync;
}

RdEvidenceCache *
rd_session_get_evidence_cache (RdSession *self)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  return self->cache;
}

static gboolean
case_has_unsent (RdSession  *self,
                 const char *case_id)
{
  g_autoptr(GPtrArray) entries = rd_store_outbox_list (self->store, case_id, NULL);

  return entries != NULL && entries->len > 0;
}

guint
rd_session_allowed_actions (RdSession *self,
                            RdCase    *kase)
{
  g_autoptr(GDateTime) now = NULL;
  guint allowed;

  g_return_val_if_fail (RD_IS_SESSION (self), 0);
  g_return_val_if_fail (RD_IS_CASE (kase), 0);

  if (self->user == NULL)
    return 0;

  /* The platform's word while we are in step with it; our own reading of
   * the same rules while offline or with changes it has not seen. */
  if (kase->version > 0 &&
      rd_session_get_state (self) != RD_SESSION_STATE_OFFLINE &&
      !case_has_unsent (self, kase->id))
    return kase->allowed_actions;

  now = rd_session_now (self);
  allowed = rd_policy_allowed_actions (kase, self->user->role, self->user->id, now);
  if (kase->version == 0)
    /* Not yet on the platform: only words and files can follow it. */
    allowed &= (1u << RD_ACTION_TYPE_MESSAGE) | (1u << RD_ACTION_TYPE_WITHDRAW);
  return allowed;
}

/* --- Acting ------------------------------------------------------------------- */

/* The case as it will look once filed, so that it shows at once in the list
 * as pending; the platform's version (1 and up) replaces it on sync. */
static RdCase *
provisional_case (RdSession   *self,
                  const char  *case_id,
                  RdCaseDraft *draft)
{
  g_autoptr(RdOrder) order = rd_store_get_order (self->store, draft->order_id, NULL);
  g_autoptr(GDateTime) now = rd_session_now (self);
  RdCase *kase;

  if (order == NULL)
    return NULL;

  kase = rd_case_new ();
  kase->id = g_strdup (case_id);
  kase->version = 0;
  kase->order_id = g_strdup (order->id);
  kase->order_number = g_strdup (order->number);
  for (guint i = 0; i < order->items->len; i++)
    {
      RdOrderItem *item = g_ptr_array_index (order->items, i);

      if (g_strcmp0 (item->sku, draft->item_sku) == 0)
        kase->item = g_object_ref (item);
    }
  if (kase->item == NULL)
    {
      g_object_unref (kase);
      return NULL;
    }
  kase->buyer = rd_party_copy (order->buyer);
  kase->seller = rd_party_copy (order->seller);
  kase->reason = draft->reason;
  kase->requested_type = draft->requested_type;
  kase->requested_amount = rd_money_copy (draft->requested_amount);
  kase->description = g_strdup (draft->description);
  kase->lang = g_strdup (draft->lang);
  kase->status = RD_STATUS_AWAITING_SELLER;
  kase->turn = RD_TURN_SELLER;
  kase->on_expiry = RD_EXPIRY_ESCALATE;
  kase->respond_by = rd_policy_deadline (NULL, RD_DEADLINE_SELLER_RESPONSE, now);
  kase->created_at = g_date_time_ref (now);
  kase->updated_at = g_date_time_ref (now);
  return kase;
}

static gboolean
check_own_text (RdSession   *self,
                const char  *text,
                GError     **error)
{
  const RdConfig *config = rd_sync_get_config (self->sync);
  glong len;

  if (text == NULL)
    return TRUE;
  len = g_utf8_strlen (text, -1);
  if (config != NULL && len > (glong) config->text_max_chars)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The text is too long: at most %u character is allowed.",
                                "The text is too long: at most %u characters are allowed.",
                                config->text_max_chars),
                   config->text_max_chars);
      return FALSE;
    }
  return TRUE;
}

char *
rd_session_file_case (RdSession    *self,
                      RdCaseDraft  *draft,
                      GPtrArray    *evidence,
                      GError      **error)
{
  g_autofree char *case_id = NULL;
  g_autoptr(RdCase) kase = NULL;

  g_return_val_if_fail (RD_IS_SESSION (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!check_own_text (self, draft->description, error))
    return NULL;

  /* Every file is checked before anything is queued, so that a refused
   * photo leaves no half-filed case behind. */
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    if (!rd_session_check_evidence (self, g_ptr_array_index (evidence, i), error))
      return NULL;

  case_id = rd_sync_file_case (self->sync, draft, error);
  if (case_id == NULL)
    return NULL;

  kase = provisional_case (self, case_id, draft);
  if (kase != NULL)
    rd_store_put_case (self->store, kase, NULL);

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *id = rd_sync_attach_evidence (self->sync, case_id, g_ptr_array_index (evidence, i),
                                                     &local_error);

      if (id == NULL)
        g_warning ("Could not queue a file of case %s: %s", case_id, local_error->message);
    }

  rd_sync_request (self->sync);
  return g_steal_pointer (&case_id);
}

gboolean
rd_session_check_evidence (RdSession  *self,
                           GFile      *file,
                           GError    **error)
{
  const RdConfig *config;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  guint8 head[8] = { 0 };
  gsize got = 0;
  const char *mime;

  g_return_val_if_fail (RD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  config = rd_sync_get_config (self->sync);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("Only photos (JPEG or PNG) and PDF documents can be attached."));
      return FALSE;
    }
  if (config != NULL && g_file_info_get_size (info) > config->evidence_max_bytes)
    {
      g_autofree char *limit = g_format_size (config->evidence_max_bytes);

      /* Translators: %s is a size such as "10.5 MB" */
      g_set_error (error, RD_ERROR, RD_ERROR_TOO_LARGE, _("This file is too large: at most %s can be attached."),
                   limit);
      return FALSE;
    }

  in = g_file_read (file, NULL, error);
  if (in == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, error))
    return FALSE;

  mime = rd_evidence_sniff_mime (head, got);
  if (mime == NULL || config == NULL || config->evidence_types == NULL ||
      !g_strv_contains ((const char * const *) config->evidence_types, mime))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("Only photos (JPEG or PNG) and PDF documents can be attached."));
      return FALSE;
    }
  return TRUE;
}

char *
rd_session_attach_evidence (RdSession   *self,
                            const char  *case_id,
                            GFile       *file,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_SESSION (self), NULL);

  if (!rd_session_check_evidence (self, file, error))
    return NULL;
  return rd_sync_attach_evidence (self->sync, case_id, file, error);
}

gboolean
rd_session_act (RdSession   *self,
                const char  *case_id,
                RdAction    *action,
                GError     **error)
{
  g_autoptr(RdCase) kase = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (RD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (RD_IS_ACTION (action), FALSE);

  kase = rd_store_get_case (self->store, case_id, error);
  if (kase == NULL)
    return FALSE;

  if (self->user != NULL && kase->version > 0)
    {
      g_autoptr(GDateTime) now = rd_session_now (self);

      if (!rd_policy_may (kase, self->user->role, self->user->id, action->type, now))
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_TRANSITION,
                               rd_error_code_label (RD_ERROR_INVALID_TRANSITION));
          return FALSE;
        }
    }

  id = rd_sync_queue_action (self->sync, case_id, action, error);
  return id != NULL;
}

gboolean
rd_session_retry (RdSession   *self,
                  const char  *outbox_id,
                  GError     **error)
{
  g_autoptr(RdOutboxEntry) entry = NULL;

  g_return_val_if_fail (RD_IS_SESSION (self), FALSE);

  entry = rd_store_outbox_get (self->store, outbox_id);
  if (entry == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_NOT_FOUND, rd_error_code_label (RD_ERROR_NOT_FOUND));
      return FALSE;
    }
  if (entry->state == RD_OUTBOX_CONFLICTED)
    return rd_sync_reapply (self->sync, outbox_id, error);

  /* Failed or stuck pending: send it again as it is. */
  if (!rd_store_outbox_reapply (self->store, outbox_id, entry->base_version, error))
    return FALSE;
  rd_sync_request (self->sync);
  return TRUE;
}

gboolean
rd_session_discard (RdSession   *self,
                    const char  *outbox_id,
                    GError     **error)
{
  g_autoptr(RdOutboxEntry) entry = NULL;

  g_return_val_if_fail (RD_IS_SESSION (self), FALSE);

  entry = rd_store_outbox_get (self->store, outbox_id);
  if (!rd_sync_discard (self->sync, outbox_id, error))
    return FALSE;

  /* A discarded filing takes its provisional case out of the list. */
  if (entry != NULL && entry->kind == RD_OUTBOX_KIND_CASE)
    {
      g_autoptr(RdCase) kase = rd_store_get_case (self->store, entry->case_id, NULL);

      if (kase != NULL && kase->version == 0)
        {
          g_autoptr(RdChanges) page = rd_changes_new ();
          const char *removed[] = { entry->case_id, NULL };

          page->removed = g_strdupv ((char **) removed);
          rd_store_apply_changes (self->store, page, NULL);
        }
    }
  return TRUE;
}

void
rd_session_sync_now (RdSession *self)
{
  g_return_if_fail (RD_IS_SESSION (self));

  if (!rd_sync_is_started (self->sync) && self->url != NULL)
    rd_sync_start (self->sync);
  rd_sync_request (self->sync);
}
