/* rd-platform-http.h — the HTTP side of redress-platform: problem+json
 * answers, JSON answers, request bodies capped before they are read whole,
 * and the per-request record behind the log line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rd-api-types.h"
#include "rd-case.h"

G_BEGIN_DECLS

/* The body limits of API.md. */
#define RD_PLATFORM_JSON_MAX_BYTES     (1024 * 1024)
#define RD_PLATFORM_EVIDENCE_MAX_BYTES (10 * 1024 * 1024)

/* What the platform remembers about one request while it is in flight. */
typedef struct
{
  gint64      started_us;  /* monotonic */
  gboolean    active;      /* its request line was read */
  char       *user_id;     /* the authenticated user, for the log; or NULL */
  gboolean    done;        /* answered (logged) */
  gsize       cap;         /* the body limit, 0 before the early handler ran */
  GByteArray *chunked;     /* a body without Content-Length, collected up to cap */
  gboolean    too_large;
} RdPlatformRequest;

/* The record of @msg, created on first use and freed with the message. */
RdPlatformRequest *rd_platform_http_request (SoupServerMessage *msg);

/* In the early handler (headers read, body not yet): when Content-Length
 * is over @cap, answers 413 at once on the connection, which it takes over
 * from libsoup (libsoup 3.2 would read the whole body first unless the
 * client asked `Expect: 100-continue`), and returns FALSE: the message is
 * over and no request-finished follows.  A chunked body is collected here
 * instead of by libsoup and dropped once it passes @cap, so that no body
 * without a length can grow the process either. */
gboolean    rd_platform_http_limit_body    (SoupServerMessage *msg,
                                            gsize              cap);
/* The whole request body, or NULL with *@too_large set when it passed the cap. */
GBytes     *rd_platform_http_take_body     (SoupServerMessage *msg,
                                            gboolean          *too_large);

void        rd_platform_http_reply_json    (SoupServerMessage *msg,
                                            guint              status,
                                            JsonNode          *node);
/* A JSON text that was stored verbatim (an idempotent replay). */
void        rd_platform_http_reply_text    (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *json);
void        rd_platform_http_reply_empty   (SoupServerMessage *msg,
                                            guint              status);
void        rd_platform_http_reply_bytes   (SoupServerMessage *msg,
                                            const char        *content_type,
                                            GBytes            *bytes);

/* application/problem+json with the code's status; `errors` and `case` when
 * @problem has them (@current_case is given the requesting user's
 * allowed_actions by the caller). */
void        rd_platform_http_reply_problem (SoupServerMessage *msg,
                                            const RdProblem   *problem);
void        rd_platform_http_reply_error   (SoupServerMessage *msg,
                                            RdErrorCode        code,
                                            const char        *detail);
void        rd_platform_http_reply_field_error (SoupServerMessage *msg,
                                                RdErrorCode        code,
                                                const char        *detail,
                                                const char        *field,
                                                const char        *field_code);
/* A problem whose code is not one of API.md's table (405, 500): @code_word
 * is a word a client does not know and reads as a generic failure. */
void        rd_platform_http_reply_other   (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *code_word,
                                            const char        *detail);

/* The token of `Authorization: Bearer TOKEN`, or NULL. */
char       *rd_platform_http_bearer_token  (SoupServerMessage *msg);

typedef enum
{
  RD_IF_MATCH_ABSENT,
  RD_IF_MATCH_OK,
  RD_IF_MATCH_STALE,
} RdIfMatch;

/* `If-Match: "VERSION"` against the case's current version.  A value that
 * names no version of ours (garbage, another version) is stale: the request
 * was based on something else than what is there now. */
RdIfMatch   rd_platform_http_if_match      (SoupServerMessage *msg,
                                            gint64             version);

/* TRUE if the peer is on a loopback address. */
gboolean    rd_platform_http_peer_is_loopback (SoupServerMessage *msg);

G_END_DECLS
