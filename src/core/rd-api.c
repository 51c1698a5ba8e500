/* rd-api.c — the libsoup client of API.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rd-api.h"
#include "rd-codec.h"
#include "rd-error.h"

#define IDLE_TIMEOUT_SECONDS 60
/* A Retry-After further away than this is taken as this. */
#define RETRY_AFTER_MAX_SECONDS (24 * 60 * 60)

struct _RdApi
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;  /* ends in "/" */
  char        *token;
};

G_DEFINE_FINAL_TYPE (RdApi, rd_api, G_TYPE_OBJECT)

typedef enum
{
  PARSE_NONE,
  PARSE_SESSION,
  PARSE_USER,
  PARSE_CONFIG,
  PARSE_CHANGES,
  PARSE_CASE,
  PARSE_EVIDENCE,
  PARSE_BYTES,
} ParseKind;

/* The task data of every request. */
typedef struct
{
  SoupMessage *msg;
  ParseKind    kind;
  guint        status;
  guint        retry_after;
  RdProblem   *problem;
  gboolean     replayed;
  /* put_evidence_file: what the upload needs once the file is read. */
  char        *mime;
  char        *filename;
  /* The body, to give it back to a restarted message. */
  GBytes      *body;
  char        *body_type;
} Request;

static void
request_free (Request *req)
{
  g_clear_object (&req->msg);
  g_clear_pointer (&req->problem, rd_problem_free);
  g_free (req->mime);
  g_free (req->filename);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->body_type);
  g_free (req);
}

/* --- URLs ----------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr (GInetAddress) address = NULL;
  gsize len;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
rd_api_check_url (const char  *url,
                  GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    {
      scheme = g_uri_get_scheme (uri);
      host = g_uri_get_host (uri);
      if (host != NULL && *host != '\0')
        {
          if (g_ascii_strcasecmp (scheme, "https") == 0)
            return TRUE;
          if (g_ascii_strcasecmp (scheme, "http") == 0)
            {
              if (host_is_loopback (host))
                return TRUE;
              g_set_error_literal (error, RD_ERROR, RD_ERROR_INSECURE_URL,
                                   rd_error_code_label (RD_ERROR_INSECURE_URL));
              return FALSE;
            }
        }
    }
  g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
               /* Translators: %s is what the user typed as the platform's address */
               _("“%s” is not a web address. It should look like https://example.com/."),
               url != NULL ? url : "");
  return FALSE;
}

static char *
normalise_base_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) clean = NULL;
  g_autoptr (GString) path = NULL;

  path = g_string_new (g_uri_get_path (uri));
  if (path->len == 0 || path->str[path->len - 1] != '/')
    g_string_append_c (path, '/');
  if (g_str_has_suffix (path->str, "/v1/"))
    g_string_truncate (path, path->len - 3);
  clean = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                       g_uri_get_host (uri), g_uri_get_port (uri), path->str, NULL, NULL);
  return g_uri_to_string (clean);
}

/* An id as one path segment. */
static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment != NULL ? segment : "", NULL, FALSE);
}

/* --- Object ----------------------------------------------------------------- */

static void
rd_api_dispose (GObject *object)
{
  RdApi *self = (RdApi *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rd_api_parent_class)->dispose (object);
}

static void
rd_api_finalize (GObject *object)
{
  RdApi *self = (RdApi *) object;

  g_free (self->base_url);
  /* Not left behind in freed memory. */
  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (rd_api_parent_class)->finalize (object);
}

static void
rd_api_class_init (RdApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_api_dispose;
  object_class->finalize = rd_api_finalize;
}

static void
rd_api_init (RdApi *self)
{
  self->session = soup_session_new_with_options ("timeout", RD_API_DEFAULT_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 "user-agent", "Redress/" PACKAGE_VERSION,
                                                 NULL);
}

RdApi *
rd_api_new (const char  *base_url,
            GError     **error)
{
  g_autoptr (RdApi) self = g_object_new (RD_TYPE_API, NULL);

  if (!rd_api_set_base_url (self, base_url, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
rd_api_set_base_url (RdApi       *self,
                     const char  *base_url,
                     GError     **error)
{
  g_return_val_if_fail (RD_IS_API (self), FALSE);

  if (!rd_api_check_url (base_url, error))
    return FALSE;
  g_free (self->base_url);
  self->base_url = normalise_base_url (base_url);
  return TRUE;
}

const char *
rd_api_get_base_url (RdApi *self)
{
  g_return_val_if_fail (RD_IS_API (self), NULL);
  return self->base_url;
}

void
rd_api_set_token (RdApi      *self,
                  const char *token)
{
  g_return_if_fail (RD_IS_API (self));

  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
}

const char *
rd_api_get_token (RdApi *self)
{
  g_return_val_if_fail (RD_IS_API (self), NULL);
  return self->token;
}

void
rd_api_set_timeout (RdApi *self,
                    guint  seconds)
{
  g_return_if_fail (RD_IS_API (self));
  g_object_set (self->session, "timeout", seconds, NULL);
}

guint
rd_api_get_timeout (RdApi *self)
{
  guint seconds = 0;

  g_return_val_if_fail (RD_IS_API (self), 0);
  g_object_get (self->session, "timeout", &seconds, NULL);
  return seconds;
}

/* --- The side channel ----------------------------------------------------- */

static Request *
result_request (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (RD_IS_API (g_task_get_source_object (G_TASK (result))), NULL);
  return g_task_get_task_data (G_TASK (result));
}

RdProblem *
rd_api_result_get_problem (GAsyncResult *result)
{
  Request *req = result_request (result);

  return req != NULL ? req->problem : NULL;
}

guint
rd_api_result_get_status (GAsyncResult *result)
{
  Request *req = result_request (result);

  return req != NULL ? req->status : 0;
}

guint
rd_api_result_get_retry_after (GAsyncResult *result)
{
  Request *req = result_request (result);

  return req != NULL ? req->retry_after : 0;
}

/* --- Requests ------------------------------------------------------------- */

/* Seconds, from "120" or an HTTP date; 0 for none or nonsense. */
static guint
parse_retry_after (const char *value)
{
  const char *p;

  if (value == NULL)
    return 0;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return 0;

  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    {
      guint64 seconds = g_ascii_strtoull (value, NULL, 10);
      return (guint) MIN (seconds, RETRY_AFTER_MAX_SECONDS);
    }
  else
    {
      g_autoptr (GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr (GDateTime) now = NULL;
      GTimeSpan span;

      if (when == NULL)
        return 0;
      now = g_date_time_new_now_utc ();
      span = g_date_time_difference (when, now);
      if (span <= 0)
        return 0;
      /* Rounded up: never earlier than asked. */
      return (guint) MIN ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND,
                          RETRY_AFTER_MAX_SECONDS);
    }
}

static RdErrorCode
code_for_status (guint status)
{
  switch (status)
    {
    case 401: return RD_ERROR_UNAUTHORIZED;
    case 403: return RD_ERROR_FORBIDDEN;
    case 404: return RD_ERROR_NOT_FOUND;
    case 409: return RD_ERROR_INVALID_TRANSITION;
    case 410: return RD_ERROR_CURSOR_EXPIRED;
    case 412: return RD_ERROR_VERSION_MISMATCH;
    case 413: return RD_ERROR_TOO_LARGE;
    case 415: return RD_ERROR_UNSUPPORTED_MEDIA_TYPE;
    case 422: return RD_ERROR_VALIDATION_FAILED;
    case 428: return RD_ERROR_PRECONDITION_REQUIRED;
    case 429: return RD_ERROR_RATE_LIMITED;
    default: break;
    }
  if (status >= 500 || (status >= 300 && status < 400))
    return RD_ERROR_SERVER;
  return RD_ERROR_FAILED;
}

static GTask *
request_new (RdApi               *self,
             const char          *method,
             const char          *path,
             ParseKind            kind,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  g_autofree char *url = g_strconcat (self->base_url, "v1/", path, NULL);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);
  SoupMessageHeaders *headers;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  /* Cancellation is reported as RD_ERROR_CANCELLED, like every error here. */
  g_task_set_check_cancellable (task, FALSE);

  req->kind = kind;
  req->msg = soup_message_new (method, url);
  g_assert (req->msg != NULL);
  /* A redirect could carry the token somewhere else. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept",
                                kind == PARSE_BYTES ? "*/*" : "application/json");
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
      explicit_bzero (auth, strlen (auth));
    }
  return task;
}

/* libsoup 3.2 re-sends a PUT by itself when a kept-alive connection closed
 * under it, but with an empty body (Content-Length: 0), which the platform
 * would refuse as a 422 although the first one may have been applied.  The
 * body goes back in before each restart. */
static void
on_restarted (SoupMessage *msg,
              Request     *req)
{
  soup_message_set_request_body_from_bytes (msg, req->body_type, req->body);
}

static void
request_set_body (GTask      *task,
                  const char *content_type,
                  GBytes     *body)
{
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->body_type);
  req->body = g_bytes_ref (body);
  req->body_type = g_strdup (content_type);
  soup_message_set_request_body_from_bytes (req->msg, content_type, body);
  g_signal_connect (req->msg, "restarted", G_CALLBACK (on_restarted), req);
}

static void
request_set_json_body (GTask    *task,
                       JsonNode *node)
{
  gsize len = 0;
  char *text = rd_codec_to_string (node, &len);
  g_autoptr (GBytes) body = g_bytes_new_take (text, len);

  request_set_body (task, "application/json; charset=utf-8", body);
}

static void
return_error (GTask       *task,
              RdErrorCode  code,
              const char  *extra)
{
  if (extra != NULL && *extra != '\0')
    g_task_return_new_error (task, RD_ERROR, code, "%s (%s)", rd_error_code_label (code), extra);
  else
    g_task_return_new_error (task, RD_ERROR, code, "%s", rd_error_code_label (code));
}

static void
return_problem (GTask  *task,
                GBytes *body)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  RdErrorCode code = code_for_status (req->status);
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (len > 0 && content_type != NULL
      && (g_str_equal (content_type, "application/problem+json")
          || g_str_equal (content_type, "application/json")))
    {
      g_autoptr (JsonNode) node = rd_codec_parse (data, (gssize) len, NULL);

      if (node != NULL)
        req->problem = rd_codec_problem_from_json (node, NULL);
    }

  /* A 5xx is retried whatever it says; an unknown code keeps its status's. */
  if (req->status < 500 && req->problem != NULL && req->problem->code != RD_ERROR_FAILED)
    code = req->problem->code;

  if (code == RD_ERROR_SERVER)
    {
      g_autofree char *status = g_strdup_printf ("HTTP %u", req->status);
      return_error (task, code, status);
    }
  else
    return_error (task, code, req->problem != NULL ? req->problem->detail : NULL);
}

static void
return_invalid (GTask  *task,
                GError *error)
{
  return_error (task, RD_ERROR_INVALID_DATA, error != NULL ? error->message : NULL);
}

static void
return_parsed (GTask  *task,
               GBytes *body)
{
  RdApi *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  gsize len = 0;
  const char *data;

  if (req->kind == PARSE_NONE)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (req->kind == PARSE_BYTES)
    {
      g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  data = g_bytes_get_data (body, &len);
  node = rd_codec_parse (data, (gssize) len, &error);
  if (node == NULL)
    {
      return_invalid (task, error);
      return;
    }

  switch (req->kind)
    {
    case PARSE_SESSION:
      {
        RdSessionInfo *info = rd_codec_session_from_json (node, &error);

        if (info == NULL)
          return_invalid (task, error);
        else
          {
            rd_api_set_token (self, info->token);
            g_task_return_pointer (task, info, (GDestroyNotify) rd_session_info_free);
          }
      }
      break;

    case PARSE_USER:
    case PARSE_CASE:
    case PARSE_EVIDENCE:
      {
        GObject *object;

        if (req->kind == PARSE_USER)
          object = (GObject *) rd_codec_user_from_json (node, &error);
        else if (req->kind == PARSE_CASE)
          object = (GObject *) rd_codec_case_from_json (node, &error);
        else
          object = (GObject *) rd_codec_evidence_from_json (node, &error);
        if (object == NULL)
          return_invalid (task, error);
        else
          g_task_return_pointer (task, object, g_object_unref);
      }
      break;

    case PARSE_CONFIG:
      {
        RdConfig *config = rd_codec_config_from_json (node, &error);

        if (config == NULL)
          return_invalid (task, error);
        else
          g_task_return_pointer (task, config, (GDestroyNotify) rd_config_free);
      }
      break;

    case PARSE_CHANGES:
      {
        RdChanges *changes = rd_codec_changes_from_json (node, &error);

        if (changes == NULL)
          return_invalid (task, error);
        else
          g_task_return_pointer (task, changes, (GDestroyNotify) rd_changes_free);
      }
      break;

    case PARSE_NONE:
    case PARSE_BYTES:
    default:
      g_assert_not_reached ();
    }
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_error (task, RD_ERROR_CANCELLED, NULL);
      else
        return_error (task, RD_ERROR_NETWORK, error->message);
      return;
    }

  req->status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);
  req->retry_after = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));

  if (req->status >= 200 && req->status < 300)
    {
      req->replayed = req->status == 200;
      return_parsed (task, body);
    }
  else
    return_problem (task, body);
}

static void
request_send (GTask *task)
{
  RdApi *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  soup_session_send_and_read_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

static gpointer
finish_pointer (RdApi         *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (RD_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (RdApi         *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (RD_IS_API (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Session -------------------------------------------------------------- */

void
rd_api_login_async (RdApi               *self,
                    const char          *login,
                    const char          *password,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_API (self));
  g_return_if_fail (login != NULL && password != NULL);

  /* A login never carries an older token. */
  rd_api_set_token (self, NULL);
  task = request_new (self, "POST", "session", PARSE_SESSION, cancellable, callback, user_data,
                      rd_api_login_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, login);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  request_set_json_body (task, node);
  request_send (task);
}

RdSessionInfo *
rd_api_login_finish (RdApi         *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return finish_pointer (self, result, rd_api_login_async, error);
}

void
rd_api_logout_async (RdApi               *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_API (self));

  task = request_new (self, "DELETE", "session", PARSE_NONE, cancellable, callback, user_data,
                      rd_api_logout_async);
  /* Forgotten at once: whatever the platform answers, this client is logged out. */
  rd_api_set_token (self, NULL);
  request_send (task);
}

gboolean
rd_api_logout_finish (RdApi         *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return finish_boolean (self, result, rd_api_logout_async, error);
}

void
rd_api_me_async (RdApi               *self,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_return_if_fail (RD_IS_API (self));
  request_send (request_new (self, "GET", "me", PARSE_USER, cancellable, callback, user_data,
                             rd_api_me_async));
}

RdUser *
rd_api_me_finish (RdApi         *self,
                  GAsyncResult  *result,
                  GError       **error)
{
  return finish_pointer (self, result, rd_api_me_async, error);
}

void
rd_api_config_async (RdApi               *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (RD_IS_API (self));
  request_send (request_new (self, "GET", "config", PARSE_CONFIG, cancellable, callback,
                             user_data, rd_api_config_async));
}

RdConfig *
rd_api_config_finish (RdApi         *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return finish_pointer (self, result, rd_api_config_async, error);
}

/* --- Reading -------------------------------------------------------------- */

void
rd_api_changes_async (RdApi               *self,
                      const char          *since,
                      guint                limit,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr (GString) path = g_string_new ("changes");
  char sep = '?';

  g_return_if_fail (RD_IS_API (self));

  if (since != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);
      g_string_append_printf (path, "%csince=%s", sep, escaped);
      sep = '&';
    }
  if (limit > 0)
    g_string_append_printf (path, "%climit=%u", sep, limit);

  request_send (request_new (self, "GET", path->str, PARSE_CHANGES, cancellable, callback,
                             user_data, rd_api_changes_async));
}

RdChanges *
rd_api_changes_finish (RdApi         *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return finish_pointer (self, result, rd_api_changes_async, error);
}

void
rd_api_get_case_async (RdApi               *self,
                       const char          *case_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *id = escape_segment (case_id);
  g_autofree char *path = g_strconcat ("cases/", id, NULL);

  g_return_if_fail (RD_IS_API (self));
  request_send (request_new (self, "GET", path, PARSE_CASE, cancellable, callback, user_data,
                             rd_api_get_case_async));
}

RdCase *
rd_api_get_case_finish (RdApi         *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_pointer (self, result, rd_api_get_case_async, error);
}

/* --- Writing -------------------------------------------------------------- */

void
rd_api_put_case_async (RdApi               *self,
                       const char          *case_id,
                       const RdCaseDraft   *draft,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *id = escape_segment (case_id);
  g_autofree char *path = g_strconcat ("cases/", id, NULL);
  g_autoptr (JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_API (self));
  g_return_if_fail (draft != NULL);

  task = request_new (self, "PUT", path, PARSE_CASE, cancellable, callback, user_data,
                      rd_api_put_case_async);
  node = rd_codec_case_draft_to_json (draft);
  request_set_json_body (task, node);
  request_send (task);
}

RdCase *
rd_api_put_case_finish (RdApi         *self,
                        GAsyncResult  *result,
                        gboolean      *replayed,
                        GError       **error)
{
  RdCase *kase = finish_pointer (self, result, rd_api_put_case_async, error);

  if (replayed != NULL)
    *replayed = kase != NULL && result_request (result)->replayed;
  return kase;
}

void
rd_api_post_action_async (RdApi               *self,
                          const char          *case_id,
                          RdAction            *action,
                          gint64               if_match,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *id = escape_segment (case_id);
  g_autofree char *path = g_strconcat ("cases/", id, "/actions", NULL);
  g_autoptr (JsonNode) node = NULL;
  Request *req;
  GTask *task;

  g_return_if_fail (RD_IS_API (self));
  g_return_if_fail (RD_IS_ACTION (action));

  task = request_new (self, "POST", path, PARSE_CASE, cancellable, callback, user_data,
                      rd_api_post_action_async);
  req = g_task_get_task_data (task);
  if (if_match > 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", if_match);
      soup_message_headers_replace (soup_message_get_request_headers (req->msg), "If-Match", etag);
    }
  node = rd_codec_action_to_json (action);
  request_set_json_body (task, node);
  request_send (task);
}

RdCase *
rd_api_post_action_finish (RdApi         *self,
                           GAsyncResult  *result,
                           RdCase       **current_case,
                           GError       **error)
{
  RdCase *kase = finish_pointer (self, result, rd_api_post_action_async, error);

  if (current_case != NULL)
    {
      RdProblem *problem = kase == NULL ? result_request (result)->problem : NULL;

      *current_case = NULL;
      if (problem != NULL && problem->current_case != NULL)
        *current_case = g_object_ref (problem->current_case);
    }
  return kase;
}

/* Header values may not hold line breaks or other control characters. */
static char *
header_safe_filename (const char *filename)
{
  g_autoptr (GString) out = g_string_new (NULL);

  if (filename != NULL && g_utf8_validate (filename, -1, NULL))
    {
      for (const char *p = filename; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_iscntrl (c))
            g_string_append_c (out, '_');
          else
            g_string_append_unichar (out, c);
        }
    }
  if (out->len == 0)
    g_string_append (out, "file");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GTask *
put_evidence_task (RdApi               *self,
                   const char          *evidence_id,
                   const char          *case_id,
                   const char          *mime,
                   const char          *filename,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autofree char *id = escape_segment (evidence_id);
  g_autofree char *kase = escape_segment (case_id);
  g_autofree char *path = g_strconcat ("evidence/", id, "?case=", kase, NULL);
  g_autofree char *name = header_safe_filename (filename);
  GTask *task;
  Request *req;

  task = request_new (self, "PUT", path, PARSE_EVIDENCE, cancellable, callback, user_data,
                      rd_api_put_evidence_async);
  req = g_task_get_task_data (task);
  req->mime = g_strdup (mime);
  soup_message_headers_replace (soup_message_get_request_headers (req->msg), "X-Filename", name);
  return task;
}

static void
put_evidence_send (GTask  *task,
                   GBytes *bytes)
{
  Request *req = g_task_get_task_data (task);

  request_set_body (task, req->mime, bytes);
  request_send (task);
}

void
rd_api_put_evidence_async (RdApi               *self,
                           const char          *evidence_id,
                           const char          *case_id,
                           GBytes              *bytes,
                           const char          *mime,
                           const char          *filename,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RD_IS_API (self));
  g_return_if_fail (evidence_id != NULL && case_id != NULL);
  g_return_if_fail (bytes != NULL && mime != NULL);

  put_evidence_send (put_evidence_task (self, evidence_id, case_id, mime, filename, cancellable,
                                        callback, user_data),
                     bytes);
}

static void
on_evidence_file_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_error (task, RD_ERROR_CANCELLED, NULL);
      else
        g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED,
                                 /* Translators: %s is the system's reason */
                                 _("The file to upload could not be read: %s"), error->message);
      g_object_unref (task);
      return;
    }
  put_evidence_send (task, bytes);
}

void
rd_api_put_evidence_file_async (RdApi               *self,
                                const char          *evidence_id,
                                const char          *case_id,
                                GFile               *file,
                                const char          *mime,
                                const char          *filename,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_API (self));
  g_return_if_fail (evidence_id != NULL && case_id != NULL);
  g_return_if_fail (G_IS_FILE (file) && mime != NULL);

  task = put_evidence_task (self, evidence_id, case_id, mime, filename, cancellable, callback,
                            user_data);
  g_file_load_bytes_async (file, cancellable, on_evidence_file_loaded, task);
}

RdEvidence *
rd_api_put_evidence_finish (RdApi         *self,
                            GAsyncResult  *result,
                            gboolean      *replayed,
                            GError       **error)
{
  RdEvidence *evidence = finish_pointer (self, result, rd_api_put_evidence_async, error);

  if (replayed != NULL)
    *replayed = evidence != NULL && result_request (result)->replayed;
  return evidence;
}

void
rd_api_get_evidence_async (RdApi               *self,
                           const char          *evidence_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *id = escape_segment (evidence_id);
  g_autofree char *path = g_strconcat ("evidence/", id, NULL);

  g_return_if_fail (RD_IS_API (self));
  request_send (request_new (self, "GET", path, PARSE_BYTES, cancellable, callback, user_data,
                             rd_api_get_evidence_async));
}

GBytes *
rd_api_get_evidence_finish (RdApi         *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_pointer (self, result, rd_api_get_evidence_async, error);
}

void
rd_api_test_clock_advance_async (RdApi               *self,
                                 gint64               seconds,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (RD_IS_API (self));

  task = request_new (self, "POST", "test/clock", PARSE_NONE, cancellable, callback, user_data,
                      rd_api_test_clock_advance_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "advance_seconds");
  json_builder_add_int_value (builder, seconds);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  request_set_json_body (task, node);
  request_send (task);
}

gboolean
rd_api_test_clock_advance_finish (RdApi         *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_boolean (self, result, rd_api_test_clock_advance_async, error);
}
