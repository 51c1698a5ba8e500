/* rd-platform-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-platform-http.h"

#define REQUEST_KEY "rd-platform-request"

static void
request_free (gpointer data)
{
  RdPlatformRequest *request = data;

  g_free (request->user_id);
  g_clear_pointer (&request->chunked, g_byte_array_unref);
  g_free (request);
}

RdPlatformRequest *
rd_platform_http_request (SoupServerMessage *msg)
{
  RdPlatformRequest *request = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (request == NULL)
    {
      request = g_new0 (RdPlatformRequest, 1);
      request->started_us = g_get_monotonic_time ();
      g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, request, request_free);
    }
  return request;
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);
  gsize size = g_bytes_get_size (chunk);

  if (request->too_large)
    return;
  if (request->chunked->len + size > request->cap)
    {
      /* Keep reading (the connection must stay in step) but keep nothing. */
      request->too_large = TRUE;
      g_byte_array_set_size (request->chunked, 0);
      return;
    }
  g_byte_array_append (request->chunked, g_bytes_get_data (chunk, NULL), size);
}

GBytes *
rd_platform_http_take_body (SoupServerMessage *msg,
                            gboolean          *too_large)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);
  SoupMessageBody *body;

  *too_large = FALSE;
  if (request->chunked != NULL)
    {
      if (request->too_large)
        {
          *too_large = TRUE;
          return NULL;
        }
      return g_byte_array_free_to_bytes (g_steal_pointer (&request->chunked));
    }

  body = soup_server_message_get_request_body (msg);
  if (request->cap > 0 && (gsize) body->length > request->cap)
    {
      *too_large = TRUE;
      return NULL;
    }
  return soup_message_body_flatten (body);
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* Every answer is about one user's cases: nothing may be cached between. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

void
rd_platform_http_reply_text (SoupServerMessage *msg,
                             guint              status,
                             const char        *json)
{
  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

void
rd_platform_http_reply_json (SoupServerMessage *msg,
                             guint              status,
                             JsonNode          *node)
{
  gsize length = 0;
  char *text = rd_codec_to_string (node, &length);

  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, length);
}

void
rd_platform_http_reply_empty (SoupServerMessage *msg,
                              guint              status)
{
  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
}

void
rd_platform_http_reply_bytes (SoupServerMessage *msg,
                              const char        *content_type,
                              GBytes            *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  set_common_headers (msg);
  /* Never rendered inline by a browser that happens to open the URL. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", "attachment");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, size);
}

/* libsoup 3.2 knows no phrase for some statuses of API.md. */
static const char *
status_phrase (guint status)
{
  switch (status)
    {
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    default:
      return soup_status_get_phrase (status);
    }
}

static char *
problem_text (guint        status,
              const char  *code_word,
              const char  *detail,
              GPtrArray   *errors,
              RdCase      *current_case,
              gsize       *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  /* The `code` says what happened; `type` adds nothing beyond it, so it is
   * RFC 9457's about:blank, whose `title` is the status phrase. */
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "about:blank");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, status_phrase (status));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail != NULL ? detail : status_phrase (status));
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code_word);
  if (errors != NULL && errors->len > 0)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < errors->len; i++)
        {
          RdFieldError *fe = g_ptr_array_index (errors, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, fe->field);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, fe->code);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (current_case != NULL)
    {
      json_builder_set_member_name (builder, "case");
      json_builder_add_value (builder, rd_codec_case_to_json (current_case));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return rd_codec_to_string (root, length);
}

static void
reply_problem_full (SoupServerMessage *msg,
                    guint              status,
                    const char        *code_word,
                    const char        *detail,
                    GPtrArray         *errors,
                    RdCase            *current_case)
{
  gsize length = 0;
  char *text = problem_text (status, code_word, detail, errors, current_case, &length);

  set_common_headers (msg);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"redress\"");
  soup_server_message_set_status (msg, status, status_phrase (status));
  soup_server_message_set_response (msg, "application/problem+json",
                                    SOUP_MEMORY_TAKE, text, length);
}

/* A refusal written straight on a connection taken from libsoup: the
 * answer, then a lingering close (our side shut for writing, the client's
 * remaining bytes read and dropped for a moment), so that closing with
 * unread input does not reset the connection under the answer. */
#define LINGER_SECONDS 2
#define LINGER_MAX_BYTES (16 * 1024 * 1024)

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *reply;
  GCancellable *cancellable;
  guint         timeout_id;
  gsize         drained;
  guint8        buffer[16384];
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  g_clear_handle_id (&refusal->timeout_id, g_source_remove);
  g_clear_object (&refusal->stream);
  g_clear_object (&refusal->socket);
  g_clear_pointer (&refusal->reply, g_bytes_unref);
  g_clear_object (&refusal->cancellable);
  g_free (refusal);
}

static void
on_refusal_closed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (user_data);
}

static void
refusal_close (Refusal *refusal)
{
  g_clear_handle_id (&refusal->timeout_id, g_source_remove);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, on_refusal_closed, refusal);
}

static gboolean
on_linger_timeout (gpointer user_data)
{
  Refusal *refusal = user_data;

  refusal->timeout_id = 0;
  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_refusal_drained (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && refusal->drained + (gsize) n < LINGER_MAX_BYTES
      && !g_cancellable_is_cancelled (refusal->cancellable))
    {
      refusal->drained += (gsize) n;
      g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                                 G_PRIORITY_DEFAULT, refusal->cancellable,
                                 on_refusal_drained, refusal);
      return;
    }
  refusal_close (refusal);
}

static void
on_refusal_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL)
      || !g_output_stream_flush (G_OUTPUT_STREAM (source), NULL, NULL))
    {
      refusal_close (refusal);
      return;
    }
  if (refusal->socket != NULL)
    g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);
  refusal->timeout_id = g_timeout_add_seconds (LINGER_SECONDS, on_linger_timeout, refusal);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable,
                             on_refusal_drained, refusal);
}

static void
refuse_now (SoupServerMessage *msg,
            guint              status,
            RdErrorCode        code,
            const char        *detail)
{
  Refusal *refusal = g_new0 (Refusal, 1);
  gsize length = 0;
  g_autofree char *body = problem_text (status, rd_error_code_to_string (code), detail,
                                        NULL, NULL, &length);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  GString *reply = g_string_new (NULL);
  GSocket *socket = soup_server_message_get_socket (msg);

  g_string_append_printf (reply,
                          "HTTP/1.1 %u %s\r\n"
                          "Date: %s\r\n"
                          "Content-Type: application/problem+json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          status, status_phrase (status), date, length);
  g_string_append_len (reply, body, (gssize) length);

  /* For the log line of the request. */
  soup_server_message_set_status (msg, status, status_phrase (status));

  refusal->socket = socket != NULL ? g_object_ref (socket) : NULL;
  refusal->stream = soup_server_message_steal_connection (msg);
  refusal->reply = g_string_free_to_bytes (reply);
  refusal->cancellable = g_cancellable_new ();
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   g_bytes_get_data (refusal->reply, NULL),
                                   g_bytes_get_size (refusal->reply),
                                   G_PRIORITY_DEFAULT, NULL, on_refusal_written, refusal);
}

gboolean
rd_platform_http_limit_body (SoupServerMessage *msg,
                             gsize              cap)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  request->cap = cap;
  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if ((guint64) soup_message_headers_get_content_length (headers) > cap)
        {
          if (soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE)
            {
              /* The client waits for a go-ahead: libsoup answers now and
               * never reads the body. */
              soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                            "Connection", "close");
              rd_platform_http_reply_error (msg, RD_ERROR_TOO_LARGE,
                                            _("The request body is over its limit."));
              return TRUE;
            }
          refuse_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, RD_ERROR_TOO_LARGE,
                      _("The request body is over its limit."));
          return FALSE;
        }
      break;

    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_EOF:
      request->chunked = g_byte_array_new ();
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
      break;

    case SOUP_ENCODING_NONE:
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      break;
    }
  return TRUE;
}

void
rd_platform_http_reply_problem (SoupServerMessage *msg,
                                const RdProblem   *problem)
{
  guint status = problem->status != 0 ? problem->status : rd_error_code_http_status (problem->code);
  const char *word = rd_error_code_to_string (problem->code);

  if (word == NULL)
    {
      rd_platform_http_reply_other (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                    "internal_error", problem->detail);
      return;
    }
  reply_problem_full (msg, status, word, problem->detail, problem->errors, problem->current_case);
}

void
rd_platform_http_reply_error (SoupServerMessage *msg,
                              RdErrorCode        code,
                              const char        *detail)
{
  g_autoptr(RdProblem) problem = rd_problem_new (code, detail);

  rd_platform_http_reply_problem (msg, problem);
}

void
rd_platform_http_reply_field_error (SoupServerMessage *msg,
                                    RdErrorCode        code,
                                    const char        *detail,
                                    const char        *field,
                                    const char        *field_code)
{
  g_autoptr(RdProblem) problem = rd_problem_new (code, detail);

  rd_problem_add_field_error (problem, field, field_code);
  rd_platform_http_reply_problem (msg, problem);
}

void
rd_platform_http_reply_other (SoupServerMessage *msg,
                              guint              status,
                              const char        *code_word,
                              const char        *detail)
{
  reply_problem_full (msg, status, code_word, detail, NULL, NULL);
}

char *
rd_platform_http_bearer_token (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL)
    return NULL;
  while (*value == ' ')
    value++;
  if (g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  if (*value == '\0')
    return NULL;
  return g_strstrip (g_strdup (value));
}

/* One entity tag of a list: "12" or W/"12" (a weak tag names a version just
 * as well here); anything else names no version. */
static gboolean
parse_etag (const char *text,
            gint64     *version)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  gsize len;
  guint64 value;

  if (g_str_has_prefix (p, "W/"))
    p += 2;
  len = strlen (p);
  if (len < 3 || p[0] != '"' || p[len - 1] != '"')
    return FALSE;
  copy[(p - copy) + len - 1] = '\0';
  p++;
  if (!g_ascii_string_to_unsigned (p, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *version = (gint64) value;
  return TRUE;
}

RdIfMatch
rd_platform_http_if_match (SoupServerMessage *msg,
                           gint64             version)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_list (headers, "If-Match");
  g_auto(GStrv) tags = NULL;
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return RD_IF_MATCH_ABSENT;
  /* `*` names no version: the state-changing actions must say which one
   * they were based on. */
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0' || strcmp (trimmed, "*") == 0)
    return RD_IF_MATCH_ABSENT;

  tags = g_strsplit (value, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gint64 v;

      if (parse_etag (tags[i], &v) && v == version)
        return RD_IF_MATCH_OK;
    }
  return RD_IF_MATCH_STALE;
}

gboolean
rd_platform_http_peer_is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  GInetAddress *inet;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return FALSE;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  return g_inet_address_get_is_loopback (inet);
}
