/* rd-api-types.h — the plain documents of API.md that are not domain objects:
 * a new case, the session, the limits, a page of changes and a problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-case.h"
#include "rd-error.h"
#include "rd-order.h"
#include "rd-user.h"

G_BEGIN_DECLS

/* The body of `PUT /v1/cases/{id}` (the id travels in the path). */
typedef struct
{
  char          *order_id;
  char          *item_sku;
  RdReason       reason;
  RdOutcomeType  requested_type;
  RdMoney       *requested_amount;  /* partial refunds only */
  char          *description;
  char          *lang;
} RdCaseDraft;

RdCaseDraft *rd_case_draft_new  (void);
void         rd_case_draft_free (RdCaseDraft *self);

/* The answer of `POST /v1/session`. */
typedef struct
{
  char      *token;
  GDateTime *expires_at;
  RdUser    *user;
} RdSessionInfo;

void rd_session_info_free (RdSessionInfo *self);

/* `GET /v1/config`. */
typedef struct
{
  gint64  evidence_max_bytes;
  GStrv   evidence_types;
  guint   evidence_max_per_case;
  guint   text_max_chars;
  guint   seller_response_business_days;
  guint   buyer_response_days;
} RdConfig;

/* The defaults of API.md, for a client that has not fetched them yet. */
RdConfig *rd_config_new_default (void);
void      rd_config_free        (RdConfig *self);

/* One page of `GET /v1/changes`. */
typedef struct
{
  char      *cursor;
  gboolean   more;
  GPtrArray *orders;   /* element-type RdOrder */
  GPtrArray *cases;    /* element-type RdCase */
  GStrv      removed;  /* case ids */
} RdChanges;

RdChanges *rd_changes_new  (void);
void       rd_changes_free (RdChanges *self);

/* One entry of a problem's `errors`. */
typedef struct
{
  char *field;
  char *code;
} RdFieldError;

/* An `application/problem+json` body. */
typedef struct
{
  char        *type;
  char        *title;
  guint        status;
  char        *detail;
  RdErrorCode  code;
  GPtrArray   *errors;        /* element-type RdFieldError, may be empty */
  RdCase      *current_case;  /* `case` of a 412, or NULL */
} RdProblem;

RdProblem *rd_problem_new  (RdErrorCode  code,
                            const char  *detail);
void       rd_problem_free (RdProblem   *self);
void       rd_problem_add_field_error (RdProblem  *self,
                                       const char *field,
                                       const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDraft, rd_case_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSessionInfo, rd_session_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdConfig, rd_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdChanges, rd_changes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdProblem, rd_problem_free)

G_END_DECLS
