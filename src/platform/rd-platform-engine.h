/* rd-platform-engine.h — what a filing, an upload, an action or a deadline
 * does to a case
 *
 * The engine works on the model in memory only, with rd-policy deciding who
 * may do what and what follows; the server loads and stores around it, and
 * the demo player keeps a case in memory through all of its steps.  Each
 * function checks everything first and changes the case only when it
 * succeeds, so that a refused request leaves nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-order.h"
#include "rd-user.h"

G_BEGIN_DECLS

/* The limits of `GET /v1/config`. */
#define RD_PLATFORM_TEXT_MAX_CHARS 4000
#define RD_PLATFORM_EVIDENCE_MAX_PER_CASE 20
#define RD_PLATFORM_FILENAME_MAX_BYTES 255

/* The actor of the platform's own steps (deadlines). */
#define RD_PLATFORM_ACTOR_ID "platform"
#define RD_PLATFORM_ACTOR_NAME "Redress platform"

/* The "who" column of API.md's action table: whether a user of @role may
 * ever take @type (otherwise 403; when they may but not now, 409). */
gboolean    rd_platform_engine_role_may     (RdRole        role,
                                             RdActionType  type);

/* A new case @case_id that @buyer files on their @order at @now, or NULL and
 * a problem: the item is not in the order, an amount or a text is out of
 * range (validation_failed), the reason's window is closed
 * (filing_window_closed).  Who files and whether the item already has an
 * open case are the caller's to check. */
RdCase     *rd_platform_engine_file         (RdOrder            *order,
                                             RdUser             *buyer,
                                             const char         *case_id,
                                             const RdCaseDraft  *draft,
                                             GDateTime          *now,
                                             RdProblem         **problem);

/* Applies @action by @actor at @now: invalid_transition when the policy does
 * not allow it now, validation_failed for a field out of range.  The role
 * (rd_platform_engine_role_may ()) and If-Match are the caller's. */
gboolean    rd_platform_engine_act          (RdCase             *kase,
                                             RdUser             *actor,
                                             RdAction           *action,
                                             GDateTime          *now,
                                             RdProblem         **problem);

/* Whether @bytes are what @mime says by their first bytes, and within size:
 * unsupported_media_type or too_large otherwise. */
gboolean    rd_platform_engine_check_file   (const char         *mime,
                                             GBytes             *bytes,
                                             RdProblem         **problem);
/* A display name from a client's `X-Filename`: no path, no control
 * characters, valid UTF-8, at most RD_PLATFORM_FILENAME_MAX_BYTES bytes,
 * never empty. */
char       *rd_platform_engine_clean_filename (const char       *raw,
                                               const char       *mime);
/* Adds the evidence @id (already checked with check_file) by @actor to
 * @kase, with its `evidence` event. */
gboolean    rd_platform_engine_add_evidence (RdCase             *kase,
                                             RdUser             *actor,
                                             const char         *id,
                                             const char         *filename,
                                             const char         *mime,
                                             GBytes             *bytes,
                                             GDateTime          *now,
                                             RdProblem         **problem);

/* Whether @user may see @kase at all: its buyer, its seller, or an agent
 * once it is or was under review. */
gboolean    rd_platform_engine_may_see      (RdCase             *kase,
                                             RdUser             *user);

/* Whether @kase is or was under review.  Every way into under_review (the
 * escalate action, an escalation by deadline) leaves an `escalated` event,
 * and nothing leaves the timeline. */
gboolean    rd_platform_engine_ever_reviewed (RdCase            *kase);

/* Acts on a deadline that has passed at @now: TRUE if @kase changed. */
gboolean    rd_platform_engine_sweep        (RdCase             *kase,
                                             GDateTime          *now);

G_END_DECLS
