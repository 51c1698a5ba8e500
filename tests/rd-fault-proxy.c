/* rd-fault-proxy.c — a loopback HTTP/1.1 proxy that misbehaves on request
 *
 * Each client connection is a small state machine: read one whole request
 * (head, then a Content-Length or chunked body), decide its fault, forward it
 * on a fresh upstream connection, read the whole response, and pass it on
 * (or not).  A fresh upstream connection per request keeps the client's
 * keep-alive independent of the platform's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rd-fault-proxy.h"

#define READ_CHUNK 65536

struct _RdFaultProxy
{
  GSocketService *service;
  GSocketClient  *connector;
  guint16         port;
  char           *url;
  guint16         upstream_port;

  RdFault         fault;
  guint           arg;
  char           *match;
  gint            count;
  char           *retry_after_text;

  guint           requests;
  guint           faults;
  GPtrArray      *log;
  GList          *conns;
};

typedef struct
{
  gint               ref;
  RdFaultProxy      *proxy;      /* NULL once the proxy is gone */
  GSocketConnection *client;
  GSocketConnection *upstream;
  GCancellable      *cancellable;
  GByteArray        *cbuf;       /* from the client */
  GByteArray        *ubuf;       /* from the platform */
  gsize              req_len;
  gboolean           head_request;
  gboolean           stalled;
  RdFault            fault;
  guint              arg;
  gboolean           closed;
  guint8             chunk[READ_CHUNK];
} Conn;

static Conn *
conn_ref (Conn *conn)
{
  conn->ref++;
  return conn;
}

static void
conn_unref (Conn *conn)
{
  if (--conn->ref > 0)
    return;
  g_clear_object (&conn->client);
  g_clear_object (&conn->upstream);
  g_clear_object (&conn->cancellable);
  g_byte_array_unref (conn->cbuf);
  g_byte_array_unref (conn->ubuf);
  g_free (conn);
}

static void
conn_close_upstream (Conn *conn)
{
  if (conn->upstream != NULL)
    {
      g_io_stream_close (G_IO_STREAM (conn->upstream), NULL, NULL);
      g_clear_object (&conn->upstream);
    }
}

static void
conn_close (Conn *conn)
{
  if (conn->closed)
    return;
  conn->closed = TRUE;
  g_cancellable_cancel (conn->cancellable);
  g_io_stream_close (G_IO_STREAM (conn->client), NULL, NULL);
  conn_close_upstream (conn);
  if (conn->proxy != NULL)
    {
      conn->proxy->conns = g_list_remove (conn->proxy->conns, conn);
      conn->proxy = NULL;
      conn_unref (conn);  /* the proxy's */
    }
}

/* --- HTTP framing ------------------------------------------------------------------------ */

typedef struct
{
  gsize    head_len;
  gboolean chunked;
  gboolean has_length;
  guint64  content_length;
  gboolean connection_close;
  char    *method;   /* requests */
  char    *target;   /* requests */
  guint    status;   /* responses */
} Head;

static void
head_clear (Head *head)
{
  g_free (head->method);
  g_free (head->target);
}

static const guint8 *
find (const guint8 *data,
      gsize         len,
      const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return data + i;
    }
  return NULL;
}

/* FALSE if the head is not complete yet; *malformed for nonsense. */
static gboolean
parse_head (const guint8 *data,
            gsize         len,
            gboolean      response,
            Head         *head,
            gboolean     *malformed)
{
  const guint8 *end = find (data, len, "\r\n\r\n");
  g_auto (GStrv) lines = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) first = NULL;

  *malformed = FALSE;
  memset (head, 0, sizeof *head);
  if (end == NULL)
    return FALSE;
  head->head_len = (gsize) (end - data) + 4;
  text = g_strndup ((const char *) data, (gsize) (end - data));
  lines = g_strsplit (text, "\r\n", -1);
  first = g_strsplit (lines[0], " ", 3);
  if (g_strv_length (first) < 2)
    {
      *malformed = TRUE;
      return TRUE;
    }
  if (response)
    head->status = (guint) atoi (first[1]);
  else
    {
      head->method = g_strdup (first[0]);
      head->target = g_strdup (first[1]);
    }

  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL)
        continue;
      name = g_ascii_strdown (lines[i], colon - lines[i]);
      value = g_strstrip (g_ascii_strdown (colon + 1, -1));
      if (g_str_equal (name, "content-length"))
        {
          head->has_length = TRUE;
          head->content_length = g_ascii_strtoull (value, NULL, 10);
        }
      else if (g_str_equal (name, "transfer-encoding") && strstr (value, "chunked") != NULL)
        head->chunked = TRUE;
      else if (g_str_equal (name, "connection") && strstr (value, "close") != NULL)
        head->connection_close = TRUE;
    }
  return TRUE;
}

/* The end of a chunked body starting at @pos, or 0 if not all here yet. */
static gsize
chunked_end (const guint8 *data,
             gsize         len,
             gsize         pos)
{
  for (;;)
    {
      const guint8 *eol = find (data + pos, len - pos, "\r\n");
      guint64 size;

      if (eol == NULL)
        return 0;
      size = g_ascii_strtoull ((const char *) data + pos, NULL, 16);
      pos = (gsize) (eol - data) + 2;
      if (size == 0)
        {
          /* Trailers, then an empty line. */
          const guint8 *blank;

          if (len - pos >= 2 && data[pos] == '\r' && data[pos + 1] == '\n')
            return pos + 2;
          blank = find (data + pos, len - pos, "\r\n\r\n");
          return blank != NULL ? (gsize) (blank - data) + 4 : 0;
        }
      if (len - pos < size + 2)
        return 0;
      pos += size + 2;
    }
}

/* The length of the whole message at the start of @buf: 0 if incomplete,
 * G_MAXSIZE if malformed.  *until_close for a response without length. */
static gsize
message_length (GByteArray *buf,
                gboolean    response,
                gboolean    head_request,
                Head       *head,
                gboolean   *until_close)
{
  gboolean malformed = FALSE;

  *until_close = FALSE;
  if (!parse_head (buf->data, buf->len, response, head, &malformed))
    return 0;
  if (malformed)
    return G_MAXSIZE;

  if (response && (head_request || head->status / 100 == 1 || head->status == 204
                   || head->status == 304))
    return head->head_len;
  if (head->chunked)
    return chunked_end (buf->data, buf->len, head->head_len);
  if (head->has_length)
    {
      if (buf->len - head->head_len < head->content_length)
        return 0;
      return head->head_len + (gsize) head->content_length;
    }
  if (response)
    {
      *until_close = TRUE;
      return 0;
    }
  return head->head_len;
}

/* --- The connection's steps ------------------------------------------------------------------- */

static void process_client (Conn *conn);
static void read_upstream  (Conn *conn);

static void
read_client (Conn *conn);

static void
on_client_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Conn *conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (!conn->closed)
    {
      if (n <= 0)
        conn_close (conn);
      else if (conn->stalled)
        read_client (conn);
      else
        {
          g_byte_array_append (conn->cbuf, conn->chunk, (guint) n);
          process_client (conn);
        }
    }
  conn_unref (conn);
}

static void
read_client (Conn *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->client));

  g_input_stream_read_async (in, conn->chunk, sizeof conn->chunk, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_client_read, conn_ref (conn));
}

typedef struct
{
  Conn   *conn;
  GBytes *bytes;
  void  (*then) (Conn *conn);
} Write;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;
  Conn *conn = write->conn;
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  if (!conn->closed)
    {
      if (error != NULL)
        conn_close (conn);
      else
        write->then (conn);
    }
  g_bytes_unref (write->bytes);
  conn_unref (conn);
  g_free (write);
}

static void
write_to (Conn              *conn,
          GSocketConnection *to,
          const guint8      *data,
          gsize              len,
          void             (*then) (Conn *conn))
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (to));
  Write *write = g_new0 (Write, 1);
  gsize size;
  gconstpointer bytes_data;

  write->conn = conn_ref (conn);
  write->bytes = g_bytes_new (data, len);
  write->then = then;
  bytes_data = g_bytes_get_data (write->bytes, &size);
  g_output_stream_write_all_async (out, bytes_data, size, G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_written, write);
}

static void
then_close (Conn *conn)
{
  conn_close (conn);
}

static void
then_next_request (Conn *conn)
{
  /* The response went out; the next request may already be here. */
  process_client (conn);
}

static void
deliver_response (Conn     *conn,
                  gsize     len,
                  gboolean  close_after)
{
  g_autoptr (GBytes) response = g_bytes_new (conn->ubuf->data, len);

  g_byte_array_set_size (conn->ubuf, 0);
  conn_close_upstream (conn);

  switch (conn->fault)
    {
    case RD_FAULT_DROP_RESPONSE:
      /* The platform did the work; the client never hears of it. */
      conn_close (conn);
      break;

    case RD_FAULT_CUT_RESPONSE:
      write_to (conn, conn->client, g_bytes_get_data (response, NULL), MIN (conn->arg, len),
                then_close);
      break;

    default:
      write_to (conn, conn->client, g_bytes_get_data (response, NULL), len,
                close_after ? then_close : then_next_request);
      break;
    }
}

static void
on_upstream_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Conn *conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (!conn->closed)
    {
      Head head;
      gboolean until_close = FALSE;
      gsize len;

      if (n > 0)
        g_byte_array_append (conn->ubuf, conn->chunk, (guint) n);
      len = message_length (conn->ubuf, TRUE, conn->head_request, &head, &until_close);
      if (len == G_MAXSIZE)
        conn_close (conn);
      else if (len > 0)
        deliver_response (conn, len, head.connection_close);
      else if (n <= 0 && until_close)
        deliver_response (conn, conn->ubuf->len, TRUE);
      else if (n <= 0)
        conn_close (conn);  /* the platform hung up mid-answer */
      else
        read_upstream (conn);
      head_clear (&head);
    }
  conn_unref (conn);
}

static void
read_upstream (Conn *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->upstream));

  g_input_stream_read_async (in, conn->chunk, sizeof conn->chunk, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_upstream_read, conn_ref (conn));
}

static void
then_read_response (Conn *conn)
{
  g_byte_array_remove_range (conn->cbuf, 0, (guint) conn->req_len);
  conn->req_len = 0;
  g_byte_array_set_size (conn->ubuf, 0);
  read_upstream (conn);
}

static void forward (Conn *conn);

static void
on_upstream_connected (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Conn *conn = user_data;
  GSocketConnection *upstream;

  upstream = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (conn->closed)
    g_clear_object (&upstream);
  else if (upstream == NULL)
    conn_close (conn);
  else
    {
      conn->upstream = upstream;
      forward (conn);
    }
  conn_unref (conn);
}

static void
forward (Conn *conn)
{
  if (conn->upstream == NULL)
    {
      if (conn->proxy == NULL || conn->proxy->upstream_port == 0)
        {
          conn_close (conn);
          return;
        }
      g_socket_client_connect_to_host_async (conn->proxy->connector, "127.0.0.1",
                                             conn->proxy->upstream_port, conn->cancellable,
                                             on_upstream_connected, conn_ref (conn));
      return;
    }

  if (conn->fault == RD_FAULT_CUT_REQUEST)
    write_to (conn, conn->upstream, conn->cbuf->data, MIN (conn->arg, conn->req_len), then_close);
  else
    write_to (conn, conn->upstream, conn->cbuf->data, conn->req_len, then_read_response);
}

static gboolean
on_latency_done (gpointer user_data)
{
  Conn *conn = user_data;

  if (!conn->closed)
    forward (conn);
  conn_unref (conn);
  return G_SOURCE_REMOVE;
}

static gboolean
fault_applies (RdFaultProxy *proxy,
               const char   *line)
{
  if (proxy->fault == RD_FAULT_NONE || proxy->count == 0)
    return FALSE;
  if (proxy->match != NULL && strstr (line, proxy->match) == NULL)
    return FALSE;
  if (proxy->count > 0)
    proxy->count--;
  proxy->faults++;
  return TRUE;
}

static void
handle_request (Conn *conn,
                Head *head,
                gsize len)
{
  RdFaultProxy *proxy = conn->proxy;
  g_autofree char *line = g_strdup_printf ("%s %s", head->method, head->target);

  conn->req_len = len;
  conn->head_request = g_str_equal (head->method, "HEAD");
  proxy->requests++;
  g_ptr_array_add (proxy->log, g_strdup (line));

  conn->fault = RD_FAULT_NONE;
  conn->arg = 0;
  if (fault_applies (proxy, line))
    {
      conn->fault = proxy->fault;
      conn->arg = proxy->arg;
    }

  switch (conn->fault)
    {
    case RD_FAULT_STALL:
      /* Keeps reading only to notice when the client gives up. */
      conn->stalled = TRUE;
      g_byte_array_set_size (conn->cbuf, 0);
      read_client (conn);
      break;

    case RD_FAULT_HTTP_502:
    case RD_FAULT_HTTP_503:
      {
        g_autoptr (GString) answer = g_string_new (NULL);
        const char *body = "The platform is not available.\n";

        if (conn->fault == RD_FAULT_HTTP_502)
          g_string_append (answer, "HTTP/1.1 502 Bad Gateway\r\n");
        else
          g_string_append (answer, "HTTP/1.1 503 Service Unavailable\r\n");
        if (conn->fault == RD_FAULT_HTTP_503 && proxy->retry_after_text != NULL)
          g_string_append_printf (answer, "Retry-After: %s\r\n", proxy->retry_after_text);
        else if (conn->fault == RD_FAULT_HTTP_503 && conn->arg > 0)
          g_string_append_printf (answer, "Retry-After: %u\r\n", conn->arg);
        g_string_append_printf (answer,
                                "Content-Type: text/plain\r\nContent-Length: %zu\r\n"
                                "Connection: close\r\n\r\n%s",
                                strlen (body), body);
        write_to (conn, conn->client, (const guint8 *) answer->str, answer->len, then_close);
      }
      break;

    case RD_FAULT_REFUSE:
      conn_close (conn);
      break;

    case RD_FAULT_LATENCY:
      g_timeout_add (conn->arg, on_latency_done, conn_ref (conn));
      break;

    case RD_FAULT_NONE:
    case RD_FAULT_CUT_REQUEST:
    case RD_FAULT_CUT_RESPONSE:
    case RD_FAULT_DROP_RESPONSE:
    default:
      forward (conn);
      break;
    }
}

static void
process_client (Conn *conn)
{
  Head head;
  gboolean until_close = FALSE;
  gsize len;

  if (conn->proxy == NULL)
    {
      conn_close (conn);
      return;
    }
  len = message_length (conn->cbuf, FALSE, FALSE, &head, &until_close);
  if (len == G_MAXSIZE)
    conn_close (conn);
  else if (len == 0)
    read_client (conn);
  else
    handle_request (conn, &head, len);
  head_clear (&head);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  RdFaultProxy *proxy = user_data;
  Conn *conn;

  conn = g_new0 (Conn, 1);
  conn->ref = 1;  /* the proxy's */
  conn->proxy = proxy;
  conn->client = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->cbuf = g_byte_array_new ();
  conn->ubuf = g_byte_array_new ();
  proxy->conns = g_list_prepend (proxy->conns, conn);

  if (proxy->upstream_port == 0
      || (proxy->fault == RD_FAULT_REFUSE && proxy->match == NULL && proxy->count != 0))
    {
      if (proxy->upstream_port != 0)
        {
          if (proxy->count > 0)
            proxy->count--;
          proxy->faults++;
        }
      conn_close (conn);
      return TRUE;
    }
  read_client (conn);
  return TRUE;
}

/* --- The proxy ------------------------------------------------------------------------------- */

RdFaultProxy *
rd_fault_proxy_new (guint16 upstream_port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  RdFaultProxy *proxy = g_new0 (RdFaultProxy, 1);

  proxy->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u/", proxy->port);
  proxy->upstream_port = upstream_port;
  proxy->connector = g_socket_client_new ();
  /* Never through a system proxy: this is loopback. */
  g_socket_client_set_enable_proxy (proxy->connector, FALSE);
  proxy->log = g_ptr_array_new_with_free_func (g_free);
  proxy->count = -1;

  g_signal_connect (proxy->service, "incoming", G_CALLBACK (on_incoming), proxy);
  g_socket_service_start (proxy->service);
  return proxy;
}

void
rd_fault_proxy_close_all (RdFaultProxy *proxy)
{
  while (proxy->conns != NULL)
    conn_close (proxy->conns->data);
}

void
rd_fault_proxy_free (RdFaultProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  rd_fault_proxy_close_all (proxy);
  g_clear_object (&proxy->service);
  g_clear_object (&proxy->connector);
  g_ptr_array_unref (proxy->log);
  g_free (proxy->match);
  g_free (proxy->retry_after_text);
  g_free (proxy->url);
  g_free (proxy);
}

guint16
rd_fault_proxy_get_port (RdFaultProxy *proxy)
{
  return proxy->port;
}

const char *
rd_fault_proxy_get_url (RdFaultProxy *proxy)
{
  return proxy->url;
}

void
rd_fault_proxy_set_upstream (RdFaultProxy *proxy,
                             guint16       upstream_port)
{
  proxy->upstream_port = upstream_port;
}

void
rd_fault_proxy_set_fault (RdFaultProxy *proxy,
                          RdFault       fault,
                          guint         arg,
                          const char   *match,
                          gint          count)
{
  proxy->fault = fault;
  proxy->arg = arg;
  g_free (proxy->match);
  proxy->match = g_strdup (match);
  proxy->count = count;
}

void
rd_fault_proxy_clear_fault (RdFaultProxy *proxy)
{
  rd_fault_proxy_set_fault (proxy, RD_FAULT_NONE, 0, NULL, -1);
}

guint
rd_fault_proxy_get_requests (RdFaultProxy *proxy)
{
  return proxy->requests;
}

guint
rd_fault_proxy_get_faults (RdFaultProxy *proxy)
{
  return proxy->faults;
}

GPtrArray *
rd_fault_proxy_get_log (RdFaultProxy *proxy)
{
  return proxy->log;
}

void
rd_fault_proxy_clear_log (RdFaultProxy *proxy)
{
  g_ptr_array_set_size (proxy->log, 0);
}

void
rd_fault_proxy_set_retry_after_text (RdFaultProxy *proxy,
                                     const char   *text)
{
  g_free (proxy->retry_after_text);
  proxy->retry_after_text = g_strdup (text);
}
