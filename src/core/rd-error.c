/* rd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-error.h"

G_DEFINE_QUARK (rd-error-quark, rd_error)

static const struct
{
  const char *wire;
  guint       status;
} wire_codes[RD_ERROR_N_WIRE_CODES] = {
  [RD_ERROR_UNAUTHORIZED] = { "unauthorized", 401 },
  [RD_ERROR_FORBIDDEN] = { "forbidden", 403 },
  [RD_ERROR_NOT_FOUND] = { "not_found", 404 },
  [RD_ERROR_VALIDATION_FAILED] = { "validation_failed", 422 },
  [RD_ERROR_INVALID_TRANSITION] = { "invalid_transition", 409 },
  [RD_ERROR_ID_CONFLICT] = { "id_conflict", 409 },
  [RD_ERROR_VERSION_MISMATCH] = { "version_mismatch", 412 },
  [RD_ERROR_FILING_WINDOW_CLOSED] = { "filing_window_closed", 422 },
  [RD_ERROR_DUPLICATE_CASE] = { "duplicate_case", 409 },
  [RD_ERROR_TOO_LARGE] = { "too_large", 413 },
  [RD_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [RD_ERROR_PRECONDITION_REQUIRED] = { "precondition_required", 428 },
  [RD_ERROR_CURSOR_EXPIRED] = { "cursor_expired", 410 },
  [RD_ERROR_RATE_LIMITED] = { "rate_limited", 429 },
};

const char *
rd_error_code_to_string (RdErrorCode code)
{
  if ((guint) code >= RD_ERROR_N_WIRE_CODES)
    return NULL;
  return wire_codes[code].wire;
}

gboolean
rd_error_code_from_string (const char  *str,
                           RdErrorCode *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < RD_ERROR_N_WIRE_CODES; i++)
    if (strcmp (wire_codes[i].wire, str) == 0)
      {
        if (out != NULL)
          *out = (RdErrorCode) i;
        return TRUE;
      }
  return FALSE;
}

guint
rd_error_code_http_status (RdErrorCode code)
{
  if ((guint) code >= RD_ERROR_N_WIRE_CODES)
    return 0;
  return wire_codes[code].status;
}

const char *
rd_error_code_label (RdErrorCode code)
{
  switch (code)
    {
    case RD_ERROR_UNAUTHORIZED:
      return _("The login or password is wrong, or your session has ended. Please log in again.");
    case RD_ERROR_FORBIDDEN:
      return _("Your account is not allowed to do this.");
    case RD_ERROR_NOT_FOUND:
      return _("This could not be found. It may have been removed, or it is not yours to see.");
    case RD_ERROR_VALIDATION_FAILED:
      return _("Some of the details are missing or not valid.");
    case RD_ERROR_INVALID_TRANSITION:
      return _("This is no longer possible: the case has moved on.");
    case RD_ERROR_ID_CONFLICT:
      return _("This was already sent with different content.");
    case RD_ERROR_VERSION_MISMATCH:
      return _("The case changed while you were working on it. Check the latest state, then try again.");
    case RD_ERROR_FILING_WINDOW_CLOSED:
      return _("The time to report this kind of problem for this order has passed.");
    case RD_ERROR_DUPLICATE_CASE:
      return _("There is already an open case for this item.");
    case RD_ERROR_TOO_LARGE:
      return _("The file or text is too large.");
    case RD_ERROR_UNSUPPORTED_MEDIA_TYPE:
      return _("Only photos (JPEG or PNG) and PDF documents can be attached.");
    case RD_ERROR_PRECONDITION_REQUIRED:
      return _("The platform refused a request that Redress sent incompletely. Please report this problem.");
    case RD_ERROR_CURSOR_EXPIRED:
      return _("Your cases have to be downloaded again from the start.");
    case RD_ERROR_RATE_LIMITED:
      return _("Too many attempts. Please wait a moment and try again.");
    case RD_ERROR_INVALID_DATA:
      return _("The platform sent something that Redress could not read.");
    case RD_ERROR_NETWORK:
      return _("The platform cannot be reached. Your work is kept and will be sent when you are online.");
    case RD_ERROR_SERVER:
      return _("The platform has a problem right now. Redress will try again later.");
    case RD_ERROR_STORE:
      return _("Your saved cases could not be read or written.");
    case RD_ERROR_STORE_TOO_NEW:
      return _("Your saved cases were written by a newer version of Redress. Please update Redress.");
    case RD_ERROR_INSECURE_URL:
      return _("This platform address is not secure. Use an address that starts with https://.");
    case RD_ERROR_NO_SECRET_SERVICE:
      return _("No password keyring is available, so you need to log in each time Redress starts.");
    case RD_ERROR_CANCELLED:
      return _("Cancelled.");
    case RD_ERROR_FAILED:
    default:
      return _("Something went wrong.");
    }
}
