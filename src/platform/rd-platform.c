/* rd-platform.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rd-codec.h"
#include "rd-platform.h"
#include "rd-platform-auth.h"
#include "rd-platform-db.h"
#include "rd-platform-engine.h"
#include "rd-platform-http.h"
#include "rd-policy.h"

/* API.md: "at least once a minute". */
#define SWEEP_INTERVAL_SECONDS 30
/* How long a stop waits for requests in flight. */
#define STOP_GRACE_SECONDS 10

#define CHANGES_LIMIT_DEFAULT 200
#define CHANGES_LIMIT_MAX 500

struct _RdPlatform
{
  GObject         parent_instance;

  RdPlatformDb   *db;
  RdPlatformAuth *auth;
  SoupServer     *server;

  gboolean        test_clock;
  gint64          clock_offset;  /* seconds added to real time */
  GDateTime      *fixed_now;     /* while a world is played */

  guint           sweep_id;
  guint           in_flight;     /* requests whose request line was read */
  GTask          *stop_task;
  guint           stop_timeout_id;
  guint           stop_idle_id;
};

G_DEFINE_FINAL_TYPE (RdPlatform, rd_platform, G_TYPE_OBJECT)

static void
rd_platform_dispose (GObject *object)
{
  RdPlatform *self = (RdPlatform *) object;

  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_handle_id (&self->stop_idle_id, g_source_remove);
  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      soup_server_disconnect (self->server);
    }
  g_clear_object (&self->server);
  g_clear_object (&self->stop_task);

  G_OBJECT_CLASS (rd_platform_parent_class)->dispose (object);
}

static void
rd_platform_finalize (GObject *object)
{
  RdPlatform *self = (RdPlatform *) object;

  g_clear_pointer (&self->db, rd_platform_db_close);
  g_clear_pointer (&self->auth, rd_platform_auth_free);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);

  G_OBJECT_CLASS (rd_platform_parent_class)->finalize (object);
}

static void
rd_platform_class_init (RdPlatformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_platform_dispose;
  object_class->finalize = rd_platform_finalize;
}

static void
rd_platform_init (RdPlatform *self)
{
}

/* --- The clock --------------------------------------------------------------- */

/* The platform's time, in whole seconds: real time plus the test clock's
 * offset, or the time of the step being played. */
static GDateTime *
platform_now (RdPlatform *self)
{
  if (self->fixed_now != NULL)
    return g_date_time_ref (self->fixed_now);
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + self->clock_offset);
}

static gint64
platform_now_unix (RdPlatform *self)
{
  g_autoptr(GDateTime) now = platform_now (self);

  return g_date_time_to_unix (now);
}

/* --- Helpers ------------------------------------------------------------------ */

static void
reply_internal (SoupServerMessage *msg,
                const GError      *error)
{
  g_warning ("Internal error: %s", error != NULL ? error->message : "?");
  rd_platform_http_reply_other (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                                _("The platform could not complete the request."));
}

/* A codec error names the field first ("requested.amount: not more than
 * zero"); that path becomes the problem's field. */
static void
reply_invalid (SoupServerMessage *msg,
               const GError      *error)
{
  g_autoptr(RdProblem) problem = rd_problem_new (RD_ERROR_VALIDATION_FAILED, error->message);
  const char *sep = strstr (error->message, ": ");
  g_autofree char *field = sep != NULL ? g_strndup (error->message, sep - error->message)
                                       : g_strdup ("body");

  rd_problem_add_field_error (problem, field, "invalid");
  rd_platform_http_reply_problem (msg, problem);
}

static void
set_etag (SoupServerMessage *msg,
          gint64             version)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", version);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

/* The case as @user reads it, with what they may do now. */
static JsonNode *
case_for_user (RdPlatform *self,
               RdCase     *kase,
               RdUser     *user,
               GDateTime  *now)
{
  kase->allowed_actions = rd_policy_allowed_actions (kase, user->role, user->id, now);
  return rd_codec_case_to_json (kase);
}

/* The body as a parsed JSON document, or NULL after answering 413 or 422. */
static JsonNode *
read_json_body (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean too_large = FALSE;
  JsonNode *node;
  gsize size = 0;
  const char *data;

  body = rd_platform_http_take_body (msg, &too_large);
  if (too_large)
    {
      rd_platform_http_reply_error (msg, RD_ERROR_TOO_LARGE, _("The request body is over 1 MiB."));
      return NULL;
    }
  data = g_bytes_get_data (body, &size);
  if (size == 0)
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("The request needs a JSON body."), "body", "required");
      return NULL;
    }
  node = rd_codec_parse (data, (gssize) size, &error);
  if (node == NULL)
    {
      g_autoptr(RdProblem) problem = rd_problem_new (RD_ERROR_VALIDATION_FAILED, error->message);

      rd_problem_add_field_error (problem, "body", "malformed");
      rd_platform_http_reply_problem (msg, problem);
      return NULL;
    }
  return node;
}

/* SHA-256 over a request's kind, its case and its canonical body. */
static char *
request_hash (const char   *kind,
              const char   *case_id,
              const char   *mime,
              gconstpointer data,
              gsize         size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (case_id != NULL ? case_id : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (mime != NULL ? mime : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, data, size);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
canonical_hash (const char *kind,
                const char *case_id,
                JsonNode   *canonical)
{
  g_autoptr(JsonNode) owned = canonical;
  gsize length = 0;
  g_autofree char *text = rd_codec_to_string (owned, &length);

  return request_hash (kind, case_id, NULL, text, length);
}

/* Answers for a client id that was applied before: the first answer again
 * when the request is the same (a 201 becomes a 200: nothing was created
 * now), 409 id_conflict when it is not.  FALSE when the id is new. */
static gboolean
answer_known_id (RdPlatform        *self,
                 SoupServerMessage *msg,
                 const char        *kind,
                 const char        *id,
                 RdUser            *user,
                 const char        *hash)
{
  g_autofree char *owner = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  if (!rd_platform_db_find_receipt (self->db, kind, id, &owner, &stored_hash, &status, &body))
    return FALSE;

  if (g_strcmp0 (owner, user->id) == 0 && rd_platform_auth_equal (stored_hash, hash))
    {
      g_autoptr(JsonNode) node = rd_codec_parse (body, -1, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
          && json_object_has_member (json_node_get_object (node), "version"))
        set_etag (msg, json_object_get_int_member (json_node_get_object (node), "version"));
      rd_platform_http_reply_text (msg, status == SOUP_STATUS_CREATED ? SOUP_STATUS_OK : status, body);
    }
  else
    rd_platform_http_reply_error (msg, RD_ERROR_ID_CONFLICT,
                                  _("This id was already used for a different request."));
  return TRUE;
}

/* --- Authentication ---------------------------------------------------------- */

static RdUser *
authenticate (RdPlatform        *self,
              SoupServerMessage *msg)
{
  g_autofree char *token = rd_platform_http_bearer_token (msg);
  g_autofree char *token_hash = NULL;
  RdUser *user;

  if (token == NULL)
    {
      rd_platform_http_reply_error (msg, RD_ERROR_UNAUTHORIZED, _("This request needs a token."));
      return NULL;
    }
  token_hash = rd_platform_auth_hash_token (token);
  /* Sessions expire on the platform's clock, like everything else: the test
   * clock can move past a token's expires_at too. */
  user = rd_platform_db_session_user (self->db, token_hash, platform_now_unix (self));
  if (user == NULL)
    {
      rd_platform_http_reply_error (msg, RD_ERROR_UNAUTHORIZED,
                                    _("The token is not valid, or the session has ended."));
      return NULL;
    }
  g_free (rd_platform_http_request (msg)->user_id);
  rd_platform_http_request (msg)->user_id = g_strdup (user->id);
  return user;
}

/* --- GET /v1/health, GET /v1/config -------------------------------------------- */

static void
handle_health (RdPlatform        *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = platform_now (self);
  g_autofree char *now_text = rd_codec_format_time (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "now");
  json_builder_add_string_value (builder, now_text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_config (RdPlatform        *self,
               SoupServerMessage *msg)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdConfig) config = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL)
    return;
  config = rd_config_new_default ();
  config->evidence_max_bytes = RD_PLATFORM_EVIDENCE_MAX_BYTES;
  config->evidence_max_per_case = RD_PLATFORM_EVIDENCE_MAX_PER_CASE;
  config->text_max_chars = RD_PLATFORM_TEXT_MAX_CHARS;
  node = rd_codec_config_to_json (config);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, node);
}

/* --- Session ------------------------------------------------------------------- */

static const char *
string_member (JsonNode   *node,
               const char *name)
{
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

static void
handle_login (RdPlatform        *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonNode) body = read_json_body (msg);
  g_autoptr(RdUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(JsonNode) reply = NULL;
  RdSessionInfo info = { 0 };
  const char *login, *password;
  gint64 now = platform_now_unix (self);
  gint64 expires;
  guint retry_after = 0;

  if (body == NULL)
    return;
  login = string_member (body, "login");
  password = string_member (body, "password");
  if (login == NULL || password == NULL)
    {
      g_autoptr(RdProblem) problem =
        rd_problem_new (RD_ERROR_VALIDATION_FAILED, _("A login and a password are required."));

      if (login == NULL)
        rd_problem_add_field_error (problem, "login", "required");
      if (password == NULL)
        rd_problem_add_field_error (problem, "password", "required");
      rd_platform_http_reply_problem (msg, problem);
      return;
    }

  /* The rate limit runs on the platform's clock, so that a test can move
   * past it instead of waiting a minute. */
  if (!rd_platform_auth_may_try (self->auth, login, now, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
      rd_platform_http_reply_error (msg, RD_ERROR_RATE_LIMITED,
                                    _("Too many failed logins. Try again later."));
      return;
    }

  user = rd_platform_db_find_login (self->db, login, &password_hash);
  if (!rd_platform_auth_verify_password (password, user != NULL ? password_hash : NULL))
    {
      rd_platform_auth_record_failure (self->auth, login, now);
      rd_platform_http_reply_error (msg, RD_ERROR_UNAUTHORIZED, _("The login or password is wrong."));
      return;
    }
  rd_platform_auth_clear_failures (self->auth, login);

  expires = now + RD_PLATFORM_TOKEN_LIFETIME_SECONDS;
  if (!rd_platform_auth_new_token (&token, &token_hash, &error)
      || !rd_platform_db_begin (self->db, &error)
      || !rd_platform_db_insert_session (self->db, token_hash, user->id, now, expires, &error)
      || !rd_platform_db_commit (self->db, &error))
    {
      rd_platform_db_rollback (self->db);
      reply_internal (msg, error);
      return;
    }

  g_free (rd_platform_http_request (msg)->user_id);
  rd_platform_http_request (msg)->user_id = g_strdup (user->id);

  info.token = token;
  info.expires_at = g_date_time_new_from_unix_utc (expires);
  info.user = user;
  reply = rd_codec_session_to_json (&info);
  g_date_time_unref (info.expires_at);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, reply);
}

static void
handle_logout (RdPlatform        *self,
               SoupServerMessage *msg)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;

  if (user == NULL)
    return;
  token = rd_platform_http_bearer_token (msg);
  token_hash = rd_platform_auth_hash_token (token);
  if (!rd_platform_db_delete_session (self->db, token_hash, &error))
    {
      reply_internal (msg, error);
      return;
    }
  rd_platform_http_reply_empty (msg, SOUP_STATUS_NO_CONTENT);
}

static void
handle_me (RdPlatform        *self,
           SoupServerMessage *msg)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL)
    return;
  node = rd_codec_user_to_json (user);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, node);
}

/* --- Changes ------------------------------------------------------------------- */

/* A cursor is base64url of "EPOCH:READER:SEQ": the database it belongs to,
 * whose point of view it is (a digest of the epoch and the user id: a
 * cursor is no use to another user, whose objects it would skip) and the
 * last change the reader has. */
static char *
cursor_prefix (RdPlatform *self,
               RdUser     *user)
{
  const char *epoch = rd_platform_db_get_epoch (self->db);
  g_autofree char *seed = g_strconcat (epoch, ":", user->id, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  digest[16] = '\0';
  return g_strconcat (epoch, ":", digest, ":", NULL);
}

static char *
encode_cursor (RdPlatform *self,
               RdUser     *user,
               gint64      seq)
{
  g_autofree char *prefix = cursor_prefix (self, user);
  g_autofree char *raw = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, seq);
  char *b64 = g_base64_encode ((const guchar *) raw, strlen (raw));

  for (char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return b64;
}

static gboolean
decode_cursor (RdPlatform *self,
               RdUser     *user,
               const char *cursor,
               gint64     *seq)
{
  g_autoptr(GString) b64 = g_string_new (NULL);
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *again = NULL;
  gsize len = 0;
  guint64 value;

  if (cursor == NULL || *cursor == '\0' || strlen (cursor) > 200)
    return FALSE;
  for (const char *p = cursor; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append_c (b64, '+');
      else if (*p == '_')
        g_string_append_c (b64, '/');
      else if (g_ascii_isalnum (*p))
        g_string_append_c (b64, *p);
      else
        return FALSE;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  raw = g_base64_decode (b64->str, &len);
  text = g_strndup ((const char *) raw, len);
  if (strlen (text) != len)
    return FALSE;

  prefix = cursor_prefix (self, user);
  if (!g_str_has_prefix (text, prefix)
      || !g_ascii_string_to_unsigned (text + strlen (prefix), 10, 0, G_MAXINT64, &value, NULL)
      || (gint64) value > rd_platform_db_get_last_seq (self->db))
    return FALSE;

  /* Exactly what this platform would have written for this reader. */
  *seq = (gint64) value;
  again = encode_cursor (self, user, *seq);
  return strcmp (again, cursor) == 0;
}

static void
handle_changes (RdPlatform        *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *cursor = NULL;
  JsonObject *obj;
  JsonArray *orders, *cases;
  const char *since_text = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 limit = CHANGES_LIMIT_DEFAULT;
  gint64 since = 0, last;
  gboolean more;

  if (user == NULL)
    return;
  if (limit_text != NULL
      && !g_ascii_string_to_unsigned (limit_text, 10, 1, CHANGES_LIMIT_MAX, &limit, NULL))
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("The limit is a number from 1 to 500."),
                                          "limit", "out_of_range");
      return;
    }
  if (since_text != NULL && *since_text != '\0' && !decode_cursor (self, user, since_text, &since))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_CURSOR_EXPIRED,
                                    _("This cursor is not known here. Sync again from the start."));
      return;
    }

  rows = rd_platform_db_changes (self->db, user->role, user->id, since, (guint) limit + 1, &error);
  if (rows == NULL)
    {
      reply_internal (msg, error);
      return;
    }
  more = rows->len > limit;
  if (more)
    g_ptr_array_set_size (rows, (guint) limit);

  now = platform_now (self);
  orders = json_array_new ();
  cases = json_array_new ();
  last = since;
  for (guint i = 0; i < rows->len; i++)
    {
      RdPlatformChange *change = g_ptr_array_index (rows, i);
      g_autoptr(JsonNode) node = rd_codec_parse (change->doc, -1, &error);

      if (node == NULL)
        {
          json_array_unref (orders);
          json_array_unref (cases);
          reply_internal (msg, error);
          return;
        }
      if (change->is_case)
        {
          g_autoptr(RdCase) kase = rd_codec_case_from_json (node, &error);

          if (kase == NULL)
            {
              json_array_unref (orders);
              json_array_unref (cases);
              reply_internal (msg, error);
              return;
            }
          json_array_add_element (cases, case_for_user (self, kase, user, now));
        }
      else
        json_array_add_element (orders, g_steal_pointer (&node));
      last = change->seq;
    }

  cursor = encode_cursor (self, user, last);
  obj = json_object_new ();
  json_object_set_string_member (obj, "cursor", cursor);
  json_object_set_boolean_member (obj, "more", more);
  json_object_set_array_member (obj, "orders", orders);
  json_object_set_array_member (obj, "cases", cases);
  /* A case never stops being visible to whom it was: buyers and sellers
   * keep their cases, and an agent's cases stay "were under review". */
  json_object_set_array_member (obj, "removed", json_array_new ());
  root = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, root);
}

/* --- Orders -------------------------------------------------------------------- */

static gboolean
may_see_order (RdOrder *order,
               RdUser  *user)
{
  /* An order is its buyer's and its shop's; agents read cases only. */
  if (user->role == RD_ROLE_BUYER)
    return g_strcmp0 (order->buyer->id, user->id) == 0;
  if (user->role == RD_ROLE_SELLER)
    return g_strcmp0 (order->seller->id, user->id) == 0;
  return FALSE;
}

static void
handle_get_order (RdPlatform        *self,
                  SoupServerMessage *msg,
                  const char        *id)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL)
    return;
  order = rd_platform_db_get_order (self->db, id, &error);
  if (error != NULL)
    {
      reply_internal (msg, error);
      return;
    }
  if (order == NULL || !may_see_order (order, user))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_NOT_FOUND, _("There is no such order."));
      return;
    }
  node = rd_codec_order_to_json (order);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, node);
}

/* --- Cases --------------------------------------------------------------------- */

/* The case @id as @user may see it, or NULL after answering (404 or 500). */
static RdCase *
load_visible_case (RdPlatform        *self,
                   SoupServerMessage *msg,
                   RdUser            *user,
                   const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = rd_platform_db_get_case (self->db, id, &error);

  if (error != NULL)
    {
      reply_internal (msg, error);
      return NULL;
    }
  if (kase == NULL || !rd_platform_engine_may_see (kase, user))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_NOT_FOUND, _("There is no such case."));
      return NULL;
    }
  return g_steal_pointer (&kase);
}

static void
handle_get_case (RdPlatform        *self,
                 SoupServerMessage *msg,
                 const char        *id)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL)
    return;
  kase = load_visible_case (self, msg, user, id);
  if (kase == NULL)
    return;
  now = platform_now (self);
  node = case_for_user (self, kase, user, now);
  set_etag (msg, kase->version);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, node);
}

/* Saves @kase with the receipt of the request that changed it, and answers
 * @status with @body, in one transaction. */
static void
commit_case (RdPlatform        *self,
             SoupServerMessage *msg,
             RdCase            *kase,
             const char        *kind,
             const char        *id,
             RdUser            *user,
             const char        *hash,
             guint              status,
             JsonNode          *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = rd_codec_to_string (body, NULL);

  if (!rd_platform_db_begin (self->db, &error)
      || !rd_platform_db_save_case (self->db, kase, &error)
      || !rd_platform_db_insert_receipt (self->db, kind, id, user->id, hash, status, text, &error)
      || !rd_platform_db_commit (self->db, &error))
    {
      rd_platform_db_rollback (self->db);
      reply_internal (msg, error);
      return;
    }
  set_etag (msg, kase->version);
  rd_platform_http_reply_text (msg, status, text);
}

static void
handle_put_case (RdPlatform        *self,
                 SoupServerMessage *msg,
                 const char        *id)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(RdCaseDraft) draft = NULL;
  g_autoptr(RdOrder) order = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *hash = NULL;

  if (user == NULL)
    return;
  if (!rd_uuid_is_valid (id))
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("A case id is a UUID."), "id", "invalid");
      return;
    }
  body = read_json_body (msg);
  if (body == NULL)
    return;
  draft = rd_codec_case_draft_from_json (body, &error);
  if (draft == NULL)
    {
      reply_invalid (msg, error);
      return;
    }

  hash = canonical_hash ("case", id, rd_codec_case_draft_to_json (draft));
  if (answer_known_id (self, msg, "case", id, user, hash))
    return;
  if (rd_platform_db_case_exists (self->db, id))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_ID_CONFLICT, _("This case id is already used."));
      return;
    }

  if (user->role != RD_ROLE_BUYER)
    {
      rd_platform_http_reply_error (msg, RD_ERROR_FORBIDDEN, _("Only a buyer files a case."));
      return;
    }
  order = rd_platform_db_get_order (self->db, draft->order_id, &error);
  if (error != NULL)
    {
      reply_internal (msg, error);
      return;
    }
  if (order == NULL || !may_see_order (order, user))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_NOT_FOUND, _("There is no such order."));
      return;
    }

  now = platform_now (self);
  kase = rd_platform_engine_file (order, user, id, draft, now, &problem);
  if (kase == NULL)
    {
      rd_platform_http_reply_problem (msg, problem);
      return;
    }
  if (rd_platform_db_has_open_case (self->db, order->id, draft->item_sku))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_DUPLICATE_CASE,
                                    _("This item already has an open case."));
      return;
    }

  reply = case_for_user (self, kase, user, now);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                g_uri_get_path (soup_server_message_get_uri (msg)));
  commit_case (self, msg, kase, "case", id, user, hash, SOUP_STATUS_CREATED, reply);
}

static void
handle_action (RdPlatform        *self,
               SoupServerMessage *msg,
               const char        *case_id)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(RdAction) action = NULL;
  g_autoptr(RdProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *hash = NULL;

  if (user == NULL)
    return;
  kase = load_visible_case (self, msg, user, case_id);
  if (kase == NULL)
    return;
  body = read_json_body (msg);
  if (body == NULL)
    return;
  action = rd_codec_action_from_json (body, &error);
  if (action == NULL)
    {
      reply_invalid (msg, error);
      return;
    }

  /* A replay is answered before anything about the case's present state:
   * the first answer stands even though the case has moved on since. */
  hash = canonical_hash ("action", case_id, rd_codec_action_to_json (action));
  if (answer_known_id (self, msg, "action", action->id, user, hash))
    return;

  if (!rd_platform_engine_role_may (user->role, action->type))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_FORBIDDEN,
                                    _("Your account may not take this action."));
      return;
    }

  now = platform_now (self);
  /* A message changes nothing that another party could have changed under
   * it, so it never needs If-Match; one that is sent anyway is not held
   * against it. */
  if (action->type != RD_ACTION_TYPE_MESSAGE)
    {
      switch (rd_platform_http_if_match (msg, kase->version))
        {
        case RD_IF_MATCH_ABSENT:
          rd_platform_http_reply_error (msg, RD_ERROR_PRECONDITION_REQUIRED,
                                        _("This action needs If-Match with the case’s version."));
          return;

        case RD_IF_MATCH_STALE:
          problem = rd_problem_new (RD_ERROR_VERSION_MISMATCH,
                                    _("The case has changed since that version."));
          kase->allowed_actions = rd_policy_allowed_actions (kase, user->role, user->id, now);
          problem->current_case = g_object_ref (kase);
          set_etag (msg, kase->version);
          rd_platform_http_reply_problem (msg, problem);
          return;

        case RD_IF_MATCH_OK:
        default:
          break;
        }
    }

  if (!rd_platform_engine_act (kase, user, action, now, &problem))
    {
      rd_platform_http_reply_problem (msg, problem);
      return;
    }
  reply = case_for_user (self, kase, user, now);
  commit_case (self, msg, kase, "action", action->id, user, hash, SOUP_STATUS_OK, reply);
}

/* --- Evidence ------------------------------------------------------------------ */

static void
handle_put_evidence (RdPlatform        *self,
                     SoupServerMessage *msg,
                     const char        *id,
                     GHashTable        *query)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RdProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *case_id = query != NULL ? g_hash_table_lookup (query, "case") : NULL;
  const char *mime;
  gboolean too_large = FALSE;
  gsize size = 0;
  gconstpointer data;

  if (user == NULL)
    return;
  if (!rd_uuid_is_valid (id))
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("An evidence id is a UUID."), "id", "invalid");
      return;
    }
  if (case_id == NULL || *case_id == '\0')
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("Name the case with ?case=CASE_ID."), "case", "required");
      return;
    }
  kase = load_visible_case (self, msg, user, case_id);
  if (kase == NULL)
    return;

  bytes = rd_platform_http_take_body (msg, &too_large);
  if (too_large)
    {
      rd_platform_http_reply_error (msg, RD_ERROR_TOO_LARGE, _("The file is larger than 10 MiB."));
      return;
    }
  mime = soup_message_headers_get_content_type (headers, NULL);
  data = g_bytes_get_data (bytes, &size);

  hash = request_hash ("evidence", kase->id, mime, data, size);
  if (answer_known_id (self, msg, "evidence", id, user, hash))
    return;
  if (rd_platform_db_evidence_exists (self->db, id))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_ID_CONFLICT, _("This evidence id is already used."));
      return;
    }

  now = platform_now (self);
  if (!rd_platform_engine_check_file (mime, bytes, &problem)
      || !rd_platform_engine_add_evidence (kase, user, id,
                                           soup_message_headers_get_one (headers, "X-Filename"),
                                           mime, bytes, now, &problem))
    {
      rd_platform_http_reply_problem (msg, problem);
      return;
    }

  reply = rd_codec_evidence_to_json (g_ptr_array_index (kase->evidence, kase->evidence->len - 1));
  text = rd_codec_to_string (reply, NULL);
  if (!rd_platform_db_begin (self->db, &error)
      || !rd_platform_db_insert_evidence (self->db, id, kase->id, mime, bytes, &error)
      || !rd_platform_db_save_case (self->db, kase, &error)
      || !rd_platform_db_insert_receipt (self->db, "evidence", id, user->id, hash,
                                         SOUP_STATUS_CREATED, text, &error)
      || !rd_platform_db_commit (self->db, &error))
    {
      rd_platform_db_rollback (self->db);
      reply_internal (msg, error);
      return;
    }
  rd_platform_http_reply_text (msg, SOUP_STATUS_CREATED, text);
}

static void
handle_get_evidence (RdPlatform        *self,
                     SoupServerMessage *msg,
                     const char        *id)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GError) error = NULL;

  if (user == NULL)
    return;
  bytes = rd_platform_db_get_evidence (self->db, id, &case_id, &mime);
  if (bytes != NULL)
    kase = rd_platform_db_get_case (self->db, case_id, &error);
  if (kase == NULL || !rd_platform_engine_may_see (kase, user))
    {
      rd_platform_http_reply_error (msg, RD_ERROR_NOT_FOUND, _("There is no such file."));
      return;
    }
  rd_platform_http_reply_bytes (msg, mime, bytes);
}

/* --- The test clock ------------------------------------------------------------- */

static void
handle_test_clock (RdPlatform        *self,
                   SoupServerMessage *msg)
{
  g_autoptr(RdUser) user = authenticate (self, msg);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  JsonNode *member = NULL;
  JsonObject *obj;
  gint64 seconds;

  /* Like every request but health and session: with a token (any role's). */
  if (user == NULL)
    return;
  body = read_json_body (msg);
  if (body == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (body))
    member = json_object_get_member (json_node_get_object (body), "advance_seconds");
  /* Time moves forward only: a deadline that passed stays passed. */
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_INT64
      || (seconds = json_node_get_int (member)) < 0
      || seconds > (gint64) 100 * 365 * 24 * 3600)
    {
      rd_platform_http_reply_field_error (msg, RD_ERROR_VALIDATION_FAILED,
                                          _("advance_seconds is a whole number of seconds, zero or more."),
                                          "advance_seconds", "invalid");
      return;
    }

  self->clock_offset += seconds;
  rd_platform_sweep (self);

  now = platform_now (self);
  now_text = rd_codec_format_time (now);
  obj = json_object_new ();
  json_object_set_string_member (obj, "now", now_text);
  root = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  rd_platform_http_reply_json (msg, SOUP_STATUS_OK, root);
}

static void maybe_finish_stop (RdPlatform *self);

/* --- Routing -------------------------------------------------------------------- */

typedef enum
{
  ROUTE_NONE,
  ROUTE_HEALTH,
  ROUTE_SESSION,
  ROUTE_ME,
  ROUTE_CONFIG,
  ROUTE_CHANGES,
  ROUTE_ORDER,
  ROUTE_CASE,
  ROUTE_ACTIONS,
  ROUTE_EVIDENCE,
  ROUTE_TEST_CLOCK,
} Route;

/* The route of @path, with the id it names (owned by @parts). */
static Route
route_of (const char  *path,
          GStrv       *parts,
          const char **id)
{
  char **p;
  guint n;

  *id = NULL;
  if (path == NULL || !g_str_has_prefix (path, "/v1/"))
    return ROUTE_NONE;
  *parts = g_strsplit (path + strlen ("/v1/"), "/", -1);
  p = *parts;
  n = g_strv_length (p);
  for (guint i = 0; i < n; i++)
    if (*p[i] == '\0')
      return ROUTE_NONE;

  if (n == 1 && strcmp (p[0], "health") == 0)
    return ROUTE_HEALTH;
  if (n == 1 && strcmp (p[0], "session") == 0)
    return ROUTE_SESSION;
  if (n == 1 && strcmp (p[0], "me") == 0)
    return ROUTE_ME;
  if (n == 1 && strcmp (p[0], "config") == 0)
    return ROUTE_CONFIG;
  if (n == 1 && strcmp (p[0], "changes") == 0)
    return ROUTE_CHANGES;
  if (n == 2 && strcmp (p[0], "orders") == 0)
    {
      *id = p[1];
      return ROUTE_ORDER;
    }
  if (n == 2 && strcmp (p[0], "cases") == 0)
    {
      *id = p[1];
      return ROUTE_CASE;
    }
  if (n == 3 && strcmp (p[0], "cases") == 0 && strcmp (p[2], "actions") == 0)
    {
      *id = p[1];
      return ROUTE_ACTIONS;
    }
  if (n == 2 && strcmp (p[0], "evidence") == 0)
    {
      *id = p[1];
      return ROUTE_EVIDENCE;
    }
  if (n == 2 && strcmp (p[0], "test") == 0 && strcmp (p[1], "clock") == 0)
    return ROUTE_TEST_CLOCK;
  return ROUTE_NONE;
}

/* The methods of each route, for 405's Allow. */
static const char *
route_methods (Route route)
{
  switch (route)
    {
    case ROUTE_HEALTH:
    case ROUTE_ME:
    case ROUTE_CONFIG:
    case ROUTE_CHANGES:
    case ROUTE_ORDER:
      return "GET";
    case ROUTE_SESSION:
      return "POST, DELETE";
    case ROUTE_CASE:
    case ROUTE_EVIDENCE:
      return "GET, PUT";
    case ROUTE_ACTIONS:
    case ROUTE_TEST_CLOCK:
      return "POST";
    case ROUTE_NONE:
    default:
      return NULL;
    }
}

static gboolean
test_clock_available (RdPlatform        *self,
                      SoupServerMessage *msg)
{
  return self->test_clock && rd_platform_http_peer_is_loopback (msg);
}

static void request_begin (RdPlatform        *self,
                           SoupServerMessage *msg);
static void request_done  (RdPlatform        *self,
                           SoupServerMessage *msg,
                           gboolean           aborted);

static void
on_early (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  RdPlatform *self = user_data;
  g_auto(GStrv) parts = NULL;
  const char *id;
  Route route = route_of (path, &parts, &id);
  gboolean evidence_upload = route == ROUTE_EVIDENCE
                             && g_strcmp0 (soup_server_message_get_method (msg), "PUT") == 0;

  if (self->stop_task != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
  /* The early handler runs before our own got-headers handler. */
  request_begin (self, msg);
  if (!rd_platform_http_limit_body (msg, evidence_upload ? RD_PLATFORM_EVIDENCE_MAX_BYTES
                                                         : RD_PLATFORM_JSON_MAX_BYTES))
    /* Answered on a connection taken from libsoup: no request-finished. */
    request_done (self, msg, FALSE);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  RdPlatform *self = user_data;
  g_auto(GStrv) parts = NULL;
  const char *id = NULL;
  const char *method = soup_server_message_get_method (msg);
  Route route = route_of (path, &parts, &id);
  gboolean get = g_strcmp0 (method, "GET") == 0;
  gboolean put = g_strcmp0 (method, "PUT") == 0;
  gboolean post = g_strcmp0 (method, "POST") == 0;

  if (route == ROUTE_TEST_CLOCK && !test_clock_available (self, msg))
    route = ROUTE_NONE;

  switch (route)
    {
    case ROUTE_HEALTH:
      if (get)
        {
          handle_health (self, msg);
          return;
        }
      break;
    case ROUTE_SESSION:
      if (post)
        {
          handle_login (self, msg);
          return;
        }
      if (g_strcmp0 (method, "DELETE") == 0)
        {
          handle_logout (self, msg);
          return;
        }
      break;
    case ROUTE_ME:
      if (get)
        {
          handle_me (self, msg);
          return;
        }
      break;
    case ROUTE_CONFIG:
      if (get)
        {
          handle_config (self, msg);
          return;
        }
      break;
    case ROUTE_CHANGES:
      if (get)
        {
          handle_changes (self, msg, query);
          return;
        }
      break;
    case ROUTE_ORDER:
      if (get)
        {
          handle_get_order (self, msg, id);
          return;
        }
      break;
    case ROUTE_CASE:
      if (get)
        {
          handle_get_case (self, msg, id);
          return;
        }
      if (put)
        {
          handle_put_case (self, msg, id);
          return;
        }
      break;
    case ROUTE_ACTIONS:
      if (post)
        {
          handle_action (self, msg, id);
          return;
        }
      break;
    case ROUTE_EVIDENCE:
      if (get)
        {
          handle_get_evidence (self, msg, id);
          return;
        }
      if (put)
        {
          handle_put_evidence (self, msg, id, query);
          return;
        }
      break;
    case ROUTE_TEST_CLOCK:
      if (post)
        {
          handle_test_clock (self, msg);
          return;
        }
      break;
    case ROUTE_NONE:
    default:
      rd_platform_http_reply_error (msg, RD_ERROR_NOT_FOUND, _("There is nothing at this address."));
      return;
    }

  /* A known address with a method it does not have.  No code of API.md's
   * table fits (not_found would say the address does not exist), so the
   * problem carries a code of its own, `method_not_allowed`, which a client
   * reads as a generic failure. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", route_methods (route));
  rd_platform_http_reply_other (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                                _("This address does not take this method."));
}

/* --- Request bookkeeping and the log ---------------------------------------------- */

/* A request is in flight from its request line to its answer. */
static void
request_begin (RdPlatform        *self,
               SoupServerMessage *msg)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);

  if (!request->active && !request->done)
    {
      request->active = TRUE;
      request->started_us = g_get_monotonic_time ();
      self->in_flight++;
    }
}

static void
on_got_headers (SoupServerMessage *msg,
                RdPlatform        *self)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);
  guint status = soup_server_message_get_status (msg);

  request_begin (self, msg);

  /* libsoup refused the request line itself (a path that climbs out with
   * encoded "..", a wrong scheme): a problem body all the same.  No code of
   * API.md's table is about a malformed request. */
  if (status >= 400 && !request->done
      && soup_server_message_get_response_body (msg)->length == 0)
    rd_platform_http_reply_other (msg, status, "bad_request",
                                  _("The request is malformed."));
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    RdPlatform        *self)
{
  /* A connection waits for its next request with a message already
   * started: it counts as in flight only once its request line is in. */
  rd_platform_http_request (msg);
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers), self, 0);
}

static void
log_request (SoupServerMessage *msg,
             gboolean           aborted)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  /* The path only, never the query; escaped, so that a path cannot forge a
   * log line. */
  g_autofree char *path = g_strescape (uri != NULL ? g_uri_get_path (uri) : "?", NULL);
  double ms = (g_get_monotonic_time () - request->started_us) / 1000.0;

  if (aborted)
    g_printerr ("%s %s aborted %.1fms %s\n", method != NULL ? method : "?", path, ms,
                request->user_id != NULL ? request->user_id : "-");
  else
    g_printerr ("%s %s %u %.1fms %s\n", method != NULL ? method : "?", path,
                soup_server_message_get_status (msg), ms,
                request->user_id != NULL ? request->user_id : "-");
}

static void
request_done (RdPlatform        *self,
              SoupServerMessage *msg,
              gboolean           aborted)
{
  RdPlatformRequest *request = rd_platform_http_request (msg);

  if (!request->active)
    return;
  request->active = FALSE;
  request->done = TRUE;
  log_request (msg, aborted);
  g_assert (self->in_flight > 0);
  self->in_flight--;
  maybe_finish_stop (self);
}

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     RdPlatform        *self)
{
  request_done (self, msg, FALSE);
}

static void
on_request_aborted (SoupServer        *server,
                    SoupServerMessage *msg,
                    RdPlatform        *self)
{
  request_done (self, msg, TRUE);
}

/* --- Construction, listening, the sweep ---------------------------------------- */

RdPlatform *
rd_platform_new (const char  *db_path,
                 gboolean     test_clock,
                 GError     **error)
{
  g_autoptr(RdPlatform) self = g_object_new (RD_TYPE_PLATFORM, NULL);

  self->db = rd_platform_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;
  self->auth = rd_platform_auth_new ();
  self->test_clock = test_clock;
  return g_steal_pointer (&self);
}

gboolean
rd_platform_is_empty (RdPlatform *self)
{
  g_return_val_if_fail (RD_IS_PLATFORM (self), FALSE);

  return rd_platform_db_count_users (self->db) == 0;
}

void
rd_platform_sweep (RdPlatform *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_PLATFORM (self));

  now = platform_now (self);
  due = rd_platform_db_due_cases (self->db, g_date_time_to_unix (now));
  if (due->len == 0)
    return;

  if (!rd_platform_db_begin (self->db, &error))
    goto failed;
  for (guint i = 0; i < due->len; i++)
    {
      g_autoptr(RdCase) kase = rd_platform_db_get_case (self->db, g_ptr_array_index (due, i), &error);

      if (kase == NULL)
        goto failed;
      if (rd_platform_engine_sweep (kase, now) && !rd_platform_db_save_case (self->db, kase, &error))
        goto failed;
    }
  if (!rd_platform_db_commit (self->db, &error))
    goto failed;
  g_printerr ("sweep: %u case(s) past their deadline\n", due->len);
  return;

failed:
  rd_platform_db_rollback (self->db);
  g_warning ("The deadline sweep failed: %s", error != NULL ? error->message : "?");
}

static gboolean
on_sweep_timeout (gpointer user_data)
{
  rd_platform_sweep (user_data);
  return G_SOURCE_CONTINUE;
}

gboolean
rd_platform_listen (RdPlatform  *self,
                    const char  *address,
                    guint        port,
                    char       **url,
                    GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *listeners;
  guint bound_port = port;

  g_return_val_if_fail (RD_IS_PLATFORM (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16) port);

  self->server = soup_server_new ("server-header", "redress-platform/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->server, NULL, on_early, self, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (on_request_finished), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (on_request_aborted), self);

  if (!soup_server_listen (self->server, socket_address, 0, error))
    return FALSE;

  /* The port that --port 0 got, from the socket itself
   * (soup_server_get_uris () of libsoup 3.2 leaks an address). */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);

  if (url != NULL)
    {
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
        *url = g_strdup_printf ("http://[%s]:%u/", address, bound_port);
      else
        *url = g_strdup_printf ("http://%s:%u/", address, bound_port);
    }

  rd_platform_sweep (self);
  self->sweep_id = g_timeout_add_seconds (SWEEP_INTERVAL_SECONDS, on_sweep_timeout, self);
  return TRUE;
}

/* --- Stopping -------------------------------------------------------------------- */

static gboolean
finish_stop (gpointer user_data)
{
  RdPlatform *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->stop_task);

  self->stop_idle_id = 0;
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
maybe_finish_stop (RdPlatform *self)
{
  if (self->stop_task != NULL && self->in_flight == 0 && self->stop_idle_id == 0)
    self->stop_idle_id = g_idle_add (finish_stop, self);
}

static gboolean
on_stop_timeout (gpointer user_data)
{
  RdPlatform *self = user_data;

  self->stop_timeout_id = 0;
  g_printerr ("stop: %u request(s) still in flight; closing anyway\n", self->in_flight);
  if (self->stop_idle_id == 0)
    self->stop_idle_id = g_idle_add (finish_stop, self);
  return G_SOURCE_REMOVE;
}

void
rd_platform_stop_async (RdPlatform          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_PLATFORM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_platform_stop_async);
  if (self->stop_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("Already stopping."));
      return;
    }
  self->stop_task = g_steal_pointer (&task);

  if (self->server != NULL)
    {
      GSList *listeners = soup_server_get_listeners (self->server);

      /* Shutting a listening socket down makes accept () fail, which ends
       * libsoup's watch on it; the descriptor itself stays open (and cannot
       * be reused under the watch) until the server disconnects. */
      for (GSList *l = listeners; l != NULL; l = l->next)
        g_socket_shutdown (l->data, TRUE, FALSE, NULL);
      g_slist_free (listeners);
    }

  self->stop_timeout_id = g_timeout_add_seconds (STOP_GRACE_SECONDS, on_stop_timeout, self);
  maybe_finish_stop (self);
}

gboolean
rd_platform_stop_finish (RdPlatform    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Playing a demo world -------------------------------------------------------- */

/* A case of the world between its first and its last step: kept in memory
 * and written once, which is what makes 100 000 generated cases quick. */
typedef struct
{
  RdCase        *kase;
  guint          last_step;
  gint64         due_at;    /* respond_by in Unix seconds while queued */
  GSequenceIter *due;       /* in Player.due, or NULL */
  char          *item_key;  /* "ORDER\nSKU" while the case is open */
  gboolean       done;      /* its own steps are over; a sweep is still to come */
} LiveCase;

typedef struct
{
  RdPlatform  *self;
  GHashTable  *users;       /* id -> RdUser */
  GHashTable  *orders;      /* id -> RdOrder, borrowed from the world */
  GHashTable  *last_steps;  /* case id -> last step index + 1 */
  GHashTable  *live;        /* case id -> LiveCase */
  GHashTable  *open_items;  /* item key -> LiveCase, borrowed */
  GSequence   *due;         /* LiveCase with a deadline, soonest first */
  guint        last_sweep;  /* index + 1 of the script's last SWEEP step, or 0 */
  gint64       last_sweep_at;
} Player;

static void
live_case_free (gpointer data)
{
  LiveCase *lc = data;

  g_clear_object (&lc->kase);
  g_free (lc->item_key);
  g_free (lc);
}

static int
live_case_compare (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const LiveCase *la = a;
  const LiveCase *lb = b;

  if (la->due_at != lb->due_at)
    return la->due_at < lb->due_at ? -1 : 1;
  return (guintptr) la < (guintptr) lb ? -1 : (la == lb ? 0 : 1);
}

static void
player_unqueue (Player   *player,
                LiveCase *lc)
{
  if (lc->due != NULL)
    {
      g_sequence_remove (lc->due);
      lc->due = NULL;
    }
}

/* Files @lc under its deadline and its open item, as they are now. */
static void
player_requeue (Player   *player,
                LiveCase *lc)
{
  player_unqueue (player, lc);
  if (lc->kase->respond_by != NULL)
    {
      lc->due_at = g_date_time_to_unix (lc->kase->respond_by);
      lc->due = g_sequence_insert_sorted (player->due, lc, live_case_compare, NULL);
    }
  if (lc->kase->status == RD_STATUS_RESOLVED && lc->item_key != NULL)
    {
      g_hash_table_remove (player->open_items, lc->item_key);
      g_clear_pointer (&lc->item_key, g_free);
    }
}

/* Whether a SWEEP step after @index will act on @lc's deadline: the last
 * sweep of the script is the latest in time.  Such a case stays in memory
 * until then, rather than being written, read back and written again. */
static gboolean
player_sweep_to_come (Player   *player,
                      LiveCase *lc,
                      guint     index)
{
  return lc->kase->respond_by != NULL
         && player->last_sweep > index + 1
         && g_date_time_to_unix (lc->kase->respond_by) <= player->last_sweep_at;
}

static gboolean
player_write (Player    *player,
              LiveCase  *lc,
              GError   **error)
{
  g_autofree char *id = g_strdup (lc->kase->id);

  if (!rd_platform_db_save_case (player->self->db, lc->kase, error))
    return FALSE;
  player_unqueue (player, lc);
  if (lc->item_key != NULL)
    g_hash_table_remove (player->open_items, lc->item_key);
  g_hash_table_remove (player->live, id);
  return TRUE;
}

static RdUser *
player_user (Player     *player,
             const char *id)
{
  RdUser *user;

  if (id == NULL)
    return NULL;
  user = g_hash_table_lookup (player->users, id);
  if (user == NULL)
    {
      user = rd_platform_db_get_user (player->self->db, id);
      if (user != NULL)
        g_hash_table_insert (player->users, g_strdup (id), user);
    }
  return user;
}

static gboolean
step_failed (GError          **error,
             guint             index,
             const RdDemoStep *step,
             const char       *what)
{
  g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
               /* Translators: a step of the demo script failed: its number,
                * the case it was about and why */
               _("Demo step %u (case %s) failed: %s"), index,
               step->case_id != NULL ? step->case_id : "-", what);
  return FALSE;
}

static gboolean
player_sweep (Player     *player,
              guint       index,
              GDateTime  *now,
              GError    **error)
{
  RdPlatformDb *db = player->self->db;
  gint64 t = g_date_time_to_unix (now);
  g_autoptr(GPtrArray) ids = NULL;
  GSequenceIter *iter;

  /* Cases still in memory... */
  while (!g_sequence_iter_is_end (iter = g_sequence_get_begin_iter (player->due)))
    {
      LiveCase *lc = g_sequence_get (iter);

      if (lc->due_at > t)
        break;
      player_unqueue (player, lc);
      rd_platform_engine_sweep (lc->kase, now);
      player_requeue (player, lc);
      if (lc->done && !player_sweep_to_come (player, lc, index)
          && !player_write (player, lc, error))
        return FALSE;
    }

  /* ...and those already written. */
  ids = rd_platform_db_due_cases (db, t);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RdCase) kase = rd_platform_db_get_case (db, g_ptr_array_index (ids, i), error);

      if (kase == NULL)
        return FALSE;
      if (rd_platform_engine_sweep (kase, now) && !rd_platform_db_save_case (db, kase, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
player_file (Player            *player,
             guint              index,
             const RdDemoStep  *step,
             RdUser            *actor,
             GDateTime         *now,
             GError           **error)
{
  RdPlatformDb *db = player->self->db;
  g_autoptr(RdOrder) loaded = NULL;
  g_autoptr(RdProblem) problem = NULL;
  RdOrder *order;
  LiveCase *lc;
  RdCase *kase;
  char *key;

  if (step->draft == NULL || step->case_id == NULL || !rd_uuid_is_valid (step->case_id))
    return step_failed (error, index, step, "a filing needs a draft and a UUID");
  if (actor->role != RD_ROLE_BUYER)
    return step_failed (error, index, step, "only a buyer files a case");
  order = g_hash_table_lookup (player->orders, step->draft->order_id);
  if (order == NULL)
    order = loaded = rd_platform_db_get_order (db, step->draft->order_id, NULL);
  if (order == NULL || !may_see_order (order, actor))
    return step_failed (error, index, step, "no such order of this buyer");
  if (g_hash_table_contains (player->live, step->case_id) || rd_platform_db_case_exists (db, step->case_id))
    return step_failed (error, index, step, "the case id is already used");

  kase = rd_platform_engine_file (order, actor, step->case_id, step->draft, now, &problem);
  if (kase == NULL)
    return step_failed (error, index, step, problem->detail);

  key = g_strconcat (order->id, "\n", step->draft->item_sku, NULL);
  if (g_hash_table_contains (player->open_items, key)
      || rd_platform_db_has_open_case (db, order->id, step->draft->item_sku))
    {
      g_free (key);
      g_object_unref (kase);
      return step_failed (error, index, step, "the item already has an open case");
    }

  lc = g_new0 (LiveCase, 1);
  lc->kase = kase;
  lc->item_key = key;
  lc->last_step = GPOINTER_TO_UINT (g_hash_table_lookup (player->last_steps, step->case_id)) - 1;
  g_hash_table_insert (player->live, g_strdup (step->case_id), lc);
  g_hash_table_insert (player->open_items, key, lc);
  player_requeue (player, lc);
  return TRUE;
}

static gboolean
player_step (Player            *player,
             guint              index,
             const RdDemoStep  *step,
             GError           **error)
{
  RdPlatformDb *db = player->self->db;
  g_autoptr(RdProblem) problem = NULL;
  GDateTime *now = step->at;
  RdUser *actor = player_user (player, step->actor);
  LiveCase *lc;

  if (step->kind == RD_DEMO_STEP_SWEEP)
    return player_sweep (player, index, now, error);

  if (actor == NULL)
    return step_failed (error, index, step, "no such actor");
  if (step->kind == RD_DEMO_STEP_FILE)
    {
      if (!player_file (player, index, step, actor, now, error))
        return FALSE;
    }
  else
    {
      lc = step->case_id != NULL ? g_hash_table_lookup (player->live, step->case_id) : NULL;
      if (lc == NULL || !rd_platform_engine_may_see (lc->kase, actor))
        return step_failed (error, index, step, "no such case for this actor");

      switch (step->kind)
        {
        case RD_DEMO_STEP_EVIDENCE:
          if (step->evidence_id == NULL || !rd_uuid_is_valid (step->evidence_id)
              || step->evidence_bytes == NULL)
            return step_failed (error, index, step, "evidence needs a UUID and bytes");
          if (!rd_platform_engine_check_file (step->evidence_mime, step->evidence_bytes, &problem)
              || !rd_platform_engine_add_evidence (lc->kase, actor, step->evidence_id,
                                                   step->evidence_filename, step->evidence_mime,
                                                   step->evidence_bytes, now, &problem))
            return step_failed (error, index, step, problem->detail);
          if (!rd_platform_db_insert_evidence (db, step->evidence_id, lc->kase->id,
                                               step->evidence_mime, step->evidence_bytes, error))
            return FALSE;
          break;

        case RD_DEMO_STEP_ACTION:
          if (step->action == NULL)
            return step_failed (error, index, step, "an action step without an action");
          if (!rd_platform_engine_role_may (actor->role, step->action->type))
            return step_failed (error, index, step, "the actor's role may not take this action");
          if (!rd_platform_engine_act (lc->kase, actor, step->action, now, &problem))
            return step_failed (error, index, step, problem->detail);
          break;

        case RD_DEMO_STEP_FILE:
        case RD_DEMO_STEP_SWEEP:
        default:
          return step_failed (error, index, step, "unknown step");
        }
    }

  lc = g_hash_table_lookup (player->live, step->case_id);
  player_requeue (player, lc);
  if (lc->last_step == index)
    {
      if (player_sweep_to_come (player, lc, index))
        lc->done = TRUE;
      else
        return player_write (player, lc, error);
    }
  return TRUE;
}

/* Demo and generated accounts all share a few passwords ("demo"): the
 * hash of each distinct password is computed once and reused for every
 * account that has it.  Two accounts with one hash (one salt) is not what
 * a real deployment should do, but these accounts are made up and public,
 * and hashing "demo" thousands of times would take minutes. */
static gboolean
add_accounts (RdPlatform   *self,
              RdDemoWorld  *world,
              GHashTable   *users,
              GError      **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < world->accounts->len; i++)
    {
      RdDemoAccount *account = g_ptr_array_index (world->accounts, i);
      g_autoptr(RdUser) user = rd_platform_db_get_user (self->db, account->id);
      const char *hash;

      if (user == NULL)
        {
          hash = g_hash_table_lookup (hashes, account->password);
          if (hash == NULL)
            {
              char *computed = rd_platform_auth_hash_password (account->password, error);

              if (computed == NULL)
                return FALSE;
              g_hash_table_insert (hashes, g_strdup (account->password), computed);
              hash = computed;
            }
          user = rd_user_new ();
          user->id = g_strdup (account->id);
          user->name = g_strdup (account->name);
          user->role = account->role;
          user->locale = g_strdup (account->locale);
          if (!rd_platform_db_insert_user (self->db, user, account->login, hash, error))
            return FALSE;
        }
      if (users != NULL)
        g_hash_table_insert (users, g_strdup (account->id), g_steal_pointer (&user));
    }
  return TRUE;
}

gboolean
rd_platform_add_accounts (RdPlatform   *self,
                          RdDemoWorld  *world,
                          GError      **error)
{
  g_return_val_if_fail (RD_IS_PLATFORM (self), FALSE);

  if (!rd_platform_db_begin (self->db, error))
    return FALSE;
  if (!add_accounts (self, world, NULL, error) || !rd_platform_db_commit (self->db, error))
    {
      rd_platform_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_platform_play_world (RdPlatform   *self,
                        RdDemoWorld  *world,
                        gboolean     *played,
                        GError      **error)
{
  Player player = { 0 };
  gboolean ok = FALSE;
  gboolean bulk = FALSE;

  g_return_val_if_fail (RD_IS_PLATFORM (self), FALSE);

  if (played != NULL)
    *played = FALSE;
  if (world->orders->len > 0)
    {
      g_autoptr(RdOrder) first = NULL;
      RdOrder *order = g_ptr_array_index (world->orders, 0);

      first = rd_platform_db_get_order (self->db, order->id, NULL);
      if (first != NULL)
        return TRUE;
    }

  player.self = self;
  player.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  player.orders = g_hash_table_new (g_str_hash, g_str_equal);
  player.last_steps = g_hash_table_new (g_str_hash, g_str_equal);
  player.live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, live_case_free);
  player.open_items = g_hash_table_new (g_str_hash, g_str_equal);
  player.due = g_sequence_new (NULL);

  for (guint i = 0; i < world->steps->len; i++)
    {
      RdDemoStep *step = g_ptr_array_index (world->steps, i);

      if (step->case_id != NULL)
        g_hash_table_insert (player.last_steps, step->case_id, GUINT_TO_POINTER (i + 1));
      if (step->kind == RD_DEMO_STEP_SWEEP)
        {
          player.last_sweep = i + 1;
          player.last_sweep_at = g_date_time_to_unix (step->at);
        }
    }

  if (!rd_platform_db_begin_bulk (self->db, error))
    goto out;
  bulk = TRUE;
  if (!add_accounts (self, world, player.users, error))
    goto out;
  for (guint i = 0; i < world->orders->len; i++)
    {
      RdOrder *order = g_ptr_array_index (world->orders, i);

      if (!rd_platform_db_insert_order (self->db, order, error))
        goto out;
      g_hash_table_insert (player.orders, order->id, order);
    }

  for (guint i = 0; i < world->steps->len; i++)
    {
      RdDemoStep *step = g_ptr_array_index (world->steps, i);

      /* The platform's clock reads the step's time, for every rule. */
      g_clear_pointer (&self->fixed_now, g_date_time_unref);
      self->fixed_now = g_date_time_ref (step->at);
      if (!player_step (&player, i, step, error))
        goto out;
    }

  /* Nothing should be left in memory; write whatever is, to be safe. */
  while (g_hash_table_size (player.live) > 0)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, player.live);
      g_hash_table_iter_next (&iter, NULL, &value);
      if (!player_write (&player, value, error))
        goto out;
    }

  ok = TRUE;

out:
  if (bulk)
    ok = rd_platform_db_end_bulk (self->db, ok, ok ? error : NULL) && ok;
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_sequence_free (player.due);
  g_hash_table_unref (player.open_items);
  g_hash_table_unref (player.live);
  g_hash_table_unref (player.last_steps);
  g_hash_table_unref (player.orders);
  g_hash_table_unref (player.users);
  if (ok && played != NULL)
    *played = TRUE;
  return ok;
}
