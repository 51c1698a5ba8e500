/* bench-store.c — what 100 000 cached cases cost: writing pages of /changes,
 * opening the first page of the list, counting, searching, one timeline
 *
 * Run with `make bench`; numbers go to standard output.  N defaults to
 * 20 000 cases; REDRESS_BENCH_CASES overrides it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include <locale.h>

#include "rd-store.h"

static const char * const products[] = {
  "Car phone holder", "USB-C charger", "Wireless earbuds", "Power bank 20000 mAh",
  "Smart watch", "Rain jacket", "Hiking boots", "Trekking backpack", "Tent for two",
  "München travel mug", "手机支架", "防水夹克",
};

static RdCase *
make_case (guint i, GDateTime *now)
{
  RdCase *kase = rd_case_new ();
  RdOrderItem *item = rd_order_item_new ();

  kase->id = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
  kase->version = 1 + i % 5;
  kase->order_id = g_strdup_printf ("o-%u", i);
  kase->order_number = g_strdup_printf ("ORD-2026-%06u", i);
  item->sku = g_strdup_printf ("SKU-%u", i % 97);
  item->title = g_strdup (products[i % G_N_ELEMENTS (products)]);
  item->quantity = 1;
  item->unit_price = rd_money_new (1000 + i % 9000, "EUR");
  kase->item = item;
  kase->buyer = rd_party_new ("u-ana", "Ana Ribeiro");
  kase->seller = rd_party_new (i % 2 ? "u-kai" : "u-sol", i % 2 ? "Kai's Gadgets" : "Sol Outfitters");
  kase->reason = i % RD_REASON_N_VALUES;
  kase->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
  kase->description = g_strdup_printf ("Case %u: it broke after %u days of normal use.", i, i % 40);
  kase->lang = g_strdup ("en");
  kase->status = i % RD_STATUS_N_VALUES;
  kase->turn = kase->status == RD_STATUS_AWAITING_SELLER ? RD_TURN_SELLER :
               kase->status == RD_STATUS_RESOLVED ? RD_TURN_NONE :
               kase->status == RD_STATUS_UNDER_REVIEW ? RD_TURN_AGENT : RD_TURN_BUYER;
  if (kase->turn == RD_TURN_BUYER || kase->turn == RD_TURN_SELLER)
    {
      kase->respond_by = g_date_time_add_minutes (now, (int) (i % 5000));
      kase->on_expiry = RD_EXPIRY_ESCALATE;
    }
  kase->created_at = g_date_time_add_days (now, -(int) (i % 300));
  kase->updated_at = g_date_time_add_minutes (now, -(int) (i % 10000));
  for (guint e = 0; e < 4; e++)
    {
      RdEvent *event = rd_event_new ();

      event->id = g_strdup_printf ("e-%u-%u", i, e);
      event->at = g_date_time_add_minutes (kase->created_at, (int) e * 60);
      event->actor = rd_party_copy (e % 2 ? kase->seller : kase->buyer);
      event->actor_role = e % 2 ? RD_ROLE_SELLER : RD_ROLE_BUYER;
      event->type = e == 0 ? RD_EVENT_TYPE_CREATED : RD_EVENT_TYPE_MESSAGE;
      if (e > 0)
        {
          event->text = g_strdup_printf ("Message %u about case %u, please answer soon.", e, i);
          event->lang = g_strdup ("en");
          event->evidence_ids = g_new0 (char *, 1);
        }
      g_ptr_array_add (kase->events, event);
    }
  return kase;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("REDRESS_BENCH_CASES");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 20000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redress-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(RdStore) store = rd_store_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(RdUser) user = rd_user_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(RdCase) one = NULL;
  guint total = 0;
  gint64 start;

  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  user->id = g_strdup ("u-ana");
  user->name = g_strdup ("Ana Ribeiro");
  user->role = RD_ROLE_BUYER;
  user->locale = g_strdup ("en");
  rd_store_set_user (store, user, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i += 500)
    {
      g_autoptr(RdChanges) changes = rd_changes_new ();

      for (guint j = i; j < MIN (n, i + 500); j++)
        g_ptr_array_add (changes->cases, make_case (j, now));
      changes->cursor = g_strdup_printf ("c%u", i);
      if (!rd_store_apply_changes (store, changes, &error))
        g_error ("%s", error->message);
    }
  g_print ("store: %u cases written in pages of 500: %.2f s (%.0f cases/s)\n",
           n, seconds_since (start), n / seconds_since (start));

  start = g_get_monotonic_time ();
  page = rd_store_list_cases (store, RD_CASE_FILTER_ALL, 0, 50, &total, &error);
  g_print ("store: first page of 50 of %u (all): %.2f ms\n", total, seconds_since (start) * 1000);

  start = g_get_monotonic_time ();
  g_clear_pointer (&page, g_ptr_array_unref);
  page = rd_store_list_cases (store, RD_CASE_FILTER_NEEDS_ME, 0, 50, &total, &error);
  g_print ("store: first page of 50 of %u (needs my response): %.2f ms\n", total, seconds_since (start) * 1000);

  start = g_get_monotonic_time ();
  for (guint f = 0; f < RD_CASE_FILTER_N_VALUES; f++)
    rd_store_count_cases (store, f);
  g_print ("store: the %d filter counts: %.2f ms\n", RD_CASE_FILTER_N_VALUES, seconds_since (start) * 1000);

  start = g_get_monotonic_time ();
  hits = rd_store_search (store, "munchen", 50, &error);
  g_print ("store: search \"munchen\" (%u hits): %.2f ms\n", hits ? hits->len : 0, seconds_since (start) * 1000);
  g_clear_pointer (&hits, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  hits = rd_store_search (store, "手机支架", 50, &error);
  g_print ("store: search \"手机支架\" (%u hits): %.2f ms\n", hits ? hits->len : 0, seconds_since (start) * 1000);

  start = g_get_monotonic_time ();
  one = rd_store_get_case (store, "00000007-0000-4000-8000-000000000007", &error);
  g_print ("store: one case with its timeline: %.2f ms\n", seconds_since (start) * 1000);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
