/* rd-api.h — the libsoup client of API.md
 *
 * One SoupSession per RdApi, asynchronous only.  Every failure is an RD_ERROR:
 * problem+json answers by their `code`, 5xx as RD_ERROR_SERVER, transport
 * failures (no connection, a timeout, a cut transfer) as RD_ERROR_NETWORK,
 * cancellation as RD_ERROR_CANCELLED.  The problem document, the HTTP status
 * and a `Retry-After` of a finished request stay readable from its
 * GAsyncResult (rd_api_result_get_problem () and friends), so that a caller
 * can show the current case of a 412 or wait as long as the platform asked.
 *
 * Plain http is accepted only for loopback hosts (127.0.0.0/8, ::1,
 * localhost); anything else must be https (RD_ERROR_INSECURE_URL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-evidence.h"
#include "rd-user.h"

G_BEGIN_DECLS

#define RD_TYPE_API (rd_api_get_type ())

G_DECLARE_FINAL_TYPE (RdApi, rd_api, RD, API, GObject)

/* Seconds before a request without an answer fails. */
#define RD_API_DEFAULT_TIMEOUT 30

/* Checks that @url is an http(s) URL that may be used: https anywhere, http
 * only on loopback. */
gboolean     rd_api_check_url            (const char    *url,
                                          GError       **error);

/* @base_url is the platform's root ("https://shop.example/") or its API root
 * ("https://shop.example/v1/"); both mean the same. */
RdApi       *rd_api_new                  (const char    *base_url,
                                          GError       **error);
gboolean     rd_api_set_base_url         (RdApi         *self,
                                          const char    *base_url,
                                          GError       **error);
/* The normalised root, always ending in "/", without "v1/". */
const char  *rd_api_get_base_url         (RdApi         *self);

/* The bearer token sent with every request but login; NULL for none.  Set by
 * a successful login, cleared by logout. */
void         rd_api_set_token            (RdApi         *self,
                                          const char    *token);
const char  *rd_api_get_token            (RdApi         *self);

/* Seconds (default RD_API_DEFAULT_TIMEOUT); tests shorten it. */
void         rd_api_set_timeout          (RdApi         *self,
                                          guint          seconds);
guint        rd_api_get_timeout          (RdApi         *self);

/* --- What a finished request left behind ---------------------------------- */

/* The problem+json of a failed request, or NULL.  Valid as long as @result. */
RdProblem   *rd_api_result_get_problem   (GAsyncResult  *result);
/* The HTTP status, or 0 if no answer came. */
guint        rd_api_result_get_status    (GAsyncResult  *result);
/* The seconds that `Retry-After` asked for (429, 503), or 0. */
guint        rd_api_result_get_retry_after (GAsyncResult *result);

/* --- Session -------------------------------------------------------------- */

void           rd_api_login_async        (RdApi              *self,
                                          const char         *login,
                                          const char         *password,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* Also keeps the token for the next requests. */
RdSessionInfo *rd_api_login_finish       (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

void           rd_api_logout_async       (RdApi              *self,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* The token is forgotten even if the platform could not be told. */
gboolean       rd_api_logout_finish      (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

void           rd_api_me_async           (RdApi              *self,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RdUser        *rd_api_me_finish          (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

void           rd_api_config_async       (RdApi              *self,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RdConfig      *rd_api_config_finish      (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* --- Reading -------------------------------------------------------------- */

/* @since NULL for the start; @limit 0 for the platform's default. */
void           rd_api_changes_async      (RdApi              *self,
                                          const char         *since,
                                          guint               limit,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RdChanges     *rd_api_changes_finish     (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

void           rd_api_get_case_async     (RdApi              *self,
                                          const char         *case_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RdCase        *rd_api_get_case_finish    (RdApi              *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* --- Writing -------------------------------------------------------------- */

void           rd_api_put_case_async     (RdApi              *self,
                                          const char         *case_id,
                                          const RdCaseDraft  *draft,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* *@replayed (optional) is TRUE when the platform had the case already
 * (200 rather than 201). */
RdCase        *rd_api_put_case_finish    (RdApi              *self,
                                          GAsyncResult       *result,
                                          gboolean           *replayed,
                                          GError            **error);

/* @if_match is the case version the action is based on; 0 sends no
 * `If-Match` (only a message may go without). */
void           rd_api_post_action_async  (RdApi              *self,
                                          const char         *case_id,
                                          RdAction           *action,
                                          gint64              if_match,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* On RD_ERROR_VERSION_MISMATCH, *@current_case (optional) is the case as the
 * platform has it now, if the answer carried it. */
RdCase        *rd_api_post_action_finish (RdApi              *self,
                                          GAsyncResult       *result,
                                          RdCase            **current_case,
                                          GError            **error);

/* Uploads @bytes as evidence @evidence_id of @case_id.  @filename is shown
 * to the other party; it never becomes a path. */
void           rd_api_put_evidence_async (RdApi              *self,
                                          const char         *evidence_id,
                                          const char         *case_id,
                                          GBytes             *bytes,
                                          const char         *mime,
                                          const char         *filename,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* The same with the contents of @file, read asynchronously. */
void           rd_api_put_evidence_file_async (RdApi         *self,
                                          const char         *evidence_id,
                                          const char         *case_id,
                                          GFile              *file,
                                          const char         *mime,
                                          const char         *filename,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* Finishes both. */
RdEvidence    *rd_api_put_evidence_finish (RdApi             *self,
                                          GAsyncResult       *result,
                                          gboolean           *replayed,
                                          GError            **error);

void           rd_api_get_evidence_async (RdApi              *self,
                                          const char         *evidence_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
GBytes        *rd_api_get_evidence_finish (RdApi             *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* `POST /v1/test/clock` of a platform started with --test-clock. */
void           rd_api_test_clock_advance_async (RdApi        *self,
                                          gint64              seconds,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean       rd_api_test_clock_advance_finish (RdApi       *self,
                                          GAsyncResult       *result,
                                          GError            **error);

G_END_DECLS
