/* rd-platform-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-platform-engine.h"
#include "rd-platform-http.h"
#include "rd-policy.h"

#define ACTION_BIT(a) (1u << (a))

/* The platform has no holidays of its own: weekends only. */
#define CALENDAR NULL

gboolean
rd_platform_engine_role_may (RdRole       role,
                             RdActionType type)
{
  /* API.md's "who" column.  `message` is for "any party": the buyer, the
   * seller and, while the case is before them, the agent (rd-policy lets an
   * agent write in under_review only). */
  static const guint who[RD_ROLE_N_VALUES] = {
    [RD_ROLE_BUYER] = ACTION_BIT (RD_ACTION_TYPE_MESSAGE)
                      | ACTION_BIT (RD_ACTION_TYPE_ACCEPT_OFFER)
                      | ACTION_BIT (RD_ACTION_TYPE_REJECT_OFFER)
                      | ACTION_BIT (RD_ACTION_TYPE_ESCALATE)
                      | ACTION_BIT (RD_ACTION_TYPE_WITHDRAW)
                      | ACTION_BIT (RD_ACTION_TYPE_SHIP_RETURN)
                      | ACTION_BIT (RD_ACTION_TYPE_RATE),
    [RD_ROLE_SELLER] = ACTION_BIT (RD_ACTION_TYPE_MESSAGE)
                       | ACTION_BIT (RD_ACTION_TYPE_OFFER)
                       | ACTION_BIT (RD_ACTION_TYPE_ACCEPT_CLAIM)
                       | ACTION_BIT (RD_ACTION_TYPE_ESCALATE)
                       | ACTION_BIT (RD_ACTION_TYPE_CONFIRM_RETURN),
    [RD_ROLE_AGENT] = ACTION_BIT (RD_ACTION_TYPE_MESSAGE)
                      | ACTION_BIT (RD_ACTION_TYPE_RULE),
    [RD_ROLE_PLATFORM] = 0,
  };

  if ((guint) role >= RD_ROLE_N_VALUES || (guint) type >= RD_ACTION_TYPE_N_VALUES)
    return FALSE;
  return (who[role] & ACTION_BIT (type)) != 0;
}

/* --- Small helpers ---------------------------------------------------------- */

static RdProblem *
field_problem (RdErrorCode  code,
               const char  *detail,
               const char  *field,
               const char  *field_code)
{
  RdProblem *problem = rd_problem_new (code, detail);

  if (field != NULL)
    rd_problem_add_field_error (problem, field, field_code);
  return problem;
}

static gboolean
fail (RdProblem  **problem,
      RdErrorCode  code,
      const char  *detail,
      const char  *field,
      const char  *field_code)
{
  if (problem != NULL)
    *problem = field_problem (code, detail, field, field_code);
  return FALSE;
}

/* NULL or at most RD_PLATFORM_TEXT_MAX_CHARS characters. */
static gboolean
text_fits (const char *text)
{
  return text == NULL || g_utf8_strlen (text, -1) <= RD_PLATFORM_TEXT_MAX_CHARS;
}

static gboolean
check_text (const char  *text,
            const char  *field,
            RdProblem  **problem)
{
  if (text_fits (text))
    return TRUE;
  return fail (problem, RD_ERROR_VALIDATION_FAILED,
               _("A text is longer than 4000 characters."), field, "too_long");
}

/* The most that can be refunded for the case's item: its price times its
 * quantity, in its currency. */
static gboolean
check_amount (const RdMoney     *amount,
              const RdOrderItem *item,
              const char        *field,
              RdProblem        **problem)
{
  gint64 total;

  if (amount == NULL)
    return fail (problem, RD_ERROR_VALIDATION_FAILED,
                 _("An amount is required."), field, "required");
  if (item->unit_price == NULL || strcmp (amount->currency, item->unit_price->currency) != 0)
    return fail (problem, RD_ERROR_VALIDATION_FAILED,
                 _("The amount is not in the currency of the order."), field, "currency");
  total = item->unit_price->amount * (gint64) item->quantity;
  if (amount->amount <= 0 || amount->amount > total)
    return fail (problem, RD_ERROR_VALIDATION_FAILED,
                 _("The amount must be more than zero and at most the price of the item."),
                 field, "out_of_range");
  return TRUE;
}

static RdOrderItem *
copy_item (const RdOrderItem *item)
{
  RdOrderItem *copy = rd_order_item_new ();

  copy->sku = g_strdup (item->sku);
  copy->title = g_strdup (item->title);
  copy->quantity = item->quantity;
  copy->unit_price = rd_money_copy (item->unit_price);
  return copy;
}

static RdEvent *
add_event (RdCase      *kase,
           RdEventType  type,
           const char  *id,
           RdUser      *actor,
           GDateTime   *now)
{
  RdEvent *event = rd_event_new ();

  event->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  event->at = g_date_time_ref (now);
  event->type = type;
  if (actor != NULL)
    {
      event->actor = rd_party_new (actor->id, actor->name);
      event->actor_role = actor->role;
    }
  else
    {
      event->actor = rd_party_new (RD_PLATFORM_ACTOR_ID, RD_PLATFORM_ACTOR_NAME);
      event->actor_role = RD_ROLE_PLATFORM;
    }
  g_ptr_array_add (kase->events, event);
  return event;
}

/* Every change is a new version. */
static void
touch (RdCase    *kase,
       GDateTime *now)
{
  kase->version++;
  g_clear_pointer (&kase->updated_at, g_date_time_unref);
  kase->updated_at = g_date_time_ref (now);
}

/* Moves @kase to the status, turn and deadline of @next. */
static void
enter (RdCase             *kase,
       const RdTransition *next,
       GDateTime          *now)
{
  kase->status = next->status;
  kase->turn = next->turn;
  g_clear_pointer (&kase->respond_by, g_date_time_unref);
  kase->on_expiry = RD_EXPIRY_NONE;
  if (next->has_deadline)
    {
      kase->respond_by = rd_policy_deadline (CALENDAR, next->deadline, now);
      kase->on_expiry = rd_policy_deadline_expiry (next->deadline);
    }
}

static void
resolve (RdCase              *kase,
         RdResolutionOutcome  outcome,
         const RdMoney       *amount,
         RdResolutionBy       by,
         RdUser              *actor,
         GDateTime           *now)
{
  RdEvent *event;

  kase->status = RD_STATUS_RESOLVED;
  kase->turn = RD_TURN_NONE;
  g_clear_pointer (&kase->respond_by, g_date_time_unref);
  kase->on_expiry = RD_EXPIRY_NONE;
  g_clear_pointer (&kase->resolution, rd_resolution_free);
  kase->resolution = rd_resolution_new (outcome, amount, by, now);

  event = add_event (kase, RD_EVENT_TYPE_RESOLVED, NULL, actor, now);
  event->has_outcome = TRUE;
  event->outcome = outcome;
  event->amount = rd_money_copy (amount);
}

/* Applies @next; a resolution carries @amount when it is a partial refund. */
static void
follow (RdCase             *kase,
        const RdTransition *next,
        const RdMoney      *amount,
        RdUser             *actor,
        GDateTime          *now)
{
  if (next->resolves)
    resolve (kase, next->outcome,
             next->outcome == RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED ? amount : NULL,
             next->by, actor, now);
  else
    enter (kase, next, now);
}

static RdOffer *
find_offer (RdCase     *kase,
            const char *id)
{
  for (guint i = 0; i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);

      if (g_strcmp0 (offer->id, id) == 0)
        return offer;
    }
  return NULL;
}

static gboolean
has_evidence (RdCase     *kase,
              const char *id)
{
  for (guint i = 0; i < kase->evidence->len; i++)
    if (g_strcmp0 (((RdEvidence *) g_ptr_array_index (kase->evidence, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static GHashTable *
copy_params (GHashTable *params)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (params == NULL)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

gboolean
rd_platform_engine_ever_reviewed (RdCase *kase)
{
  if (kase->status == RD_STATUS_UNDER_REVIEW)
    return TRUE;
  for (guint i = 0; i < kase->events->len; i++)
    if (((RdEvent *) g_ptr_array_index (kase->events, i))->type == RD_EVENT_TYPE_ESCALATED)
      return TRUE;
  return FALSE;
}

gboolean
rd_platform_engine_may_see (RdCase *kase,
                            RdUser *user)
{
  switch (user->role)
    {
    case RD_ROLE_BUYER:
      return kase->buyer != NULL && g_strcmp0 (kase->buyer->id, user->id) == 0;
    case RD_ROLE_SELLER:
      return kase->seller != NULL && g_strcmp0 (kase->seller->id, user->id) == 0;
    case RD_ROLE_AGENT:
      return rd_platform_engine_ever_reviewed (kase);
    case RD_ROLE_PLATFORM:
    default:
      return FALSE;
    }
}

/* --- Filing ------------------------------------------------------------------ */

RdCase *
rd_platform_engine_file (RdOrder            *order,
                         RdUser             *buyer,
                         const char         *case_id,
                         const RdCaseDraft  *draft,
                         GDateTime          *now,
                         RdProblem         **problem)
{
  g_autoptr(RdCase) kase = NULL;
  RdOrderItem *item = NULL;
  RdTransition first = { 0 };

  for (guint i = 0; i < order->items->len; i++)
    {
      RdOrderItem *candidate = g_ptr_array_index (order->items, i);

      if (g_strcmp0 (candidate->sku, draft->item_sku) == 0)
        {
          item = candidate;
          break;
        }
    }
  if (item == NULL)
    {
      fail (problem, RD_ERROR_VALIDATION_FAILED,
            _("The order has no item with this SKU."), "item_sku", "unknown");
      return NULL;
    }
  if (draft->requested_type == RD_OUTCOME_TYPE_PARTIAL_REFUND
      && !check_amount (draft->requested_amount, item, "requested.amount", problem))
    return NULL;
  if (!check_text (draft->description, "description", problem))
    return NULL;
  if (draft->lang == NULL || strlen (draft->lang) > 35)
    {
      fail (problem, RD_ERROR_VALIDATION_FAILED,
            _("The language is not a language tag."), "lang", "invalid");
      return NULL;
    }
  if (!rd_policy_can_file (order, draft->reason, now))
    {
      fail (problem, RD_ERROR_FILING_WINDOW_CLOSED,
            _("This order is outside the filing window for this reason."), "reason", "window_closed");
      return NULL;
    }

  kase = rd_case_new ();
  kase->id = g_strdup (case_id);
  kase->version = 1;
  kase->order_id = g_strdup (order->id);
  kase->order_number = g_strdup (order->number);
  kase->item = copy_item (item);
  kase->buyer = rd_party_copy (order->buyer);
  kase->seller = rd_party_copy (order->seller);
  kase->reason = draft->reason;
  kase->requested_type = draft->requested_type;
  if (draft->requested_type == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    kase->requested_amount = rd_money_copy (draft->requested_amount);
  kase->description = g_strdup (draft->description != NULL ? draft->description : "");
  kase->lang = g_strdup (draft->lang);
  kase->created_at = g_date_time_ref (now);
  kase->updated_at = g_date_time_ref (now);

  /* A new case waits for the seller, who has 3 business days. */
  first.status = RD_STATUS_AWAITING_SELLER;
  first.turn = RD_TURN_SELLER;
  first.has_deadline = TRUE;
  first.deadline = RD_DEADLINE_SELLER_RESPONSE;
  enter (kase, &first, now);

  /* The `created` event shares the case's id: one per case. */
  add_event (kase, RD_EVENT_TYPE_CREATED, case_id, buyer, now);
  return g_steal_pointer (&kase);
}

/* --- Actions ----------------------------------------------------------------- */

/* The fields of @action beyond what the codec already checked. */
static gboolean
check_fields (RdCase     *kase,
              RdAction   *action,
              RdProblem **problem)
{
  switch (action->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      if (!check_text (action->text, "text", problem))
        return FALSE;
      if (action->text == NULL && action->template_id == NULL)
        return fail (problem, RD_ERROR_VALIDATION_FAILED,
                     _("A message needs a text or a template."), "text", "required");
      if (action->text != NULL && action->template_id == NULL && rd_policy_text_is_blank (action->text))
        return fail (problem, RD_ERROR_VALIDATION_FAILED,
                     _("A message cannot be empty."), "text", "required");
      if (action->template_params != NULL)
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, action->template_params);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (!text_fits (value))
              return check_text (value, "template.params", problem);
        }
      for (guint i = 0; action->evidence_ids != NULL && action->evidence_ids[i] != NULL; i++)
        if (!has_evidence (kase, action->evidence_ids[i]))
          return fail (problem, RD_ERROR_VALIDATION_FAILED,
                       _("A message names evidence that is not on this case; upload it first."),
                       "evidence_ids", "unknown");
      return TRUE;

    case RD_ACTION_TYPE_OFFER:
      if (action->offer_type == RD_OUTCOME_TYPE_PARTIAL_REFUND
          && !check_amount (action->offer_amount, kase->item, "offer.amount", problem))
        return FALSE;
      return check_text (action->offer_note, "offer.note", problem);

    case RD_ACTION_TYPE_ACCEPT_OFFER:
    case RD_ACTION_TYPE_REJECT_OFFER:
      {
        RdOffer *offer = find_offer (kase, action->offer_id);

        if (offer == NULL)
          return fail (problem, RD_ERROR_VALIDATION_FAILED,
                       _("There is no such offer on this case."), "offer_id", "unknown");
        if (offer->status != RD_OFFER_STATUS_PENDING)
          return fail (problem, RD_ERROR_INVALID_TRANSITION,
                       _("This offer is no longer open."), NULL, NULL);
        return check_text (action->reason, "reason", problem);
      }

    case RD_ACTION_TYPE_ESCALATE:
      return check_text (action->reason, "reason", problem);

    case RD_ACTION_TYPE_SHIP_RETURN:
      return check_text (action->carrier, "carrier", problem)
             && check_text (action->tracking, "tracking", problem);

    case RD_ACTION_TYPE_RULE:
      if (action->decision == RD_DECISION_SPLIT
          && !check_amount (action->amount, kase->item, "amount", problem))
        return FALSE;
      return check_text (action->note, "note", problem);

    case RD_ACTION_TYPE_RATE:
      if (action->stars < 1 || action->stars > 5)
        return fail (problem, RD_ERROR_VALIDATION_FAILED,
                     _("A rating is from 1 to 5 stars."), "stars", "out_of_range");
      return check_text (action->comment, "comment", problem);

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      return TRUE;
    }
}

gboolean
rd_platform_engine_act (RdCase     *kase,
                        RdUser     *actor,
                        RdAction   *action,
                        GDateTime  *now,
                        RdProblem **problem)
{
  RdTransition next = { 0 };
  RdOutcomeType offer_type = RD_OUTCOME_TYPE_FULL_REFUND;
  RdOffer *offer = NULL;
  RdEvent *event;

  if (!rd_policy_may (kase, actor->role, actor->id, action->type, now))
    return fail (problem, RD_ERROR_INVALID_TRANSITION,
                 _("This action is not possible in the case’s current state."), NULL, NULL);
  if (!check_fields (kase, action, problem))
    return FALSE;

  if (action->type == RD_ACTION_TYPE_ACCEPT_OFFER)
    {
      offer = find_offer (kase, action->offer_id);
      offer_type = offer->type;
    }
  else if (action->type == RD_ACTION_TYPE_OFFER)
    offer_type = action->offer_type;
  if (!rd_policy_transition (kase, action->type, offer_type, action->decision, &next))
    return fail (problem, RD_ERROR_INVALID_TRANSITION,
                 _("This action is not possible in the case’s current state."), NULL, NULL);

  /* From here on nothing fails.  The action's main event takes the action's
   * id, so that a client can match its pending entry with the real one. */
  touch (kase, now);
  switch (action->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      event = add_event (kase, RD_EVENT_TYPE_MESSAGE, action->id, actor, now);
      event->text = g_strdup (action->text);
      event->template_id = g_strdup (action->template_id);
      event->template_params = copy_params (action->template_params);
      event->lang = g_strdup (action->lang);
      event->evidence_ids = action->evidence_ids != NULL ? g_strdupv (action->evidence_ids)
                                                         : g_new0 (char *, 1);
      break;

    case RD_ACTION_TYPE_OFFER:
      {
        RdOffer *made = rd_offer_new ();

        /* A new offer replaces any that is still open. */
        for (guint i = 0; i < kase->offers->len; i++)
          {
            RdOffer *earlier = g_ptr_array_index (kase->offers, i);

            if (earlier->status == RD_OFFER_STATUS_PENDING)
              earlier->status = RD_OFFER_STATUS_SUPERSEDED;
          }
        /* The offer's id is the action's: the seller's client knows it
         * before the platform answers. */
        made->id = g_strdup (action->id);
        made->type = action->offer_type;
        made->amount = action->offer_type == RD_OUTCOME_TYPE_PARTIAL_REFUND
                       ? rd_money_copy (action->offer_amount) : NULL;
        made->note = g_strdup (action->offer_note);
        made->status = RD_OFFER_STATUS_PENDING;
        made->at = g_date_time_ref (now);
        g_ptr_array_add (kase->offers, made);

        event = add_event (kase, RD_EVENT_TYPE_OFFER, action->id, actor, now);
        event->offer_id = g_strdup (made->id);
        event->note = g_strdup (action->offer_note);
        enter (kase, &next, now);
      }
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
      add_event (kase, RD_EVENT_TYPE_CLAIM_ACCEPTED, action->id, actor, now);
      follow (kase, &next, kase->requested_amount, actor, now);
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
      offer->status = RD_OFFER_STATUS_ACCEPTED;
      event = add_event (kase, RD_EVENT_TYPE_OFFER_ACCEPTED, action->id, actor, now);
      event->offer_id = g_strdup (offer->id);
      follow (kase, &next, offer->amount, actor, now);
      break;

    case RD_ACTION_TYPE_REJECT_OFFER:
      offer = find_offer (kase, action->offer_id);
      offer->status = RD_OFFER_STATUS_REJECTED;
      event = add_event (kase, RD_EVENT_TYPE_OFFER_REJECTED, action->id, actor, now);
      event->offer_id = g_strdup (offer->id);
      event->reason = g_strdup (action->reason);
      enter (kase, &next, now);
      break;

    case RD_ACTION_TYPE_ESCALATE:
      event = add_event (kase, RD_EVENT_TYPE_ESCALATED, action->id, actor, now);
      event->reason = g_strdup (action->reason);
      enter (kase, &next, now);
      break;

    case RD_ACTION_TYPE_WITHDRAW:
      add_event (kase, RD_EVENT_TYPE_WITHDRAWN, action->id, actor, now);
      follow (kase, &next, NULL, actor, now);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      event = add_event (kase, RD_EVENT_TYPE_RETURN_SHIPPED, action->id, actor, now);
      event->carrier = g_strdup (action->carrier);
      event->tracking = g_strdup (action->tracking);
      enter (kase, &next, now);
      break;

    case RD_ACTION_TYPE_CONFIRM_RETURN:
      add_event (kase, RD_EVENT_TYPE_RETURN_RECEIVED, action->id, actor, now);
      follow (kase, &next, NULL, actor, now);
      break;

    case RD_ACTION_TYPE_RULE:
      {
        /* A ruling for the buyer who asked for a partial refund grants that
         * amount; a split grants the amount of the ruling. */
        const RdMoney *amount = NULL;

        event = add_event (kase, RD_EVENT_TYPE_RULED, action->id, actor, now);
        event->has_decision = TRUE;
        event->decision = action->decision;
        event->note = g_strdup (action->note);
        if (action->decision == RD_DECISION_SPLIT)
          {
            event->amount = rd_money_copy (action->amount);
            amount = action->amount;
          }
        follow (kase, &next, amount, actor, now);
      }
      break;

    case RD_ACTION_TYPE_RATE:
      g_clear_pointer (&kase->rating, rd_rating_free);
      kase->rating = rd_rating_new (action->stars, action->comment);
      event = add_event (kase, RD_EVENT_TYPE_RATED, action->id, actor, now);
      event->stars = action->stars;
      event->comment = g_strdup (action->comment);
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* --- Evidence ---------------------------------------------------------------- */

gboolean
rd_platform_engine_check_file (const char  *mime,
                               GBytes      *bytes,
                               RdProblem  **problem)
{
  static const char * const types[] = { "image/jpeg", "image/png", "application/pdf", NULL };
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (mime == NULL || !g_strv_contains (types, mime))
    return fail (problem, RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
                 _("Evidence must be a JPEG or PNG image or a PDF document."), NULL, NULL);

  if (size > RD_PLATFORM_EVIDENCE_MAX_BYTES)
    return fail (problem, RD_ERROR_TOO_LARGE, _("The file is larger than 10 MiB."), NULL, NULL);
  if (g_strcmp0 (rd_evidence_sniff_mime (data, size), mime) != 0)
    return fail (problem, RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
                 _("The file’s content is not of the type it was sent as."), NULL, NULL);
  return TRUE;
}

char *
rd_platform_engine_clean_filename (const char *raw,
                                   const char *mime)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *base;
  const char *p;

  if (raw != NULL)
    {
      valid = g_utf8_make_valid (raw, -1);
      /* Whatever came before the last separator of either kind is a path. */
      base = valid;
      for (p = valid; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
          base = p + 1;

      for (p = base; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT
              || c == 0x2028 || c == 0x2029)
            continue;
          if (clean->len + (gsize) (next - p) > RD_PLATFORM_FILENAME_MAX_BYTES)
            break;
          g_string_append_len (clean, p, next - p);
        }
      g_strstrip (clean->str);
      clean->len = strlen (clean->str);
    }

  if (clean->len == 0 || strcmp (clean->str, ".") == 0 || strcmp (clean->str, "..") == 0)
    {
      g_string_assign (clean, "evidence");
      if (g_strcmp0 (mime, "image/jpeg") == 0)
        g_string_append (clean, ".jpg");
      else if (g_strcmp0 (mime, "image/png") == 0)
        g_string_append (clean, ".png");
      else if (g_strcmp0 (mime, "application/pdf") == 0)
        g_string_append (clean, ".pdf");
    }
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

gboolean
rd_platform_engine_add_evidence (RdCase      *kase,
                                 RdUser      *actor,
                                 const char  *id,
                                 const char  *filename,
                                 const char  *mime,
                                 GBytes      *bytes,
                                 GDateTime   *now,
                                 RdProblem  **problem)
{
  g_autoptr(RdEvidence) evidence = NULL;
  RdEvent *event;
  gboolean open_for_actor;

  /* Parties add evidence to an open case; an agent to one before them. */
  if (actor->role == RD_ROLE_AGENT)
    open_for_actor = kase->status == RD_STATUS_UNDER_REVIEW;
  else if (actor->role == RD_ROLE_BUYER || actor->role == RD_ROLE_SELLER)
    open_for_actor = kase->status != RD_STATUS_RESOLVED;
  else
    return fail (problem, RD_ERROR_FORBIDDEN, _("Your account may not add evidence."), NULL, NULL);
  if (!open_for_actor)
    return fail (problem, RD_ERROR_INVALID_TRANSITION,
                 _("Evidence cannot be added to the case in its current state."), NULL, NULL);
  if (kase->evidence->len >= RD_PLATFORM_EVIDENCE_MAX_PER_CASE)
    return fail (problem, RD_ERROR_VALIDATION_FAILED,
                 _("A case has at most 20 files of evidence."), "case", "too_many");
  if (has_evidence (kase, id))
    return fail (problem, RD_ERROR_ID_CONFLICT,
                 _("This evidence id is already used."), NULL, NULL);

  evidence = rd_evidence_new ();
  evidence->id = g_strdup (id);
  evidence->filename = rd_platform_engine_clean_filename (filename, mime);
  evidence->mime = g_strdup (mime);
  evidence->size = (gint64) g_bytes_get_size (bytes);
  evidence->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  evidence->by = rd_party_new (actor->id, actor->name);
  evidence->role = actor->role;
  evidence->at = g_date_time_ref (now);

  touch (kase, now);
  g_ptr_array_add (kase->evidence, g_steal_pointer (&evidence));
  event = add_event (kase, RD_EVENT_TYPE_EVIDENCE, id, actor, now);
  event->evidence_ids = g_new0 (char *, 2);
  event->evidence_ids[0] = g_strdup (id);
  return TRUE;
}

/* --- Deadlines --------------------------------------------------------------- */

static void
escalate_by_deadline (RdCase    *kase,
                      GDateTime *now)
{
  RdTransition review = { 0 };

  add_event (kase, RD_EVENT_TYPE_ESCALATED, NULL, NULL, now);
  review.status = RD_STATUS_UNDER_REVIEW;
  review.turn = RD_TURN_AGENT;
  review.has_deadline = FALSE;
  enter (kase, &review, now);
}

gboolean
rd_platform_engine_sweep (RdCase    *kase,
                          GDateTime *now)
{
  gboolean shipped = FALSE;

  if (kase->respond_by == NULL || g_date_time_compare (kase->respond_by, now) > 0)
    return FALSE;

  touch (kase, now);
  switch (kase->status)
    {
    case RD_STATUS_AWAITING_SELLER:
      /* The seller did not answer: the platform takes the case. */
      add_event (kase, RD_EVENT_TYPE_DEADLINE_MISSED, NULL, NULL, now);
      escalate_by_deadline (kase, now);
      break;

    case RD_STATUS_AWAITING_BUYER:
      /* The buyer did not answer the offer: the case ends. */
      add_event (kase, RD_EVENT_TYPE_DEADLINE_MISSED, NULL, NULL, now);
      resolve (kase, RD_RESOLUTION_OUTCOME_EXPIRED, NULL, RD_RESOLUTION_BY_DEADLINE, NULL, now);
      break;

    case RD_STATUS_RETURN_PENDING:
      for (guint i = 0; i < kase->events->len; i++)
        if (((RdEvent *) g_ptr_array_index (kase->events, i))->type == RD_EVENT_TYPE_RETURN_SHIPPED)
          shipped = TRUE;
      add_event (kase, RD_EVENT_TYPE_DEADLINE_MISSED, NULL, NULL, now);
      if (shipped)
        /* The seller did not confirm receipt of the return. */
        escalate_by_deadline (kase, now);
      else
        /* The buyer did not ship the return. */
        resolve (kase, RD_RESOLUTION_OUTCOME_EXPIRED, NULL, RD_RESOLUTION_BY_DEADLINE, NULL, now);
      break;

    case RD_STATUS_UNDER_REVIEW:
    case RD_STATUS_RESOLVED:
    default:
      /* No deadline belongs here: drop it. */
      g_clear_pointer (&kase->respond_by, g_date_time_unref);
      kase->on_expiry = RD_EXPIRY_NONE;
      break;
    }
  return TRUE;
}
