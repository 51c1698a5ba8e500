/* rd-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <unicode/ucurr.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "rd-format.h"

const char *
rd_format_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      /* Skip "C" and "POSIX", and the encoding-qualified variants. */
      if (strcmp (names[i], "C") == 0 || strcmp (names[i], "POSIX") == 0)
        continue;
      if (strchr (names[i], '.') != NULL || strchr (names[i], '@') != NULL)
        continue;
      return names[i];
    }
  return "en";
}

static char *
format_money_plain (const RdMoney *money)
{
  return rd_money_to_plain_string (money);
}

char *
rd_format_money (const RdMoney *money)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt;
  UChar currency[4];
  UChar buf[64];
  int32_t len;
  double value;
  guint exp;
  g_autofree char *out = NULL;

  g_return_val_if_fail (money != NULL, NULL);

  if (!rd_currency_code_is_valid (money->currency))
    return format_money_plain (money);

  fmt = unum_open (UNUM_CURRENCY, NULL, 0, rd_format_locale (), NULL, &status);
  if (U_FAILURE (status))
    return format_money_plain (money);

  u_charsToUChars (money->currency, currency, 3);
  currency[3] = 0;

  exp = rd_currency_exponent (money->currency);
  value = (double) money->amount;
  for (guint i = 0; i < exp; i++)
    value /= 10.0;

  len = unum_formatDoubleCurrency (fmt, value, currency, buf, G_N_ELEMENTS (buf), NULL, &status);
  unum_close (fmt);
  if (U_FAILURE (status) || len <= 0)
    return format_money_plain (money);

  out = g_utf16_to_utf8 ((const gunichar2 *) buf, len, NULL, NULL, NULL);
  if (out == NULL)
    return format_money_plain (money);
  return g_steal_pointer (&out);
}

char *
rd_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: a date and time, as in "Tue 3 March, 14:00"; see the
   * g_date_time_format() documentation for the codes, and order them as
   * your language writes dates. */
  return g_date_time_format (local, C_("date and time", "%a %-d %B, %H:%M"));
}

char *
rd_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: a date, as in "3 March 2026"; see the g_date_time_format()
   * documentation for the codes. */
  return g_date_time_format (local, C_("date", "%-d %B %Y"));
}

char *
rd_format_countdown (GDateTime *deadline,
                     GDateTime *now,
                     gboolean  *urgent)
{
  GTimeSpan left;
  gint64 n;

  g_return_val_if_fail (deadline != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  left = g_date_time_difference (deadline, now);
  if (urgent != NULL)
    *urgent = left < G_TIME_SPAN_DAY;

  if (left <= 0)
    /* Translators: a deadline that has passed */
    return g_strdup (C_("deadline", "Overdue"));

  if (left >= 2 * G_TIME_SPAN_DAY)
    {
      n = left / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", (gulong) n), (int) n);
    }
  if (left >= G_TIME_SPAN_HOUR)
    {
      n = left / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour left", "%d hours left", (gulong) n), (int) n);
    }
  n = MAX (1, left / G_TIME_SPAN_MINUTE);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute left", "%d minutes left", (gulong) n), (int) n);
}

static char *
format_within (GDateTime *deadline,
               GDateTime *now)
{
  GTimeSpan left = g_date_time_difference (deadline, now);
  gint64 n;

  if (left <= 0)
    /* Translators: completes "Kai's Gadgets must answer …" */
    return g_strdup (C_("deadline", "now: the time is up"));
  if (left >= 2 * G_TIME_SPAN_DAY)
    {
      n = left / G_TIME_SPAN_DAY;
      /* Translators: completes "Kai's Gadgets must answer …" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d day", "within %d days", (gulong) n), (int) n);
    }
  if (left >= G_TIME_SPAN_HOUR)
    {
      n = left / G_TIME_SPAN_HOUR;
      /* Translators: completes "Kai's Gadgets must answer …" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d hour", "within %d hours", (gulong) n), (int) n);
    }
  n = MAX (1, left / G_TIME_SPAN_MINUTE);
  /* Translators: completes "Kai's Gadgets must answer …" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d minute", "within %d minutes", (gulong) n), (int) n);
}

char *
rd_format_deadline_sentence (RdCase    *kase,
                             RdRole     viewer,
                             GDateTime *now)
{
  g_autofree char *within = NULL;
  g_autofree char *who = NULL;
  const char *then = NULL;

  g_return_val_if_fail (kase != NULL, NULL);

  if (kase->respond_by == NULL || kase->status == RD_STATUS_RESOLVED)
    return NULL;

  within = format_within (kase->respond_by, now);

  switch (kase->on_expiry)
    {
    case RD_EXPIRY_ESCALATE:
      /* Translators: what happens when a deadline passes */
      then = _("then it goes to the platform automatically");
      break;
    case RD_EXPIRY_EXPIRE:
      /* Translators: what happens when a deadline passes */
      then = _("then the case closes without a refund");
      break;
    case RD_EXPIRY_NONE:
    default:
      then = NULL;
      break;
    }

  if ((kase->turn == RD_TURN_BUYER && viewer == RD_ROLE_BUYER) ||
      (kase->turn == RD_TURN_SELLER && viewer == RD_ROLE_SELLER))
    {
      if (then != NULL)
        /* Translators: "You must answer within 2 days — then it goes to the
         * platform automatically" */
        return g_strdup_printf (_("You must answer %s — %s"), within, then);
      /* Translators: "You must answer within 2 days" */
      return g_strdup_printf (_("You must answer %s"), within);
    }

  if (kase->turn == RD_TURN_SELLER && kase->seller != NULL)
    who = rd_format_isolate (kase->seller->name);
  else if (kase->turn == RD_TURN_BUYER && kase->buyer != NULL)
    who = rd_format_isolate (kase->buyer->name);
  else
    return NULL;

  if (then != NULL)
    /* Translators: "Kai's Gadgets must answer within 2 days — then it goes to
     * the platform automatically"; the first %s is a person or shop */
    return g_strdup_printf (_("%s must answer %s — %s"), who, within, then);
  /* Translators: "Kai's Gadgets must answer within 2 days" */
  return g_strdup_printf (_("%s must answer %s"), who, within);
}

char *
rd_format_isolate (const char *text)
{
  /* U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE */
  return g_strconcat ("\xe2\x81\xa8", text ? text : "", "\xe2\x81\xa9", NULL);
}
