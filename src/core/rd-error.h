/* rd-error.h — the one error domain of Redress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_ERROR (rd_error_quark ())

/* The first codes mirror the `code` words of API.md's error table, in order;
 * the rest are the client's own. */
typedef enum
{
  RD_ERROR_UNAUTHORIZED,
  RD_ERROR_FORBIDDEN,
  RD_ERROR_NOT_FOUND,
  RD_ERROR_VALIDATION_FAILED,
  RD_ERROR_INVALID_TRANSITION,
  RD_ERROR_ID_CONFLICT,
  RD_ERROR_VERSION_MISMATCH,
  RD_ERROR_FILING_WINDOW_CLOSED,
  RD_ERROR_DUPLICATE_CASE,
  RD_ERROR_TOO_LARGE,
  RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
  RD_ERROR_PRECONDITION_REQUIRED,
  RD_ERROR_CURSOR_EXPIRED,
  RD_ERROR_RATE_LIMITED,
  /* Not on the wire: */
  RD_ERROR_INVALID_DATA,      /* a document that the codec refused */
  RD_ERROR_NETWORK,           /* no connection, a timeout, a cut transfer */
  RD_ERROR_SERVER,            /* a 5xx or an answer we cannot read */
  RD_ERROR_STORE,             /* the local database failed */
  RD_ERROR_STORE_TOO_NEW,     /* the database was written by a newer Redress */
  RD_ERROR_INSECURE_URL,      /* plain http to a host that is not loopback */
  RD_ERROR_NO_SECRET_SERVICE, /* nowhere safe to keep the token */
  RD_ERROR_CANCELLED,
  RD_ERROR_FAILED,
} RdErrorCode;

#define RD_ERROR_N_WIRE_CODES (RD_ERROR_RATE_LIMITED + 1)

GQuark       rd_error_quark            (void);

/* The wire word of a code ("not_found"), or NULL for the client's own codes. */
const char  *rd_error_code_to_string   (RdErrorCode  code);
gboolean     rd_error_code_from_string (const char  *str,
                                        RdErrorCode *out);
/* The HTTP status that goes with a wire code (404 for not_found), or 0. */
guint        rd_error_code_http_status (RdErrorCode  code);
/* What the user reads for a code: translated, never the wire word. */
const char  *rd_error_code_label       (RdErrorCode  code);

G_END_DECLS
