/* rd-demo.c — the demo world and synthetic data of redress-platform
 *
 * Everything here is a script for the platform to play through its own
 * rules, so every step must be one the rules allow at its time:
 *   - a case is filed inside its reason's filing window;
 *   - every action is taken by the right role in the right status, before
 *     the deadline that runs for the case at that moment;
 *   - a case that should miss a deadline is left alone until a SWEEP step
 *     after that deadline;
 *   - a case still open at @now has a deadline after @now, so that the live
 *     sweep of the running platform does not change it at once.
 * Seller deadlines are 3 business days, which is never less than 3 calendar
 * days; so a seller who answers within 2.5 calendar days is always in time,
 * and likewise within 6 days for the 7-day buyer deadlines and 9 days for
 * the 10-business-day receipt deadline.
 *
 * An offer's id is the id of the `offer` action that made it:
 * `accept_offer` and `reject_offer` name it so.
 *
 * Identifiers (cases, actions, evidence) are UUIDs from a seeded GRand, so
 * the same script is the same bytes every time: a replay of it is a replay
 * of the same client ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-demo.h"
#include "rd-policy.h"

#define MINUTE ((gint64) 60)
#define HOUR   ((gint64) 3600)
#define DAY    ((gint64) 86400)

/* Seeds of the UUID streams, kept apart so that demo and generated ids
 * never meet. */
#define DEMO_SEED 0x64656d6fu  /* "demo" */
#define GEN_SALT  0x67656e21u  /* "gen!" */

/* ------------------------------------------------------------------------ */
/* Steps and the world                                                      */

static void
rd_demo_account_free (gpointer data)
{
  RdDemoAccount *account = data;

  g_free (account->id);
  g_free (account->login);
  g_free (account->password);
  g_free (account->name);
  g_free (account->locale);
  g_free (account);
}

static void
rd_demo_step_free (gpointer data)
{
  RdDemoStep *step = data;

  g_clear_pointer (&step->at, g_date_time_unref);
  g_free (step->actor);
  g_free (step->case_id);
  g_clear_pointer (&step->draft, rd_case_draft_free);
  g_clear_object (&step->action);
  g_free (step->evidence_id);
  g_clear_pointer (&step->evidence_bytes, g_bytes_unref);
  g_free (step->evidence_mime);
  g_free (step->evidence_filename);
  g_free (step);
}

static RdDemoWorld *
rd_demo_world_alloc (void)
{
  RdDemoWorld *world = g_new0 (RdDemoWorld, 1);

  world->accounts = g_ptr_array_new_with_free_func (rd_demo_account_free);
  world->orders = g_ptr_array_new_with_free_func (g_object_unref);
  world->steps = g_ptr_array_new_with_free_func (rd_demo_step_free);
  return world;
}

void
rd_demo_world_free (RdDemoWorld *world)
{
  if (world == NULL)
    return;
  g_clear_pointer (&world->accounts, g_ptr_array_unref);
  g_clear_pointer (&world->orders, g_ptr_array_unref);
  g_clear_pointer (&world->steps, g_ptr_array_unref);
  g_free (world);
}

static RdDemoAccount *
add_account (RdDemoWorld *world,
             const char  *id,
             const char  *login,
             const char  *name,
             RdRole       role,
             const char  *locale)
{
  RdDemoAccount *account = g_new0 (RdDemoAccount, 1);

  account->id = g_strdup (id);
  account->login = g_strdup (login);
  account->password = g_strdup ("demo");
  account->name = g_strdup (name);
  account->role = role;
  account->locale = g_strdup (locale);
  g_ptr_array_add (world->accounts, account);
  return account;
}

/* A random (version 4) UUID drawn from @rand. */
static char *
uuid_new (GRand *rand)
{
  guint32 w[4];

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    w[i] = g_rand_int (rand);
  w[1] = (w[1] & 0xffff0fffu) | 0x00004000u;
  w[2] = (w[2] & 0x3fffffffu) | 0x80000000u;
  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          w[0], w[1] >> 16, w[1] & 0xffff,
                          w[2] >> 16, w[2] & 0xffff, w[3]);
}

static GDateTime *
utc (gint64 t)
{
  return g_date_time_new_from_unix_utc (t);
}

/* A step waiting for its place in time: sorted by time, then by the order
 * in which it was written, so that steps at the same second keep their
 * order. */
typedef struct
{
  gint64      t;
  guint       seq;
  RdDemoStep *step;
} PendingStep;

typedef struct
{
  RdDemoWorld *world;
  GRand       *rand;
  gint64       now;
  GArray      *pending;  /* PendingStep */
  GHashTable  *sweeps;   /* times of SWEEP steps already written */
  guint        seq;
} Builder;

static void
builder_init (Builder     *b,
              RdDemoWorld *world,
              GRand       *rand,
              gint64       now)
{
  b->world = world;
  b->rand = rand;
  b->now = now;
  b->pending = g_array_new (FALSE, FALSE, sizeof (PendingStep));
  b->sweeps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b->seq = 0;
}

static int
pending_compare (gconstpointer a,
                 gconstpointer b)
{
  const PendingStep *pa = a;
  const PendingStep *pb = b;

  if (pa->t != pb->t)
    return pa->t < pb->t ? -1 : 1;
  if (pa->seq != pb->seq)
    return pa->seq < pb->seq ? -1 : 1;
  return 0;
}

/* Puts the steps in time order into the world and frees the builder. */
static void
builder_finish (Builder *b)
{
  g_array_sort (b->pending, pending_compare);
  g_ptr_array_set_size (b->world->steps, 0);
  for (guint i = 0; i < b->pending->len; i++)
    {
      PendingStep *p = &g_array_index (b->pending, PendingStep, i);

      p->step->at = utc (p->t);
      g_ptr_array_add (b->world->steps, p->step);
    }
  g_clear_pointer (&b->pending, g_array_unref);
  g_clear_pointer (&b->sweeps, g_hash_table_unref);
}

static RdDemoStep *
builder_add (Builder        *b,
             RdDemoStepKind  kind,
             gint64          t,
             const char     *actor,
             const char     *case_id)
{
  RdDemoStep *step = g_new0 (RdDemoStep, 1);
  PendingStep p;

  /* The script is built so that this cannot happen; a step in the future
   * would be a bug here, not something to paper over. */
  g_assert (t <= b->now);

  step->kind = kind;
  step->actor = g_strdup (actor);
  step->case_id = g_strdup (case_id);
  p.t = t;
  p.seq = b->seq++;
  p.step = step;
  g_array_append_val (b->pending, p);
  return step;
}

static void
step_sweep (Builder *b,
            gint64   t)
{
  gint64 *key;

  if (g_hash_table_contains (b->sweeps, &t))
    return;
  key = g_new (gint64, 1);
  *key = t;
  g_hash_table_add (b->sweeps, key);
  builder_add (b, RD_DEMO_STEP_SWEEP, t, NULL, NULL);
}

static void
step_file (Builder       *b,
           gint64         t,
           RdOrder       *order,
           guint          item,
           const char    *case_id,
           RdReason       reason,
           RdOutcomeType  requested,
           gint64         amount,
           const char    *lang,
           const char    *description)
{
  RdOrderItem *line = g_ptr_array_index (order->items, item);
  RdDemoStep *step = builder_add (b, RD_DEMO_STEP_FILE, t, order->buyer->id, case_id);
  RdCaseDraft *draft = rd_case_draft_new ();

  draft->order_id = g_strdup (order->id);
  draft->item_sku = g_strdup (line->sku);
  draft->reason = reason;
  draft->requested_type = requested;
  if (requested == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    draft->requested_amount = rd_money_new (amount, "EUR");
  draft->description = g_strdup (description);
  draft->lang = g_strdup (lang);
  step->draft = draft;
}

/* Returns the evidence id, owned by the step. */
static const char *
step_evidence (Builder    *b,
               gint64      t,
               const char *actor,
               const char *case_id,
               GBytes     *bytes,
               const char *mime,
               const char *filename)
{
  RdDemoStep *step = builder_add (b, RD_DEMO_STEP_EVIDENCE, t, actor, case_id);

  step->evidence_id = uuid_new (b->rand);
  step->evidence_bytes = g_bytes_ref (bytes);
  step->evidence_mime = g_strdup (mime);
  step->evidence_filename = g_strdup (filename);
  return step->evidence_id;
}

static RdAction *
step_action (Builder      *b,
             gint64        t,
             const char   *actor,
             const char   *case_id,
             RdActionType  type)
{
  RdDemoStep *step = builder_add (b, RD_DEMO_STEP_ACTION, t, actor, case_id);
  RdAction *action = rd_action_new ();

  action->id = uuid_new (b->rand);
  action->type = type;
  step->action = action;
  return action;
}

/* A free-text message, optionally pointing at uploaded evidence
 * (@evidence_id may be NULL). */
static RdAction *
step_say (Builder    *b,
          gint64      t,
          const char *actor,
          const char *case_id,
          const char *lang,
          const char *text,
          const char *evidence_id)
{
  RdAction *action = step_action (b, t, actor, case_id, RD_ACTION_TYPE_MESSAGE);
  const char *ids[] = { evidence_id, NULL };

  action->text = g_strdup (text);
  action->lang = g_strdup (lang);
  action->evidence_ids = g_strdupv ((char **) ids);
  return action;
}

/* A phrasebook message; the variable arguments are name, value pairs
 * ended by NULL. */
static RdAction *
step_phrase (Builder    *b,
             gint64      t,
             const char *actor,
             const char *case_id,
             const char *lang,
             const char *phrase_id,
             ...)
{
  RdAction *action = step_action (b, t, actor, case_id, RD_ACTION_TYPE_MESSAGE);
  const char *name;
  va_list args;

  action->template_id = g_strdup (phrase_id);
  action->template_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  action->lang = g_strdup (lang);
  action->evidence_ids = g_new0 (char *, 1);

  va_start (args, phrase_id);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (action->template_params, g_strdup (name), g_strdup (value));
    }
  va_end (args);
  return action;
}

/* Returns the offer's id (the action's id), owned by the step. */
static const char *
step_offer (Builder       *b,
            gint64         t,
            const char    *seller,
            const char    *case_id,
            RdOutcomeType  type,
            gint64         amount,
            const char    *note)
{
  RdAction *action = step_action (b, t, seller, case_id, RD_ACTION_TYPE_OFFER);

  action->offer_type = type;
  if (type == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    action->offer_amount = rd_money_new (amount, "EUR");
  action->offer_note = g_strdup (note);
  return action->id;
}

static void
step_answer_offer (Builder    *b,
                   gint64      t,
                   const char *buyer,
                   const char *case_id,
                   const char *offer_id,
                   gboolean    accept,
                   const char *reason)
{
  RdAction *action = step_action (b, t, buyer, case_id,
                                  accept ? RD_ACTION_TYPE_ACCEPT_OFFER
                                         : RD_ACTION_TYPE_REJECT_OFFER);

  action->offer_id = g_strdup (offer_id);
  if (!accept)
    action->reason = g_strdup (reason);
}

static void
step_escalate (Builder    *b,
               gint64      t,
               const char *actor,
               const char *case_id,
               const char *reason)
{
  RdAction *action = step_action (b, t, actor, case_id, RD_ACTION_TYPE_ESCALATE);

  action->reason = g_strdup (reason);
}

static void
step_ship_return (Builder    *b,
                  gint64      t,
                  const char *buyer,
                  const char *case_id,
                  const char *carrier,
                  const char *tracking)
{
  RdAction *action = step_action (b, t, buyer, case_id, RD_ACTION_TYPE_SHIP_RETURN);

  action->carrier = g_strdup (carrier);
  action->tracking = g_strdup (tracking);
}

static void
step_rule (Builder    *b,
           gint64      t,
           const char *agent,
           const char *case_id,
           RdDecision  decision,
           gint64      amount,
           const char *note)
{
  RdAction *action = step_action (b, t, agent, case_id, RD_ACTION_TYPE_RULE);

  action->decision = decision;
  if (decision == RD_DECISION_SPLIT)
    action->amount = rd_money_new (amount, "EUR");
  action->note = g_strdup (note);
}

static void
step_rate (Builder    *b,
           gint64      t,
           const char *buyer,
           const char *case_id,
           guint       stars,
           const char *comment)
{
  RdAction *action = step_action (b, t, buyer, case_id, RD_ACTION_TYPE_RATE);

  action->stars = stars;
  action->comment = g_strdup (comment);
}

/* The moment a deadline of @kind that starts at @from runs out. */
static gint64
deadline_at (RdDeadlineKind kind,
             gint64         from)
{
  g_autoptr(GDateTime) start = utc (from);
  g_autoptr(GDateTime) end = rd_policy_deadline (NULL, kind, start);

  return g_date_time_to_unix (end);
}

/* "1000 EUR": a money parameter of a phrase, in minor units. */
static char *
money_param (gint64 amount)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " EUR", amount);
}

/* ------------------------------------------------------------------------ */
/* Orders                                                                   */

static RdOrder *
add_order (RdDemoWorld   *world,
           const char    *id,
           guint          number,
           const RdParty *buyer,
           const RdParty *seller,
           gint64         ordered,
           gint64         shipped,    /* 0: not shipped */
           gint64         delivered,  /* 0: not delivered */
           const char    *carrier,
           const char    *tracking,
           guint          return_window_days,
           guint          warranty_months)
{
  RdOrder *order = rd_order_new ();

  order->id = g_strdup (id);
  order->ordered_at = utc (ordered);
  order->number = g_strdup_printf ("ORD-%04d-%06u",
                                   g_date_time_get_year (order->ordered_at), number);
  order->buyer = rd_party_copy (buyer);
  order->seller = rd_party_copy (seller);
  order->total = rd_money_new (0, "EUR");
  if (shipped != 0)
    {
      order->shipped_at = utc (shipped);
      order->carrier = g_strdup (carrier);
      order->tracking = g_strdup (tracking);
    }
  if (delivered != 0)
    order->delivered_at = utc (delivered);
  order->return_window_days = return_window_days;
  order->warranty_months = warranty_months;
  g_ptr_array_add (world->orders, order);
  return order;
}

static void
order_add_item (RdOrder    *order,
                const char *sku,
                const char *title,
                guint       quantity,
                gint64      unit_price)
{
  RdOrderItem *item = rd_order_item_new ();

  item->sku = g_strdup (sku);
  item->title = g_strdup (title);
  item->quantity = quantity;
  item->unit_price = rd_money_new (unit_price, "EUR");
  order->total->amount += unit_price * quantity;
  g_ptr_array_add (order->items, item);
}

/* ------------------------------------------------------------------------ */
/* Evidence: real PNG and PDF files, made here                              */

static guint32 crc_table[256];

static void
crc_table_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          crc_table[n] = c;
        }
      g_once_init_leave (&done, 1);
    }
}

static guint32
crc32_of (const guint8 *data,
          gsize         len)
{
  guint32 c = 0xffffffffu;

  crc_table_init ();
  for (gsize i = 0; i < len; i++)
    c = crc_table[(c ^ data[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

static guint32
adler32_of (const guint8 *data,
            gsize         len)
{
  guint32 a = 1, s = 0;

  for (gsize i = 0; i < len; i++)
    {
      a = (a + data[i]) % 65521;
      s = (s + a) % 65521;
    }
  return (s << 16) | a;
}

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  GByteArray *body = g_byte_array_sized_new (len + 4);

  put_be32 (out, len);
  g_byte_array_append (body, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (body, data, len);
  g_byte_array_append (out, body->data, body->len);
  put_be32 (out, crc32_of (body->data, body->len));
  g_byte_array_unref (body);
}

/* A truecolour PNG of @rgb (3 bytes a pixel), its pixels kept in stored
 * (uncompressed) deflate blocks: valid for every decoder, and needs no
 * zlib. */
static GBytes *
png_encode (guint         width,
            guint         height,
            const guint8 *rgb)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *raw = g_byte_array_sized_new ((width * 3 + 1) * height);
  GByteArray *z = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13];
  guint8 zhead[2] = { 0x78, 0x01 };
  gsize pos = 0;

  for (guint y = 0; y < height; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      g_byte_array_append (raw, rgb + (gsize) y * width * 3, width * 3);
    }

  g_byte_array_append (z, zhead, 2);
  do
    {
      gsize len = MIN (raw->len - pos, 65535);
      gboolean last = pos + len == raw->len;
      guint8 head[5] = { last ? 1 : 0, len & 0xff, len >> 8,
                         ~len & 0xff, (~len >> 8) & 0xff };

      g_byte_array_append (z, head, 5);
      g_byte_array_append (z, raw->data + pos, len);
      pos += len;
    }
  while (pos < raw->len);
  put_be32 (z, adler32_of (raw->data, raw->len));

  ihdr[0] = width >> 24; ihdr[1] = (width >> 16) & 0xff;
  ihdr[2] = (width >> 8) & 0xff; ihdr[3] = width & 0xff;
  ihdr[4] = height >> 24; ihdr[5] = (height >> 16) & 0xff;
  ihdr[6] = (height >> 8) & 0xff; ihdr[7] = height & 0xff;
  ihdr[8] = 8;   /* bits per sample */
  ihdr[9] = 2;   /* truecolour */
  ihdr[10] = 0;  /* deflate */
  ihdr[11] = 0;  /* adaptive filtering */
  ihdr[12] = 0;  /* no interlace */

  g_byte_array_append (out, signature, sizeof signature);
  png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  png_chunk (out, "IDAT", z->data, z->len);
  png_chunk (out, "IEND", NULL, 0);

  g_byte_array_unref (raw);
  g_byte_array_unref (z);
  return g_byte_array_free_to_bytes (out);
}

typedef enum
{
  FLAW_NONE,
  FLAW_CRACK,   /* a dark zigzag across the object */
  FLAW_DENT,    /* a dark blotch on the object */
  FLAW_SCREEN,  /* the object as a screen with lines of "text" */
} Flaw;

/* A small picture of a thing on a table: a background gradient, a shaded
 * object, and what is wrong with it.  Colours are 0xRRGGBB. */
static GBytes *
make_photo (guint   width,
            guint   height,
            guint32 top,
            guint32 bottom,
            guint32 object,
            Flaw    flaw)
{
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3);
  guint ox0 = width / 5, ox1 = width - width / 5;
  guint oy0 = height / 4, oy1 = height - height / 4;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *px = rgb + ((gsize) y * width + x) * 3;
        int c[3];

        for (guint k = 0; k < 3; k++)
          {
            int a = (top >> (16 - 8 * k)) & 0xff;
            int z = (bottom >> (16 - 8 * k)) & 0xff;

            c[k] = a + (z - a) * (int) y / (int) MAX (height - 1, 1);
          }

        if (x >= ox0 && x < ox1 && y >= oy0 && y < oy1)
          {
            /* Lighter towards the top left, as if lit from there. */
            int shade = 40 - (int) ((x - ox0) * 40 / MAX (ox1 - ox0, 1))
                        - (int) ((y - oy0) * 30 / MAX (oy1 - oy0, 1));

            for (guint k = 0; k < 3; k++)
              c[k] = (int) ((object >> (16 - 8 * k)) & 0xff) + shade;

            if (flaw == FLAW_CRACK)
              {
                /* A zigzag: the crack runs down the object, swinging. */
                int period = MAX ((int) (oy1 - oy0) / 4, 2);
                int phase = (int) (y - oy0) % period;
                int swing = phase < period / 2 ? phase : period - phase;
                int cx = (int) (ox0 + ox1) / 2 + (swing - period / 4) * 2;

                if (ABS ((int) x - cx) <= (int) MAX (width / 80, 1))
                  c[0] = c[1] = c[2] = 225;
              }
            else if (flaw == FLAW_DENT)
              {
                int dx = (int) x - (int) (ox0 + (ox1 - ox0) * 2 / 3);
                int dy = (int) y - (int) (oy0 + (oy1 - oy0) / 3);
                int r = (int) MAX ((oy1 - oy0) / 4, 2);

                if (dx * dx + dy * dy <= r * r)
                  for (guint k = 0; k < 3; k++)
                    c[k] = c[k] / 2;
              }
            else if (flaw == FLAW_SCREEN)
              {
                guint line = (y - oy0) / MAX ((oy1 - oy0) / 6, 2);
                guint in_line = (y - oy0) % MAX ((oy1 - oy0) / 6, 2);

                if (line >= 1 && line <= 4 && in_line < 2 &&
                    x > ox0 + 4 && x < ox1 - 4 - (line * 7) % 20)
                  c[0] = c[1] = c[2] = 240;
              }
          }

        for (guint k = 0; k < 3; k++)
          px[k] = (guint8) CLAMP (c[k], 0, 255);
      }

  return png_encode (width, height, rgb);
}

static void
pdf_escape (GString    *out,
            const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* A one-page PDF 1.4 with @lines in Helvetica (ASCII text only), with a
 * correct cross-reference table. */
static GBytes *
make_pdf (const char * const *lines)
{
  GString *pdf = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  g_autoptr(GString) content = g_string_new ("BT /F1 16 Tf 72 770 Td ");
  gsize offsets[6];
  gsize xref;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == 1)
        g_string_append (content, "/F1 11 Tf ");
      g_string_append (content, i == 0 ? "(" : "0 -18 Td (");
      pdf_escape (content, lines[i]);
      g_string_append (content, ") Tj ");
    }
  g_string_append (content, "ET\n");

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n",
                          content->len);
  g_string_append_len (pdf, content->str, content->len);
  g_string_append (pdf, "endstream\nendobj\n");
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");

  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 1; i <= 5; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_MODIFIER "u 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", xref);

  return g_string_free_to_bytes (pdf);
}

/* ------------------------------------------------------------------------ */
/* The demo world                                                           */

typedef struct
{
  gint64 now;
  gint64 midnight;  /* the start of @now's UTC day */
} Clock;

/* @days before today, at @hour:@minute UTC; for @days >= 1 always before
 * now. */
static gint64
day_at (const Clock *c,
        int          days,
        int          hour,
        int          minute)
{
  return c->midnight - days * DAY + hour * HOUR + minute * MINUTE;
}

static gint64
ago (const Clock *c,
     gint64       seconds)
{
  return c->now - seconds;
}

/* A filing time for a case that should be close to its seller's deadline
 * at @now: searched backwards in quarters of an hour for the deadline
 * nearest to @now + 18 h, and at least 6 h ahead (over a weekend the
 * nearest one can be further away: deadlines fall on business days). */
static gint64
filing_time_near_deadline (const Clock *c)
{
  gint64 best = ago (c, 2 * DAY);
  gint64 best_score = G_MAXINT64;

  for (gint64 t = c->now - 30 * MINUTE; t > c->now - 7 * DAY; t -= 15 * MINUTE)
    {
      gint64 left = deadline_at (RD_DEADLINE_SELLER_RESPONSE, t) - c->now;
      gint64 score = ABS (left - 18 * HOUR);

      if (left >= 6 * HOUR && score < best_score)
        {
          best = t;
          best_score = score;
        }
    }
  return best;
}

RdDemoWorld *
rd_demo_world_new (GDateTime *now)
{
  RdDemoWorld *world = rd_demo_world_alloc ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(GBytes) photo_holder = NULL;
  g_autoptr(GBytes) photo_holder_close = NULL;
  g_autoptr(GBytes) shot_watch = NULL;
  g_autoptr(GBytes) photo_boots = NULL;
  g_autoptr(GBytes) photo_boots_box = NULL;
  g_autoptr(GBytes) photo_headphones = NULL;
  g_autoptr(GBytes) photo_poles = NULL;
  g_autoptr(GBytes) pdf_serial = NULL;
  g_autoptr(GBytes) pdf_invoice = NULL;
  static const char * const serial_lines[] = {
    "Serial number check",
    "Product: Noise-cancelling headphones",
    "Serial number: AX-88213",
    "Result: this serial number is not registered.",
    "Checked on the manufacturer's website by the buyer.",
    NULL
  };
  static const char * const invoice_lines[] = {
    "INVOICE 2025-1187",
    "EuroAudio Distribution GmbH, Hamburg",
    "To: Kai's Gadgets",
    "20 x Noise-cancelling headphones, batch NC1-2509",
    "Total: 1640.00 EUR",
    NULL
  };
  RdDemoAccount *ana, *li, *kai, *sol;
  g_autoptr(RdParty) p_ana = NULL;
  g_autoptr(RdParty) p_li = NULL;
  g_autoptr(RdParty) p_kai = NULL;
  g_autoptr(RdParty) p_sol = NULL;
  RdOrder *o1001, *o1002, *o1003, *o1004, *o1009, *o1010;
  RdOrder *o2001, *o2002, *o2003, *o2004, *o2005, *o2006, *o2007;
  Builder b;
  Clock c;

  g_return_val_if_fail (now != NULL, NULL);

  c.now = g_date_time_to_unix (now);
  c.midnight = c.now - c.now % DAY;
  builder_init (&b, world, rand, c.now);

  photo_holder = make_photo (160, 120, 0xd8d4cc, 0x8a7f70, 0x2b2b2e, FLAW_CRACK);
  photo_holder_close = make_photo (160, 120, 0xe9e6df, 0xb5ab9c, 0x3a3a3f, FLAW_CRACK);
  shot_watch = make_photo (120, 160, 0x202024, 0x101012, 0x33507a, FLAW_SCREEN);
  photo_boots = make_photo (160, 120, 0xcfd8dc, 0x7b8a8f, 0x7a4e2d, FLAW_DENT);
  photo_boots_box = make_photo (160, 120, 0xe0e0d8, 0x9e9e94, 0xb08850, FLAW_DENT);
  photo_headphones = make_photo (160, 120, 0xf2f2f2, 0xc4c4c4, 0x1c1c1c, FLAW_NONE);
  photo_poles = make_photo (160, 120, 0xdde6d5, 0x85967a, 0x5a6570, FLAW_DENT);
  pdf_serial = make_pdf (serial_lines);
  pdf_invoice = make_pdf (invoice_lines);

  ana = add_account (world, "u-ana", "ana", "Ana Ribeiro", RD_ROLE_BUYER, "en");
  li = add_account (world, "u-li", "li", "Li Wei", RD_ROLE_BUYER, "zh_CN");
  kai = add_account (world, "u-kai", "kai", "Kai's Gadgets", RD_ROLE_SELLER, "en");
  sol = add_account (world, "u-sol", "sol", "Sol Outfitters", RD_ROLE_SELLER, "de");
  add_account (world, "u-mia", "mia", "Mia Okafor", RD_ROLE_AGENT, "en");
  p_ana = rd_party_new (ana->id, ana->name);
  p_li = rd_party_new (li->id, li->name);
  p_kai = rd_party_new (kai->id, kai->name);
  p_sol = rd_party_new (sol->id, sol->name);

  /* Kai's Gadgets. */
  o1001 = add_order (world, "o-1001", 101, p_ana, p_kai,
                     day_at (&c, 26, 10, 12), day_at (&c, 25, 15, 40), day_at (&c, 22, 11, 5),
                     "DHL", "JJD014600006281530", 30, 24);
  order_add_item (o1001, "KG-PH-100", "Car phone holder", 1, 1999);
  order_add_item (o1001, "KG-CB-2M", "USB-C cable, 2 m", 1, 999);

  /* Shipped, never delivered: not_received is open. */
  o1002 = add_order (world, "o-1002", 102, p_ana, p_kai,
                     day_at (&c, 14, 21, 3), day_at (&c, 12, 9, 30), 0,
                     "DHL", "JJD014600006390412", 14, 24);
  order_add_item (o1002, "KG-EB-200", "Wireless earbuds", 1, 5990);

  /* Delivered 40 days ago with a 14-day return window: only the warranty
   * reasons are open. */
  o1003 = add_order (world, "o-1003", 103, p_li, p_kai,
                     day_at (&c, 44, 3, 20), day_at (&c, 42, 8, 0), day_at (&c, 40, 6, 30),
                     "UPS", "1Z999AA10123456784", 14, 24);
  order_add_item (o1003, "KG-CH-065", "USB-C charger 65 W", 1, 3490);
  order_add_item (o1003, "KG-PB-20K", "Power bank 20 000 mAh", 1, 3990);

  /* Delivered three days ago: every reason is open. */
  o1004 = add_order (world, "o-1004", 104, p_li, p_kai,
                     day_at (&c, 6, 1, 50), day_at (&c, 5, 9, 0), day_at (&c, 3, 4, 20),
                     "UPS", "1Z999AA10123459921", 14, 24);
  order_add_item (o1004, "KG-SW-300", "Smart watch", 1, 14900);

  /* Delivered 400 days ago with a 12-month warranty: every window closed. */
  {
    RdOrder *o = add_order (world, "o-1005", 105, p_ana, p_kai,
                            day_at (&c, 405, 18, 30), day_at (&c, 403, 9, 15),
                            day_at (&c, 400, 13, 40),
                            "DPD", "01505043727581", 14, 12);
    order_add_item (o, "KG-SP-BT5", "Bluetooth speaker", 1, 4500);
  }
  /* Delivered 800 days ago with a 24-month warranty: closed as well. */
  {
    RdOrder *o = add_order (world, "o-1006", 106, p_li, p_kai,
                            day_at (&c, 806, 2, 10), day_at (&c, 804, 8, 0),
                            day_at (&c, 800, 5, 45),
                            "UPS", "1Z999AA10123400017", 30, 24);
    order_add_item (o, "KG-PC-S23", "Phone case", 2, 1490);
    order_add_item (o, "KG-SC-HD", "Screen protector (2 pack)", 1, 790);
  }
  /* Ordered, not shipped: nothing can be filed yet. */
  {
    RdOrder *o = add_order (world, "o-1007", 107, p_ana, p_kai,
                            ago (&c, 5 * HOUR), 0, 0, NULL, NULL, 30, 24);
    order_add_item (o, "KG-PB-20K", "Power bank 20 000 mAh", 1, 3990);
    order_add_item (o, "KG-CB-2M", "USB-C cable, 2 m", 2, 999);
  }
  /* Shipped 40 days ago, never delivered: not_received closed after 30. */
  {
    RdOrder *o = add_order (world, "o-1008", 108, p_li, p_kai,
                            day_at (&c, 43, 11, 25), day_at (&c, 40, 7, 30), 0,
                            "DHL", "JJD014600005550987", 14, 24);
    order_add_item (o, "KG-WC-15", "Wireless charging pad", 1, 2490);
  }
  o1009 = add_order (world, "o-1009", 109, p_li, p_kai,
                     day_at (&c, 35, 4, 5), day_at (&c, 33, 10, 0), day_at (&c, 30, 3, 50),
                     "UPS", "1Z999AA10123447310", 30, 24);
  order_add_item (o1009, "KG-KB-75", "Bluetooth keyboard", 1, 4990);

  o1010 = add_order (world, "o-1010", 110, p_li, p_kai,
                     day_at (&c, 60, 14, 0), day_at (&c, 58, 9, 10), day_at (&c, 55, 5, 5),
                     "DHL", "JJD014600004012266", 14, 24);
  order_add_item (o1010, "KG-HP-NC1", "Noise-cancelling headphones", 1, 12900);

  /* Sol Outfitters. */
  o2001 = add_order (world, "o-2001", 201, p_ana, p_sol,
                     day_at (&c, 13, 19, 45), day_at (&c, 11, 8, 0), day_at (&c, 9, 12, 30),
                     "DPD", "01505043790016", 30, 24);
  order_add_item (o2001, "SO-RJ-L", "Rain jacket, size L", 1, 12900);

  o2002 = add_order (world, "o-2002", 202, p_li, p_sol,
                     day_at (&c, 24, 5, 30), day_at (&c, 22, 8, 15), day_at (&c, 20, 6, 0),
                     "DHL", "JJD014600008812304", 30, 24);
  order_add_item (o2002, "SO-HB-42", "Hiking boots, size 42", 1, 15900);
  order_add_item (o2002, "SO-GL-W", "Windproof gloves", 1, 2990);

  o2003 = add_order (world, "o-2003", 203, p_li, p_sol,
                     day_at (&c, 20, 2, 40), day_at (&c, 18, 9, 5), day_at (&c, 16, 7, 20),
                     "DHL", "JJD014600008894517", 30, 24);
  order_add_item (o2003, "SO-BP-35", "Backpack 35 L", 1, 8900);

  o2004 = add_order (world, "o-2004", 204, p_ana, p_sol,
                     day_at (&c, 32, 20, 15), day_at (&c, 30, 8, 30), day_at (&c, 27, 14, 0),
                     "DPD", "01505043711873", 30, 24);
  order_add_item (o2004, "SO-TN-2P", "Two-person tent", 1, 19900);
  order_add_item (o2004, "SO-TF-2P", "Tent footprint", 1, 2900);

  /* Delivered late, ten days ago: not_received closed three days ago. */
  o2005 = add_order (world, "o-2005", 205, p_ana, p_sol,
                     day_at (&c, 18, 16, 20), day_at (&c, 16, 8, 45), day_at (&c, 10, 7, 30),
                     "DPD", "01505043755508", 30, 24);
  order_add_item (o2005, "SO-HL-300", "Headlamp", 1, 3490);

  o2006 = add_order (world, "o-2006", 206, p_ana, p_sol,
                     day_at (&c, 50, 9, 0), day_at (&c, 48, 10, 30), day_at (&c, 45, 15, 10),
                     "DPD", "01505043702290", 30, 24);
  order_add_item (o2006, "SO-SB-M5", "Sleeping bag", 1, 11900);

  o2007 = add_order (world, "o-2007", 207, p_ana, p_sol,
                     day_at (&c, 5, 11, 0), day_at (&c, 4, 9, 20), day_at (&c, 2, 15, 10),
                     "DPD", "01505043768121", 30, 24);
  order_add_item (o2007, "SO-TP-AL", "Trekking poles (pair)", 1, 5900);

  /* Delivered 400 days ago with a 30-day return window and a 24-month
   * warranty: defective and counterfeit open, the rest closed. */
  {
    RdOrder *o = add_order (world, "o-2008", 208, p_li, p_sol,
                            day_at (&c, 403, 6, 0), day_at (&c, 401, 9, 0),
                            day_at (&c, 400, 4, 30),
                            "DHL", "JJD014600001230095", 30, 24);
    order_add_item (o, "SO-CS-GAS", "Camping stove", 1, 4990);
  }
  /* Shipped ten days ago, on its way: not_received open for li. */
  {
    RdOrder *o = add_order (world, "o-2009", 209, p_li, p_sol,
                            day_at (&c, 11, 23, 10), day_at (&c, 10, 8, 40), 0,
                            "DHL", "JJD014600009034418", 30, 24);
    order_add_item (o, "SO-WB-750", "Insulated water bottle", 2, 2490);
  }
  /* Ordered yesterday by li, not shipped. */
  {
    RdOrder *o = add_order (world, "o-2010", 210, p_li, p_sol,
                            day_at (&c, 1, 6, 25), 0, 0, NULL, NULL, 30, 24);
    order_add_item (o, "SO-FL-XL", "Fleece jacket, size XL", 1, 7990);
  }

  /* 1. ana, awaiting Kai with less than a day left: the phone holder that
   * snapped after three weeks.  Nobody has answered her yet. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 t = filing_time_near_deadline (&c);
    const char *photo, *close;

    step_file (&b, t, o1001, 0, id, RD_REASON_DEFECTIVE, RD_OUTCOME_TYPE_FULL_REFUND, 0, "en",
               "The car phone holder snapped after three weeks of normal use. The <clip> & "
               "mount broke clean off at the hinge while I was driving, and my phone fell into "
               "the footwell.");
    photo = step_evidence (&b, t + 3 * MINUTE, ana->id, id, photo_holder,
                           "image/png", "holder-snapped.png");
    close = step_evidence (&b, t + 4 * MINUTE, ana->id, id, photo_holder_close,
                           "image/png", "hinge-close-up.png");
    step_say (&b, t + 5 * MINUTE, ana->id, id, "en",
              "Photos attached: you can see where the plastic of the <clip> & mount cracked.",
              photo);
    step_say (&b, t + 6 * MINUTE, ana->id, id, "en",
              "And a close-up of the hinge.", close);
    if (c.now - t > 4 * HOUR)
      step_say (&b, t + (c.now - t) * 3 / 5, ana->id, id, "en",
                "Hello? I have not heard anything yet. Could you tell me how you want to "
                "handle this?", NULL);
  }

  /* 2. li, a new case for Kai filed less than a day ago, in Chinese: the
   * smart watch is not what the listing said. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 t = ago (&c, 20 * HOUR);
    const char *shot;

    step_file (&b, t, o1004, 0, id, RD_REASON_NOT_AS_DESCRIBED,
               RD_OUTCOME_TYPE_RETURN_AND_REFUND, 0, "zh",
               "商品页面写着手表支持中文界面和血氧检测，但收到的手表只有英文，也没有血氧功能。"
               "表带颜色也和图片不一样。");
    shot = step_evidence (&b, t + 6 * MINUTE, li->id, id, shot_watch,
                          "image/png", "settings-language.png");
    step_say (&b, t + 7 * MINUTE, li->id, id, "zh",
              "我附上了设置页面的截图，语言选项里只有英文。", shot);
  }

  /* 3. li, awaiting li: Sol offered a partial refund for boots damaged in
   * transit. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 t = day_at (&c, 5, 2, 30);
    const char *photo, *box;

    step_file (&b, t, o2002, 0, id, RD_REASON_DAMAGED_IN_TRANSIT,
               RD_OUTCOME_TYPE_REPLACEMENT, 0, "zh",
               "包裹到的时候鞋盒被压扁了，左脚鞋头有很深的划痕，鞋带扣也断了一个。"
               "希望能换一双新的。");
    step_phrase (&b, day_at (&c, 4, 9, 10), sol->id, id, "en", "request_photos", NULL);
    photo = step_evidence (&b, day_at (&c, 4, 13, 0), li->id, id, photo_boots,
                           "image/png", "left-boot.png");
    box = step_evidence (&b, day_at (&c, 4, 13, 1), li->id, id, photo_boots_box,
                         "image/png", "box.png");
    step_say (&b, day_at (&c, 4, 13, 2), li->id, id, "zh", "这是鞋子的照片。", photo);
    step_say (&b, day_at (&c, 4, 13, 3), li->id, id, "zh", "这是包装盒的照片。", box);
    step_offer (&b, day_at (&c, 3, 10, 20), sol->id, id, RD_OUTCOME_TYPE_PARTIAL_REFUND, 2500,
                "We are sorry about the carrier damage. We can refund 25 EUR and you keep "
                "the boots.");
    step_say (&b, day_at (&c, 1, 3, 0), li->id, id, "zh", "能不能换一双新的？", NULL);
    step_say (&b, day_at (&c, 1, 8, 15), sol->id, id, "en",
              "We have no size 42 left in that colour, sorry. The refund is the best we can "
              "do; the scratch can be polished out by any cobbler.", NULL);
  }

  /* 4. ana, return pending, not shipped yet: a jacket of the wrong size. */
  {
    g_autofree char *id = uuid_new (rand);

    step_file (&b, day_at (&c, 6, 18, 20), o2001, 0, id, RD_REASON_WRONG_ITEM,
               RD_OUTCOME_TYPE_RETURN_AND_REFUND, 0, "en",
               "I ordered the rain jacket in size L, but the label says M and it is far too "
               "small across the shoulders.");
    step_say (&b, day_at (&c, 5, 8, 40), sol->id, id, "en",
              "Sorry for the mix-up! Our warehouse picked the wrong size. We will take it back.",
              NULL);
    step_action (&b, day_at (&c, 4, 8, 45), sol->id, id, RD_ACTION_TYPE_ACCEPT_CLAIM);
    step_phrase (&b, day_at (&c, 4, 8, 47), sol->id, id, "en", "return_label_sent",
                 "carrier", "DHL", "tracking", "JJD014600007733152", NULL);
    step_say (&b, day_at (&c, 4, 19, 2), ana->id, id, "en",
              "Thanks, I will drop it off at the post office on my way to work.", NULL);
  }

  /* 5. li, return pending, shipped: a charger that stopped charging. */
  {
    g_autofree char *id = uuid_new (rand);

    step_file (&b, day_at (&c, 9, 12, 40), o1003, 0, id, RD_REASON_DEFECTIVE,
               RD_OUTCOME_TYPE_RETURN_AND_REFUND, 0, "zh",
               "充电器用了一个月就不能充电了，插上电源后指示灯一闪一闪，手机也显示没有在充电。");
    step_say (&b, day_at (&c, 8, 10, 5), kai->id, id, "en",
              "Sorry to hear that! Please send it back; we will refund you as soon as it "
              "arrives.", NULL);
    step_action (&b, day_at (&c, 8, 10, 6), kai->id, id, RD_ACTION_TYPE_ACCEPT_CLAIM);
    step_phrase (&b, day_at (&c, 8, 10, 8), kai->id, id, "en", "return_label_sent",
                 "carrier", "UPS", "tracking", "1Z999AA10123461177", NULL);
    step_ship_return (&b, day_at (&c, 6, 3, 15), li->id, id, "UPS", "1Z999AA10123461177");
    step_say (&b, day_at (&c, 6, 3, 16), li->id, id, "zh", "已经寄出了，请查收。", NULL);
  }

  /* 6. ana, under review: the earbuds never arrived; she rejected Kai's
   * discount and escalated. */
  {
    g_autofree char *id = uuid_new (rand);
    const char *offer;

    step_file (&b, day_at (&c, 6, 8, 45), o1002, 0, id, RD_REASON_NOT_RECEIVED,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "en",
               "Tracking has shown \"in transit\" for almost a week and the earbuds never "
               "arrived.");
    step_say (&b, day_at (&c, 5, 14, 20), kai->id, id, "en",
              "The carrier says the parcel is held up at their hub. Please give it a few more "
              "days.", NULL);
    step_phrase (&b, day_at (&c, 5, 14, 21), kai->id, id, "en", "apology_delay", NULL);
    offer = step_offer (&b, day_at (&c, 5, 14, 25), kai->id, id,
                        RD_OUTCOME_TYPE_PARTIAL_REFUND, 1000,
                        "10 EUR off for the wait; the parcel should arrive soon.");
    step_answer_offer (&b, day_at (&c, 4, 9, 10), ana->id, id, offer, FALSE,
                       "I don't want a discount for something I have not received.");
    step_escalate (&b, day_at (&c, 4, 9, 12), ana->id, id,
                   "The parcel is lost. I want my money back, not a discount.");
    step_say (&b, day_at (&c, 2, 10, 0), "u-mia", id, "en",
              "I have asked DHL for the parcel's delivery record and will decide as soon as "
              "they answer.", NULL);
  }

  /* 7. li, under review after Sol missed the deadline: the backpack came
   * without its rain cover. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 t = day_at (&c, 12, 4, 10);
    gint64 sweep = deadline_at (RD_DEADLINE_SELLER_RESPONSE, t) + 2 * MINUTE;

    step_file (&b, t, o2003, 0, id, RD_REASON_MISSING_PARTS, RD_OUTCOME_TYPE_PARTIAL_REFUND,
               1500, "zh", "背包里没有商品描述中的防雨罩，说明书也没有。");
    step_say (&b, day_at (&c, 11, 1, 30), li->id, id, "zh",
              "防雨罩对我很重要，下周要去徒步。请尽快回复。", NULL);
    step_sweep (&b, sweep);
    step_say (&b, sweep + 9 * HOUR, li->id, id, "zh", "卖家一直没有回复，希望平台帮忙处理，谢谢。",
              NULL);
  }

  /* 8. li, refunded by Kai accepting the claim: a power bank that got hot. */
  {
    g_autofree char *id = uuid_new (rand);
    g_autofree char *amount = money_param (3990);

    step_file (&b, day_at (&c, 30, 13, 5), o1003, 1, id, RD_REASON_DEFECTIVE,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "zh",
               "充电宝充满电后只能给手机充一半电，而且充电时发烫得厉害。");
    step_say (&b, day_at (&c, 29, 9, 30), kai->id, id, "en",
              "That is not normal: please stop using it. We refund you in full; no need to "
              "send it back, please take it to a battery recycling point.", NULL);
    step_phrase (&b, day_at (&c, 29, 9, 32), kai->id, id, "en", "refund_issued",
                 "amount", amount, NULL);
    step_action (&b, day_at (&c, 29, 9, 33), kai->id, id, RD_ACTION_TYPE_ACCEPT_CLAIM);
    step_rate (&b, day_at (&c, 28, 2, 10), li->id, id, 5, "处理得很快，谢谢！");
  }

  /* 9. ana, partially refunded by agreement, rated four stars: a tent
   * without its pegs. */
  {
    g_autofree char *id = uuid_new (rand);
    const char *offer;

    step_file (&b, day_at (&c, 25, 17, 45), o2004, 0, id, RD_REASON_MISSING_PARTS,
               RD_OUTCOME_TYPE_PARTIAL_REFUND, 2000, "en",
               "The tent arrived without the pegs and the guy lines. I leave for a camping "
               "trip on Friday.");
    step_say (&b, day_at (&c, 24, 9, 0), sol->id, id, "en",
              "We are sorry! We do not stock the pegs separately, so the quickest fix is a "
              "refund for a good set from any outdoor shop.", NULL);
    offer = step_offer (&b, day_at (&c, 24, 9, 5), sol->id, id,
                        RD_OUTCOME_TYPE_PARTIAL_REFUND, 1500,
                        "15 EUR covers a set of aluminium pegs and guy lines.");
    step_answer_offer (&b, day_at (&c, 23, 20, 30), ana->id, id, offer, TRUE, NULL);
    step_rate (&b, day_at (&c, 22, 12, 0), ana->id, id, 4,
               "Quick and fair, though I had to buy the pegs myself before my trip.");
  }

  /* 10. ana, withdrawn: the headlamp turned up after all. */
  {
    g_autofree char *id = uuid_new (rand);

    step_file (&b, day_at (&c, 13, 20, 0), o2005, 0, id, RD_REASON_NOT_RECEIVED,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "en",
               "The headlamp was shipped three days ago and tracking has not changed since "
               "it left the depot.");
    step_phrase (&b, day_at (&c, 12, 9, 30), sol->id, id, "en", "apology_delay", NULL);
    step_say (&b, day_at (&c, 10, 8, 0), ana->id, id, "en",
              "It just arrived this morning, sorry for the trouble!", NULL);
    step_action (&b, day_at (&c, 10, 8, 5), ana->id, id, RD_ACTION_TYPE_WITHDRAW);
  }

  /* 11. li, expired: Kai offered a partial refund for the keyboard and li
   * never answered. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 offered = day_at (&c, 26, 9, 0);

    step_file (&b, day_at (&c, 27, 12, 0), o1009, 0, id, RD_REASON_NOT_AS_DESCRIBED,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "zh",
               "商品描述说键盘有背光，但收到的键盘没有背光功能。");
    step_offer (&b, offered, kai->id, id, RD_OUTCOME_TYPE_PARTIAL_REFUND, 1500,
                "The listing photo showed the backlit model by mistake, sorry. We can refund "
                "15 EUR and you keep the keyboard.");
    step_say (&b, day_at (&c, 24, 13, 0), li->id, id, "zh", "我再考虑一下。", NULL);
    step_sweep (&b, deadline_at (RD_DEADLINE_BUYER_RESPONSE, offered) + 3 * MINUTE);
  }

  /* 12. li, ruled by Mia: headphones that look counterfeit. */
  {
    g_autofree char *id = uuid_new (rand);
    const char *photo, *serial, *invoice;

    step_file (&b, day_at (&c, 50, 7, 30), o1010, 0, id, RD_REASON_COUNTERFEIT,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "zh",
               "耳机上的序列号在品牌官网查不到，包装印刷也很粗糙，我怀疑是假货。");
    photo = step_evidence (&b, day_at (&c, 50, 7, 35), li->id, id, photo_headphones,
                           "image/png", "headphones.png");
    serial = step_evidence (&b, day_at (&c, 50, 7, 36), li->id, id, pdf_serial,
                            "application/pdf", "serial-check.pdf");
    step_say (&b, day_at (&c, 50, 7, 37), li->id, id, "zh", "耳机的照片。", photo);
    step_say (&b, day_at (&c, 50, 7, 38), li->id, id, "zh", "官网序列号查询结果。", serial);
    step_say (&b, day_at (&c, 49, 16, 0), kai->id, id, "en",
              "These come straight from our EU distributor. We can offer 20 EUR as a "
              "goodwill gesture.", NULL);
    step_offer (&b, day_at (&c, 49, 16, 5), kai->id, id, RD_OUTCOME_TYPE_PARTIAL_REFUND, 2000,
                "Goodwill gesture; the headphones are genuine.");
    step_escalate (&b, day_at (&c, 48, 1, 20), li->id, id,
                   "我不要折扣，我要确认这是不是正品。");
    invoice = step_evidence (&b, day_at (&c, 47, 10, 0), kai->id, id, pdf_invoice,
                             "application/pdf", "distributor-invoice.pdf");
    step_say (&b, day_at (&c, 47, 10, 1), kai->id, id, "en",
              "Attached is our distributor's invoice for this batch.", invoice);
    step_say (&b, day_at (&c, 46, 9, 0), "u-mia", id, "en",
              "I have asked the manufacturer to check serial number AX-88213.", NULL);
    step_rule (&b, day_at (&c, 44, 15, 30), "u-mia", id, RD_DECISION_BUYER, 0,
               "The manufacturer confirmed that serial number AX-88213 was never issued. "
               "Kai's Gadgets refunds the full price; Li Wei does not need to send the "
               "headphones back.");
  }

  /* 13. ana, awaiting ana: Kai offers a new cable instead of a refund. */
  {
    g_autofree char *id = uuid_new (rand);

    step_file (&b, day_at (&c, 5, 19, 30), o1001, 1, id, RD_REASON_DEFECTIVE,
               RD_OUTCOME_TYPE_FULL_REFUND, 0, "en",
               "The USB-C cable only charges when I hold it at an angle; the connector is "
               "loose.");
    step_offer (&b, day_at (&c, 4, 10, 15), kai->id, id, RD_OUTCOME_TYPE_REPLACEMENT, 0,
                "We can send a new cable right away: the braided version, which has a "
                "sturdier connector.");
    step_phrase (&b, day_at (&c, 4, 10, 16), kai->id, id, "en", "offer_explained", NULL);
  }

  /* 14. ana, refunded after a return, rated five stars: a sleeping bag
   * that was not as warm as listed. */
  {
    g_autofree char *id = uuid_new (rand);
    g_autofree char *amount = money_param (11900);

    step_file (&b, day_at (&c, 40, 21, 10), o2006, 0, id, RD_REASON_NOT_AS_DESCRIBED,
               RD_OUTCOME_TYPE_RETURN_AND_REFUND, 0, "en",
               "The listing says comfort temperature -5 °C, but the label inside the bag "
               "says +5 °C.");
    step_action (&b, day_at (&c, 39, 10, 0), sol->id, id, RD_ACTION_TYPE_ACCEPT_CLAIM);
    step_phrase (&b, day_at (&c, 39, 10, 2), sol->id, id, "en", "return_label_sent",
                 "carrier", "DPD", "tracking", "01505043709934", NULL);
    step_ship_return (&b, day_at (&c, 37, 11, 30), ana->id, id, "DPD", "01505043709934");
    step_phrase (&b, day_at (&c, 33, 9, 15), sol->id, id, "en", "item_received_checking",
                 NULL);
    step_phrase (&b, day_at (&c, 32, 14, 0), sol->id, id, "en", "refund_issued",
                 "amount", amount, NULL);
    step_action (&b, day_at (&c, 32, 14, 1), sol->id, id, RD_ACTION_TYPE_CONFIRM_RETURN);
    step_rate (&b, day_at (&c, 31, 18, 40), ana->id, id, 5,
               "Smooth return, and the refund came the same day.");
  }

  /* 15. ana, a new case for Sol, filed a few hours ago: bent trekking
   * poles. */
  {
    g_autofree char *id = uuid_new (rand);
    gint64 t = ago (&c, 6 * HOUR);
    const char *photo;

    step_file (&b, t, o2007, 0, id, RD_REASON_DAMAGED_IN_TRANSIT,
               RD_OUTCOME_TYPE_REPLACEMENT, 0, "en",
               "One of the poles arrived bent in the middle, and the box had a hole in it.");
    photo = step_evidence (&b, t + 2 * MINUTE, ana->id, id, photo_poles,
                           "image/png", "bent-pole.png");
    step_say (&b, t + 3 * MINUTE, ana->id, id, "en", "Here is the bent pole.", photo);
  }

  builder_finish (&b);
  return world;
}

/* ------------------------------------------------------------------------ */
/* Synthetic data                                                           */

typedef struct
{
  const char *sku;
  const char *title;
  gint64      price;
} Product;

static const Product kai_products[] = {
  { "KG-PH-100", "Car phone holder", 1999 },
  { "KG-CH-065", "USB-C charger 65 W", 3490 },
  { "KG-EB-200", "Wireless earbuds", 5990 },
  { "KG-PB-20K", "Power bank 20 000 mAh", 3990 },
  { "KG-SW-300", "Smart watch", 14900 },
  { "KG-CB-2M", "USB-C cable, 2 m", 999 },
  { "KG-KB-75", "Bluetooth keyboard", 4990 },
  { "KG-HP-NC1", "Noise-cancelling headphones", 12900 },
  { "KG-SP-BT5", "Bluetooth speaker", 4500 },
  { "KG-WC-15", "Wireless charging pad", 2490 },
  { "KG-PC-S23", "Phone case", 1490 },
  { "KG-SC-HD", "Screen protector (2 pack)", 790 },
  { "KG-WB-HD", "HD webcam", 4490 },
  { "KG-MS-WL", "Wireless mouse", 2290 },
  { "KG-TS-10", "Tablet stand", 2790 },
  { "KG-SD-128", "microSD card 128 GB", 1890 },
};

static const Product sol_products[] = {
  { "SO-RJ-L", "Rain jacket", 12900 },
  { "SO-HB-42", "Hiking boots", 15900 },
  { "SO-BP-35", "Backpack 35 L", 8900 },
  { "SO-TN-2P", "Two-person tent", 19900 },
  { "SO-TF-2P", "Tent footprint", 2900 },
  { "SO-HL-300", "Headlamp", 3490 },
  { "SO-SB-M5", "Sleeping bag", 11900 },
  { "SO-TP-AL", "Trekking poles (pair)", 5900 },
  { "SO-CS-GAS", "Camping stove", 4990 },
  { "SO-WB-750", "Insulated water bottle", 2490 },
  { "SO-ML-M", "Merino base layer", 6900 },
  { "SO-SM-S", "Self-inflating sleeping mat", 7490 },
  { "SO-GL-W", "Windproof gloves", 2990 },
  { "SO-FL-XL", "Fleece jacket", 7990 },
  { "SO-CP-4", "Camping cookware set", 3990 },
  { "SO-HM-1", "Travel hammock", 4490 },
};

typedef enum
{
  LANG_EN,
  LANG_DE,
  LANG_ES,
  LANG_FR,
  LANG_ZH,
  LANG_JA,
  LANG_AR,
  N_LANGS
} Lang;

static const char * const lang_codes[N_LANGS] = { "en", "de", "es", "fr", "zh", "ja", "ar" };
static const char * const lang_locales[N_LANGS] = { "en", "de", "es", "fr", "zh_CN", "ja", "ar" };
/* Out of 100. */
static const guint lang_weights[N_LANGS] = { 30, 15, 12, 12, 12, 10, 9 };

/* By reason, in RdReason order. */
static const char * const descriptions[N_LANGS][RD_REASON_N_VALUES] = {
  [LANG_EN] = {
    "It stopped working after a few weeks of normal use.",
    "It arrived damaged; the box was crushed.",
    "It is not what the listing described.",
    "I received a different item from the one I ordered.",
    "Parts listed in the description are missing from the box.",
    "Tracking has not moved for days and nothing has arrived.",
    "I believe this is not a genuine product.",
    "There is a problem with this order that I would like to sort out.",
  },
  [LANG_DE] = {
    "Es funktioniert nach wenigen Wochen normaler Nutzung nicht mehr.",
    "Es kam beschädigt an; der Karton war eingedrückt.",
    "Der Artikel entspricht nicht der Beschreibung.",
    "Ich habe einen anderen Artikel erhalten als bestellt.",
    "Teile, die in der Beschreibung stehen, fehlen im Paket.",
    "Die Sendungsverfolgung steht seit Tagen still, und nichts ist angekommen.",
    "Ich glaube, das ist kein Originalprodukt.",
    "Es gibt ein Problem mit dieser Bestellung, das ich klären möchte.",
  },
  [LANG_ES] = {
    "Dejó de funcionar tras unas semanas de uso normal.",
    "Llegó dañado; la caja estaba aplastada.",
    "No corresponde a la descripción del anuncio.",
    "Recibí un artículo distinto del que pedí.",
    "Faltan piezas que aparecen en la descripción.",
    "El seguimiento no se mueve desde hace días y no ha llegado nada.",
    "Creo que no es un producto original.",
    "Hay un problema con este pedido que me gustaría resolver.",
  },
  [LANG_FR] = {
    "Il ne fonctionne plus après quelques semaines d'utilisation normale.",
    "Il est arrivé endommagé ; le carton était écrasé.",
    "Il ne correspond pas à la description de l'annonce.",
    "J'ai reçu un article différent de celui que j'ai commandé.",
    "Des pièces indiquées dans la description manquent dans le colis.",
    "Le suivi ne bouge plus depuis des jours et rien n'est arrivé.",
    "Je pense que ce n'est pas un produit authentique.",
    "Il y a un problème avec cette commande que j'aimerais régler.",
  },
  [LANG_ZH] = {
    "正常使用几个星期后就坏了。",
    "到货时已经损坏，包装盒被压扁了。",
    "商品和描述不符。",
    "收到的商品和我订购的不一样。",
    "描述中列出的配件在包裹里没有。",
    "物流信息好几天没有更新，什么也没收到。",
    "我认为这不是正品。",
    "这个订单有问题，希望能解决。",
  },
  [LANG_JA] = {
    "普通に使っていたのに、数週間で動かなくなりました。",
    "届いたときには壊れていて、箱もつぶれていました。",
    "商品説明と違う商品です。",
    "注文したものと違う商品が届きました。",
    "説明に書かれている部品が入っていません。",
    "追跡情報が何日も更新されず、まだ届いていません。",
    "本物ではないと思います。",
    "この注文について解決したい問題があります。",
  },
  [LANG_AR] = {
    "توقف عن العمل بعد بضعة أسابيع من الاستخدام العادي.",
    "وصل تالفًا، وكانت العلبة مهشمة.",
    "المنتج لا يطابق الوصف.",
    "استلمت منتجًا مختلفًا عن الذي طلبته.",
    "بعض القطع المذكورة في الوصف غير موجودة في الطرد.",
    "لم يتغير تتبع الشحنة منذ أيام ولم يصل شيء.",
    "أعتقد أن هذا المنتج غير أصلي.",
    "هناك مشكلة في هذا الطلب أود حلها.",
  },
};

#define N_BUYER_LINES 4
static const char * const buyer_lines[N_LANGS][N_BUYER_LINES] = {
  [LANG_EN] = { "Any news about my case?", "I have attached a photo of the problem.",
                "Thank you, I will wait for your answer.", "I would really prefer a refund." },
  [LANG_DE] = { "Gibt es Neuigkeiten zu meinem Fall?", "Ich habe ein Foto des Problems angehängt.",
                "Danke, ich warte auf Ihre Antwort.", "Mir wäre eine Erstattung wirklich lieber." },
  [LANG_ES] = { "¿Hay novedades sobre mi caso?", "He adjuntado una foto del problema.",
                "Gracias, espero su respuesta.", "Preferiría de verdad un reembolso." },
  [LANG_FR] = { "Avez-vous du nouveau sur mon dossier ?", "J'ai joint une photo du problème.",
                "Merci, j'attends votre réponse.", "Je préférerais vraiment un remboursement." },
  [LANG_ZH] = { "我的问题有进展吗？", "我附上了问题的照片。",
                "谢谢，我等您的回复。", "我还是更希望退款。" },
  [LANG_JA] = { "その後どうなりましたか？", "問題の写真を添付しました。",
                "ありがとうございます。お返事をお待ちしています。", "できれば返金をお願いしたいです。" },
  [LANG_AR] = { "هل من جديد بخصوص حالتي؟", "أرفقت صورة للمشكلة.",
                "شكرًا، سأنتظر ردكم.", "أفضّل استرداد المبلغ حقًا." },
};
/* Indices into buyer_lines. */
#define LINE_ANY_NEWS    0
#define LINE_PHOTO       1
#define LINE_THANKS      2
#define LINE_WANT_REFUND 3

static const char * const reject_reasons[N_LANGS] = {
  "That does not cover the problem.",
  "Das deckt das Problem nicht ab.",
  "Eso no cubre el problema.",
  "Cela ne couvre pas le problème.",
  "这个方案解决不了问题。",
  "その提案では問題が解決しません。",
  "هذا لا يحل المشكلة.",
};

static const char * const escalate_reasons[N_LANGS] = {
  "We cannot agree; please decide.",
  "Wir können uns nicht einigen; bitte entscheiden Sie.",
  "No llegamos a un acuerdo; por favor, decidan ustedes.",
  "Nous n'arrivons pas à nous mettre d'accord ; merci de trancher.",
  "我们无法达成一致，请平台裁决。",
  "合意できないので、判断をお願いします。",
  "لم نتوصل إلى اتفاق، يرجى الفصل في الأمر.",
};

static const char * const withdraw_lines[N_LANGS] = {
  "Never mind, it is sorted out now. Thank you!",
  "Hat sich erledigt, danke!",
  "Ya está solucionado, ¡gracias!",
  "C'est réglé, merci !",
  "问题已经解决了，谢谢！",
  "解決しました。ありがとうございました。",
  "تم حل المشكلة، شكرًا!",
};

static const char * const rating_comments[N_LANGS] = {
  "Fair and quick.",
  "Fair und schnell.",
  "Justo y rápido.",
  "Juste et rapide.",
  "处理得公平又迅速。",
  "公平で迅速な対応でした。",
  "تعامل عادل وسريع.",
};

/* Sellers write English, and Sol writes German to German buyers. */
#define N_SELLER_LINES 4
static const char * const seller_lines_en[N_SELLER_LINES] = {
  "Sorry to hear that. We are looking into it.",
  "Thanks for the details. We have checked with our warehouse.",
  "Could you send us the serial number from the back of the device?",
  "We have passed this on to the carrier and are waiting for their answer.",
};
static const char * const seller_lines_de[N_SELLER_LINES] = {
  "Das tut uns leid. Wir sehen uns das an.",
  "Danke für die Angaben. Wir haben mit unserem Lager gesprochen.",
  "Könnten Sie uns die Seriennummer von der Rückseite schicken?",
  "Wir haben das an den Versanddienst weitergegeben und warten auf Antwort.",
};

/* By RdOutcomeType. */
static const char * const offer_notes_en[RD_OUTCOME_TYPE_N_VALUES] = {
  "We refund the full price.",
  "We can refund part of the price and you keep the item.",
  "We will send you a new one.",
  "We can repair it free of charge.",
  "Please send it back and we refund you in full.",
};
static const char * const offer_notes_de[RD_OUTCOME_TYPE_N_VALUES] = {
  "Wir erstatten den vollen Preis.",
  "Wir erstatten einen Teil des Preises, und Sie behalten den Artikel.",
  "Wir schicken Ihnen einen neuen.",
  "Wir reparieren ihn kostenlos.",
  "Bitte schicken Sie ihn zurück, wir erstatten den vollen Betrag.",
};

static const char * const agent_lines[] = {
  "I am reviewing this case and will decide within a few days.",
  "Thank you both. I have everything I need.",
  "Could the seller say when the item was dispatched and how it was packed?",
};

/* By RdDecision. */
static const char * const rule_notes[RD_DECISION_N_VALUES] = {
  "Having read both sides and the evidence, the buyer's claim is upheld: the seller refunds "
  "the full price.",
  "The evidence does not show a fault the seller is responsible for; the claim is not upheld.",
  "Both sides share the responsibility here; the seller refunds part of the price.",
};

static const char * const latin_first[] = {
  "An", "Be", "Ca", "Da", "E", "Fe", "Gi", "Ha", "I", "Jo", "Ka", "Lu", "Ma", "Ni", "O",
  "Pe", "Ra", "Si", "Ta", "Vi",
};
static const char * const latin_first_end[] = {
  "na", "ra", "la", "ro", "nes", "sa", "lio", "to", "mi", "da", "ne", "rik",
};
static const char * const latin_last[] = {
  "Bran", "Cor", "Dal", "Fen", "Gar", "Hol", "Lind", "Mor", "Ness", "Ost", "Pell", "Quin",
  "Rid", "Stam", "Tor", "Vell", "Wick", "Alda", "Mont", "Serr",
};
static const char * const latin_last_end[] = {
  "ley", "son", "berg", "ford", "mann", "ez", "eau", "ini", "ard", "ton", "ero", "ier",
};
static const char * const zh_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
};
static const char * const zh_given[] = {
  "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "晓东", "子涵",
};
static const char * const ja_family[] = {
  "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
};
static const char * const ja_given[] = {
  "翔", "陽菜", "蓮", "結衣", "大翔", "さくら", "悠真", "美咲", "健", "葵",
};
static const char * const ar_given[] = {
  "أحمد", "فاطمة", "محمد", "ليلى", "يوسف", "مريم", "عمر", "سارة", "خالد", "نور",
};
static const char * const ar_family[] = {
  "الحسن", "العلي", "الخطيب", "المصري", "الحداد", "السيد", "النجار", "الشامي",
};

static const char * const carriers[] = { "DHL", "UPS", "DPD", "GLS", "Hermes", "PostNL" };

typedef enum
{
  SC_OPEN_SELLER,          /* awaiting_seller, new */
  SC_OPEN_REOPENED,        /* awaiting_seller after a rejected offer */
  SC_OPEN_BUYER,           /* awaiting_buyer */
  SC_OPEN_BUYER_REOFFER,   /* awaiting_buyer, second offer after a rejection */
  SC_RETURN_WAITING,       /* return_pending, not shipped */
  SC_RETURN_SHIPPED,       /* return_pending, shipped */
  SC_REVIEW_REJECTED,      /* offer rejected, then escalated */
  SC_REVIEW_OFFER,         /* offer escalated by the buyer */
  SC_REVIEW_MISSED,        /* seller missed the deadline: swept */
  SC_REVIEW_RETURN,        /* seller never confirmed the return: swept */
  SC_DONE_CLAIM,           /* seller accepted the claim */
  SC_DONE_OFFER,           /* buyer accepted an offer */
  SC_DONE_WITHDRAWN,
  SC_DONE_EXPIRED,         /* buyer let an offer run out: swept */
  SC_DONE_RULED,
  SC_DONE_RETURNED,        /* return confirmed */
  SC_DONE_RETURN_EXPIRED,  /* buyer never shipped the return: swept */
} Scenario;

typedef struct
{
  RdParty *party;
  Lang     lang;
} GenBuyer;

typedef struct
{
  Builder   b;
  GRand    *rand;
  gint64    now;
  GenBuyer *buyers;
  guint     n_buyers;
  GBytes   *photos[4];
  GBytes   *receipt;
  RdParty  *kai;
  RdParty  *sol;
} Gen;

/* The case being written. */
typedef struct
{
  Gen           *g;
  char          *id;
  const char    *buyer;
  const char    *seller;
  Lang           lang;         /* the buyer's */
  Lang           seller_lang;
  gint64         price;        /* of the item in dispute */
  RdReason       reason;
} GenCase;

static gint64
rnd (Gen   *g,
     gint64 lo,
     gint64 hi)
{
  gint64 v;

  if (hi <= lo)
    return lo;
  v = lo + (gint64) (g_rand_double (g->rand) * (double) (hi - lo + 1));
  return MIN (v, hi);
}

static gboolean
chance (Gen   *g,
        double p)
{
  return g_rand_double (g->rand) < p;
}

#define PICK(g, array) ((array)[g_rand_int_range ((g)->rand, 0, G_N_ELEMENTS (array))])

/* The first 15-minute mark after @deadline: sweeps come in quarters of an
 * hour, so that many cases share one. */
static gint64
sweep_after (gint64 deadline)
{
  return (deadline / (15 * MINUTE) + 1) * (15 * MINUTE);
}

static char *
gen_name (Gen  *g,
          Lang  lang)
{
  switch (lang)
    {
    case LANG_ZH:
      return g_strconcat (PICK (g, zh_family), PICK (g, zh_given), NULL);
    case LANG_JA:
      return g_strconcat (PICK (g, ja_family), " ", PICK (g, ja_given), NULL);
    case LANG_AR:
      return g_strconcat (PICK (g, ar_given), " ", PICK (g, ar_family), NULL);
    case LANG_EN:
    case LANG_DE:
    case LANG_ES:
    case LANG_FR:
    case N_LANGS:
    default:
      return g_strconcat (PICK (g, latin_first), PICK (g, latin_first_end), " ",
                          PICK (g, latin_last), PICK (g, latin_last_end), NULL);
    }
}

static char *
gen_tracking (Gen        *g,
              const char *carrier)
{
  guint32 a = g_rand_int_range (g->rand, 0, 1000000);
  guint32 z = g_rand_int_range (g->rand, 0, 1000000);

  if (g_str_equal (carrier, "DHL"))
    return g_strdup_printf ("JJD01460%06u%06u", a, z);
  if (g_str_equal (carrier, "UPS"))
    return g_strdup_printf ("1Z999AA1%05u%05u", a % 100000, z % 100000);
  if (g_str_equal (carrier, "PostNL"))
    return g_strdup_printf ("3SABCD%06u%04u", a, z % 10000);
  return g_strdup_printf ("0150%05u%05u", a % 100000, z % 100000);
}

/* 0..n-1, weighted by @weights (summing to @total). */
static guint
weighted (Gen         *g,
          const guint *weights,
          guint        n,
          guint        total)
{
  guint r = g_rand_int_range (g->rand, 0, total);

  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static RdReason
gen_reason (Gen      *g,
            gboolean  may_be_not_received)
{
  /* In RdReason order. */
  static const guint weights[RD_REASON_N_VALUES] = { 25, 12, 15, 10, 10, 15, 5, 8 };
  RdReason reason;

  do
    reason = weighted (g, weights, RD_REASON_N_VALUES, 100);
  while (reason == RD_REASON_NOT_RECEIVED && !may_be_not_received);
  return reason;
}

/* Part of the price, in whole euros, at least one. */
static gint64
part_of (Gen    *g,
         gint64  price,
         guint   min_percent,
         guint   max_percent)
{
  gint64 amount = price * rnd (g, min_percent, max_percent) / 100;

  amount = amount / 100 * 100;
  return CLAMP (amount, 100, MAX (price - 1, 1));
}

/* What a seller offers: something that ends the case when accepted unless
 * @may_return. */
static RdOutcomeType
gen_offer_type (GenCase  *cs,
                gboolean  may_return)
{
  Gen *g = cs->g;

  if (cs->reason == RD_REASON_NOT_RECEIVED)
    return chance (g, 0.6) ? RD_OUTCOME_TYPE_PARTIAL_REFUND : RD_OUTCOME_TYPE_REPLACEMENT;
  for (;;)
    {
      RdOutcomeType type = g_rand_int_range (g->rand, RD_OUTCOME_TYPE_PARTIAL_REFUND,
                                             RD_OUTCOME_TYPE_RETURN_AND_REFUND + 1);

      if (type != RD_OUTCOME_TYPE_RETURN_AND_REFUND || may_return)
        return type;
    }
}

static const char *
gen_offer (GenCase       *cs,
           gint64         t,
           RdOutcomeType  type)
{
  const char *note = cs->seller_lang == LANG_DE ? offer_notes_de[type] : offer_notes_en[type];

  return step_offer (&cs->g->b, t, cs->seller, cs->id, type,
                     type == RD_OUTCOME_TYPE_PARTIAL_REFUND ? part_of (cs->g, cs->price, 10, 50)
                                                            : 0,
                     chance (cs->g, 0.8) ? note : NULL);
}

static void
buyer_says (GenCase *cs,
            gint64   t,
            guint    line)
{
  step_say (&cs->g->b, t, cs->buyer, cs->id, lang_codes[cs->lang],
            buyer_lines[cs->lang][line], NULL);
}

static void
seller_says (GenCase *cs,
             gint64   t)
{
  Gen *g = cs->g;

  if (chance (g, 0.35))
    {
      step_phrase (&g->b, t, cs->seller, cs->id, lang_codes[cs->seller_lang],
                   chance (g, 0.5) ? "request_photos" : "request_order_details", NULL);
      return;
    }
  step_say (&g->b, t, cs->seller, cs->id, lang_codes[cs->seller_lang],
            cs->seller_lang == LANG_DE ? PICK (g, seller_lines_de) : PICK (g, seller_lines_en),
            NULL);
}

/* Messages while the seller has the turn, strictly between @from and
 * @until: perhaps the seller asks and the buyer answers. */
static void
chat_seller_turn (GenCase *cs,
                  gint64   from,
                  gint64   until)
{
  Gen *g = cs->g;
  gint64 span = until - from;
  gint64 t;

  if (span < 10 * MINUTE || chance (g, 0.35))
    return;
  t = from + rnd (g, span / 10, span * 4 / 10);
  seller_says (cs, t);
  if (chance (g, 0.7))
    buyer_says (cs, t + rnd (g, MINUTE, span / 2), chance (g, 0.5) ? LINE_THANKS : LINE_ANY_NEWS);
}

/* Messages while the buyer has the turn: perhaps one from the buyer. */
static void
chat_buyer_turn (GenCase *cs,
                 gint64   from,
                 gint64   until)
{
  Gen *g = cs->g;
  gint64 span = until - from;

  if (span < 10 * MINUTE || chance (g, 0.5))
    return;
  buyer_says (cs, from + rnd (g, span / 10, span * 9 / 10),
              chance (g, 0.5) ? LINE_WANT_REFUND : LINE_THANKS);
}

/* The case is filed at @t0 with perhaps a photo; returns the moment the
 * filing is done (after the photo's message). */
static gint64
gen_file (GenCase       *cs,
          RdOrder       *order,
          gint64         t0,
          RdOutcomeType  requested)
{
  Gen *g = cs->g;
  gint64 amount = requested == RD_OUTCOME_TYPE_PARTIAL_REFUND ? part_of (g, cs->price, 30, 60) : 0;

  step_file (&g->b, t0, order, 0, cs->id, cs->reason, requested, amount,
             lang_codes[cs->lang], descriptions[cs->lang][cs->reason]);
  if (cs->reason != RD_REASON_NOT_RECEIVED && chance (g, 0.1))
    {
      const char *evidence = step_evidence (&g->b, t0 + MINUTE, cs->buyer, cs->id,
                                            PICK (g, g->photos), "image/png", "photo.png");

      step_say (&g->b, t0 + 2 * MINUTE, cs->buyer, cs->id, lang_codes[cs->lang],
                buyer_lines[cs->lang][LINE_PHOTO], evidence);
      return t0 + 2 * MINUTE;
    }
  return t0;
}

static RdOutcomeType
gen_requested (GenCase *cs)
{
  if (cs->reason == RD_REASON_NOT_RECEIVED)
    return chance (cs->g, 0.8) ? RD_OUTCOME_TYPE_FULL_REFUND : RD_OUTCOME_TYPE_REPLACEMENT;
  return g_rand_int_range (cs->g->rand, 0, RD_OUTCOME_TYPE_N_VALUES);
}

static void
gen_return_label (GenCase *cs,
                  gint64   t)
{
  Gen *g = cs->g;
  const char *carrier = PICK (g, carriers);
  g_autofree char *tracking = gen_tracking (g, carrier);

  step_phrase (&g->b, t, cs->seller, cs->id, lang_codes[cs->seller_lang], "return_label_sent",
               "carrier", carrier, "tracking", tracking, NULL);
}

static void
gen_ship_return (GenCase *cs,
                 gint64   t)
{
  Gen *g = cs->g;
  const char *carrier = PICK (g, carriers);
  g_autofree char *tracking = gen_tracking (g, carrier);

  step_ship_return (&g->b, t, cs->buyer, cs->id, carrier, tracking);
}

static void
gen_maybe_rate (GenCase *cs,
                gint64   resolved)
{
  static const guint weights[5] = { 10, 10, 20, 30, 30 };
  Gen *g = cs->g;
  gint64 t;

  if (!chance (g, 0.4))
    return;
  t = resolved + rnd (g, 10 * MINUTE, 5 * DAY);
  step_rate (&g->b, MIN (t, g->now), cs->buyer, cs->id, 1 + weighted (g, weights, 5, 100),
             chance (g, 0.6) ? rating_comments[cs->lang] : NULL);
}

/* Takes the case to under_review, from its filing at @t0 (already
 * written); returns the moment of the escalation. */
static gint64
gen_to_review (GenCase *cs,
               gint64   t0,
               guint    how)
{
  Gen *g = cs->g;
  gint64 t_o, t_r, t_e;
  const char *offer;

  switch (how)
    {
    case 0:  /* an offer, rejected, then escalated by one of them */
      t_o = t0 + rnd (g, HOUR, 60 * HOUR);
      chat_seller_turn (cs, t0, t_o);
      offer = gen_offer (cs, t_o, gen_offer_type (cs, FALSE));
      t_r = t_o + rnd (g, HOUR, 6 * DAY);
      chat_buyer_turn (cs, t_o, t_r);
      step_answer_offer (&g->b, t_r, cs->buyer, cs->id, offer, FALSE, reject_reasons[cs->lang]);
      t_e = t_r + rnd (g, 5 * MINUTE, 2 * DAY);
      if (chance (g, 0.7))
        step_escalate (&g->b, t_e, cs->buyer, cs->id, escalate_reasons[cs->lang]);
      else
        step_escalate (&g->b, t_e, cs->seller, cs->id, escalate_reasons[cs->seller_lang]);
      return t_e;

    case 1:  /* an offer that the buyer escalates */
      t_o = t0 + rnd (g, HOUR, 60 * HOUR);
      chat_seller_turn (cs, t0, t_o);
      gen_offer (cs, t_o, gen_offer_type (cs, FALSE));
      t_e = t_o + rnd (g, HOUR, 6 * DAY);
      step_escalate (&g->b, t_e, cs->buyer, cs->id, escalate_reasons[cs->lang]);
      return t_e;

    default:  /* the seller never answers: the sweep escalates */
      {
        gint64 sweep = sweep_after (deadline_at (RD_DEADLINE_SELLER_RESPONSE, t0));

        if (chance (g, 0.6))
          buyer_says (cs, t0 + rnd (g, HOUR, 2 * DAY), LINE_ANY_NEWS);
        step_sweep (&g->b, sweep);
        return sweep;
      }
    }
}

static void
gen_case (Gen      *g,
          guint     index,
          RdStatus  status)
{
  const gboolean kai = chance (g, 0.5);
  const Product *products = kai ? kai_products : sol_products;
  const guint n_products = kai ? G_N_ELEMENTS (kai_products) : G_N_ELEMENTS (sol_products);
  const GenBuyer *buyer = &g->buyers[g_rand_int_range (g->rand, 0, g->n_buyers)];
  static const guint item_weights[3] = { 60, 30, 10 };
  g_autofree char *order_id = g_strdup_printf ("o-gen-%u", index + 1);
  g_autofree char *tracking = NULL;
  const char *carrier = PICK (g, carriers);
  guint n_items = 1 + weighted (g, item_weights, 3, 100);
  guint first = g_rand_int_range (g->rand, 0, n_products);
  guint rw = chance (g, 0.5) ? 14 : 30;
  guint wm = chance (g, 0.7) ? 24 : 12;
  gint64 ordered, shipped, delivered = 0;
  gint64 t0, t, t_o, t_r, t_a, t_s, t_e, sweep;
  Scenario sc;
  RdOrder *order;
  GenCase cs;
  const char *offer;

  cs.g = g;
  cs.id = uuid_new (g->rand);
  cs.buyer = buyer->party->id;
  cs.seller = kai ? g->kai->id : g->sol->id;
  cs.lang = buyer->lang;
  cs.seller_lang = !kai && buyer->lang == LANG_DE ? LANG_DE : LANG_EN;
  cs.price = products[first].price;

  switch (status)
    {
    case RD_STATUS_AWAITING_SELLER:
      sc = chance (g, 0.7) ? SC_OPEN_SELLER : SC_OPEN_REOPENED;
      break;
    case RD_STATUS_AWAITING_BUYER:
      sc = chance (g, 0.7) ? SC_OPEN_BUYER : SC_OPEN_BUYER_REOFFER;
      break;
    case RD_STATUS_RETURN_PENDING:
      sc = chance (g, 0.5) ? SC_RETURN_WAITING : SC_RETURN_SHIPPED;
      break;
    case RD_STATUS_UNDER_REVIEW:
      sc = SC_REVIEW_REJECTED + g_rand_int_range (g->rand, 0, 4);
      break;
    case RD_STATUS_RESOLVED:
    default:
      sc = SC_DONE_CLAIM + g_rand_int_range (g->rand, 0, 7);
      break;
    }

  cs.reason = gen_reason (g, sc != SC_RETURN_WAITING && sc != SC_RETURN_SHIPPED &&
                             sc != SC_REVIEW_RETURN && sc != SC_DONE_RETURNED &&
                             sc != SC_DONE_RETURN_EXPIRED);

  /* When the case is filed: open cases close enough to now that their
   * deadline is still ahead, closed ones anywhere in the last year. */
  switch (sc)
    {
    case SC_OPEN_SELLER:
      t0 = g->now - rnd (g, 20 * MINUTE, 60 * HOUR);
      t_o = t_r = t_a = t_s = 0;
      break;
    case SC_OPEN_REOPENED:
      t_r = g->now - rnd (g, 20 * MINUTE, 60 * HOUR);
      t_o = t_r - rnd (g, HOUR, 6 * DAY);
      t0 = t_o - rnd (g, HOUR, 60 * HOUR);
      t_a = t_s = 0;
      break;
    case SC_OPEN_BUYER:
      t_o = g->now - rnd (g, 20 * MINUTE, 6 * DAY);
      t0 = t_o - rnd (g, HOUR, 60 * HOUR);
      t_r = t_a = t_s = 0;
      break;
    case SC_OPEN_BUYER_REOFFER:
      t_a = g->now - rnd (g, 20 * MINUTE, 6 * DAY);   /* the second offer */
      t_r = t_a - rnd (g, HOUR, 60 * HOUR);
      t_o = t_r - rnd (g, HOUR, 6 * DAY);
      t0 = t_o - rnd (g, HOUR, 60 * HOUR);
      t_s = 0;
      break;
    case SC_RETURN_WAITING:
      t_a = g->now - rnd (g, 30 * MINUTE, 6 * DAY);
      t_o = chance (g, 0.5) ? t_a - rnd (g, HOUR, 6 * DAY) : 0;
      t0 = (t_o != 0 ? t_o : t_a) - rnd (g, HOUR, 60 * HOUR);
      t_r = t_s = 0;
      break;
    case SC_RETURN_SHIPPED:
      t_s = g->now - rnd (g, 30 * MINUTE, 9 * DAY);
      t_a = t_s - rnd (g, HOUR, 6 * DAY);
      t_o = chance (g, 0.5) ? t_a - rnd (g, HOUR, 6 * DAY) : 0;
      t0 = (t_o != 0 ? t_o : t_a) - rnd (g, HOUR, 60 * HOUR);
      t_r = 0;
      break;
    default:
      t0 = g->now - rnd (g, 45 * DAY, 365 * DAY);
      t_o = t_r = t_a = t_s = 0;
      break;
    }

  /* The order, dated so that the case is inside its window at t0. */
  if (cs.reason == RD_REASON_NOT_RECEIVED)
    shipped = t0 - rnd (g, 2 * DAY, 20 * DAY);
  else
    {
      if (cs.reason == RD_REASON_DEFECTIVE || cs.reason == RD_REASON_COUNTERFEIT)
        delivered = t0 - rnd (g, 6 * HOUR, 300 * DAY);
      else
        delivered = t0 - rnd (g, 6 * HOUR, (rw - 1) * DAY);
      shipped = delivered - rnd (g, DAY, 4 * DAY);
    }
  ordered = shipped - rnd (g, 2 * HOUR, 3 * DAY);

  tracking = gen_tracking (g, carrier);
  order = add_order (g->b.world, order_id, 1000 + index, buyer->party, kai ? g->kai : g->sol,
                     ordered, shipped, delivered, carrier, tracking, rw, wm);
  for (guint k = 0; k < n_items; k++)
    {
      const Product *p = &products[(first + k * 5) % n_products];

      order_add_item (order, p->sku, p->title, k == 0 && chance (g, 0.1) ? 2 : 1, p->price);
    }

  switch (sc)
    {
    case SC_OPEN_SELLER:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      chat_seller_turn (&cs, t, g->now);
      break;

    case SC_OPEN_REOPENED:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      chat_seller_turn (&cs, t, t_o);
      offer = gen_offer (&cs, t_o, gen_offer_type (&cs, TRUE));
      chat_buyer_turn (&cs, t_o, t_r);
      step_answer_offer (&g->b, t_r, cs.buyer, cs.id, offer, FALSE, reject_reasons[cs.lang]);
      if (g->now - t_r > 10 * MINUTE && chance (g, 0.5))
        buyer_says (&cs, t_r + rnd (g, MINUTE, g->now - t_r - MINUTE), LINE_WANT_REFUND);
      break;

    case SC_OPEN_BUYER:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      chat_seller_turn (&cs, t, t_o);
      gen_offer (&cs, t_o, gen_offer_type (&cs, TRUE));
      chat_buyer_turn (&cs, t_o, g->now);
      break;

    case SC_OPEN_BUYER_REOFFER:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      chat_seller_turn (&cs, t, t_o);
      offer = gen_offer (&cs, t_o, gen_offer_type (&cs, TRUE));
      step_answer_offer (&g->b, t_r, cs.buyer, cs.id, offer, FALSE, reject_reasons[cs.lang]);
      gen_offer (&cs, t_a, gen_offer_type (&cs, TRUE));
      break;

    case SC_RETURN_WAITING:
    case SC_RETURN_SHIPPED:
      if (t_o != 0)
        {
          t = gen_file (&cs, order, t0, gen_requested (&cs));
          chat_seller_turn (&cs, t, t_o);
          offer = gen_offer (&cs, t_o, RD_OUTCOME_TYPE_RETURN_AND_REFUND);
          step_answer_offer (&g->b, t_a, cs.buyer, cs.id, offer, TRUE, NULL);
        }
      else
        {
          t = gen_file (&cs, order, t0, RD_OUTCOME_TYPE_RETURN_AND_REFUND);
          chat_seller_turn (&cs, t, t_a);
          step_action (&g->b, t_a, cs.seller, cs.id, RD_ACTION_TYPE_ACCEPT_CLAIM);
        }
      gen_return_label (&cs, t_a + rnd (g, MINUTE, 20 * MINUTE));
      if (sc == SC_RETURN_SHIPPED)
        {
          gen_ship_return (&cs, t_s);
          if (chance (g, 0.5))
            buyer_says (&cs, t_s + MINUTE, LINE_THANKS);
        }
      break;

    case SC_REVIEW_REJECTED:
    case SC_REVIEW_OFFER:
    case SC_REVIEW_MISSED:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      t_e = gen_to_review (&cs, t, sc - SC_REVIEW_REJECTED);
      if (chance (g, 0.3))
        step_say (&g->b, t_e + rnd (g, HOUR, 3 * DAY), "u-mia", cs.id, "en",
                  agent_lines[0], NULL);
      break;

    case SC_REVIEW_RETURN:
    case SC_DONE_RETURNED:
    case SC_DONE_RETURN_EXPIRED:
      t = gen_file (&cs, order, t0, RD_OUTCOME_TYPE_RETURN_AND_REFUND);
      t_a = t + rnd (g, HOUR, 60 * HOUR);
      chat_seller_turn (&cs, t, t_a);
      step_action (&g->b, t_a, cs.seller, cs.id, RD_ACTION_TYPE_ACCEPT_CLAIM);
      gen_return_label (&cs, t_a + rnd (g, MINUTE, 20 * MINUTE));
      if (sc == SC_DONE_RETURN_EXPIRED)
        {
          step_sweep (&g->b, sweep_after (deadline_at (RD_DEADLINE_RETURN_SHIPPING, t_a)));
          break;
        }
      t_s = t_a + rnd (g, HOUR, 6 * DAY);
      gen_ship_return (&cs, t_s);
      if (sc == SC_REVIEW_RETURN)
        {
          if (chance (g, 0.6))
            buyer_says (&cs, t_s + rnd (g, 3 * DAY, 8 * DAY), LINE_ANY_NEWS);
          step_sweep (&g->b, sweep_after (deadline_at (RD_DEADLINE_RETURN_RECEIPT, t_s)));
          break;
        }
      t = t_s + rnd (g, DAY, 9 * DAY);
      if (chance (g, 0.5))
        step_phrase (&g->b, t - rnd (g, HOUR, DAY / 2), cs.seller, cs.id,
                     lang_codes[cs.seller_lang], "item_received_checking", NULL);
      if (chance (g, 0.5))
        {
          g_autofree char *amount = money_param (cs.price);

          step_phrase (&g->b, t - MINUTE, cs.seller, cs.id, lang_codes[cs.seller_lang],
                       "refund_issued", "amount", amount, NULL);
        }
      step_action (&g->b, t, cs.seller, cs.id, RD_ACTION_TYPE_CONFIRM_RETURN);
      gen_maybe_rate (&cs, t);
      break;

    case SC_DONE_CLAIM:
      {
        RdOutcomeType requested;

        do
          requested = gen_requested (&cs);
        while (requested == RD_OUTCOME_TYPE_RETURN_AND_REFUND);
        t = gen_file (&cs, order, t0, requested);
        t_a = t + rnd (g, HOUR, 60 * HOUR);
        chat_seller_turn (&cs, t, t_a - 2 * MINUTE);
        if (requested == RD_OUTCOME_TYPE_REPLACEMENT)
          {
            const char *c = PICK (g, carriers);
            g_autofree char *tr = gen_tracking (g, c);

            step_phrase (&g->b, t_a - MINUTE, cs.seller, cs.id, lang_codes[cs.seller_lang],
                         "replacement_shipped", "carrier", c, "tracking", tr, NULL);
          }
        else if (requested == RD_OUTCOME_TYPE_FULL_REFUND)
          {
            g_autofree char *amount = money_param (cs.price);

            step_phrase (&g->b, t_a - MINUTE, cs.seller, cs.id, lang_codes[cs.seller_lang],
                         "refund_issued", "amount", amount, NULL);
          }
        step_action (&g->b, t_a, cs.seller, cs.id, RD_ACTION_TYPE_ACCEPT_CLAIM);
        gen_maybe_rate (&cs, t_a);
      }
      break;

    case SC_DONE_OFFER:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      t_o = t + rnd (g, HOUR, 60 * HOUR);
      chat_seller_turn (&cs, t, t_o);
      offer = gen_offer (&cs, t_o, gen_offer_type (&cs, FALSE));
      t_a = t_o + rnd (g, HOUR, 6 * DAY);
      chat_buyer_turn (&cs, t_o, t_a);
      step_answer_offer (&g->b, t_a, cs.buyer, cs.id, offer, TRUE, NULL);
      gen_maybe_rate (&cs, t_a);
      break;

    case SC_DONE_WITHDRAWN:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      t_e = t + rnd (g, HOUR, 60 * HOUR);
      if (chance (g, 0.4))
        {
          /* Withdrawn after an offer, while the buyer has the turn. */
          t_o = t_e;
          chat_seller_turn (&cs, t, t_o);
          gen_offer (&cs, t_o, gen_offer_type (&cs, FALSE));
          t_e = t_o + rnd (g, HOUR, 6 * DAY);
        }
      else
        chat_seller_turn (&cs, t, t_e - 2 * MINUTE);
      step_say (&g->b, t_e - MINUTE, cs.buyer, cs.id, lang_codes[cs.lang],
                withdraw_lines[cs.lang], NULL);
      step_action (&g->b, t_e, cs.buyer, cs.id, RD_ACTION_TYPE_WITHDRAW);
      break;

    case SC_DONE_EXPIRED:
      t = gen_file (&cs, order, t0, gen_requested (&cs));
      t_o = t + rnd (g, HOUR, 60 * HOUR);
      chat_seller_turn (&cs, t, t_o);
      gen_offer (&cs, t_o, gen_offer_type (&cs, FALSE));
      sweep = sweep_after (deadline_at (RD_DEADLINE_BUYER_RESPONSE, t_o));
      if (chance (g, 0.3))
        buyer_says (&cs, t_o + rnd (g, HOUR, 5 * DAY), LINE_THANKS);
      step_sweep (&g->b, sweep);
      break;

    case SC_DONE_RULED:
      {
        RdDecision decision = g_rand_int_range (g->rand, 0, RD_DECISION_N_VALUES);

        t = gen_file (&cs, order, t0, gen_requested (&cs));
        t_e = gen_to_review (&cs, t, g_rand_int_range (g->rand, 0, 3));
        t = t_e + rnd (g, DAY, 10 * DAY);
        if (chance (g, 0.5))
          step_say (&g->b, t_e + rnd (g, HOUR, DAY - HOUR), "u-mia", cs.id, "en",
                    PICK (g, agent_lines), NULL);
        if (chance (g, 0.1))
          {
            const char *receipt = step_evidence (&g->b, t - 3 * HOUR, cs.seller, cs.id,
                                                 g->receipt, "application/pdf",
                                                 "dispatch-receipt.pdf");

            step_say (&g->b, t - 3 * HOUR + MINUTE, cs.seller, cs.id,
                      lang_codes[cs.seller_lang], seller_lines_en[1], receipt);
          }
        step_rule (&g->b, t, "u-mia", cs.id, decision, part_of (g, cs.price, 30, 70),
                   rule_notes[decision]);
        gen_maybe_rate (&cs, t);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_free (cs.id);
}

RdDemoWorld *
rd_demo_world_generate (GDateTime *now,
                        guint      n,
                        guint32    seed)
{
  /* Of every twenty cases, eight end resolved and three in each other
   * status; the first five cover all five. */
  static const RdStatus statuses[20] = {
    RD_STATUS_AWAITING_SELLER, RD_STATUS_AWAITING_BUYER, RD_STATUS_RETURN_PENDING,
    RD_STATUS_UNDER_REVIEW, RD_STATUS_RESOLVED, RD_STATUS_RESOLVED,
    RD_STATUS_AWAITING_SELLER, RD_STATUS_AWAITING_BUYER, RD_STATUS_RESOLVED,
    RD_STATUS_RETURN_PENDING, RD_STATUS_UNDER_REVIEW, RD_STATUS_RESOLVED,
    RD_STATUS_AWAITING_SELLER, RD_STATUS_AWAITING_BUYER, RD_STATUS_RESOLVED,
    RD_STATUS_RETURN_PENDING, RD_STATUS_UNDER_REVIEW, RD_STATUS_RESOLVED,
    RD_STATUS_RESOLVED, RD_STATUS_RESOLVED,
  };
  RdDemoWorld *world = rd_demo_world_alloc ();
  guint32 seeds[2] = { seed, GEN_SALT };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  Gen g = { 0 };

  g_return_val_if_fail (now != NULL, NULL);

  g.rand = rand;
  g.now = g_date_time_to_unix (now);
  builder_init (&g.b, world, rand, g.now);

  g.kai = rd_party_new ("u-kai", "Kai's Gadgets");
  g.sol = rd_party_new ("u-sol", "Sol Outfitters");
  g.n_buyers = MAX (n / 20, 1);
  g.buyers = g_new0 (GenBuyer, g.n_buyers);
  for (guint k = 0; k < g.n_buyers; k++)
    {
      g_autofree char *id = g_strdup_printf ("gen-buyer-%u", k + 1);
      g_autofree char *name = NULL;
      RdDemoAccount *account;

      g.buyers[k].lang = weighted (&g, lang_weights, N_LANGS, 100);
      name = gen_name (&g, g.buyers[k].lang);
      account = add_account (world, id, id, name, RD_ROLE_BUYER, lang_locales[g.buyers[k].lang]);
      g.buyers[k].party = rd_party_new (account->id, account->name);
    }

  g.photos[0] = make_photo (32, 24, 0xd8d4cc, 0x8a7f70, 0x2b2b2e, FLAW_CRACK);
  g.photos[1] = make_photo (32, 24, 0xcfd8dc, 0x7b8a8f, 0x7a4e2d, FLAW_DENT);
  g.photos[2] = make_photo (32, 24, 0xe0e0d8, 0x9e9e94, 0xb08850, FLAW_DENT);
  g.photos[3] = make_photo (32, 24, 0x202024, 0x101012, 0x33507a, FLAW_SCREEN);
  {
    static const char * const lines[] = {
      "Dispatch receipt", "Parcel handed to the carrier, packed in a padded box.", NULL
    };
    g.receipt = make_pdf (lines);
  }

  for (guint i = 0; i < n; i++)
    gen_case (&g, i, statuses[i % G_N_ELEMENTS (statuses)]);

  builder_finish (&g.b);

  for (guint k = 0; k < G_N_ELEMENTS (g.photos); k++)
    g_bytes_unref (g.photos[k]);
  g_bytes_unref (g.receipt);
  for (guint k = 0; k < g.n_buyers; k++)
    rd_party_free (g.buyers[k].party);
  g_free (g.buyers);
  rd_party_free (g.kai);
  rd_party_free (g.sol);
  return world;
}
