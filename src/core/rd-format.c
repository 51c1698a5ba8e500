/* rd-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
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

/* The ICU locale for numbers, money and dates.  Arabic text in Redress
 * mixes ICU's output with numbers that printf writes (counts, countdowns,
 * character counts) in the same line; Latin digits everywhere keep one
 * kind of digit on a screen, as many Arabic-speaking markets write them. */
static const char *
icu_locale (void)
{
  static char buf[64];
  const char *locale = rd_format_locale ();

  if (g_str_has_prefix (locale, "ar") && (locale[2] == '\0' || locale[2] == '_'))
    {
      g_snprintf (buf, sizeof buf, "%s@numbers=latn", locale);
      return buf;
    }
  return locale;
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

  fmt = unum_open (UNUM_CURRENCY, NULL, 0, icu_locale (), NULL, &status);
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

/* @time in the user's zone, written the way the UI language writes dates,
 * through ICU's pattern for @skeleton (e.g. "yMMMMd") in that locale: month
 * and day names follow the language the user reads, even where the C
 * library has no locale for it.  NULL if ICU cannot, so the caller falls back
 * to a translated g_date_time_format() pattern. */
char *
rd_format_date_time_skeleton (GDateTime  *time,
                              const char *skeleton)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *tz_id = g_time_zone_get_identifier (tz);
  UChar u_skeleton[64];
  UChar u_pattern[128];
  UChar u_tz[128];
  UChar out[256];
  UDateTimePatternGenerator *gen;
  UDateFormat *fmt;
  int32_t len;
  UDate when;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (skeleton != NULL && strlen (skeleton) < G_N_ELEMENTS (u_skeleton), NULL);

  gen = udatpg_open (icu_locale (), &status);
  if (U_FAILURE (status))
    return NULL;
  u_charsToUChars (skeleton, u_skeleton, (int32_t) strlen (skeleton) + 1);
  len = udatpg_getBestPattern (gen, u_skeleton, -1, u_pattern, G_N_ELEMENTS (u_pattern), &status);
  udatpg_close (gen);
  if (U_FAILURE (status) || len <= 0)
    return NULL;

  /* "UTC" and "Europe/Berlin" alike; a zone GLib names by an offset only
   * ("+01:00") is still a valid ICU custom zone once prefixed. */
  if (tz_id == NULL || *tz_id == '\0' || strlen (tz_id) >= G_N_ELEMENTS (u_tz) - 4)
    tz_id = "UTC";
  if (tz_id[0] == '+' || tz_id[0] == '-')
    {
      g_autofree char *custom = g_strconcat ("GMT", tz_id, NULL);
      u_charsToUChars (custom, u_tz, (int32_t) strlen (custom) + 1);
    }
  else
    u_charsToUChars (tz_id, u_tz, (int32_t) strlen (tz_id) + 1);

  fmt = udat_open (UDAT_PATTERN, UDAT_PATTERN, icu_locale (), u_tz, -1,
                   u_pattern, len, &status);
  if (U_FAILURE (status))
    return NULL;

  when = (UDate) g_date_time_to_unix (time) * 1000.0;
  len = udat_format (fmt, when, out, G_N_ELEMENTS (out), NULL, &status);
  udat_close (fmt);
  if (U_FAILURE (status) || len <= 0)
    return NULL;

  return g_utf16_to_utf8 ((const gunichar2 *) out, len, NULL, NULL, NULL);
}

char *
rd_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  char *text;

  g_return_val_if_fail (time != NULL, NULL);

  /* Weekday, day, month, and the time as the locale prefers it. */
  text = rd_format_date_time_skeleton (time, "EEEdMMMMjmm");
  if (text != NULL)
    return text;

  local = g_date_time_to_local (time);
  /* Translators: a date and time, as in "Tue 3 March, 14:00", used only when
   * ICU cannot format it; see the g_date_time_format() documentation for
   * the codes, and order them as your language writes dates. */
  return g_date_time_format (local, C_("date and time", "%a %-d %B, %H:%M"));
}

char *
rd_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  char *text;

  g_return_val_if_fail (time != NULL, NULL);

  text = rd_format_date_time_skeleton (time, "yMMMMd");
  if (text != NULL)
    return text;

  local = g_date_time_to_local (time);
  /* Translators: a date, as in "3 March 2026", used only when ICU cannot
   * format it; see the g_date_time_format() documentation for the codes. */
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
