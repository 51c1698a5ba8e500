/* test-translator.c — machine translation against a real Apertium APY server
 *
 * Debian's apertium-apy with the English–Spanish pair (apertium-eng-spa)
 * runs on a free loopback port for these tests; it must be installed
 * (build-aux/debian-packages.txt): without it the tests fail, they do not
 * skip.  A LibreTranslate-compatible server is played by a SoupServer in
 * the test, since there is no Debian package of one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "rd-test-apertium.h"
#include "rd-error.h"
#include "rd-store.h"
#include "rd-translator.h"

#define SENTENCE "The phone holder broke after three weeks."

/* --- Waiting for results ------------------------------------------------------ */

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, on_timeout, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (*result);
  return g_steal_pointer (result);
}

static void
run_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Translates and waits; the label goes to *@label if given. */
static char *
translate (RdTranslator  *translator,
           const char    *text,
           const char    *source,
           const char    *target,
           char         **label,
           GError       **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rd_translator_translate_async (translator, text, source, target, NULL, store_result, &pending);
  result = wait_result (&pending);
  return rd_translator_translate_finish (translator, result, label, error);
}

static GPtrArray *
list_pairs (RdTranslator  *translator,
            GError       **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rd_translator_list_pairs_async (translator, NULL, store_result, &pending);
  result = wait_result (&pending);
  return rd_translator_list_pairs_finish (translator, result, error);
}

static gboolean
has_pair (GPtrArray  *pairs,
          const char *source,
          const char *target)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      RdTranslationPair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (pair->source, source) && g_str_equal (pair->target, target))
        return TRUE;
    }
  return FALSE;
}

static RdTranslator *
translator_for (RdTranslationService  service,
                const char           *url)
{
  g_autoptr(RdTranslator) translator = rd_translator_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_translator_set_service (translator, service, url, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&translator);
}

/* --- The real APY ---------------------------------------------------------------- */

/* One server for the tests that do not stop it. */
static RdTestApy *shared_apy;

static const char *
shared_apy_url (void)
{
  if (shared_apy == NULL)
    shared_apy = rd_test_apy_start ();
  return shared_apy != NULL ? shared_apy->url : NULL;
}

/* --- Languages --------------------------------------------------------------------- */

static void
test_languages (void)
{
  g_autofree char *base = rd_translation_language_base ("zh_CN");

  g_assert_cmpstr (base, ==, "zh");
  g_assert_null (rd_translation_language_base (""));

  /* A region or script is the same language. */
  g_assert_false (rd_translation_languages_differ ("pt_BR", "pt"));
  g_assert_false (rd_translation_languages_differ ("en", "en_US.UTF-8"));
  g_assert_false (rd_translation_languages_differ ("zh-Hans", "zh_CN"));
  g_assert_true (rd_translation_languages_differ ("zh_CN", "de"));
  g_assert_true (rd_translation_languages_differ ("en", "es"));
  g_assert_true (rd_translation_languages_differ ("xx", "yy"));
  /* Without a language there is nothing to offer. */
  g_assert_false (rd_translation_languages_differ (NULL, "de"));

  g_assert_cmpstr (rd_translation_language_name ("zh_CN"), ==, "Chinese");
  g_assert_cmpstr (rd_translation_language_name ("deu"), ==, "German");
  g_assert_cmpstr (rd_translation_language_name ("xx"), ==, "xx");

  g_assert_cmpstr (rd_translation_service_name (RD_TRANSLATION_SERVICE_APERTIUM), ==, "Apertium");
  g_assert_cmpstr (rd_translation_service_name (RD_TRANSLATION_SERVICE_LIBRETRANSLATE), ==,
                   "LibreTranslate");
  g_assert_null (rd_translation_service_name (RD_TRANSLATION_SERVICE_NONE));
  for (RdTranslationService s = 0; s < RD_TRANSLATION_SERVICE_N_VALUES; s++)
    {
      RdTranslationService back = RD_TRANSLATION_SERVICE_N_VALUES;

      g_assert_true (rd_translation_service_from_string (rd_translation_service_to_string (s),
                                                         &back));
      g_assert_cmpint (back, ==, s);
    }
  g_assert_false (rd_translation_service_from_string ("google", NULL));
}

/* --- Addresses ------------------------------------------------------------------------ */

static void
test_addresses (void)
{
  g_autoptr(RdTranslator) translator = rd_translator_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rd_translator_get_service (translator), ==, RD_TRANSLATION_SERVICE_NONE);
  g_assert_null (rd_translator_get_service_name (translator));

  /* https anywhere, with the path kept for servers that live below one. */
  g_assert_true (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_APERTIUM,
                                            "https://apertium.example/apy?x=1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_translator_get_base_url (translator), ==, "https://apertium.example/apy/");
  g_assert_cmpstr (rd_translator_get_service_name (translator), ==, "Apertium");

  /* Plain http only to this computer... */
  g_assert_true (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_LIBRETRANSLATE,
                                            " http://localhost:5000 ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_translator_get_base_url (translator), ==, "http://localhost:5000/");

  /* ...and a refused address leaves no service at all, not the old one. */
  g_assert_false (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_LIBRETRANSLATE,
                                             "http://translate.example/", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  g_assert_cmpint (rd_translator_get_service (translator), ==, RD_TRANSLATION_SERVICE_NONE);
  g_assert_null (rd_translator_get_base_url (translator));

  g_assert_false (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_APERTIUM,
                                             "not an address", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not a web address"));
  g_clear_error (&error);
  g_assert_false (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_APERTIUM,
                                             "", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (rd_translator_get_service (translator), ==, RD_TRANSLATION_SERVICE_NONE);
}

/* --- With no service, nothing is sent ----------------------------------------------------- */

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  guint *connections = user_data;

  (*connections)++;
  return FALSE;
}

static void
test_none_sends_nothing (void)
{
  g_autoptr(GSocketService) listener = g_socket_service_new ();
  g_autoptr(RdTranslator) translator = rd_translator_new ();
  g_autoptr(RdTranslator) control = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  guint connections = 0;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (listener), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (listener, "incoming", G_CALLBACK (on_incoming), &connections);
  g_socket_service_start (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  /* The guard works: a translator pointed at it does connect. */
  control = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);
  rd_translator_set_timeout (control, 1);
  text = translate (control, SENTENCE, "en", "es", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (connections, ==, 1);

  /* Set up, then set back to none: the address is forgotten. */
  g_assert_true (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_LIBRETRANSLATE,
                                            url, NULL));
  g_assert_true (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_NONE, url, NULL));

  text = translate (translator, SENTENCE, "en", "es", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "No translation service is set up. You can choose one in Preferences.");
  g_clear_error (&error);

  pairs = list_pairs (translator, &error);
  g_assert_null (pairs);
  g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
  g_clear_error (&error);

  /* Give any stray connection time to arrive. */
  run_for (300);
  g_assert_cmpuint (connections, ==, 1);
  g_assert_cmpuint (rd_translator_get_request_count (translator), ==, 0);
  g_socket_service_stop (listener);
}

/* --- A service that is down ------------------------------------------------------------------ */

static void
test_down (gconstpointer data)
{
  RdTranslationService service = GPOINTER_TO_INT (data);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", rd_test_free_port ());
  g_autoptr(RdTranslator) translator = translator_for (service, url);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = translate (translator, SENTENCE, "en", "es", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The translation service could not be reached.");
  g_clear_error (&error);

  pairs = list_pairs (translator, &error);
  g_assert_null (pairs);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The translation service could not be reached.");
}

/* --- Apertium ----------------------------------------------------------------------------------- */

static void
test_apertium_translate (void)
{
  const char *url = shared_apy_url ();
  g_autoptr(RdTranslator) translator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (url == NULL)
    return;
  translator = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);

  /* APY 0.11.7 with apertium-eng-spa 0.8.1 answers
   * "El titular de teléfono rompió después tres semanas." */
  text = translate (translator, SENTENCE, "en", "es", &label, &error);
  g_assert_no_error (error);
  g_test_message ("Apertium: “%s”", text);
  g_assert_nonnull (strstr (text, "tres semanas"));
  g_assert_nonnull (strstr (text, "teléfono"));
  g_assert_null (strstr (text, "three weeks"));
  g_assert_cmpstr (label, ==, "Machine translation by Apertium");
  g_assert_cmpuint (rd_translator_get_request_count (translator), ==, 1);
  g_clear_pointer (&text, g_free);

  /* A region in the code is the same language, and a word the pair does not
   * know comes back as it is, without Apertium's "*" mark. */
  text = translate (translator, "Thanks, Zyxwvut!", "en_GB", "es_MX", NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Apertium: “%s”", text);
  g_assert_nonnull (strstr (text, "Gracias"));
  g_assert_nonnull (strstr (text, "Zyxwvut"));
  g_assert_null (strchr (text, '*'));
  g_clear_pointer (&text, g_free);

  /* Text that looks like a query string is text. */
  text = translate (translator, "50% & more = good?", "en", "es", NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Apertium: “%s”", text);
  g_assert_nonnull (strstr (text, "50%"));
  g_assert_nonnull (strstr (text, "&"));
  g_assert_nonnull (strstr (text, "más"));
  g_clear_pointer (&text, g_free);

  /* Plain text, not HTML: tags and entities come back as they were typed. */
  text = translate (translator, "Use <b>bold</b> &amp; more.", "en", "es", NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Apertium: “%s”", text);
  g_assert_nonnull (strstr (text, "<b>"));
  g_assert_nonnull (strstr (text, "</b>"));
  g_assert_nonnull (strstr (text, "&amp;"));
  g_clear_pointer (&text, g_free);

  /* A long message fits (it would not in a URL). */
  {
    g_autoptr(GString) long_text = g_string_new (NULL);

    while (long_text->len < 60000)
      g_string_append (long_text, "The box was empty. ");
    text = translate (translator, long_text->str, "en", "es", NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "La caja"));
    g_assert_cmpuint (strlen (text), >, 40000);
  }
}

static void
test_apertium_list_pairs (void)
{
  const char *url = shared_apy_url ();
  g_autoptr(RdTranslator) translator = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  if (url == NULL)
    return;
  translator = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);

  /* APY says eng→spa, spa→eng and spa→eng_US; we read them in our codes. */
  pairs = list_pairs (translator, &error);
  g_assert_no_error (error);
  g_assert_true (has_pair (pairs, "en", "es"));
  g_assert_true (has_pair (pairs, "es", "en"));
  g_assert_false (has_pair (pairs, "eng", "spa"));
  g_assert_false (has_pair (pairs, "zh", "de"));
  /* Sorted by source language. */
  for (guint i = 1; i < pairs->len; i++)
    g_assert_cmpstr (((RdTranslationPair *) g_ptr_array_index (pairs, i - 1))->source, <=,
                     ((RdTranslationPair *) g_ptr_array_index (pairs, i))->source);
}

static void
test_apertium_pair_missing (void)
{
  const char *url = shared_apy_url ();
  g_autoptr(RdTranslator) translator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (url == NULL)
    return;
  translator = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);

  text = translate (translator, "手机支架三周后就坏了。", "zh_CN", "de", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The translation service cannot translate from Chinese to German.");
  g_clear_error (&error);

  /* The other direction of an installed pair is a pair of its own. */
  text = translate (translator, SENTENCE, "es", "ca", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The translation service cannot translate from Spanish to Catalan.");
}

static void
test_apertium_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("redress-translator-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdTranslator) translator = NULL;
  g_autoptr(RdTranslator) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *label = NULL;
  g_autofree char *url = NULL;
  char *other;
  RdTestApy *apy;

  /* A server of its own, since this test stops it. */
  apy = rd_test_apy_start ();
  if (apy == NULL)
    return;
  url = g_strdup (apy->url);

  store = rd_store_open (path, &error);
  g_assert_no_error (error);
  translator = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);
  rd_translator_set_store (translator, store);

  first = translate (translator, SENTENCE, "en", "es", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "tres semanas"));
  g_assert_cmpuint (rd_translator_get_request_count (translator), ==, 1);

  /* The second view of the message sends nothing. */
  second = translate (translator, SENTENCE, "en", "es", &label, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);
  g_assert_cmpstr (label, ==, "Machine translation by Apertium");
  g_assert_cmpuint (rd_translator_get_request_count (translator), ==, 1);

  /* With the server gone and Redress started again, the message still
   * shows translated: it comes from the database... */
  rd_test_apy_stop (apy);
  g_clear_object (&translator);
  g_clear_object (&store);
  store = rd_store_open (path, &error);
  g_assert_no_error (error);
  again = translator_for (RD_TRANSLATION_SERVICE_APERTIUM, url);
  rd_translator_set_store (again, store);
  g_clear_pointer (&label, g_free);
  third = translate (again, SENTENCE, "en", "es", &label, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, first);
  g_assert_cmpstr (label, ==, "Machine translation by Apertium");
  g_assert_cmpuint (rd_translator_get_request_count (again), ==, 0);

  /* ...while a message not translated before needs the server, which is down. */
  other = translate (again, "The box was empty.", "en", "es", NULL, &error);
  g_assert_null (other);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The translation service could not be reached.");
  g_assert_cmpuint (rd_translator_get_request_count (again), ==, 1);
  g_clear_error (&error);

  /* Another target language is another translation, not this one. */
  other = translate (again, SENTENCE, "en", "ca", NULL, &error);
  g_assert_null (other);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);

  g_clear_object (&again);
  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* --- A LibreTranslate-compatible server, played by the test ------------------------------------ */

typedef struct
{
  guint  translations;
  char  *last_api_key;
} Libre;

static void
libre_reply (SoupServerMessage *msg,
             guint              status,
             const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static void
libre_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Libre *libre = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  JsonObject *obj;
  const char *source, *target, *q;

  if (g_str_equal (path, "/languages") &&
      g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      libre_reply (msg, 200,
                   "[{\"code\":\"en\",\"name\":\"English\",\"targets\":[\"en\",\"de\",\"es\"]},"
                   " {\"code\":\"de\",\"name\":\"German\",\"targets\":[\"en\"]},"
                   " {\"code\":\"es\",\"name\":\"Spanish\",\"targets\":[\"en\"]}]");
      return;
    }
  if (!g_str_equal (path, "/translate") ||
      !g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      libre_reply (msg, 404, "{\"error\":\"Not Found\"}");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "format"), ==, "text");
  source = json_object_get_string_member (obj, "source");
  target = json_object_get_string_member (obj, "target");
  q = json_object_get_string_member (obj, "q");
  g_free (libre->last_api_key);
  libre->last_api_key = g_strdup (json_object_get_string_member_with_default (obj, "api_key",
                                                                              NULL));
  libre->translations++;

  if (g_strcmp0 (libre->last_api_key, "wrong") == 0)
    libre_reply (msg, 403, "{\"error\":\"Invalid API key\"}");
  else if (g_str_equal (q, "slow down"))
    libre_reply (msg, 429, "{\"error\":\"Slowdown: 10 per 1 minute\"}");
  else if (g_str_equal (source, "en") && g_str_equal (target, "de") &&
           g_str_equal (q, "Thank you"))
    libre_reply (msg, 200, "{\"translatedText\":\"Danke\"}");
  else if (g_str_equal (source, "en") && g_str_equal (target, "de"))
    libre_reply (msg, 200, "{\"translatedText\": 42}");
  else
    {
      g_autofree char *json = g_strdup_printf ("{\"error\":\"%s is not supported\"}", source);

      libre_reply (msg, 400, json);
    }
}

static void
test_libretranslate (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(RdTranslator) translator = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  char *text;
  Libre libre = { 0 };

  soup_server_add_handler (server, NULL, libre_handler, &libre, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  translator = translator_for (RD_TRANSLATION_SERVICE_LIBRETRANSLATE, url);
  rd_translator_set_api_key (translator, "k-123");

  text = translate (translator, "Thank you", "en_US", "de_AT", &label, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Danke");
  g_assert_cmpstr (label, ==, "Machine translation by LibreTranslate");
  g_assert_cmpstr (libre.last_api_key, ==, "k-123");
  g_free (text);

  /* Without a key, none is sent. */
  rd_translator_set_api_key (translator, NULL);
  text = translate (translator, "Thank you", "en", "de", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (libre.last_api_key);
  g_free (text);

  rd_translator_set_api_key (translator, "wrong");
  text = translate (translator, "Thank you", "en", "de", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_clear_error (&error);
  rd_translator_set_api_key (translator, NULL);

  text = translate (translator, "Merci", "fr", "de", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The translation service cannot translate from French to German.");
  g_clear_error (&error);

  text = translate (translator, "slow down", "en", "de", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* An answer of the wrong shape is refused, not shown. */
  text = translate (translator, "Something else", "en", "de", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RD_ERROR, RD_ERROR_SERVER);
  g_clear_error (&error);

  pairs = list_pairs (translator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 4);
  g_assert_true (has_pair (pairs, "en", "de"));
  g_assert_true (has_pair (pairs, "en", "es"));
  g_assert_true (has_pair (pairs, "de", "en"));
  g_assert_true (has_pair (pairs, "es", "en"));
  g_assert_cmpuint (libre.translations, ==, 6);

  /* An Apertium server is not at this address: said so, not "unreachable". */
  g_assert_true (rd_translator_set_service (translator, RD_TRANSLATION_SERVICE_APERTIUM, url,
                                            NULL));
  g_clear_pointer (&pairs, g_ptr_array_unref);
  pairs = list_pairs (translator, &error);
  g_assert_null (pairs);
  g_assert_error (error, RD_ERROR, RD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "no translation service of this kind"));

  /* The client's kept-alive connections close before the server goes. */
  g_clear_object (&translator);
  run_for (100);
  soup_server_disconnect (server);
  g_free (libre.last_api_key);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/translator/languages", test_languages);
  g_test_add_func ("/translator/addresses", test_addresses);
  g_test_add_func ("/translator/none-sends-nothing", test_none_sends_nothing);
  g_test_add_data_func ("/translator/down/apertium",
                        GINT_TO_POINTER (RD_TRANSLATION_SERVICE_APERTIUM), test_down);
  g_test_add_data_func ("/translator/down/libretranslate",
                        GINT_TO_POINTER (RD_TRANSLATION_SERVICE_LIBRETRANSLATE), test_down);
  g_test_add_func ("/translator/apertium/translate", test_apertium_translate);
  g_test_add_func ("/translator/apertium/list-pairs", test_apertium_list_pairs);
  g_test_add_func ("/translator/apertium/pair-missing", test_apertium_pair_missing);
  g_test_add_func ("/translator/apertium/cache", test_apertium_cache);
  g_test_add_func ("/translator/libretranslate", test_libretranslate);

  ret = g_test_run ();
  g_clear_pointer (&shared_apy, rd_test_apy_stop);
  return ret;
}
