/* rd-translation.h — the app's machine translator, as Preferences set it up
 *
 * One RdTranslator for the whole app, built from the GSettings keys
 * `translation-service` and `translation-url` and rebuilt whenever they
 * change; a LibreTranslate API key comes from the keyring (never from
 * GSettings).  The logged-in session's store is its cache.
 *
 * A message bubble uses it like this:
 *
 *   if (event->text != NULL && rd_translation_offer_for (event->lang))
 *     show "Translate";
 *   on click:
 *     rd_translator_translate_async (rd_translation_get_default (), event->text, event->lang,
 *                                    rd_translation_get_reader_language (), cancellable,
 *                                    on_translated, self);
 *   on_translated: text = rd_translator_translate_finish (translator, result, &label, &error);
 *     the label ("Machine translation by Apertium") and the text with "Show original",
 *     or error->message under the message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"
#include "rd-translator.h"

G_BEGIN_DECLS

#define RD_TRANSLATION_KEY_SCHEMA_NAME "io.github.redress.Redress.TranslationKey"

/* The app's translator (transfer none), created on first use.  With
 * `translation-service` "none" (the default) it sends nothing. */
RdTranslator *rd_translation_get_default         (void);

/* The cache: the logged-in session's store, NULL after logging out. */
void          rd_translation_set_store           (RdStore             *store);

/* The language the reader reads the app in ("de", "zh_CN"): messages are
 * translated into it. */
const char   *rd_translation_get_reader_language (void);

/* Whether a message in @message_lang should offer "Translate": it is in
 * another language than the reader's. */
gboolean      rd_translation_offer_for           (const char          *message_lang);

/* Keeps the API key for the LibreTranslate server at @url in the keyring
 * (an empty or NULL @api_key forgets it) and hands it to the default
 * translator if @url is its server.  Fails with RD_ERROR_NO_SECRET_SERVICE
 * where no keyring answers. */
void          rd_translation_save_api_key_async  (const char          *url,
                                                  const char          *api_key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      rd_translation_save_api_key_finish (GAsyncResult        *result,
                                                  GError             **error);

/* Whether an API key is kept for @url (for showing it as set). */
void          rd_translation_has_api_key_async   (const char          *url,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      rd_translation_has_api_key_finish  (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
