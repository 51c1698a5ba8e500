/* test-format.c — money, dates and deadlines as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-format.h"

static GDateTime *
utc (int y, int mo, int d, int h, int mi)
{
  return g_date_time_new_utc (y, mo, d, h, mi, 0);
}

static void
test_money_locales (void)
{
  static const struct { const char *lang; gint64 amount; const char *cur; const char *expected; } rows[] = {
    { "en_US", 1999, "EUR", "€19.99" },
    { "de", 1999, "EUR", "19,99\xc2\xa0€" },
    { "fr", 123456, "EUR", "1\xe2\x80\xaf" "234,56\xc2\xa0€" },
    { "en_US", 1500, "JPY", "¥1,500" },
    { "ja", 1500, "JPY", "￥1,500" },
    { "en_US", -250, "USD", "-$2.50" },
    /* One kind of digit on an Arabic screen: Latin, as the counts are. */
    { "ar", 1999, "EUR", "\xe2\x80\x8f" "19.99\xc2\xa0€" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RdMoney) m = rd_money_new (rows[i].amount, rows[i].cur);
      g_autofree char *s = NULL;

      g_setenv ("LANGUAGE", rows[i].lang, TRUE);
      s = rd_format_money (m);
      g_test_message ("%s %s -> %s", rows[i].lang, rows[i].cur, s);
      g_assert_cmpstr (s, ==, rows[i].expected);
    }
  g_unsetenv ("LANGUAGE");
}

static void
test_money_invalid_currency (void)
{
  g_autoptr(RdMoney) m = rd_money_new (1999, "eu");
  g_autofree char *s = rd_format_money (m);

  /* Never a crash and never a made-up symbol: the plain amount and code. */
  g_assert_cmpstr (s, ==, "19.99 eu");
}

static void
test_countdown (void)
{
  g_autoptr(GDateTime) now = utc (2026, 3, 2, 12, 0);
  static const struct { GTimeSpan left; const char *text; gboolean urgent; } rows[] = {
    { 3 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR, "3 days left", FALSE },
    { 2 * G_TIME_SPAN_DAY, "2 days left", FALSE },
    { 47 * G_TIME_SPAN_HOUR, "47 hours left", FALSE },
    { 24 * G_TIME_SPAN_HOUR, "24 hours left", FALSE },
    { 23 * G_TIME_SPAN_HOUR, "23 hours left", TRUE },
    { G_TIME_SPAN_HOUR, "1 hour left", TRUE },
    { 59 * G_TIME_SPAN_MINUTE, "59 minutes left", TRUE },
    { 1 * G_TIME_SPAN_MINUTE, "1 minute left", TRUE },
    { 10 * G_TIME_SPAN_SECOND, "1 minute left", TRUE },
    { 0, "Overdue", TRUE },
    { -G_TIME_SPAN_DAY, "Overdue", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) deadline = g_date_time_add (now, rows[i].left);
      gboolean urgent = !rows[i].urgent;
      g_autofree char *s = rd_format_countdown (deadline, now, &urgent);

      g_assert_cmpstr (s, ==, rows[i].text);
      g_assert_cmpint (urgent, ==, rows[i].urgent);
    }
}

static RdCase *
make_case (RdStatus status, RdTurn turn, RdExpiry expiry, GDateTime *respond_by)
{
  RdCase *kase = rd_case_new ();

  kase->status = status;
  kase->turn = turn;
  kase->on_expiry = expiry;
  kase->respond_by = respond_by ? g_date_time_ref (respond_by) : NULL;
  kase->buyer = rd_party_new ("u-ana", "Ana Ribeiro");
  kase->seller = rd_party_new ("u-kai", "Kai's Gadgets");
  return kase;
}

static void
test_deadline_sentence (void)
{
  g_autoptr(GDateTime) now = utc (2026, 3, 2, 12, 0);
  g_autoptr(GDateTime) in2 = g_date_time_add_days (now, 2);
  g_autoptr(RdCase) seller_turn = make_case (RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, RD_EXPIRY_ESCALATE, in2);
  g_autoptr(RdCase) buyer_turn = make_case (RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, RD_EXPIRY_EXPIRE, in2);
  g_autoptr(RdCase) review = make_case (RD_STATUS_UNDER_REVIEW, RD_TURN_AGENT, RD_EXPIRY_NONE, NULL);
  g_autofree char *a = rd_format_deadline_sentence (seller_turn, RD_ROLE_BUYER, now);
  g_autofree char *b = rd_format_deadline_sentence (seller_turn, RD_ROLE_SELLER, now);
  g_autofree char *c = rd_format_deadline_sentence (buyer_turn, RD_ROLE_BUYER, now);
  g_autofree char *d = rd_format_deadline_sentence (review, RD_ROLE_BUYER, now);

  g_assert_cmpstr (a, ==, "\xe2\x81\xa8Kai's Gadgets\xe2\x81\xa9 must answer within 2 days — then it goes to the platform automatically");
  g_assert_cmpstr (b, ==, "You must answer within 2 days — then it goes to the platform automatically");
  g_assert_cmpstr (c, ==, "You must answer within 2 days — then the case closes without a refund");
  g_assert_null (d);
}

static void
test_date_time_local_zone (void)
{
  g_autoptr(GDateTime) t = utc (2026, 3, 3, 13, 0);
  static const struct { const char *lang; const char *date_time; const char *date; } rows[] = {
    /* Shown in the user's zone: 13:00 UTC is 14:00 in Berlin in winter;
     * written as the UI language writes dates, whatever LC_TIME says. */
    { "en_GB", "Tue, 3 March at 14:00", "3 March 2026" },
    { "de", "Di., 3. März um 14:00", "3. März 2026" },
    { "zh_CN", "3月3日周二 14:00", "2026年3月3日" },
  };

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *dt = NULL;
      g_autofree char *d = NULL;

      g_setenv ("LANGUAGE", rows[i].lang, TRUE);
      dt = rd_format_date_time (t);
      d = rd_format_date (t);
      g_assert_cmpstr (dt, ==, rows[i].date_time);
      g_assert_cmpstr (d, ==, rows[i].date);
    }
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("TZ");
}

static void
test_isolate (void)
{
  g_autofree char *s = rd_format_isolate ("ORD-2026-000123");

  g_assert_true (g_str_has_prefix (s, "\xe2\x81\xa8"));
  g_assert_true (g_str_has_suffix (s, "\xe2\x81\xa9"));
  g_assert_nonnull (strstr (s, "ORD-2026-000123"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/locales", test_money_locales);
  g_test_add_func ("/format/money/invalid-currency", test_money_invalid_currency);
  g_test_add_func ("/format/countdown", test_countdown);
  g_test_add_func ("/format/deadline-sentence", test_deadline_sentence);
  g_test_add_func ("/format/date-time-local-zone", test_date_time_local_zone);
  g_test_add_func ("/format/isolate", test_isolate);

  return g_test_run ();
}
