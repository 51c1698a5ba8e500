/* test-quality.c — the quality page's numbers, its summaries and its CSV
 *
 * Hand-built cases pin every figure to a number worked out by hand; the
 * demo world is checked against a second, plainer implementation written
 * here, and every CSV is read back with a small RFC 4180 parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-platform-process.h"
#include "rd-quality.h"
#include "rd-store.h"

/* ------------------------------------------------------------------------ */
/* Building cases                                                           */

static guint id_counter;

static char *
next_id (void)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012x", ++id_counter);
}

static GDateTime *
at (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static RdEvent *
add_event (RdCase      *kase,
           RdEventType  type,
           RdRole       role,
           const char  *when)
{
  RdEvent *event = rd_event_new ();

  event->id = next_id ();
  event->at = at (when);
  event->type = type;
  event->actor_role = role;
  switch (role)
    {
    case RD_ROLE_BUYER:
      event->actor = rd_party_copy (kase->buyer);
      break;
    case RD_ROLE_SELLER:
      event->actor = rd_party_copy (kase->seller);
      break;
    case RD_ROLE_AGENT:
      event->actor = rd_party_new ("agent-mia", "Mia");
      break;
    case RD_ROLE_PLATFORM:
    default:
      event->actor = rd_party_new ("platform", "Redress");
      break;
    }

  switch (type)
    {
    case RD_EVENT_TYPE_MESSAGE:
      event->text = g_strdup ("Hello");
      event->lang = g_strdup ("en");
      event->evidence_ids = g_new0 (char *, 1);
      break;
    case RD_EVENT_TYPE_EVIDENCE:
      event->evidence_ids = g_new0 (char *, 2);
      event->evidence_ids[0] = next_id ();
      break;
    case RD_EVENT_TYPE_OFFER:
    case RD_EVENT_TYPE_OFFER_ACCEPTED:
    case RD_EVENT_TYPE_OFFER_REJECTED:
      event->offer_id = next_id ();
      break;
    case RD_EVENT_TYPE_RULED:
      event->has_decision = TRUE;
      event->decision = RD_DECISION_BUYER;
      event->note = g_strdup ("Refund the buyer.");
      break;
    case RD_EVENT_TYPE_CREATED:
    case RD_EVENT_TYPE_CLAIM_ACCEPTED:
    case RD_EVENT_TYPE_ESCALATED:
    case RD_EVENT_TYPE_DEADLINE_MISSED:
    case RD_EVENT_TYPE_RETURN_SHIPPED:
    case RD_EVENT_TYPE_RETURN_RECEIVED:
    case RD_EVENT_TYPE_WITHDRAWN:
    case RD_EVENT_TYPE_RESOLVED:
    case RD_EVENT_TYPE_RATED:
    default:
      break;
    }

  g_ptr_array_add (kase->events, event);
  return event;
}

static RdCase *
case_new (GPtrArray  *cases,
          const char *title,
          RdReason    reason,
          const char *created)
{
  RdCase *kase = rd_case_new ();

  kase->id = next_id ();
  kase->version = 1;
  kase->order_id = next_id ();
  kase->order_number = g_strdup_printf ("R-%u", id_counter);
  kase->item = rd_order_item_new ();
  kase->item->sku = g_strdup_printf ("SKU-%u", id_counter);
  kase->item->title = g_strdup (title);
  kase->item->quantity = 1;
  kase->item->unit_price = rd_money_new (1999, "EUR");
  kase->buyer = rd_party_new ("buyer-ana", "Ana");
  kase->seller = rd_party_new ("seller-kai", "Kai's Gadgets");
  kase->reason = reason;
  kase->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
  kase->description = g_strdup ("It does not work.");
  kase->lang = g_strdup ("en");
  kase->status = RD_STATUS_AWAITING_SELLER;
  kase->turn = RD_TURN_SELLER;
  kase->on_expiry = RD_EXPIRY_NONE;
  kase->created_at = at (created);
  kase->updated_at = g_date_time_ref (kase->created_at);
  add_event (kase, RD_EVENT_TYPE_CREATED, RD_ROLE_BUYER, created);

  g_ptr_array_add (cases, kase);
  return kase;
}

/* A seller's first answer @delay after the case was created. */
static void
answer_after (RdCase      *kase,
              RdEventType  type,
              GTimeSpan    delay)
{
  g_autoptr(GDateTime) when = g_date_time_add (kase->created_at, delay);
  g_autofree char *iso = g_date_time_format_iso8601 (when);

  add_event (kase, type, RD_ROLE_SELLER, iso);
}

static void
escalate (RdCase     *kase,
          RdRole      by,
          const char *when)
{
  add_event (kase, RD_EVENT_TYPE_ESCALATED, by, when);
  kase->status = RD_STATUS_UNDER_REVIEW;
  kase->turn = RD_TURN_AGENT;
}

static void
resolve (RdCase              *kase,
         RdResolutionOutcome  outcome,
         RdResolutionBy       by,
         const char          *when)
{
  g_autoptr(GDateTime) t = at (when);
  RdEvent *event = add_event (kase, RD_EVENT_TYPE_RESOLVED, RD_ROLE_PLATFORM, when);

  event->has_outcome = TRUE;
  event->outcome = outcome;
  kase->resolution = rd_resolution_new (outcome, NULL, by, t);
  kase->status = RD_STATUS_RESOLVED;
  kase->turn = RD_TURN_NONE;
}

static GPtrArray *
cases_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static RdQualityReport *
compute (GPtrArray  *cases,
         const char *now)
{
  g_autoptr(GDateTime) t = at (now);
  g_autoptr(GError) error = NULL;
  RdQualityReport *report = rd_quality_report_compute (cases, t, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
product_value (RdQualityReport *report,
               const char      *title)
{
  for (guint i = 0; i < rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_PRODUCT); i++)
    if (g_strcmp0 (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, i), title) == 0)
      return rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_PRODUCT, i);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* A small RFC 4180 reader: rows of fields, or NULL for malformed text      */

static GPtrArray *
csv_parse (const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;
  const char *p = text;

  while (*p != '\0')
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, row);
        }

      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                return NULL;  /* an unclosed quote */
              if (*p == '"')
                {
                  if (p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              g_string_append_c (field, *p++);
            }
        }
      else
        {
          while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
            {
              if (*p == '"')
                return NULL;  /* a quote inside an unquoted field */
              g_string_append_c (field, *p++);
            }
        }
      g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));

      if (*p == ',')
        {
          p++;
          if (*p == '\0')
            return NULL;
        }
      else if (p[0] == '\r' && p[1] == '\n')
        {
          p += 2;
          row = NULL;
        }
      else
        {
          return NULL;  /* a bare CR or LF, or text after a closing quote */
        }
    }
  if (row != NULL)
    return NULL;  /* the last row has no CRLF */
  return g_steal_pointer (&rows);
}

static const char *
cell (GPtrArray *row,
      guint      i)
{
  g_assert_cmpuint (row->len, ==, 4);
  return g_ptr_array_index (row, i);
}

/* What the CSV must hold for a label: an apostrophe before a formula. */
static char *
guarded (const char *label)
{
  if (label == NULL)
    return g_strdup ("");
  if (label[0] != '\0' && strchr ("=+-@\t\r", label[0]) != NULL)
    return g_strconcat ("'", label, NULL);
  return g_strdup (label);
}

static guint
parse_uint (const char *s)
{
  guint64 v = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT, &v, &error));
  g_assert_no_error (error);
  return (guint) v;
}

/* The rows of @section, in order. */
static GPtrArray *
csv_section (GPtrArray  *rows,
             const char *section)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 1; i < rows->len; i++)
    if (strcmp (cell (g_ptr_array_index (rows, i), 0), section) == 0)
      g_ptr_array_add (out, g_ptr_array_index (rows, i));
  return out;
}

static const char *
csv_metric (GPtrArray  *rows,
            const char *key)
{
  const char *found = NULL;

  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      if (strcmp (cell (row, 0), "metric") == 0 && strcmp (cell (row, 1), key) == 0)
        {
          g_assert_null (found);  /* each metric once */
          found = cell (row, 3);
          g_assert_cmpstr (cell (row, 2), ==, "");
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* Every number of @report is in @csv, and nothing else. */
static void
assert_csv_matches_report (RdQualityReport *report,
                           const char      *csv)
{
  static const struct { RdQualityChart chart; const char *section; gboolean labelled; } charts[] = {
    { RD_QUALITY_CHART_BY_PRODUCT, "by_product", TRUE },
    { RD_QUALITY_CHART_BY_REASON, "by_reason", TRUE },
    { RD_QUALITY_CHART_TREND, "trend", FALSE },
    { RD_QUALITY_CHART_OUTCOMES, "outcome", TRUE },
    { RD_QUALITY_CHART_ESCALATED_OUTCOMES, "escalated_outcome", TRUE },
  };
  g_autoptr(GPtrArray) rows = csv_parse (csv);
  GPtrArray *header;
  guint n_rows = 1;
  GTimeSpan median;
  const char *hours;

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >, 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (cell (header, 0), ==, "section");
  g_assert_cmpstr (cell (header, 1), ==, "key");
  g_assert_cmpstr (cell (header, 2), ==, "label");
  g_assert_cmpstr (cell (header, 3), ==, "value");

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    {
      g_autoptr(GPtrArray) section = csv_section (rows, charts[c].section);
      guint n = rd_quality_report_get_n_bars (report, charts[c].chart);

      g_assert_cmpuint (section->len, ==, n);
      for (guint i = 0; i < n; i++)
        {
          GPtrArray *row = g_ptr_array_index (section, i);
          const char *key = rd_quality_report_get_bar_key (report, charts[c].chart, i);
          g_autofree char *label = guarded (charts[c].labelled
                                            ? rd_quality_report_get_bar_label (report, charts[c].chart, i)
                                            : NULL);

          g_assert_cmpstr (cell (row, 1), ==, key != NULL ? key : "");
          g_assert_cmpstr (cell (row, 2), ==, label);
          g_assert_cmpuint (parse_uint (cell (row, 3)), ==,
                            rd_quality_report_get_bar_value (report, charts[c].chart, i));
        }
      n_rows += n;
    }

  g_assert_cmpuint (parse_uint (csv_metric (rows, "cases")), ==, rd_quality_report_get_n_cases (report));
  g_assert_cmpuint (parse_uint (csv_metric (rows, "answered")), ==, rd_quality_report_get_n_answered (report));
  g_assert_cmpuint (parse_uint (csv_metric (rows, "unanswered")), ==, rd_quality_report_get_n_unanswered (report));
  g_assert_cmpuint (parse_uint (csv_metric (rows, "escalated")), ==, rd_quality_report_get_n_escalated (report));
  g_assert_cmpuint (parse_uint (csv_metric (rows, "escalated_open")), ==, rd_quality_report_get_n_escalated_open (report));
  g_assert_cmpuint (parse_uint (csv_metric (rows, "resolved")), ==, rd_quality_report_get_n_resolved (report));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (csv_metric (rows, "escalated_share"), NULL),
                                  rd_quality_report_get_escalated_share (report), 0.00005);
  hours = csv_metric (rows, "median_first_response_hours");
  if (rd_quality_report_get_median_first_response (report, &median))
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (hours, NULL),
                                    (double) median / G_TIME_SPAN_HOUR, 0.005);
  else
    g_assert_cmpstr (hours, ==, "");
  n_rows += 8;

  {
    g_autoptr(GPtrArray) window = csv_section (rows, "window");
    g_autofree char *start = rd_codec_format_time (rd_quality_report_get_window_start (report));
    g_autofree char *end = rd_codec_format_time (rd_quality_report_get_window_end (report));

    g_assert_cmpuint (window->len, ==, 2);
    g_assert_cmpstr (cell (g_ptr_array_index (window, 0), 1), ==, "start");
    g_assert_cmpstr (cell (g_ptr_array_index (window, 0), 3), ==, start);
    g_assert_cmpstr (cell (g_ptr_array_index (window, 1), 1), ==, "end");
    g_assert_cmpstr (cell (g_ptr_array_index (window, 1), 3), ==, end);
    n_rows += 2;
  }

  /* No row that the checks above did not account for. */
  g_assert_cmpuint (rows->len, ==, n_rows);
}

/* ------------------------------------------------------------------------ */
/* The window and the trend                                                 */

static void
test_empty (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = compute (cases, "2026-03-15T10:00:00Z");
  g_autofree char *csv = NULL;
  g_autofree char *s = NULL;

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 0);
  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_PRODUCT), ==, 0);
  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_REASON), ==, RD_REASON_N_VALUES);
  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_TREND), ==, 12);
  g_assert_cmpuint (rd_quality_report_get_max_value (report, RD_QUALITY_CHART_TREND), ==, 0);
  g_assert_false (rd_quality_report_get_median_first_response (report, NULL));
  g_assert_cmpfloat (rd_quality_report_get_escalated_share (report), ==, 0.0);

  for (guint c = 0; c < RD_QUALITY_CHART_N_VALUES; c++)
    {
      g_autofree char *summary = rd_quality_report_get_summary (report, c);

      g_assert_cmpstr (summary, ==, "No disputes in the last 12 months.");
    }
  s = rd_quality_report_format_median_first_response (report);
  g_assert_cmpstr (s, ==, "No answers yet");

  csv = rd_quality_report_to_csv (report);
  g_assert_true (g_str_has_prefix (csv, "section,key,label,value\r\n"
                                        "window,start,,2025-04-01T00:00:00Z\r\n"
                                        "window,end,,2026-03-15T10:00:00Z\r\n"
                                        "metric,cases,,0\r\n"
                                        "by_reason,defective,It stopped working or broke,0\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nmetric,median_first_response_hours,,\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nmetric,escalated_share,,0\r\n"));
  assert_csv_matches_report (report, csv);
}

static void
test_window_boundaries (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *csv = NULL;
  static const guint expected[12] = { 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1 };
  int year, month;

  /* now = 2026-03-15 10:00 UTC: the window is April 2025 .. March 2026. */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-03-31T23:59:59Z");  /* a second too early */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-04-01T00:00:00Z");  /* first instant */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-04-30T23:59:59Z");  /* still April */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-05-01T00:00:00Z");  /* May */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2026-01-31T23:59:59Z");  /* January */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2026-02-28T23:59:59Z");  /* February */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2026-03-15T10:00:00Z");  /* now itself */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2026-03-15T10:00:01Z");  /* after now */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2024-12-01T00:00:00Z");  /* long ago */
  report = compute (cases, "2026-03-15T10:00:00Z");

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 6);
  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_TREND), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *key = NULL;
      int y = i < 9 ? 2025 : 2026;
      int m = i < 9 ? (int) i + 4 : (int) i - 8;

      key = g_strdup_printf ("%04d-%02d", y, m);
      g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_TREND, i), ==, key);
      rd_quality_report_get_trend_month (report, i, &year, &month);
      g_assert_cmpint (year, ==, y);
      g_assert_cmpint (month, ==, m);
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, i), ==, expected[i]);
    }
  g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_TREND, 0), ==, "April 2025");
  g_assert_cmpstr (rd_quality_report_get_bar_short_label (report, RD_QUALITY_CHART_TREND, 0), ==, "Apr");
  g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_TREND, 11), ==, "March 2026");
  g_assert_cmpuint (rd_quality_report_get_max_value (report, RD_QUALITY_CHART_TREND), ==, 2);
  g_assert_cmpuint (product_value (report, "Lamp"), ==, 6);
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_REASON, RD_REASON_OTHER), ==, 6);

  csv = rd_quality_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\ntrend,2025-04,,2\r\ntrend,2025-05,,1\r\ntrend,2025-06,,0\r\n"));
  g_assert_nonnull (strstr (csv, "\r\ntrend,2026-03,,1\r\nmetric,answered,,0\r\n"));
  assert_csv_matches_report (report, csv);
}

/* Months are the user's: with @now two hours east of UTC, 22:30 UTC on
 * 31 March is already April. */
static void
test_window_time_zone (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, 15, 10, 0, 0);
  g_autoptr(RdQualityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;

  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-03-31T21:59:59Z");  /* 23:59:59 local, March */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-03-31T22:00:00Z");  /* 00:00 local, April */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-04-30T22:30:00Z");  /* 00:30 local, May */
  report = rd_quality_report_compute (cases, now, &error);
  g_assert_no_error (error);

  start = rd_codec_format_time (rd_quality_report_get_window_start (report));
  g_assert_cmpstr (start, ==, "2025-03-31T22:00:00Z");
  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 2);
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, 0), ==, 1);
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, 1), ==, 1);
}

/* In January the window reaches back into the previous year. */
static void
test_window_year_turn (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *summary = NULL;

  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-01-31T12:00:00Z");  /* out */
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-02-01T12:00:00Z");
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-12-24T12:00:00Z");
  case_new (cases, "Lamp", RD_REASON_OTHER, "2025-12-25T12:00:00Z");
  case_new (cases, "Lamp", RD_REASON_OTHER, "2026-01-02T12:00:00Z");
  report = compute (cases, "2026-01-10T08:00:00Z");

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 4);
  g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_TREND, 0), ==, "2025-02");
  g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_TREND, 10), ==, "2025-12");
  g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_TREND, 11), ==, "2026-01");
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, 0), ==, 1);
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, 10), ==, 2);
  g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, 11), ==, 1);

  summary = rd_quality_report_summary_trend (report);
  g_assert_cmpstr (summary, ==,
                   "4 disputes in the last 12 months. The busiest month was December 2025, "
                   "with 2 disputes. January 2026 so far: 1 dispute.");
}

/* ------------------------------------------------------------------------ */
/* Products and reasons                                                     */

static void
test_by_product (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *summary = NULL;
  static const struct { const char *title; guint n; } rows[] = {
    { "USB-C cable", 3 },
    { "Car phone holder", 5 },
    { "Desk lamp", 3 },
    { "Bike light", 1 },
  };
  static const struct { const char *title; guint n; } expected[] = {
    { "Car phone holder", 5 },
    { "Desk lamp", 3 },
    { "USB-C cable", 3 },
    { "Bike light", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint j = 0; j < rows[i].n; j++)
      case_new (cases, rows[i].title, RD_REASON_DEFECTIVE, "2026-02-10T09:00:00Z");
  /* Outside the window: not counted, and no bar of its own. */
  case_new (cases, "Car phone holder", RD_REASON_DEFECTIVE, "2024-02-10T09:00:00Z");
  case_new (cases, "Old kettle", RD_REASON_DEFECTIVE, "2024-02-10T09:00:00Z");
  report = compute (cases, "2026-03-15T10:00:00Z");

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 12);
  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_PRODUCT), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, i), ==, expected[i].title);
      g_assert_cmpstr (rd_quality_report_get_bar_short_label (report, RD_QUALITY_CHART_BY_PRODUCT, i), ==, expected[i].title);
      g_assert_null (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_BY_PRODUCT, i));
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_PRODUCT, i), ==, expected[i].n);
    }
  g_assert_cmpuint (rd_quality_report_get_max_value (report, RD_QUALITY_CHART_BY_PRODUCT), ==, 5);

  summary = rd_quality_report_summary_by_product (report);
  g_assert_cmpstr (summary, ==,
                   "Most disputes concern “Car phone holder” (5 of 12). "
                   "Next: “Desk lamp” (3), “USB-C cable” (3). "
                   "4 products have disputes in all.");
}

static void
test_by_product_ties (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) single = cases_new ();
  g_autoptr(RdQualityReport) single_report = NULL;
  g_autofree char *single_summary = NULL;
  const char *titles[] = { "Kettle", "Anvil", "Mug", "Bowl", "Cup" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      case_new (cases, titles[i], RD_REASON_OTHER, "2026-03-01T09:00:00Z");
      if (i < 4)
        case_new (cases, titles[i], RD_REASON_OTHER, "2026-03-02T09:00:00Z");
    }
  report = compute (cases, "2026-03-15T10:00:00Z");
  /* Equal counts sort by title. */
  g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, 0), ==, "Anvil");
  g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, 3), ==, "Mug");
  g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, 4), ==, "Cup");
  summary = rd_quality_report_summary_by_product (report);
  g_assert_cmpstr (summary, ==,
                   "4 products have the most disputes, 2 each of 9: “Anvil”, “Bowl”, “Kettle” and 1 more. "
                   "Next: “Cup” (1). 5 products have disputes in all.");

  case_new (single, "Kettle", RD_REASON_OTHER, "2026-03-01T09:00:00Z");
  case_new (single, "Kettle", RD_REASON_OTHER, "2026-03-01T09:00:00Z");
  single_report = compute (single, "2026-03-15T10:00:00Z");
  {
    g_autoptr(GPtrArray) even = cases_new ();
    g_autoptr(RdQualityReport) even_report = NULL;
    g_autofree char *even_summary = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      case_new (even, titles[i], RD_REASON_OTHER, "2026-03-01T09:00:00Z");
    even_report = compute (even, "2026-03-15T10:00:00Z");
    even_summary = rd_quality_report_summary_by_product (even_report);
    g_assert_cmpstr (even_summary, ==,
                     "Every product has the same number of disputes, 1 each: "
                     "“Anvil”, “Bowl”, “Cup” and 2 more. 5 products have disputes in all.");
  }
  single_summary = rd_quality_report_summary_by_product (single_report);
  g_assert_cmpstr (single_summary, ==, "All disputes concern “Kettle” (2).");
}

static void
test_by_reason_zero_filled (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *csv = NULL;
  guint expected[RD_REASON_N_VALUES] = { 0, };

  for (guint i = 0; i < 3; i++)
    case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-01-05T09:00:00Z");
  for (guint i = 0; i < 4; i++)
    case_new (cases, "Lamp", RD_REASON_NOT_RECEIVED, "2026-01-05T09:00:00Z");
  case_new (cases, "Lamp", RD_REASON_COUNTERFEIT, "2026-01-05T09:00:00Z");
  case_new (cases, "Lamp", RD_REASON_WRONG_ITEM, "2024-01-05T09:00:00Z");  /* outside */
  expected[RD_REASON_DEFECTIVE] = 3;
  expected[RD_REASON_NOT_RECEIVED] = 4;
  expected[RD_REASON_COUNTERFEIT] = 1;
  report = compute (cases, "2026-03-15T10:00:00Z");

  g_assert_cmpuint (rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_REASON), ==, RD_REASON_N_VALUES);
  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    {
      g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_BY_REASON, r), ==, rd_reason_to_string (r));
      g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_REASON, r), ==, rd_reason_label (r));
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_REASON, r), ==, expected[r]);
    }

  summary = rd_quality_report_summary_by_reason (report);
  g_assert_cmpstr (summary, ==,
                   "The most common reason is “It never arrived” (4 of 8). "
                   "Next: “It stopped working or broke” (3), “It is counterfeit” (1).");

  csv = rd_quality_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\nby_reason,defective,It stopped working or broke,3\r\n"
                                 "by_reason,damaged_in_transit,It arrived damaged,0\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_reason,wrong_item,I received the wrong item,0\r\n"));
  assert_csv_matches_report (report, csv);
}

/* ------------------------------------------------------------------------ */
/* First response                                                           */

/* Four answered cases (1 h, 2 h 30, 4 h, 30 h), and with @odd a fifth
 * (6 h), among cases that must not count. */
static GPtrArray *
response_cases (gboolean odd)
{
  GPtrArray *cases = cases_new ();
  RdCase *kase;

  /* 1 h, by a message; the buyer's own messages before it do not count. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-02T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_MESSAGE, RD_ROLE_BUYER, "2026-02-02T08:10:00Z");
  add_event (kase, RD_EVENT_TYPE_EVIDENCE, RD_ROLE_BUYER, "2026-02-02T08:20:00Z");
  answer_after (kase, RD_EVENT_TYPE_MESSAGE, G_TIME_SPAN_HOUR);
  answer_after (kase, RD_EVENT_TYPE_OFFER, 2 * G_TIME_SPAN_HOUR);

  /* 2 h 30, by an offer, with a later seller message listed before it: the
   * earliest counts, not the first in the list. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-03T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_MESSAGE, 20 * G_TIME_SPAN_HOUR);
  answer_after (kase, RD_EVENT_TYPE_OFFER, 150 * G_TIME_SPAN_MINUTE);

  /* 4 h, by accepting the claim. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-04T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_CLAIM_ACCEPTED, 4 * G_TIME_SPAN_HOUR);
  resolve (kase, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_SELLER, "2026-02-04T12:00:00Z");

  /* 30 h, by evidence. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-05T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_EVIDENCE, 30 * G_TIME_SPAN_HOUR);

  if (odd)
    {
      /* 6 h: the seller escalated, which is an answer too. */
      kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-06T08:00:00Z");
      escalate (kase, RD_ROLE_SELLER, "2026-02-06T14:00:00Z");
    }

  /* Never answered: still waiting, with the buyer writing again. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-10T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_MESSAGE, RD_ROLE_BUYER, "2026-03-11T08:00:00Z");

  /* Never answered: the deadline passed and the platform escalated it; the
   * agent's ruling is no answer from the seller either. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-01-10T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_DEADLINE_MISSED, RD_ROLE_PLATFORM, "2026-01-15T08:00:00Z");
  escalate (kase, RD_ROLE_PLATFORM, "2026-01-15T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_RULED, RD_ROLE_AGENT, "2026-01-16T08:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_PLATFORM, "2026-01-16T08:00:00Z");

  /* Never answered: withdrawn first. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-01-11T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_WITHDRAWN, RD_ROLE_BUYER, "2026-01-11T09:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_WITHDRAWN, RD_RESOLUTION_BY_AGREEMENT, "2026-01-11T09:00:00Z");

  /* Outside the window: answered in a minute, but not counted. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2025-01-10T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_MESSAGE, G_TIME_SPAN_MINUTE);

  return cases;
}

static void
test_median_odd (void)
{
  g_autoptr(GPtrArray) cases = response_cases (TRUE);
  g_autoptr(RdQualityReport) report = compute (cases, "2026-03-15T10:00:00Z");
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *csv = NULL;
  GTimeSpan median = 0;

  /* 1 h, 2 h 30, 4 h, 6 h, 30 h: the middle one. */
  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 8);
  g_assert_cmpuint (rd_quality_report_get_n_answered (report), ==, 5);
  g_assert_cmpuint (rd_quality_report_get_n_unanswered (report), ==, 3);
  g_assert_true (rd_quality_report_get_median_first_response (report, &median));
  g_assert_cmpint (median, ==, 4 * G_TIME_SPAN_HOUR);

  text = rd_quality_report_format_median_first_response (report);
  g_assert_cmpstr (text, ==, "4 hours");
  summary = rd_quality_report_summary_first_response (report);
  g_assert_cmpstr (summary, ==,
                   "The median time to a first answer from the seller is 4 hours. "
                   "3 disputes without an answer are not counted.");
  csv = rd_quality_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\nmetric,answered,,5\r\nmetric,unanswered,,3\r\n"
                                 "metric,median_first_response_hours,,4\r\n"));
  assert_csv_matches_report (report, csv);
}

static void
test_median_even (void)
{
  g_autoptr(GPtrArray) cases = response_cases (FALSE);
  g_autoptr(RdQualityReport) report = compute (cases, "2026-03-15T10:00:00Z");
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  GTimeSpan median = 0;

  /* 1 h, 2 h 30, 4 h, 30 h: the mean of the middle two is 3 h 15. */
  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 7);
  g_assert_cmpuint (rd_quality_report_get_n_answered (report), ==, 4);
  g_assert_cmpuint (rd_quality_report_get_n_unanswered (report), ==, 3);
  g_assert_true (rd_quality_report_get_median_first_response (report, &median));
  g_assert_cmpint (median, ==, 195 * G_TIME_SPAN_MINUTE);

  text = rd_quality_report_format_median_first_response (report);
  g_assert_cmpstr (text, ==, "3 hours 15 minutes");
  csv = rd_quality_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\nmetric,median_first_response_hours,,3.25\r\n"));
  assert_csv_matches_report (report, csv);
}

static void
test_median_none_answered (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autofree char *summary = NULL;
  RdCase *kase;

  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-10T08:00:00Z");
  add_event (kase, RD_EVENT_TYPE_MESSAGE, RD_ROLE_BUYER, "2026-03-10T09:00:00Z");
  case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-11T08:00:00Z");
  report = compute (cases, "2026-03-15T10:00:00Z");

  g_assert_cmpuint (rd_quality_report_get_n_answered (report), ==, 0);
  g_assert_cmpuint (rd_quality_report_get_n_unanswered (report), ==, 2);
  g_assert_false (rd_quality_report_get_median_first_response (report, NULL));
  summary = rd_quality_report_summary_first_response (report);
  g_assert_cmpstr (summary, ==, "The seller has not answered any of the 2 disputes yet.");
}

static void
test_duration_format (void)
{
  static const struct { GTimeSpan span; const char *text; } rows[] = {
    { 0, "less than a minute" },
    { 29 * G_TIME_SPAN_SECOND, "less than a minute" },
    { 30 * G_TIME_SPAN_SECOND, "1 minute" },
    { 45 * G_TIME_SPAN_MINUTE, "45 minutes" },
    { G_TIME_SPAN_HOUR, "1 hour" },
    { 12 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE, "12 hours 30 minutes" },
    { 25 * G_TIME_SPAN_HOUR + G_TIME_SPAN_MINUTE, "25 hours 1 minute" },
    { 47 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "47 hours 59 minutes" },
    { 48 * G_TIME_SPAN_HOUR, "2 days" },
    { 3 * G_TIME_SPAN_DAY + 4 * G_TIME_SPAN_HOUR + 20 * G_TIME_SPAN_MINUTE, "3 days 4 hours" },
    { 2 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR, "2 days 1 hour" },
    { -G_TIME_SPAN_HOUR, "less than a minute" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *s = rd_quality_format_duration (rows[i].span);

      g_assert_cmpstr (s, ==, rows[i].text);
    }
}

/* ------------------------------------------------------------------------ */
/* Escalation and outcomes                                                  */

static GPtrArray *
outcome_cases (void)
{
  GPtrArray *cases = cases_new ();
  RdCase *kase;

  /* Escalated, then ruled for the buyer: refunded. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-01-05T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_OFFER, G_TIME_SPAN_HOUR);
  escalate (kase, RD_ROLE_BUYER, "2026-01-07T08:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_PLATFORM, "2026-01-09T08:00:00Z");

  /* Escalated by the seller, ruled against the buyer. */
  kase = case_new (cases, "Lamp", RD_REASON_NOT_AS_DESCRIBED, "2026-01-06T08:00:00Z");
  escalate (kase, RD_ROLE_SELLER, "2026-01-06T10:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_REJECTED, RD_RESOLUTION_BY_PLATFORM, "2026-01-09T08:00:00Z");

  /* Escalated and still under review. */
  kase = case_new (cases, "Lamp", RD_REASON_NOT_RECEIVED, "2026-03-01T08:00:00Z");
  escalate (kase, RD_ROLE_BUYER, "2026-03-02T08:00:00Z");

  /* Ended without the platform: refunded, replaced, withdrawn. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-01T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_CLAIM_ACCEPTED, G_TIME_SPAN_HOUR);
  resolve (kase, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_SELLER, "2026-02-01T09:00:00Z");

  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-02-02T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_OFFER, G_TIME_SPAN_HOUR);
  resolve (kase, RD_RESOLUTION_OUTCOME_REPLACED, RD_RESOLUTION_BY_AGREEMENT, "2026-02-03T09:00:00Z");

  /* Its resolution is missing; its `resolved` event still says how it ended. */
  kase = case_new (cases, "Lamp", RD_REASON_WRONG_ITEM, "2026-02-03T08:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_WITHDRAWN, RD_RESOLUTION_BY_AGREEMENT, "2026-02-03T09:00:00Z");
  g_clear_pointer (&kase->resolution, rd_resolution_free);

  /* Open, never escalated. */
  case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-05T08:00:00Z");
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-06T08:00:00Z");
  answer_after (kase, RD_EVENT_TYPE_OFFER, G_TIME_SPAN_HOUR);
  kase->status = RD_STATUS_AWAITING_BUYER;

  /* Outside the window: escalated and refunded, not counted. */
  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2024-03-06T08:00:00Z");
  escalate (kase, RD_ROLE_BUYER, "2024-03-08T08:00:00Z");
  resolve (kase, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_PLATFORM, "2024-03-09T08:00:00Z");

  return cases;
}

static void
test_escalation_and_outcomes (void)
{
  g_autoptr(GPtrArray) cases = outcome_cases ();
  g_autoptr(RdQualityReport) report = compute (cases, "2026-03-15T10:00:00Z");
  guint outcomes[RD_RESOLUTION_OUTCOME_N_VALUES] = { 0, };
  guint escalated[RD_RESOLUTION_OUTCOME_N_VALUES] = { 0, };
  g_autofree char *share = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *csv = NULL;

  outcomes[RD_RESOLUTION_OUTCOME_REFUNDED] = 2;
  outcomes[RD_RESOLUTION_OUTCOME_REJECTED] = 1;
  outcomes[RD_RESOLUTION_OUTCOME_REPLACED] = 1;
  outcomes[RD_RESOLUTION_OUTCOME_WITHDRAWN] = 1;
  escalated[RD_RESOLUTION_OUTCOME_REFUNDED] = 1;
  escalated[RD_RESOLUTION_OUTCOME_REJECTED] = 1;

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, 8);
  g_assert_cmpuint (rd_quality_report_get_n_escalated (report), ==, 3);
  g_assert_cmpfloat_with_epsilon (rd_quality_report_get_escalated_share (report), 0.375, 1e-12);
  g_assert_cmpuint (rd_quality_report_get_n_escalated_open (report), ==, 1);
  g_assert_cmpuint (rd_quality_report_get_n_resolved (report), ==, 5);
  for (guint o = 0; o < RD_RESOLUTION_OUTCOME_N_VALUES; o++)
    {
      g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_OUTCOMES, o), ==,
                       rd_resolution_outcome_to_string (o));
      g_assert_cmpstr (rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_OUTCOMES, o), ==,
                       rd_resolution_outcome_label (o));
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_OUTCOMES, o), ==, outcomes[o]);
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_ESCALATED_OUTCOMES, o), ==, escalated[o]);
    }

  share = rd_quality_report_format_escalated_share (report);
  g_assert_cmpstr (share, ==, "38%");
  summary = rd_quality_report_summary_escalation (report);
  g_assert_cmpstr (summary, ==,
                   "3 of 8 disputes (38%) went to the platform. "
                   "Of these, 2 have ended: “Refunded” (1), “Claim rejected” (1). 1 is still open.");
  ended = rd_quality_report_summary_outcomes (report);
  g_assert_cmpstr (ended, ==,
                   "5 of 8 disputes have ended: “Refunded” (2), “Replaced” (1), "
                   "“Claim rejected” (1), “Withdrawn by the buyer” (1).");

  csv = rd_quality_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\nmetric,escalated,,3\r\nmetric,escalated_share,,0.375\r\n"
                                 "metric,escalated_open,,1\r\n"
                                 "escalated_outcome,refunded,Refunded,1\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nmetric,resolved,,5\r\noutcome,refunded,Refunded,2\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\noutcome,expired,Closed after the deadline,0\r\n"));
  assert_csv_matches_report (report, csv);
}

static void
test_missing_created_at (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(GDateTime) now = at ("2026-03-15T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQualityReport) report = NULL;
  RdCase *kase;

  kase = case_new (cases, "Lamp", RD_REASON_DEFECTIVE, "2026-03-10T08:00:00Z");
  g_clear_pointer (&kase->created_at, g_date_time_unref);
  report = rd_quality_report_compute (cases, now, &error);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  g_assert_null (report);
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

static void
test_csv_field_escaping (void)
{
  static const struct { const char *in; const char *out; } rows[] = {
    { "plain", "plain" },
    { "Cable, 2 m", "\"Cable, 2 m\"" },
    { "The \"Best\" mug", "\"The \"\"Best\"\" mug\"" },
    { "Line 1\nLine 2", "\"Line 1\nLine 2\"" },
    { "CR\rhere", "\"CR\rhere\"" },
    { "=SUM(A1:A3)", "'=SUM(A1:A3)" },
    { "+49 phone", "'+49 phone" },
    { "-5 knife", "'-5 knife" },
    { "@home lamp", "'@home lamp" },
    { "\tTabbed", "'\tTabbed" },
    { "=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"" },
    { "a=b-c", "a=b-c" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      rd_quality_csv_append_field (out, rows[i].in);
      g_assert_cmpstr (out->str, ==, rows[i].out);
    }
}

static void
test_csv_products_round_trip (void)
{
  g_autoptr(GPtrArray) cases = cases_new ();
  g_autoptr(RdQualityReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autofree char *csv = NULL;
  static const char *titles[] = {
    "Cable, 2 m",
    "The \"Best\" mug",
    "Two\r\nlines",
    "=SUM(A1:A3)",
    "+49 phone",
    "-5 knife",
    "@home lamp",
    "Kaffeemühle „Öko“",
    "手机支架",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    for (guint j = 0; j <= i; j++)
      case_new (cases, titles[i], RD_REASON_OTHER, "2026-03-01T09:00:00Z");
  report = compute (cases, "2026-03-15T10:00:00Z");
  csv = rd_quality_report_to_csv (report);

  /* The raw text: quoted, doubled quotes, guarded formulas, CRLF lines. */
  g_assert_nonnull (strstr (csv, "\r\nby_product,,\"Cable, 2 m\",1\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,\"The \"\"Best\"\" mug\",2\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,\"Two\r\nlines\",3\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,'=SUM(A1:A3),4\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,'+49 phone,5\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,'-5 knife,6\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,'@home lamp,7\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,Kaffeemühle „Öko“,8\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nby_product,,手机支架,9\r\n"));
  for (const char *p = csv; *p != '\0'; p++)
    {
      /* Outside the one quoted title, every LF ends a CRLF. */
      if (*p == '\n')
        g_assert_cmpint (p[-1], ==, '\r');
    }

  /* Read back: each title, most disputes first. */
  rows = csv_parse (csv);
  g_assert_nonnull (rows);
  products = csv_section (rows, "by_product");
  g_assert_cmpuint (products->len, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < products->len; i++)
    {
      const char *title = titles[G_N_ELEMENTS (titles) - 1 - i];
      g_autofree char *expected = guarded (title);

      g_assert_cmpstr (cell (g_ptr_array_index (products, i), 2), ==, expected);
      g_assert_cmpuint (parse_uint (cell (g_ptr_array_index (products, i), 3)), ==, G_N_ELEMENTS (titles) - i);
    }
  assert_csv_matches_report (report, csv);
}

static void
test_csv_parser_rejects (void)
{
  /* The test's own reader must be strict, or the checks above prove little. */
  g_autoptr(GPtrArray) ok = csv_parse ("a,\"b,\"\"c\"\"\",\r\n");
  g_autoptr(GPtrArray) lf = csv_parse ("a,b\n");
  g_autoptr(GPtrArray) open = csv_parse ("a,\"b\r\n");
  g_autoptr(GPtrArray) stray = csv_parse ("a,b\"c\r\n");
  g_autoptr(GPtrArray) last = csv_parse ("a,b");

  g_assert_nonnull (ok);
  g_assert_cmpuint (ok->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (ok, 0))->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (ok, 0), 1), ==, "b,\"c\"");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (ok, 0), 2), ==, "");
  g_assert_null (lf);
  g_assert_null (open);
  g_assert_null (stray);
  g_assert_null (last);
}

/* ------------------------------------------------------------------------ */
/* An independent computation, for the demo world                          */

typedef struct
{
  guint       n_cases;
  GHashTable *products;     /* title -> count */
  guint       reasons[RD_REASON_N_VALUES];
  guint       months[12];
  char       *month_keys[12];
  GArray     *seconds;      /* double: response times of the answered */
  guint       n_unanswered;
  guint       n_escalated;
  guint       n_escalated_open;
  guint       n_resolved;
  guint       outcomes[RD_RESOLUTION_OUTCOME_N_VALUES];
  guint       escalated_outcomes[RD_RESOLUTION_OUTCOME_N_VALUES];
  gboolean    has_median;
  double      median_seconds;
} Expected;

static void
expected_free (Expected *e)
{
  g_hash_table_unref (e->products);
  g_array_unref (e->seconds);
  for (guint i = 0; i < 12; i++)
    g_free (e->month_keys[i]);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expected, expected_free)

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Straight loops over UTC months and Unix seconds, sharing no code with
 * rd-quality.c. */
static Expected *
expected_compute (GPtrArray *cases,
                  GDateTime *now_utc)
{
  Expected *e = g_new0 (Expected, 1);
  int first_month = g_date_time_get_year (now_utc) * 12 + g_date_time_get_month (now_utc) - 1 - 11;
  g_autoptr(GDateTime) start = g_date_time_new_utc (first_month / 12, first_month % 12 + 1, 1, 0, 0, 0);
  gint64 start_s = g_date_time_to_unix (start);
  gint64 now_s = g_date_time_to_unix (now_utc);

  e->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->seconds = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < 12; i++)
    e->month_keys[i] = g_strdup_printf ("%04d-%02d", (first_month + i) / 12, (first_month + i) % 12 + 1);

  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);
      gint64 created = g_date_time_to_unix (kase->created_at);
      gint64 first = G_MAXINT64;
      gboolean escalated = FALSE;
      int month, outcome;

      /* Whole seconds are all the wire carries. */
      if (created < start_s || created > now_s)
        continue;
      if (g_date_time_to_unix (kase->created_at) == now_s
          && g_date_time_get_microsecond (kase->created_at) > g_date_time_get_microsecond (now_utc))
        continue;

      e->n_cases++;
      g_hash_table_insert (e->products, g_strdup (kase->item->title),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (e->products, kase->item->title)) + 1));
      e->reasons[kase->reason]++;
      month = g_date_time_get_year (kase->created_at) * 12 + g_date_time_get_month (kase->created_at) - 1;
      e->months[month - first_month]++;

      for (guint j = 0; j < kase->events->len; j++)
        {
          RdEvent *event = g_ptr_array_index (kase->events, j);

          if (event->actor_role == RD_ROLE_SELLER)
            first = MIN (first, g_date_time_to_unix (event->at));
          if (event->type == RD_EVENT_TYPE_ESCALATED)
            escalated = TRUE;
        }
      if (first != G_MAXINT64)
        {
          double s = (double) MAX (first - created, 0);

          g_array_append_val (e->seconds, s);
        }
      else
        e->n_unanswered++;

      if (escalated)
        e->n_escalated++;
      /* How it ended: its resolution, or failing that its `resolved` event. */
      outcome = -1;
      if (kase->resolution != NULL)
        outcome = (int) kase->resolution->outcome;
      else
        for (guint j = 0; j < kase->events->len; j++)
          {
            RdEvent *event = g_ptr_array_index (kase->events, j);

            if (event->type == RD_EVENT_TYPE_RESOLVED)
              outcome = (int) event->outcome;
          }
      if (outcome >= 0)
        {
          e->n_resolved++;
          e->outcomes[outcome]++;
          if (escalated)
            e->escalated_outcomes[outcome]++;
        }
      else if (escalated)
        e->n_escalated_open++;
    }

  if (e->seconds->len > 0)
    {
      guint n = e->seconds->len;

      g_array_sort (e->seconds, compare_double);
      e->has_median = TRUE;
      if (n % 2 == 1)
        e->median_seconds = g_array_index (e->seconds, double, n / 2);
      else
        e->median_seconds = (g_array_index (e->seconds, double, n / 2 - 1)
                             + g_array_index (e->seconds, double, n / 2)) / 2.0;
    }
  return e;
}

static void
assert_report_equals_expected (RdQualityReport *report,
                               Expected        *e)
{
  GTimeSpan median;
  guint n_products = rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_BY_PRODUCT);

  g_assert_cmpuint (rd_quality_report_get_n_cases (report), ==, e->n_cases);

  g_assert_cmpuint (n_products, ==, g_hash_table_size (e->products));
  for (guint i = 0; i < n_products; i++)
    {
      const char *title = rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, i);
      guint value = rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_PRODUCT, i);

      g_assert_true (g_hash_table_contains (e->products, title));
      g_assert_cmpuint (value, ==, GPOINTER_TO_UINT (g_hash_table_lookup (e->products, title)));
      if (i > 0)
        {
          const char *prev = rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_BY_PRODUCT, i - 1);
          guint prev_value = rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_PRODUCT, i - 1);

          g_assert_true (prev_value > value || (prev_value == value && g_utf8_collate (prev, title) <= 0));
        }
    }

  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_BY_REASON, r), ==, e->reasons[r]);
  for (guint m = 0; m < 12; m++)
    {
      g_assert_cmpstr (rd_quality_report_get_bar_key (report, RD_QUALITY_CHART_TREND, m), ==, e->month_keys[m]);
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_TREND, m), ==, e->months[m]);
    }

  g_assert_cmpuint (rd_quality_report_get_n_answered (report), ==, e->seconds->len);
  g_assert_cmpuint (rd_quality_report_get_n_unanswered (report), ==, e->n_unanswered);
  g_assert_cmpint (rd_quality_report_get_median_first_response (report, &median), ==, e->has_median);
  if (e->has_median)
    g_assert_cmpfloat_with_epsilon ((double) median / G_TIME_SPAN_SECOND, e->median_seconds, 1e-6);

  g_assert_cmpuint (rd_quality_report_get_n_escalated (report), ==, e->n_escalated);
  g_assert_cmpfloat_with_epsilon (rd_quality_report_get_escalated_share (report),
                                  e->n_cases > 0 ? (double) e->n_escalated / e->n_cases : 0.0, 1e-12);
  g_assert_cmpuint (rd_quality_report_get_n_escalated_open (report), ==, e->n_escalated_open);
  g_assert_cmpuint (rd_quality_report_get_n_resolved (report), ==, e->n_resolved);
  for (guint o = 0; o < RD_RESOLUTION_OUTCOME_N_VALUES; o++)
    {
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_OUTCOMES, o), ==, e->outcomes[o]);
      g_assert_cmpuint (rd_quality_report_get_bar_value (report, RD_QUALITY_CHART_ESCALATED_OUTCOMES, o), ==,
                        e->escalated_outcomes[o]);
    }
}

/* The CSV against the independent numbers, not against the report. */
static void
assert_csv_equals_expected (const char *csv,
                            Expected   *e)
{
  g_autoptr(GPtrArray) rows = csv_parse (csv);
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) escalated = NULL;
  const char *hours;

  g_assert_nonnull (rows);
  products = csv_section (rows, "by_product");
  g_assert_cmpuint (products->len, ==, g_hash_table_size (e->products));
  for (guint i = 0; i < products->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (products, i);
      const char *label = cell (row, 2);

      /* Undo the formula guard to find the title. */
      if (label[0] == '\'' && !g_hash_table_contains (e->products, label))
        label++;
      g_assert_true (g_hash_table_contains (e->products, label));
      g_assert_cmpuint (parse_uint (cell (row, 3)), ==, GPOINTER_TO_UINT (g_hash_table_lookup (e->products, label)));
    }

  reasons = csv_section (rows, "by_reason");
  g_assert_cmpuint (reasons->len, ==, RD_REASON_N_VALUES);
  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    {
      RdReason reason;

      g_assert_true (rd_reason_from_string (cell (g_ptr_array_index (reasons, r), 1), &reason));
      g_assert_cmpuint (parse_uint (cell (g_ptr_array_index (reasons, r), 3)), ==, e->reasons[reason]);
    }

  trend = csv_section (rows, "trend");
  g_assert_cmpuint (trend->len, ==, 12);
  for (guint m = 0; m < 12; m++)
    {
      g_assert_cmpstr (cell (g_ptr_array_index (trend, m), 1), ==, e->month_keys[m]);
      g_assert_cmpuint (parse_uint (cell (g_ptr_array_index (trend, m), 3)), ==, e->months[m]);
    }

  outcomes = csv_section (rows, "outcome");
  escalated = csv_section (rows, "escalated_outcome");
  g_assert_cmpuint (outcomes->len, ==, RD_RESOLUTION_OUTCOME_N_VALUES);
  g_assert_cmpuint (escalated->len, ==, RD_RESOLUTION_OUTCOME_N_VALUES);
  for (guint o = 0; o < RD_RESOLUTION_OUTCOME_N_VALUES; o++)
    {
      RdResolutionOutcome outcome;

      g_assert_true (rd_resolution_outcome_from_string (cell (g_ptr_array_index (outcomes, o), 1), &outcome));
      g_assert_cmpuint (parse_uint (cell (g_ptr_array_index (outcomes, o), 3)), ==, e->outcomes[outcome]);
      g_assert_true (rd_resolution_outcome_from_string (cell (g_ptr_array_index (escalated, o), 1), &outcome));
      g_assert_cmpuint (parse_uint (cell (g_ptr_array_index (escalated, o), 3)), ==, e->escalated_outcomes[outcome]);
    }

  g_assert_cmpuint (parse_uint (csv_metric (rows, "cases")), ==, e->n_cases);
  g_assert_cmpuint (parse_uint (csv_metric (rows, "answered")), ==, e->seconds->len);
  g_assert_cmpuint (parse_uint (csv_metric (rows, "unanswered")), ==, e->n_unanswered);
  g_assert_cmpuint (parse_uint (csv_metric (rows, "escalated")), ==, e->n_escalated);
  g_assert_cmpuint (parse_uint (csv_metric (rows, "escalated_open")), ==, e->n_escalated_open);
  g_assert_cmpuint (parse_uint (csv_metric (rows, "resolved")), ==, e->n_resolved);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (csv_metric (rows, "escalated_share"), NULL),
                                  e->n_cases > 0 ? (double) e->n_escalated / e->n_cases : 0.0, 0.00005);
  hours = csv_metric (rows, "median_first_response_hours");
  if (e->has_median)
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (hours, NULL), e->median_seconds / 3600.0, 0.005);
  else
    g_assert_cmpstr (hours, ==, "");
}

/* The hand-built sets, checked once more by the independent computation. */
static void
test_independent_hand_built (void)
{
  GPtrArray *sets[] = { response_cases (TRUE), response_cases (FALSE), outcome_cases () };
  g_autoptr(GDateTime) now = at ("2026-03-15T10:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(RdQualityReport) report = compute (sets[i], "2026-03-15T10:00:00Z");
      g_autoptr(Expected) e = expected_compute (sets[i], now);
      g_autofree char *csv = rd_quality_report_to_csv (report);

      g_assert_cmpuint (e->n_cases, >, 0);
      assert_report_equals_expected (report, e);
      assert_csv_equals_expected (csv, e);
      g_ptr_array_unref (sets[i]);
    }
}

/* ------------------------------------------------------------------------ */
/* The store                                                                */

static void
assert_same_report (RdQualityReport *a,
                    RdQualityReport *b)
{
  g_autofree char *csv_a = rd_quality_report_to_csv (a);
  g_autofree char *csv_b = rd_quality_report_to_csv (b);

  /* The CSV holds every number and label of a report. */
  g_assert_cmpstr (csv_a, ==, csv_b);
}

static void
test_from_store (void)
{
  g_autoptr(GPtrArray) cases = outcome_cases ();
  g_autoptr(GPtrArray) more = response_cases (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(GDateTime) now = at ("2026-03-15T10:00:00Z");
  g_autoptr(RdQualityReport) direct = NULL;
  g_autoptr(RdQualityReport) stored = NULL;

  g_assert_no_error (error);
  g_ptr_array_extend_and_steal (cases, g_steal_pointer (&more));
  /* The store keeps what the platform sends: a resolution with every
   * ended case. */
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status == RD_STATUS_RESOLVED && kase->resolution == NULL)
        {
          g_autoptr(GDateTime) t = at ("2026-02-03T09:00:00Z");

          kase->resolution = rd_resolution_new (RD_RESOLUTION_OUTCOME_WITHDRAWN, NULL,
                                                RD_RESOLUTION_BY_AGREEMENT, t);
        }
      rd_store_put_case (store, kase, &error);
      g_assert_no_error (error);
    }

  direct = rd_quality_report_compute (cases, now, &error);
  g_assert_no_error (error);
  stored = rd_quality_report_from_store (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_quality_report_get_n_cases (stored), ==, 16);
  g_assert_cmpuint (rd_quality_report_get_n_escalated (stored), ==, 5);
  assert_same_report (direct, stored);
}

/* ------------------------------------------------------------------------ */
/* The demo world                                                           */

static GBytes *
http (SoupSession *session,
      const char  *method,
      const char  *url,
      const char  *token,
      const char  *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  return reply;
}

static JsonNode *
parse_reply (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *node = rd_codec_parse (data, (gssize) len, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_demo (void)
{
  g_autofree char *binary = rd_platform_process_find_binary ();
  const char *argv[] = { NULL, "--port", "0", "--db", ":memory:", "--demo", NULL };
  g_autoptr(GSubprocess) platform = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RdQualityReport) report = NULL;
  g_autoptr(RdQualityReport) stored = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(Expected) e = NULL;
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *csv = NULL;
  gboolean more = TRUE;
  guint pages = 0;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("redress-platform is not built");
      return;
    }

  argv[0] = binary;
  platform = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  base = g_strconcat (line + strlen ("listening on "), "v1/", NULL);

  session = soup_session_new ();
  {
    g_autofree char *url = g_strconcat (base, "session", NULL);
    g_autoptr(GBytes) reply = http (session, "POST", url, NULL, "{\"login\":\"kai\",\"password\":\"demo\"}");
    g_autoptr(JsonNode) node = parse_reply (reply);
    g_autoptr(RdSessionInfo) info = rd_codec_session_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpint (info->user->role, ==, RD_ROLE_SELLER);
    token = g_strdup (info->token);
  }

  /* Every case, latest version, as a sync would see it; the store gets the
   * same pages. */
  store = rd_store_open (":memory:", &error);
  g_assert_no_error (error);
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  while (more)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autofree char *url = g_strdup_printf ("%schanges?limit=50%s%s", base,
                                              escaped != NULL ? "&since=" : "",
                                              escaped != NULL ? escaped : "");
      g_autoptr(GBytes) reply = http (session, "GET", url, token, NULL);
      g_autoptr(JsonNode) node = parse_reply (reply);
      g_autoptr(RdChanges) page = NULL;
      JsonObject *obj = json_node_get_object (node);
      JsonArray *array = json_object_get_array_member (obj, "cases");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          RdCase *kase = rd_codec_case_from_json (json_array_get_element (array, i), &error);

          g_assert_no_error (error);
          g_hash_table_replace (by_id, g_strdup (kase->id), kase);
        }
      if (json_object_has_member (obj, "removed"))
        {
          JsonArray *removed = json_object_get_array_member (obj, "removed");

          for (guint i = 0; i < json_array_get_length (removed); i++)
            g_hash_table_remove (by_id, json_array_get_string_element (removed, i));
        }

      page = rd_codec_changes_from_json (node, &error);
      g_assert_no_error (error);
      rd_store_apply_changes (store, page, &error);
      g_assert_no_error (error);

      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (obj, "cursor"));
      more = json_object_get_boolean_member (obj, "more");
      g_assert_cmpuint (++pages, <, 1000);
    }

  g_subprocess_send_signal (platform, SIGTERM);
  g_subprocess_wait (platform, NULL, NULL);

  cases = g_ptr_array_new_with_free_func (g_object_unref);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (cases, g_object_ref (value));
  }
  g_test_message ("kai sees %u cases", cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      /* Seller scope: only Kai's own shop. */
      g_assert_cmpstr (kase->seller->name, ==, "Kai's Gadgets");
    }

  now = g_date_time_new_now_utc ();
  report = rd_quality_report_compute (cases, now, &error);
  g_assert_no_error (error);
  e = expected_compute (cases, now);

  /* The demo is rich enough for every figure to mean something. */
  g_assert_cmpuint (e->n_cases, >, 0);
  g_assert_cmpuint (e->seconds->len, >, 0);
  g_assert_cmpuint (e->n_escalated, >, 0);
  g_assert_cmpuint (e->n_resolved, >, 0);

  assert_report_equals_expected (report, e);
  csv = rd_quality_report_to_csv (report);
  assert_csv_equals_expected (csv, e);
  assert_csv_matches_report (report, csv);

  /* And the page reads the same from the cache, offline. */
  stored = rd_quality_report_from_store (store, now, &error);
  g_assert_no_error (error);
  assert_same_report (report, stored);

  for (guint c = 0; c < RD_QUALITY_CHART_N_VALUES; c++)
    {
      g_autofree char *summary = rd_quality_report_get_summary (report, c);

      g_test_message ("%s", summary);
      g_assert_true (summary != NULL && *summary != '\0');
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Summaries are compared in English, dates in the C locale's names. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quality/window/empty", test_empty);
  g_test_add_func ("/quality/window/boundaries", test_window_boundaries);
  g_test_add_func ("/quality/window/time-zone", test_window_time_zone);
  g_test_add_func ("/quality/window/year-turn", test_window_year_turn);
  g_test_add_func ("/quality/product/order", test_by_product);
  g_test_add_func ("/quality/product/ties", test_by_product_ties);
  g_test_add_func ("/quality/reason/zero-filled", test_by_reason_zero_filled);
  g_test_add_func ("/quality/response/median-odd", test_median_odd);
  g_test_add_func ("/quality/response/median-even", test_median_even);
  g_test_add_func ("/quality/response/none-answered", test_median_none_answered);
  g_test_add_func ("/quality/response/duration", test_duration_format);
  g_test_add_func ("/quality/escalation/outcomes", test_escalation_and_outcomes);
  g_test_add_func ("/quality/invalid/no-created-at", test_missing_created_at);
  g_test_add_func ("/quality/csv/field-escaping", test_csv_field_escaping);
  g_test_add_func ("/quality/csv/products-round-trip", test_csv_products_round_trip);
  g_test_add_func ("/quality/csv/parser-is-strict", test_csv_parser_rejects);
  g_test_add_func ("/quality/independent/hand-built", test_independent_hand_built);
  g_test_add_func ("/quality/store/same-as-direct", test_from_store);
  g_test_add_func ("/quality/demo/kai", test_demo);

  return g_test_run ();
}
