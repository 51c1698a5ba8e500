/* test-demo.c — the demo world and the synthetic data are scripts that the
 * platform plays through its own rules; here they are played through the
 * same policy code, so that a step the platform would refuse fails here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-codec.h"
#include "rd-demo.h"
#include "rd-policy.h"

/* ------------------------------------------------------------------------ */
/* Playing a script                                                         */

typedef struct
{
  RdCase             *kase;
  RdOrder            *order;
  RdDeadlineKind      deadline;
  RdResolutionOutcome outcome;
  gboolean            ruled;
} SimCase;

typedef struct
{
  GHashTable *accounts;    /* id -> RdDemoAccount (borrowed) */
  GHashTable *orders;      /* id -> RdOrder (borrowed) */
  GHashTable *cases;       /* id -> SimCase */
  GHashTable *open_items;  /* "order\nsku" -> case id, while open */
  GHashTable *evidence;    /* evidence id -> case id */
  GHashTable *action_ids;  /* every client id seen */
  GHashTable *langs;       /* message languages seen */
  GDateTime  *now;
  guint       n_files;
  guint       n_sweeps;
  guint       n_messages;
  guint       n_phrases;
} Sim;

static void
sim_case_free (gpointer data)
{
  SimCase *sc = data;

  g_object_unref (sc->kase);
  g_free (sc);
}

static Sim *
sim_new (GDateTime *now)
{
  Sim *sim = g_new0 (Sim, 1);

  sim->accounts = g_hash_table_new (g_str_hash, g_str_equal);
  sim->orders = g_hash_table_new (g_str_hash, g_str_equal);
  sim->cases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_case_free);
  sim->open_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sim->evidence = g_hash_table_new (g_str_hash, g_str_equal);
  sim->action_ids = g_hash_table_new (g_str_hash, g_str_equal);
  sim->langs = g_hash_table_new (g_str_hash, g_str_equal);
  sim->now = g_date_time_ref (now);
  return sim;
}

static void
sim_free (Sim *sim)
{
  g_hash_table_unref (sim->accounts);
  g_hash_table_unref (sim->orders);
  g_hash_table_unref (sim->cases);
  g_hash_table_unref (sim->open_items);
  g_hash_table_unref (sim->evidence);
  g_hash_table_unref (sim->action_ids);
  g_hash_table_unref (sim->langs);
  g_date_time_unref (sim->now);
  g_free (sim);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sim, sim_free)

/* The world's accounts and orders become known to the player; a world may
 * lean on another's accounts (generated data on the demo sellers). */
static void
sim_add_world (Sim         *sim,
               RdDemoWorld *world)
{
  for (guint i = 0; i < world->accounts->len; i++)
    {
      RdDemoAccount *a = g_ptr_array_index (world->accounts, i);

      g_assert_false (g_hash_table_contains (sim->accounts, a->id));
      g_hash_table_insert (sim->accounts, a->id, a);
    }
  for (guint i = 0; i < world->orders->len; i++)
    {
      RdOrder *o = g_ptr_array_index (world->orders, i);

      g_assert_false (g_hash_table_contains (sim->orders, o->id));
      g_hash_table_insert (sim->orders, o->id, o);
    }
}

static char *
fmt (GDateTime *t)
{
  return t != NULL ? g_date_time_format_iso8601 (t) : g_strdup ("(none)");
}

static void
set_deadline (SimCase        *sc,
              gboolean        has,
              RdDeadlineKind  kind,
              GDateTime      *from)
{
  g_clear_pointer (&sc->kase->respond_by, g_date_time_unref);
  sc->kase->on_expiry = RD_EXPIRY_NONE;
  if (has)
    {
      sc->kase->respond_by = rd_policy_deadline (NULL, kind, from);
      sc->kase->on_expiry = rd_policy_deadline_expiry (kind);
      sc->deadline = kind;
    }
}

static void
close_case (Sim                 *sim,
            SimCase             *sc,
            RdResolutionOutcome  outcome)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", sc->order->id, sc->kase->item->sku);

  sc->kase->status = RD_STATUS_RESOLVED;
  sc->kase->turn = RD_TURN_NONE;
  sc->outcome = outcome;
  set_deadline (sc, FALSE, 0, NULL);
  g_hash_table_remove (sim->open_items, key);
}

static RdOffer *
pending_offer (RdCase *kase)
{
  for (guint i = 0; i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);

      if (offer->status == RD_OFFER_STATUS_PENDING)
        return offer;
    }
  return NULL;
}

static void
add_event (RdCase      *kase,
           RdEventType  type,
           GDateTime   *at)
{
  RdEvent *event = rd_event_new ();

  event->type = type;
  event->at = g_date_time_ref (at);
  g_ptr_array_add (kase->events, event);
}

static void
check_text (const char *text)
{
  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 4000);
}

static void
play_file (Sim        *sim,
           RdDemoStep *step)
{
  RdCaseDraft *d = step->draft;
  RdDemoAccount *buyer = g_hash_table_lookup (sim->accounts, step->actor);
  RdOrder *order;
  RdOrderItem *item = NULL;
  SimCase *sc;
  g_autofree char *key = NULL;

  g_assert_nonnull (d);
  g_assert_nonnull (buyer);
  g_assert_cmpint (buyer->role, ==, RD_ROLE_BUYER);
  g_assert_true (rd_uuid_is_valid (step->case_id));
  g_assert_false (g_hash_table_contains (sim->cases, step->case_id));

  order = g_hash_table_lookup (sim->orders, d->order_id);
  g_assert_nonnull (order);
  g_assert_cmpstr (order->buyer->id, ==, step->actor);
  for (guint i = 0; i < order->items->len; i++)
    {
      RdOrderItem *it = g_ptr_array_index (order->items, i);

      if (g_str_equal (it->sku, d->item_sku))
        item = it;
    }
  g_assert_nonnull (item);

  /* Inside its window at the moment it is filed. */
  if (!rd_policy_can_file (order, d->reason, step->at))
    {
      g_autofree char *at = fmt (step->at);

      g_error ("case %s (%s on %s) filed outside its window at %s", step->case_id,
               rd_reason_to_string (d->reason), order->id, at);
    }

  key = g_strdup_printf ("%s\n%s", order->id, item->sku);
  g_assert_false (g_hash_table_contains (sim->open_items, key));
  g_hash_table_insert (sim->open_items, g_steal_pointer (&key), step->case_id);

  g_assert_nonnull (d->description);
  g_assert_cmpstr (d->description, !=, "");
  check_text (d->description);
  g_assert_nonnull (d->lang);
  if (d->requested_type == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    {
      g_assert_nonnull (d->requested_amount);
      g_assert_cmpint (d->requested_amount->amount, >, 0);
      g_assert_cmpint (d->requested_amount->amount, <, item->unit_price->amount * item->quantity);
    }
  else
    g_assert_null (d->requested_amount);

  sc = g_new0 (SimCase, 1);
  sc->order = order;
  sc->kase = rd_case_new ();
  sc->kase->id = g_strdup (step->case_id);
  sc->kase->order_id = g_strdup (order->id);
  sc->kase->item = g_object_ref (item);
  sc->kase->buyer = rd_party_copy (order->buyer);
  sc->kase->seller = rd_party_copy (order->seller);
  sc->kase->reason = d->reason;
  sc->kase->requested_type = d->requested_type;
  sc->kase->status = RD_STATUS_AWAITING_SELLER;
  sc->kase->turn = RD_TURN_SELLER;
  sc->kase->created_at = g_date_time_ref (step->at);
  set_deadline (sc, TRUE, RD_DEADLINE_SELLER_RESPONSE, step->at);
  add_event (sc->kase, RD_EVENT_TYPE_CREATED, step->at);
  g_hash_table_insert (sim->cases, sc->kase->id, sc);
  sim->n_files++;
}

static gboolean
has_magic (GBytes     *bytes,
           const char *magic,
           gsize       len)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= len && memcmp (data, magic, len) == 0;
}

static void
play_evidence (Sim        *sim,
               RdDemoStep *step)
{
  SimCase *sc = g_hash_table_lookup (sim->cases, step->case_id);

  g_assert_nonnull (sc);
  g_assert_cmpint (sc->kase->status, !=, RD_STATUS_RESOLVED);
  g_assert_true (g_str_equal (step->actor, sc->kase->buyer->id) ||
                 g_str_equal (step->actor, sc->kase->seller->id));
  g_assert_true (rd_uuid_is_valid (step->evidence_id));
  g_assert_false (g_hash_table_contains (sim->evidence, step->evidence_id));
  g_assert_nonnull (step->evidence_filename);
  g_assert_null (strchr (step->evidence_filename, '/'));
  g_assert_nonnull (step->evidence_bytes);
  g_assert_cmpuint (g_bytes_get_size (step->evidence_bytes), <=, 10 * 1024 * 1024);

  if (g_str_equal (step->evidence_mime, "image/png"))
    g_assert_true (has_magic (step->evidence_bytes, "\x89PNG\r\n\x1a\n", 8));
  else if (g_str_equal (step->evidence_mime, "application/pdf"))
    g_assert_true (has_magic (step->evidence_bytes, "%PDF-", 5));
  else if (g_str_equal (step->evidence_mime, "image/jpeg"))
    g_assert_true (has_magic (step->evidence_bytes, "\xff\xd8\xff", 3));
  else
    g_error ("evidence of type %s", step->evidence_mime);

  g_hash_table_insert (sim->evidence, step->evidence_id, step->case_id);
}

static void
play_action (Sim        *sim,
             RdDemoStep *step)
{
  RdAction *a = step->action;
  SimCase *sc = g_hash_table_lookup (sim->cases, step->case_id);
  RdDemoAccount *actor = g_hash_table_lookup (sim->accounts, step->actor);
  RdOutcomeType offer_type = 0;
  RdTransition tr;
  RdOffer *pending;

  g_assert_nonnull (a);
  g_assert_nonnull (sc);
  g_assert_nonnull (actor);
  g_assert_true (rd_uuid_is_valid (a->id));
  g_assert_false (g_hash_table_contains (sim->action_ids, a->id));
  g_hash_table_add (sim->action_ids, a->id);

  if (!rd_policy_may (sc->kase, actor->role, actor->id, a->type, step->at))
    {
      g_autofree char *at = fmt (step->at);

      g_error ("%s may not %s case %s in %s at %s", actor->id,
               rd_action_type_to_string (a->type), sc->kase->id,
               rd_status_to_string (sc->kase->status), at);
    }
  /* Every action comes before the deadline running at its time: a case
   * past its deadline is the sweep's, whenever the platform runs it. */
  if (sc->kase->respond_by != NULL && g_date_time_compare (step->at, sc->kase->respond_by) >= 0)
    {
      g_autofree char *at = fmt (step->at);
      g_autofree char *by = fmt (sc->kase->respond_by);

      g_error ("%s on case %s at %s, after its deadline %s",
               rd_action_type_to_string (a->type), sc->kase->id, at, by);
    }

  pending = pending_offer (sc->kase);
  switch (a->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      g_assert_true ((a->text != NULL) != (a->template_id != NULL));
      check_text (a->text);
      g_assert_nonnull (a->lang);
      g_assert_nonnull (a->evidence_ids);
      for (guint i = 0; a->evidence_ids[i] != NULL; i++)
        g_assert_cmpstr (g_hash_table_lookup (sim->evidence, a->evidence_ids[i]), ==,
                         sc->kase->id);
      g_hash_table_add (sim->langs, a->lang);
      if (a->template_id != NULL)
        {
          g_assert_nonnull (a->template_params);
          sim->n_phrases++;
        }
      sim->n_messages++;
      return;

    case RD_ACTION_TYPE_RATE:
      g_assert_cmpuint (a->stars, >=, 1);
      g_assert_cmpuint (a->stars, <=, 5);
      check_text (a->comment);
      sc->kase->rating = rd_rating_new (a->stars, a->comment);
      return;

    case RD_ACTION_TYPE_OFFER:
      offer_type = a->offer_type;
      if (offer_type == RD_OUTCOME_TYPE_PARTIAL_REFUND)
        {
          g_assert_nonnull (a->offer_amount);
          g_assert_cmpint (a->offer_amount->amount, >, 0);
        }
      check_text (a->offer_note);
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
    case RD_ACTION_TYPE_REJECT_OFFER:
      g_assert_nonnull (pending);
      g_assert_cmpstr (a->offer_id, ==, pending->id);
      offer_type = pending->type;
      check_text (a->reason);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      g_assert_nonnull (a->carrier);
      g_assert_nonnull (a->tracking);
      break;

    case RD_ACTION_TYPE_RULE:
      g_assert_nonnull (a->note);
      check_text (a->note);
      if (a->decision == RD_DECISION_SPLIT)
        {
          g_assert_nonnull (a->amount);
          g_assert_cmpint (a->amount->amount, >, 0);
        }
      break;

    case RD_ACTION_TYPE_ESCALATE:
      check_text (a->reason);
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      break;
    }

  g_assert_true (rd_policy_transition (sc->kase, a->type, offer_type, a->decision, &tr));

  switch (a->type)
    {
    case RD_ACTION_TYPE_OFFER:
      {
        RdOffer *offer = rd_offer_new ();

        if (pending != NULL)
          pending->status = RD_OFFER_STATUS_SUPERSEDED;
        offer->id = g_strdup (a->id);
        offer->type = a->offer_type;
        offer->status = RD_OFFER_STATUS_PENDING;
        g_ptr_array_add (sc->kase->offers, offer);
      }
      break;
    case RD_ACTION_TYPE_ACCEPT_OFFER:
      pending->status = RD_OFFER_STATUS_ACCEPTED;
      break;
    case RD_ACTION_TYPE_REJECT_OFFER:
      pending->status = RD_OFFER_STATUS_REJECTED;
      break;
    case RD_ACTION_TYPE_SHIP_RETURN:
      add_event (sc->kase, RD_EVENT_TYPE_RETURN_SHIPPED, step->at);
      break;
    case RD_ACTION_TYPE_RULE:
      sc->ruled = TRUE;
      break;
    default:
      break;
    }

  if (tr.resolves)
    close_case (sim, sc, tr.outcome);
  else
    {
      sc->kase->status = tr.status;
      sc->kase->turn = tr.turn;
      set_deadline (sc, tr.has_deadline, tr.deadline, step->at);
    }
}

static void
play_sweep (Sim        *sim,
            RdDemoStep *step)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sim->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimCase *sc = value;

      if (sc->kase->respond_by == NULL || g_date_time_compare (sc->kase->respond_by, step->at) > 0)
        continue;
      if (sc->kase->on_expiry == RD_EXPIRY_EXPIRE)
        close_case (sim, sc, RD_RESOLUTION_OUTCOME_EXPIRED);
      else
        {
          g_assert_cmpint (sc->kase->on_expiry, ==, RD_EXPIRY_ESCALATE);
          sc->kase->status = RD_STATUS_UNDER_REVIEW;
          sc->kase->turn = RD_TURN_AGENT;
          set_deadline (sc, FALSE, 0, NULL);
        }
    }
  sim->n_sweeps++;
}

/* Plays every step of @world in order and checks the state it ends in. */
static void
sim_play (Sim         *sim,
          RdDemoWorld *world)
{
  GDateTime *prev = NULL;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < world->steps->len; i++)
    {
      RdDemoStep *step = g_ptr_array_index (world->steps, i);

      g_assert_nonnull (step->at);
      g_assert_cmpint (g_date_time_compare (step->at, sim->now), <=, 0);
      if (prev != NULL)
        g_assert_cmpint (g_date_time_compare (prev, step->at), <=, 0);
      prev = step->at;

      switch (step->kind)
        {
        case RD_DEMO_STEP_FILE:
          play_file (sim, step);
          break;
        case RD_DEMO_STEP_EVIDENCE:
          play_evidence (sim, step);
          break;
        case RD_DEMO_STEP_ACTION:
          play_action (sim, step);
          break;
        case RD_DEMO_STEP_SWEEP:
          play_sweep (sim, step);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* What is still open has a deadline ahead (or none, under review), so
   * the running platform's own sweep leaves it as it is. */
  g_hash_table_iter_init (&iter, sim->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimCase *sc = value;

      if (sc->kase->status == RD_STATUS_RESOLVED)
        continue;
      if (sc->kase->status == RD_STATUS_UNDER_REVIEW)
        g_assert_null (sc->kase->respond_by);
      else
        {
          g_autoptr(GDateTime) soon = g_date_time_add_hours (sim->now, 1);

          g_assert_nonnull (sc->kase->respond_by);
          g_assert_cmpint (g_date_time_compare (sc->kase->respond_by, soon), >, 0);
        }
    }
}

/* Cases of @party (a buyer or seller id, or NULL for all) in each status. */
static void
count_statuses (Sim        *sim,
                const char *party,
                guint       counts[RD_STATUS_N_VALUES])
{
  GHashTableIter iter;
  gpointer value;

  memset (counts, 0, sizeof (guint) * RD_STATUS_N_VALUES);
  g_hash_table_iter_init (&iter, sim->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimCase *sc = value;

      if (party == NULL || g_str_equal (sc->kase->buyer->id, party) ||
          g_str_equal (sc->kase->seller->id, party))
        counts[sc->kase->status]++;
    }
}

static void
assert_every_status (Sim        *sim,
                     const char *party)
{
  guint counts[RD_STATUS_N_VALUES];

  count_statuses (sim, party, counts);
  for (guint s = 0; s < RD_STATUS_N_VALUES; s++)
    if (counts[s] == 0)
      g_error ("no case of %s in %s", party != NULL ? party : "anybody",
               rd_status_to_string (s));
}

static GDateTime *
dt (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

/* ------------------------------------------------------------------------ */
/* The demo world                                                           */

static void
test_demo_accounts (void)
{
  static const struct { const char *id, *login; RdRole role; const char *locale; } expected[] = {
    { "u-ana", "ana", RD_ROLE_BUYER, "en" },
    { "u-li", "li", RD_ROLE_BUYER, "zh_CN" },
    { "u-kai", "kai", RD_ROLE_SELLER, "en" },
    { "u-sol", "sol", RD_ROLE_SELLER, "de" },
    { "u-mia", "mia", RD_ROLE_AGENT, "en" },
  };
  g_autoptr(GDateTime) now = dt ("2026-03-18T10:00:00Z");
  g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);

  g_assert_cmpuint (world->accounts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RdDemoAccount *a = g_ptr_array_index (world->accounts, i);

      g_assert_cmpstr (a->id, ==, expected[i].id);
      g_assert_cmpstr (a->login, ==, expected[i].login);
      g_assert_cmpstr (a->password, ==, "demo");
      g_assert_cmpint (a->role, ==, expected[i].role);
      g_assert_cmpstr (a->locale, ==, expected[i].locale);
      g_assert_nonnull (a->name);
    }
  g_assert_cmpstr (((RdDemoAccount *) g_ptr_array_index (world->accounts, 2))->name, ==,
                   "Kai's Gadgets");
  g_assert_cmpstr (((RdDemoAccount *) g_ptr_array_index (world->accounts, 3))->name, ==,
                   "Sol Outfitters");
}

/* Every reason is inside its window for some order, and outside for some
 * other order that has shipped, at @now. */
static void
assert_windows_both_ways (RdDemoWorld *world,
                          GDateTime   *now)
{
  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    {
      gboolean inside = FALSE, outside = FALSE;

      for (guint i = 0; i < world->orders->len; i++)
        {
          RdOrder *o = g_ptr_array_index (world->orders, i);

          if (rd_policy_can_file (o, r, now))
            inside = TRUE;
          else if (o->shipped_at != NULL)
            outside = TRUE;
        }
      if (!inside || !outside)
        g_error ("%s is %s", rd_reason_to_string (r),
                 inside ? "never outside its window" : "never inside its window");
    }
}

static void
test_demo_windows (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);
  gboolean unshipped = FALSE, closed = FALSE;

  assert_windows_both_ways (world, now);

  for (guint i = 0; i < world->orders->len; i++)
    {
      RdOrder *o = g_ptr_array_index (world->orders, i);
      gint64 total = 0;

      g_assert_true (g_str_has_prefix (o->id, "o-"));
      g_assert_true (g_str_has_prefix (o->number, "ORD-"));
      g_assert_cmpuint (o->items->len, >=, 1);
      g_assert_cmpuint (o->items->len, <=, 3);
      for (guint k = 0; k < o->items->len; k++)
        {
          RdOrderItem *it = g_ptr_array_index (o->items, k);

          total += it->unit_price->amount * it->quantity;
        }
      g_assert_cmpint (o->total->amount, ==, total);
      g_assert_true (o->return_window_days == 14 || o->return_window_days == 30);
      g_assert_true (o->warranty_months == 12 || o->warranty_months == 24);
      g_assert_cmpint (g_date_time_compare (o->ordered_at, now), <=, 0);
      if (o->shipped_at == NULL)
        unshipped = TRUE;
      else if (!rd_policy_order_can_file (o, now))
        closed = TRUE;
    }
  /* Orders where nothing can be filed, for both reasons of that. */
  g_assert_true (unshipped);
  g_assert_true (closed);
}

/* The world is valid played through the rules, and every status is there
 * for both buyers and both shops, whatever the day of the week. */
static void
test_demo_plays (void)
{
  g_autoptr(GDateTime) start = dt ("2026-03-16T00:20:00Z");  /* a Monday */

  for (guint h = 0; h < 7 * 24; h += 5)
    {
      g_autoptr(GDateTime) now = g_date_time_add_hours (start, h);
      g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);
      g_autoptr(Sim) sim = sim_new (now);
      gboolean refunded = FALSE, partial = FALSE, withdrawn = FALSE, expired = FALSE;
      gboolean ruled = FALSE, four_stars = FALSE, escalated_by_sweep = FALSE;
      GHashTableIter iter;
      gpointer value;

      sim_add_world (sim, world);
      sim_play (sim, world);

      assert_every_status (sim, NULL);
      assert_every_status (sim, "u-ana");
      assert_every_status (sim, "u-li");
      assert_every_status (sim, "u-kai");
      assert_every_status (sim, "u-sol");
      assert_windows_both_ways (world, now);

      g_hash_table_iter_init (&iter, sim->cases);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          SimCase *sc = value;

          if (sc->kase->status == RD_STATUS_RESOLVED)
            {
              refunded |= sc->outcome == RD_RESOLUTION_OUTCOME_REFUNDED && !sc->ruled;
              partial |= sc->outcome == RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED;
              withdrawn |= sc->outcome == RD_RESOLUTION_OUTCOME_WITHDRAWN;
              expired |= sc->outcome == RD_RESOLUTION_OUTCOME_EXPIRED;
              ruled |= sc->ruled;
            }
          if (sc->kase->rating != NULL && sc->kase->rating->stars == 4)
            four_stars = TRUE;
          if (sc->kase->status == RD_STATUS_UNDER_REVIEW && sc->kase->offers->len == 0)
            escalated_by_sweep = TRUE;
        }
      g_assert_true (refunded);
      g_assert_true (partial);
      g_assert_true (withdrawn);
      g_assert_true (expired);
      g_assert_true (ruled);
      g_assert_true (four_stars);
      g_assert_true (escalated_by_sweep);
      g_assert_cmpuint (sim->n_sweeps, >=, 2);
      g_assert_cmpuint (sim->n_phrases, >=, 4);
      g_assert_true (g_hash_table_contains (sim->langs, "en"));
      g_assert_true (g_hash_table_contains (sim->langs, "zh"));
    }
}

/* On a weekday, one case awaits its seller with less than a day left, for
 * the red countdown. */
static void
test_demo_deadline_near (void)
{
  const char *nows[] = { "2026-03-18T10:00:00Z", "2026-03-17T23:30:00Z", "2026-03-19T06:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    {
      g_autoptr(GDateTime) now = dt (nows[i]);
      g_autoptr(GDateTime) day = g_date_time_add_days (now, 1);
      g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);
      g_autoptr(Sim) sim = sim_new (now);
      gboolean near = FALSE, far = FALSE;
      GHashTableIter iter;
      gpointer value;

      sim_add_world (sim, world);
      sim_play (sim, world);
      g_hash_table_iter_init (&iter, sim->cases);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          SimCase *sc = value;

          if (sc->kase->status != RD_STATUS_AWAITING_SELLER)
            continue;
          if (g_date_time_compare (sc->kase->respond_by, day) < 0)
            near = TRUE;
          else
            far = TRUE;
        }
      g_assert_true (near);
      g_assert_true (far);
    }
}

/* Markup characters reach the platform as text, for the app to show
 * safely. */
static void
test_demo_markup_text (void)
{
  g_autoptr(GDateTime) now = dt ("2026-03-18T10:00:00Z");
  g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);
  gboolean found = FALSE;

  for (guint i = 0; i < world->steps->len; i++)
    {
      RdDemoStep *step = g_ptr_array_index (world->steps, i);

      if (step->kind == RD_DEMO_STEP_ACTION && step->action->text != NULL &&
          strstr (step->action->text, "<clip> & mount") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

/* ------------------------------------------------------------------------ */
/* Evidence files                                                           */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
crc32_ref (const guint8 *data,
           gsize         len)
{
  guint32 c = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      c ^= data[i];
      for (guint k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
  return ~c;
}

/* A PNG that a decoder accepts: chunks with right CRCs, IHDR first, IDAT a
 * zlib stream of stored blocks holding exactly the filtered scanlines, with
 * its Adler-32, and IEND last. */
static void
assert_valid_png (GBytes *bytes)
{
  gsize size, pos = 8;
  const guint8 *d = g_bytes_get_data (bytes, &size);
  guint32 width = 0, height = 0;
  g_autoptr(GByteArray) z = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  gboolean ended = FALSE;
  gsize zp = 2;
  guint32 a = 1, s = 0;

  g_assert_true (has_magic (bytes, "\x89PNG\r\n\x1a\n", 8));
  while (pos + 12 <= size)
    {
      guint32 len = be32 (d + pos);

      g_assert_cmpuint (pos + 12 + len, <=, size);
      g_assert_cmpuint (crc32_ref (d + pos + 4, len + 4), ==, be32 (d + pos + 8 + len));
      if (memcmp (d + pos + 4, "IHDR", 4) == 0)
        {
          g_assert_cmpuint (pos, ==, 8);
          g_assert_cmpuint (len, ==, 13);
          width = be32 (d + pos + 8);
          height = be32 (d + pos + 12);
          g_assert_cmpuint (d[pos + 16], ==, 8);
          g_assert_cmpuint (d[pos + 17], ==, 2);
        }
      else if (memcmp (d + pos + 4, "IDAT", 4) == 0)
        g_byte_array_append (z, d + pos + 8, len);
      else if (memcmp (d + pos + 4, "IEND", 4) == 0)
        {
          ended = TRUE;
          g_assert_cmpuint (pos + 12, ==, size);
        }
      pos += 12 + len;
    }
  g_assert_true (ended);
  g_assert_cmpuint (width, >, 0);
  g_assert_cmpuint (height, >, 0);

  g_assert_cmpuint (z->len, >, 6);
  g_assert_cmpuint (((guint) z->data[0] << 8 | z->data[1]) % 31, ==, 0);
  for (;;)
    {
      guint len;

      g_assert_cmpuint (zp + 5, <=, z->len);
      g_assert_cmpuint (z->data[zp] & 0x06, ==, 0);  /* stored */
      len = z->data[zp + 1] | (z->data[zp + 2] << 8);
      g_assert_cmpuint (len ^ 0xffff, ==, (guint) (z->data[zp + 3] | (z->data[zp + 4] << 8)));
      g_assert_cmpuint (zp + 5 + len, <=, z->len);
      g_byte_array_append (raw, z->data + zp + 5, len);
      if (z->data[zp] & 1)
        {
          zp += 5 + len;
          break;
        }
      zp += 5 + len;
    }
  g_assert_cmpuint (zp + 4, ==, z->len);
  g_assert_cmpuint (raw->len, ==, (width * 3 + 1) * height);
  for (guint i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      s = (s + a) % 65521;
    }
  g_assert_cmpuint ((s << 16) | a, ==, be32 (z->data + zp));
  for (guint y = 0; y < height; y++)
    g_assert_cmpuint (raw->data[y * (width * 3 + 1)], ==, 0);
}

/* A PDF whose cross-reference table points at its objects. */
static void
assert_valid_pdf (GBytes *bytes)
{
  gsize size;
  const char *d = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (d, size);
  const char *startxref = g_strrstr (text, "startxref\n");
  guint64 xref;
  const char *entry;

  g_assert_true (has_magic (bytes, "%PDF-1.", 7));
  g_assert_true (g_str_has_suffix (text, "%%EOF\n"));
  g_assert_nonnull (startxref);
  xref = g_ascii_strtoull (startxref + 10, NULL, 10);
  g_assert_cmpuint (xref, <, size);
  g_assert_true (g_str_has_prefix (text + xref, "xref\n0 "));
  entry = strchr (strchr (text + xref + 5, '\n') + 1, '\n') + 1;
  for (guint obj = 1; g_ascii_isdigit (entry[0]); obj++, entry += 20)
    {
      guint64 off = g_ascii_strtoull (entry, NULL, 10);
      g_autofree char *head = g_strdup_printf ("%u 0 obj", obj);

      g_assert_cmpuint (off, <, size);
      g_assert_true (g_str_has_prefix (text + off, head));
    }
  g_assert_nonnull (strstr (text, "/Type /Catalog"));
}

static void
test_evidence_files (void)
{
  g_autoptr(GDateTime) now = dt ("2026-03-18T10:00:00Z");
  g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);
  g_autoptr(RdDemoWorld) gen = rd_demo_world_generate (now, 400, 7);
  guint pngs = 0, pdfs = 0;
  RdDemoWorld *worlds[] = { world, gen };

  for (guint w = 0; w < G_N_ELEMENTS (worlds); w++)
    for (guint i = 0; i < worlds[w]->steps->len; i++)
      {
        RdDemoStep *step = g_ptr_array_index (worlds[w]->steps, i);

        if (step->kind != RD_DEMO_STEP_EVIDENCE)
          continue;
        if (g_str_equal (step->evidence_mime, "image/png"))
          {
            g_assert_true (g_str_has_suffix (step->evidence_filename, ".png"));
            assert_valid_png (step->evidence_bytes);
            pngs++;
          }
        else
          {
            g_assert_cmpstr (step->evidence_mime, ==, "application/pdf");
            g_assert_true (g_str_has_suffix (step->evidence_filename, ".pdf"));
            assert_valid_pdf (step->evidence_bytes);
            pdfs++;
          }
      }
  g_assert_cmpuint (pngs, >=, 5);
  g_assert_cmpuint (pdfs, >=, 2);
}

/* ------------------------------------------------------------------------ */
/* Synthetic data                                                           */

static void
hash_str (GChecksum  *sum,
          const char *s)
{
  g_checksum_update (sum, (const guchar *) (s != NULL ? s : "\x01"), -1);
  g_checksum_update (sum, (const guchar *) "", 1);
}

static void
hash_int (GChecksum *sum,
          gint64     v)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, v);

  hash_str (sum, s);
}

static void
hash_time (GChecksum *sum,
           GDateTime *t)
{
  hash_int (sum, t != NULL ? g_date_time_to_unix (t) : -1);
}

static void
hash_money (GChecksum *sum,
            RdMoney   *m)
{
  hash_int (sum, m != NULL ? m->amount : -1);
}

/* Everything of a world that the platform would store. */
static char *
world_fingerprint (RdDemoWorld *world)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < world->accounts->len; i++)
    {
      RdDemoAccount *a = g_ptr_array_index (world->accounts, i);

      hash_str (sum, a->id);
      hash_str (sum, a->name);
      hash_str (sum, a->locale);
    }
  for (guint i = 0; i < world->orders->len; i++)
    {
      RdOrder *o = g_ptr_array_index (world->orders, i);

      hash_str (sum, o->id);
      hash_str (sum, o->number);
      hash_str (sum, o->buyer->id);
      hash_str (sum, o->seller->id);
      hash_time (sum, o->ordered_at);
      hash_time (sum, o->shipped_at);
      hash_time (sum, o->delivered_at);
      hash_str (sum, o->tracking);
      for (guint k = 0; k < o->items->len; k++)
        {
          RdOrderItem *it = g_ptr_array_index (o->items, k);

          hash_str (sum, it->sku);
          hash_money (sum, it->unit_price);
        }
    }
  for (guint i = 0; i < world->steps->len; i++)
    {
      RdDemoStep *s = g_ptr_array_index (world->steps, i);

      hash_int (sum, s->kind);
      hash_time (sum, s->at);
      hash_str (sum, s->actor);
      hash_str (sum, s->case_id);
      if (s->draft != NULL)
        {
          hash_str (sum, s->draft->order_id);
          hash_int (sum, s->draft->reason);
          hash_int (sum, s->draft->requested_type);
          hash_str (sum, s->draft->description);
        }
      if (s->action != NULL)
        {
          hash_str (sum, s->action->id);
          hash_int (sum, s->action->type);
          hash_str (sum, s->action->text);
          hash_str (sum, s->action->template_id);
          hash_str (sum, s->action->offer_id);
          hash_money (sum, s->action->offer_amount);
          hash_int (sum, s->action->stars);
        }
      if (s->evidence_id != NULL)
        {
          hash_str (sum, s->evidence_id);
          g_checksum_update (sum, g_bytes_get_data (s->evidence_bytes, NULL),
                             g_bytes_get_size (s->evidence_bytes));
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_generate_deterministic (void)
{
  g_autoptr(GDateTime) now = dt ("2026-03-18T10:00:00Z");
  g_autoptr(RdDemoWorld) a = rd_demo_world_generate (now, 500, 1234);
  g_autoptr(RdDemoWorld) b = rd_demo_world_generate (now, 500, 1234);
  g_autoptr(RdDemoWorld) c = rd_demo_world_generate (now, 500, 1235);
  g_autofree char *fa = world_fingerprint (a);
  g_autofree char *fb = world_fingerprint (b);
  g_autofree char *fc = world_fingerprint (c);

  g_assert_cmpuint (a->steps->len, ==, b->steps->len);
  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);
}

static void
test_generate_counts (void)
{
  g_autoptr(GDateTime) now = dt ("2026-03-18T10:00:00Z");
  const guint ns[] = { 1, 5, 19, 20, 1000 };

  for (guint k = 0; k < G_N_ELEMENTS (ns); k++)
    {
      g_autoptr(RdDemoWorld) world = rd_demo_world_generate (now, ns[k], 99);
      guint files = 0;

      g_assert_cmpuint (world->orders->len, ==, ns[k]);
      g_assert_cmpuint (world->accounts->len, ==, MAX (ns[k] / 20, 1));
      for (guint i = 0; i < world->accounts->len; i++)
        {
          RdDemoAccount *a = g_ptr_array_index (world->accounts, i);
          g_autofree char *id = g_strdup_printf ("gen-buyer-%u", i + 1);

          g_assert_cmpstr (a->id, ==, id);
          g_assert_cmpint (a->role, ==, RD_ROLE_BUYER);
          g_assert_cmpstr (a->password, ==, "demo");
          g_assert_nonnull (a->name);
          g_assert_true (g_utf8_validate (a->name, -1, NULL));
        }
      for (guint i = 0; i < world->steps->len; i++)
        if (((RdDemoStep *) g_ptr_array_index (world->steps, i))->kind == RD_DEMO_STEP_FILE)
          files++;
      g_assert_cmpuint (files, ==, ns[k]);
    }
}

/* Generated data played through the rules, for several seeds and days of
 * the week: valid, every status, many languages, over both shops. */
static void
test_generate_plays (void)
{
  const char *nows[] = { "2026-03-18T10:00:00Z", "2026-03-21T13:37:00Z", "2026-03-22T23:59:00Z" };

  for (guint k = 0; k < G_N_ELEMENTS (nows); k++)
    {
      g_autoptr(GDateTime) now = dt (nows[k]);
      g_autoptr(RdDemoWorld) demo = rd_demo_world_new (now);
      g_autoptr(RdDemoWorld) world = rd_demo_world_generate (now, 3000, 17 + k);
      g_autoptr(Sim) sim = sim_new (now);
      guint counts[RD_STATUS_N_VALUES];
      guint kai = 0, sol = 0, steps_per_case_max = 0;
      g_autoptr(GHashTable) per_case = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) locales = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key, value;

      /* The sellers and the agent are the demo world's. */
      sim_add_world (sim, demo);
      sim_add_world (sim, world);
      sim_play (sim, world);
      g_assert_cmpuint (sim->n_files, ==, 3000);

      count_statuses (sim, NULL, counts);
      for (guint s = 0; s < RD_STATUS_N_VALUES; s++)
        g_assert_cmpuint (counts[s], >=, 3000 / 20);

      for (guint i = 0; i < world->orders->len; i++)
        {
          RdOrder *o = g_ptr_array_index (world->orders, i);

          if (g_str_equal (o->seller->id, "u-kai"))
            kai++;
          else
            {
              g_assert_cmpstr (o->seller->id, ==, "u-sol");
              sol++;
            }
        }
      g_assert_cmpuint (kai, >, 1000);
      g_assert_cmpuint (sol, >, 1000);

      for (guint i = 0; i < world->accounts->len; i++)
        g_hash_table_add (locales, ((RdDemoAccount *) g_ptr_array_index (world->accounts, i))->locale);
      g_assert_cmpuint (g_hash_table_size (locales), >=, 6);
      g_assert_true (g_hash_table_contains (locales, "zh_CN"));
      g_assert_true (g_hash_table_contains (locales, "ar"));
      g_assert_cmpuint (g_hash_table_size (sim->langs), >=, 6);
      g_assert_cmpuint (sim->n_messages, >=, 3000);
      g_assert_cmpuint (sim->n_sweeps, >=, 1);

      for (guint i = 0; i < world->steps->len; i++)
        {
          RdDemoStep *step = g_ptr_array_index (world->steps, i);

          if (step->case_id != NULL)
            {
              guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (per_case, step->case_id));

              g_hash_table_insert (per_case, step->case_id, GUINT_TO_POINTER (seen + 1));
            }
        }
      g_hash_table_iter_init (&iter, per_case);
      while (g_hash_table_iter_next (&iter, &key, &value))
        steps_per_case_max = MAX (steps_per_case_max, GPOINTER_TO_UINT (value));
      g_assert_cmpuint (steps_per_case_max, >=, 6);
    }
}

/* Large numbers come quickly: the platform's --generate 100000 must start
 * in well under a minute, and this is only the first part of it.  Under
 * valgrind (which preloads its own library) everything is many times
 * slower: the size is smaller there and the time is not judged. */
static void
test_generate_fast (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");
  gboolean slowed = preload != NULL && strstr (preload, "vgpreload") != NULL;
  guint n = slowed ? 10000 : 100000;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RdDemoWorld) world = rd_demo_world_generate (now, n, 5);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  g_test_message ("%u cases, %u steps, in %.2f s", n, world->steps->len, seconds);
  g_assert_cmpuint (world->orders->len, ==, n);
  g_assert_cmpuint (world->steps->len, >=, 3 * n);
  if (!slowed)
    g_assert_cmpfloat (seconds, <, 30.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/accounts", test_demo_accounts);
  g_test_add_func ("/demo/windows", test_demo_windows);
  g_test_add_func ("/demo/plays-through-the-rules", test_demo_plays);
  g_test_add_func ("/demo/deadline-near", test_demo_deadline_near);
  g_test_add_func ("/demo/markup-text", test_demo_markup_text);
  g_test_add_func ("/demo/evidence-files", test_evidence_files);
  g_test_add_func ("/generate/deterministic", test_generate_deterministic);
  g_test_add_func ("/generate/counts", test_generate_counts);
  g_test_add_func ("/generate/plays-through-the-rules", test_generate_plays);
  g_test_add_func ("/generate/fast", test_generate_fast);

  return g_test_run ();
}
