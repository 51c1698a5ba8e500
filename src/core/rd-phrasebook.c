/* rd-phrasebook.c — the shared phrases of template messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-phrasebook.h"

/* Shown where a parameter is missing: visible, and harmless as text. */
#define MISSING_MARK "\xe2\x80\xa6"  /* U+2026 HORIZONTAL ELLIPSIS */

#define MAX_PARAMS 3

#define FOR_BUYER (1u << RD_ROLE_BUYER)
#define FOR_SELLER (1u << RD_ROLE_SELLER)
#define FOR_AGENT (1u << RD_ROLE_AGENT)
#define FOR_ALL (FOR_BUYER | FOR_SELLER | FOR_AGENT)

struct _RdPhrase
{
  const char *id;
  const char *title;                     /* msgid in the context "phrase title" */
  const char *text;                      /* msgid in the context "phrase" */
  const char *params[MAX_PARAMS + 1];    /* NULL-terminated */
  guint       roles;                     /* bit (1 << RdRole) per role */
};

/* Ids are part of the wire format: never rename one, only add. */
static const RdPhrase phrases[] = {
  {
    "request_photos",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Ask for photos"),
    /* Translators: a ready-made message from a seller or a platform agent to
     * the buyer, sent as a whole and shown to the reader in their own
     * language. */
    NC_("phrase", "Could you please send photos of the item that show the problem clearly? "
                  "They help to settle this quickly."),
    { NULL }, FOR_SELLER | FOR_AGENT,
  },
  {
    "request_order_details",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Ask for order details"),
    /* Translators: a ready-made message from a seller or a platform agent to
     * the buyer. */
    NC_("phrase", "Could you please tell us more about your order: which item you received, "
                  "and when and in what condition it arrived?"),
    { NULL }, FOR_SELLER | FOR_AGENT,
  },
  {
    "offer_explained",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Explain the offer"),
    /* Translators: a ready-made message from the seller to the buyer, sent
     * together with an offer to settle the case. */
    NC_("phrase", "I have made you an offer to settle this case. Please look at it and accept "
                  "or reject it. If you reject it, please tell me why."),
    { NULL }, FOR_SELLER,
  },
  {
    "return_label_sent",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Return label sent"),
    /* Translators: a ready-made message from the seller to the buyer.
     * {carrier} is the name of a parcel service (e.g. "DHL") and {tracking}
     * a tracking number. Keep both placeholders exactly as they are, braces
     * included: do not translate them. */
    NC_("phrase", "I have sent you a prepaid return label for {carrier}. "
                  "Its tracking number is {tracking}."),
    { "carrier", "tracking", NULL }, FOR_SELLER,
  },
  {
    "replacement_shipped",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Replacement shipped"),
    /* Translators: a ready-made message from the seller to the buyer.
     * {carrier} is the name of a parcel service (e.g. "DHL") and {tracking}
     * a tracking number. Keep both placeholders exactly as they are, braces
     * included: do not translate them. */
    NC_("phrase", "Your replacement is on its way with {carrier}. "
                  "The tracking number is {tracking}."),
    { "carrier", "tracking", NULL }, FOR_SELLER,
  },
  {
    "refund_issued",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Refund issued"),
    /* Translators: a ready-made message from the seller or a platform agent
     * to the buyer. {amount} is a sum of money with its currency, e.g.
     * "10.00 EUR". Keep the placeholder exactly as it is, braces included:
     * do not translate it. */
    NC_("phrase", "I have issued a refund of {amount}. It can take a few business days "
                  "to reach your account."),
    { "amount", NULL }, FOR_SELLER | FOR_AGENT,
  },
  {
    "apology_delay",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Apologize for the delay"),
    /* Translators: a ready-made message that any party can send. */
    NC_("phrase", "Sorry for the late answer. I am looking into this now."),
    { NULL }, FOR_ALL,
  },
  {
    "item_received_checking",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Returned item received"),
    /* Translators: a ready-made message from the seller to the buyer after
     * the buyer sent an item back. */
    NC_("phrase", "I have received the item you sent back and am checking it now. "
                  "I will get back to you shortly."),
    { NULL }, FOR_SELLER,
  },
  {
    "tracking_update",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Share tracking details"),
    /* Translators: a ready-made message from the seller to the buyer about
     * the original parcel. {carrier} is the name of a parcel service (e.g.
     * "DHL") and {tracking} a tracking number. Keep both placeholders
     * exactly as they are, braces included: do not translate them. */
    NC_("phrase", "Your parcel travels with {carrier}. You can follow it with the tracking "
                  "number {tracking}."),
    { "carrier", "tracking", NULL }, FOR_SELLER,
  },
  {
    "return_shipped",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Item sent back"),
    /* Translators: a ready-made message from the buyer to the seller.
     * {carrier} is the name of a parcel service (e.g. "DHL") and {tracking}
     * a tracking number. Keep both placeholders exactly as they are, braces
     * included: do not translate them. */
    NC_("phrase", "I have sent the item back with {carrier}. The tracking number is {tracking}."),
    { "carrier", "tracking", NULL }, FOR_BUYER,
  },
  {
    "photos_attached",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Photos attached"),
    /* Translators: a ready-made message from the buyer, sent with pictures. */
    NC_("phrase", "I have attached photos that show the problem."),
    { NULL }, FOR_BUYER,
  },
  {
    "still_waiting",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Ask for an answer"),
    /* Translators: a ready-made message from the buyer to the seller. */
    NC_("phrase", "I am still waiting for your answer. Could you please reply?"),
    { NULL }, FOR_BUYER,
  },
  {
    "please_check_spam",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Check the spam folder"),
    /* Translators: a ready-made message from the seller or a platform agent
     * to the buyer. */
    NC_("phrase", "I have sent you an email about this case. If you cannot find it, "
                  "please look in your spam folder."),
    { NULL }, FOR_SELLER | FOR_AGENT,
  },
  {
    "thanks_patience",
    /* Translators: a short label in the list of ready-made messages. */
    NC_("phrase title", "Thanks for your patience"),
    /* Translators: a ready-made message that any party can send. */
    NC_("phrase", "Thank you for your patience."),
    { NULL }, FOR_ALL,
  },
};

guint
rd_phrasebook_get_n_phrases (void)
{
  return G_N_ELEMENTS (phrases);
}

const RdPhrase *
rd_phrasebook_get_phrase (guint index)
{
  return index < G_N_ELEMENTS (phrases) ? &phrases[index] : NULL;
}

const RdPhrase *
rd_phrasebook_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (strcmp (phrases[i].id, id) == 0)
      return &phrases[i];
  return NULL;
}

const char *
rd_phrase_get_id (const RdPhrase *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);
  return phrase->id;
}

const char *
rd_phrase_get_title (const RdPhrase *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "phrase title", phrase->title);
}

const char *
rd_phrase_get_text (const RdPhrase *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "phrase", phrase->text);
}

const char * const *
rd_phrase_get_params (const RdPhrase *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);
  return phrase->params;
}

gboolean
rd_phrase_is_for_role (const RdPhrase *phrase,
                       RdRole          role)
{
  g_return_val_if_fail (phrase != NULL, FALSE);
  return (guint) role < RD_ROLE_N_VALUES && (phrase->roles & (1u << role)) != 0;
}

/* Money parameters */

gboolean
rd_phrasebook_param_is_money (const char *name)
{
  return name != NULL && (strcmp (name, "amount") == 0 || g_str_has_suffix (name, "_amount"));
}

char *
rd_phrasebook_money_to_param (const RdMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", money->amount, money->currency);
}

/* "AMOUNT CURRENCY" exactly: an optional minus, digits, one space, a code. */
static gboolean
parse_money (const char *value,
             RdMoney    *out)
{
  const char *space;
  const char *p;
  g_autofree char *digits = NULL;
  gint64 amount;

  if (value == NULL)
    return FALSE;
  space = strchr (value, ' ');
  if (space == NULL || !rd_currency_code_is_valid (space + 1))
    return FALSE;

  p = value;
  if (*p == '-')
    p++;
  if (p == space)
    return FALSE;
  for (; p < space; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  digits = g_strndup (value, space - value);
  if (!g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, &amount, NULL))
    return FALSE;

  out->amount = amount;
  g_strlcpy (out->currency, space + 1, sizeof out->currency);
  return TRUE;
}

char *
rd_phrasebook_format_money (const char *value)
{
  RdMoney money;

  if (!parse_money (value, &money))
    return g_strdup (value != NULL ? value : "");
  return rd_money_to_plain_string (&money);
}

/* Rendering */

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The name of the placeholder at @p ("{name}"), with *@end after it, or NULL
 * where @p starts no placeholder. */
static char *
placeholder_at (const char  *p,
                const char **end)
{
  const char *q;

  if (*p != '{')
    return NULL;
  for (q = p + 1; is_name_char (*q); q++)
    ;
  if (*q != '}' || q == p + 1)
    return NULL;
  *end = q + 1;
  return g_strndup (p + 1, q - (p + 1));
}

static void
append_value (GString    *out,
              const char *name,
              const char *value)
{
  if (value == NULL || *value == '\0')
    g_string_append (out, MISSING_MARK);
  else if (rd_phrasebook_param_is_money (name))
    {
      g_autofree char *shown = rd_phrasebook_format_money (value);

      g_string_append (out, shown);
    }
  else
    g_string_append (out, value);
}

/* One pass over @format: values go in as they are and are never scanned. */
static char *
substitute (const char *format,
            GHashTable *params)
{
  GString *out = g_string_new (NULL);
  const char *p = format;

  while (*p != '\0')
    {
      const char *end = NULL;
      g_autofree char *name = placeholder_at (p, &end);

      if (name != NULL)
        {
          append_value (out, name, params != NULL ? g_hash_table_lookup (params, name) : NULL);
          p = end;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Whether @text names exactly the parameters of @phrase, each at least once:
 * a translation that lost or misspelt one would drop what the sender said. */
static gboolean
placeholders_match (const RdPhrase *phrase,
                    const char     *text)
{
  guint seen = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end = NULL;
      g_autofree char *name = placeholder_at (p, &end);
      gboolean known = FALSE;

      if (name == NULL)
        continue;
      for (guint i = 0; phrase->params[i] != NULL; i++)
        if (strcmp (phrase->params[i], name) == 0)
          {
            seen |= 1u << i;
            known = TRUE;
          }
      if (!known)
        return FALSE;
      p = end - 1;
    }
  return seen == (1u << g_strv_length ((char **) phrase->params)) - 1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* An id this version does not know: its parameters, plainly. */
static char *
render_unknown (GHashTable *params)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  GString *out;

  if (params != NULL)
    keys = g_hash_table_get_keys_as_array (params, &n_keys);
  if (n_keys == 0)
    /* Translators: shown in place of a ready-made message that this version
     * of the application does not know. */
    return g_strdup (_("A ready-made message that this version of Redress cannot show."));

  qsort (keys, n_keys, sizeof *keys, compare_strings);
  out = g_string_new (NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, keys[i]);
      g_string_append (out, ": ");
      append_value (out, keys[i], g_hash_table_lookup (params, keys[i]));
    }
  return g_string_free (out, FALSE);
}

static char *
render_current (const char *id,
                GHashTable *params)
{
  const RdPhrase *phrase = rd_phrasebook_lookup (id);
  const char *text;

  if (phrase == NULL)
    return render_unknown (params);

  text = rd_phrase_get_text (phrase);
  if (!placeholders_match (phrase, text))
    text = phrase->text;
  return substitute (text, params);
}

/* gettext caches what it found; this tells it that LANGUAGE changed. */
static void
catalogs_changed (void)
{
  const char *domain = textdomain (NULL);

  if (domain != NULL)
    textdomain (domain);
}

char *
rd_phrasebook_render_for_language (const char *id,
                                   GHashTable *params,
                                   const char *lang)
{
  static GMutex language_lock;
  g_autofree char *saved = NULL;
  g_autofree char *language = NULL;
  char *result;

  if (lang == NULL || *lang == '\0')
    return render_current (id, params);

  /* gettext spells "zh-CN" as "zh_CN". */
  language = g_strdelimit (g_strdup (lang), "-", '_');

  g_mutex_lock (&language_lock);
  saved = g_strdup (g_getenv ("LANGUAGE"));
  g_setenv ("LANGUAGE", language, TRUE);
  catalogs_changed ();

  result = render_current (id, params);

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  catalogs_changed ();
  g_mutex_unlock (&language_lock);

  return result;
}

char *
rd_phrasebook_render (const char *id,
                      GHashTable *params,
                      const char *lang)
{
  if (lang != NULL)
    return rd_phrasebook_render_for_language (id, params, lang);
  return render_current (id, params);
}
