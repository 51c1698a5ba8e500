/* rd-translator.h — machine translation of free-text messages
 *
 * An RdTranslator asks one translation service the user set up: an Apertium
 * APY server or a LibreTranslate-compatible server.  Nothing is ever sent
 * while the service is RD_TRANSLATION_SERVICE_NONE: every call then fails at
 * once, without touching the network.  Plain http is accepted only on
 * loopback, as for the platform (rd_api_check_url ()).
 *
 * With a store (rd_translator_set_store ()), each translation is cached under
 * a hash of the service, its address, both languages and the text: a second
 * request for the same message makes no HTTP request at all.
 *
 * Languages are the codes messages carry ("en", "de", "zh_CN", "pt-BR"): only
 * the primary subtag counts.  Apertium gets ISO 639-3 codes ("eng", "spa").
 *
 * Failures are RD_ERROR with a message to show as it is:
 *   RD_ERROR_FAILED            no service is set up;
 *   RD_ERROR_NOT_FOUND         the service cannot translate that pair;
 *   RD_ERROR_NETWORK           the service could not be reached;
 *   RD_ERROR_UNAUTHORIZED      the service refused the API key;
 *   RD_ERROR_RATE_LIMITED      the service asked to wait;
 *   RD_ERROR_SERVER            an error or an answer that cannot be read;
 *   RD_ERROR_INSECURE_URL      plain http to a host that is not loopback;
 *   RD_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_TRANSLATION_SERVICE_NONE,
  RD_TRANSLATION_SERVICE_APERTIUM,        /* an Apertium APY server */
  RD_TRANSLATION_SERVICE_LIBRETRANSLATE,  /* a LibreTranslate-compatible server */
} RdTranslationService;

#define RD_TRANSLATION_SERVICE_N_VALUES (RD_TRANSLATION_SERVICE_LIBRETRANSLATE + 1)

/* "none", "apertium", "libretranslate": the values of the GSettings key. */
const char  *rd_translation_service_to_string   (RdTranslationService  service);
gboolean     rd_translation_service_from_string (const char            *str,
                                                 RdTranslationService  *out);
/* The service's own name, "Apertium" or "LibreTranslate"; NULL for none. */
const char  *rd_translation_service_name        (RdTranslationService  service);

/* The primary language of a message's or the reader's code: "zh_CN" and
 * "zh-Hans" give "zh".  Newly allocated, lower case; NULL for NULL or "". */
char        *rd_translation_language_base       (const char            *lang);
/* The translated name of a language ("Chinese" for "zh", "zh_CN" or
 * "zho"); unknown codes come back as they are. */
const char  *rd_translation_language_name       (const char            *lang);
/* Whether a message in @message_lang is in another language than
 * @reader_lang (both may carry a region: "pt_BR" and "pt" are the same). */
gboolean     rd_translation_languages_differ    (const char            *message_lang,
                                                 const char            *reader_lang);

typedef struct
{
  char *source;  /* our codes ("en") where known, else the service's own */
  char *target;
} RdTranslationPair;

void         rd_translation_pair_free           (RdTranslationPair     *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTranslationPair, rd_translation_pair_free)

#define RD_TYPE_TRANSLATOR (rd_translator_get_type ())

G_DECLARE_FINAL_TYPE (RdTranslator, rd_translator, RD, TRANSLATOR, GObject)

/* Seconds before a request without an answer fails: a first translation
 * may wait while the server loads the language pair. */
#define RD_TRANSLATOR_DEFAULT_TIMEOUT 30

/* A translator with no service: it sends nothing. */
RdTranslator *rd_translator_new                 (void);

/* Sets the service and its address.  For NONE, @base_url is ignored.  A bad
 * or insecure address fails and leaves the translator with no service, so
 * that nothing goes where the user did not mean. */
gboolean     rd_translator_set_service          (RdTranslator          *self,
                                                 RdTranslationService   service,
                                                 const char            *base_url,
                                                 GError               **error);
RdTranslationService rd_translator_get_service  (RdTranslator          *self);
/* The normalised address (ending in "/"), or NULL with no service. */
const char  *rd_translator_get_base_url         (RdTranslator          *self);
/* "Apertium", "LibreTranslate", or NULL with no service. */
const char  *rd_translator_get_service_name     (RdTranslator          *self);

/* LibreTranslate only: sent as `api_key`; NULL for none.  Never cached,
 * logged or written anywhere. */
void         rd_translator_set_api_key          (RdTranslator          *self,
                                                 const char            *api_key);

/* The cache; NULL for none. */
void         rd_translator_set_store            (RdTranslator          *self,
                                                 RdStore               *store);
RdStore     *rd_translator_get_store            (RdTranslator          *self);

void         rd_translator_set_timeout          (RdTranslator          *self,
                                                 guint                  seconds);

/* The number of HTTP requests this translator has sent (for tests and for
 * showing that a cached translation cost nothing). */
guint        rd_translator_get_request_count    (RdTranslator          *self);

/* Translates @text from @source_lang to @target_lang. */
void         rd_translator_translate_async      (RdTranslator          *self,
                                                 const char            *text,
                                                 const char            *source_lang,
                                                 const char            *target_lang,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
/* The translated text.  *@label (optional) is what to show above it,
 * naming the service that made it: "Machine translation by Apertium". */
char        *rd_translator_translate_finish     (RdTranslator          *self,
                                                 GAsyncResult          *result,
                                                 char                 **label,
                                                 GError               **error);

/* The language pairs the service offers (APY: GET /listPairs; LibreTranslate:
 * GET /languages, every language to each of its targets). */
void         rd_translator_list_pairs_async     (RdTranslator          *self,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
/* An array of RdTranslationPair, sorted by source then target. */
GPtrArray   *rd_translator_list_pairs_finish    (RdTranslator          *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

G_END_DECLS
