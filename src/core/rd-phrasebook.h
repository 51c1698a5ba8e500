/* rd-phrasebook.h — the shared phrases of template messages
 *
 * A template message names a phrase by a stable id and carries its
 * parameters as text; each reader renders it in their own language (API.md,
 * "The phrasebook").  The phrases and their translations live here, in the
 * gettext domain of the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-enums.h"
#include "rd-money.h"

G_BEGIN_DECLS

/* One phrase of the book: static, never freed. */
typedef struct _RdPhrase RdPhrase;

/* The phrases, in the order a picker shows them. */
guint               rd_phrasebook_get_n_phrases (void);
/* NULL past the end. */
const RdPhrase     *rd_phrasebook_get_phrase    (guint           index);
/* NULL for an id this version does not know. */
const RdPhrase     *rd_phrasebook_lookup        (const char     *id);

/* The stable wire id ("refund_issued"), never shown to a user. */
const char         *rd_phrase_get_id            (const RdPhrase *phrase);
/* A short translated label for the picker ("Refund issued"). */
const char         *rd_phrase_get_title         (const RdPhrase *phrase);
/* The translated text with its placeholders ("I have issued a refund of
 * {amount}."), for a preview before the parameters are filled in. */
const char         *rd_phrase_get_text          (const RdPhrase *phrase);
/* The parameter names, in the order a form asks for them; NULL-terminated,
 * empty for a phrase without parameters. */
const char * const *rd_phrase_get_params        (const RdPhrase *phrase);
/* Whether @role (buyer, seller or agent) would say this phrase. */
gboolean            rd_phrase_is_for_role       (const RdPhrase *phrase,
                                                 RdRole          role);

/* Money parameters carry "AMOUNT CURRENCY": minor units, one space, an ISO
 * 4217 code ("1000 EUR").  They are named `amount` or end in `_amount`, so
 * that even a client that does not know a phrase can tell them apart. */
gboolean            rd_phrasebook_param_is_money (const char    *name);
/* "1000 EUR" for 10.00 EUR: the wire form of a money parameter. */
char               *rd_phrasebook_money_to_param (const RdMoney *money);
/* The display form of a money parameter ("10.00 EUR", with the currency's
 * exponent); a copy of @value if it is not in the wire form. */
char               *rd_phrasebook_format_money   (const char    *value);

/* @id rendered with @params (string to string, may be NULL) in the current
 * gettext locale, or in @lang (a gettext language code such as "de" or
 * "zh_CN") where it is not NULL, as rd_phrasebook_render_for_language ()
 * does.
 *
 * Never NULL and never an error:
 * - each `{name}` is replaced by its parameter, inserted literally: the result
 *   is plain text, not markup, and the caller escapes it for display; a value
 *   is never scanned for placeholders again;
 * - money parameters are shown as rd_phrasebook_format_money () does;
 * - a missing or empty parameter shows as "…", so that the gap is visible but
 *   no placeholder or wire word reaches the reader;
 * - an unknown @id shows its parameters plainly, sorted by name
 *   ("carrier: DHL, tracking: 123"), or a translated notice where it has none. */
char               *rd_phrasebook_render        (const char     *id,
                                                 GHashTable     *params,
                                                 const char     *lang);

/* As rd_phrasebook_render (), in @lang rather than the current locale.
 *
 * gettext has no per-call language, so this sets the LANGUAGE environment
 * variable for the duration of the call, under a lock, and tells gettext
 * that its catalogs changed before and after.  Good enough for rendering one
 * message at a time; while it runs, another thread's translations could come
 * out in @lang too.  gettext ignores LANGUAGE in the "C" locale (not in
 * "C.UTF-8"): there the result is English.  An unknown language falls back
 * to English. */
char               *rd_phrasebook_render_for_language (const char *id,
                                                       GHashTable *params,
                                                       const char *lang);

G_END_DECLS
