/* test-translate-bubble.c — "Translate" under a message, against a real
 * Apertium APY server
 *
 * Debian's apertium-apy with the English–Spanish pair (apertium-eng-spa)
 * runs on a free loopback port, as in test-translator.c; without it the
 * tests fail, they do not skip.  The app's translator is set up the way
 * Preferences set it up: through the GSettings keys (in memory here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>

#include "rd-test-apertium.h"
#include "rd-application.h"
#include "rd-case-test.h"
#include "rd-error.h"
#include "rd-translation.h"
#include "rd-window.h"

/* A first translation may wait while APY loads the pair. */
#define TRANSLATE_TIMEOUT_S 60
/* Tags and entities are text: they must come back as typed, not as markup. */
#define SENTENCE "The phone holder broke after three weeks. <b>Really</b> &amp; truly."

/* --- The real APY (as test-translator.c starts it) ----------------------------------- */

/* --- The app's translator, as Preferences set it up -------------------------------- */

static RdTranslator *
translator (void)
{
  return rd_translation_get_default ();
}

static void
set_service (const char *service,
             const char *url)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RdTranslationService expected = RD_TRANSLATION_SERVICE_NONE;

  g_assert_true (rd_translation_service_from_string (service, &expected));
  /* Created first, so that it follows the keys as the app's does. */
  translator ();
  g_settings_set_string (settings, "translation-url", url != NULL ? url : "");
  g_settings_set_string (settings, "translation-service", service);
  WAIT_UNTIL (rd_translator_get_service (translator ()) == expected &&
              (url == NULL ||
               g_strcmp0 (rd_translator_get_base_url (translator ()), url) == 0));
}

/* The reader reads the app in @language (NULL: English, the source
 * language); the catalogs are the build tree's. */
static void
set_reader_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* Flushes gettext's cache of the previous language. */
  textdomain (textdomain (NULL));
}

/* --- A message and its bubble ------------------------------------------------------- */

static RdSession *
new_session (const char *locale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(RdUser) user = rd_user_new ();

  g_assert_no_error (error);
  user->id = g_strdup ("u-sol");
  user->name = g_strdup ("Sol Tienda");
  user->role = RD_ROLE_SELLER;
  user->locale = g_strdup (locale);
  return rd_session_new_offline (store, user);
}

static RdParty *
new_party (const char *id,
           const char *name)
{
  return rd_party_new (id, name);
}

static RdCase *
new_case (void)
{
  RdCase *kase = rd_case_new ();

  kase->id = g_strdup ("c-translate");
  kase->buyer = new_party ("u-kai", "Kai");
  kase->seller = new_party ("u-sol", "Sol Tienda");
  kase->description = g_strdup ("它三周后就坏了。");
  kase->lang = g_strdup ("zh_CN");
  kase->created_at = g_date_time_new_now_utc ();
  return kase;
}

static RdEvent *
new_message (const char *actor_id,
             const char *text,
             const char *lang)
{
  static guint serial;
  RdEvent *event = rd_event_new ();

  /* Each its own message: the bubbles remember which were read translated. */
  event->id = g_strdup_printf ("e-%u", ++serial);
  event->type = RD_EVENT_TYPE_MESSAGE;
  event->at = g_date_time_new_now_utc ();
  event->actor = new_party (actor_id, g_str_equal (actor_id, "u-sol") ? "Sol Tienda" : "Kai");
  event->actor_role = g_str_equal (actor_id, "u-sol") ? RD_ROLE_SELLER : RD_ROLE_BUYER;
  event->text = g_strdup (text);
  event->lang = g_strdup (lang);
  return event;
}

/* A shown window around @bubble, as in the case view. */
static GtkWindow *
show_bubble (GtkWidget *bubble)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 600, 300);
  gtk_window_set_child (window, bubble);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (bubble));
  return window;
}

/* The Translate button (whatever it says now), or NULL. */
static GtkButton *
translate_button (GtkWidget *bubble)
{
  g_autoptr(GPtrArray) buttons = rd_case_test_all (bubble, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "bubble.translate") == 0)
        return button;
    }
  return NULL;
}

static gboolean
translate_shown (GtkWidget *bubble)
{
  GtkButton *button = translate_button (bubble);

  return button != NULL && rd_case_test_is_drawn (GTK_WIDGET (button));
}

static GtkSpinner *
spinner (GtkWidget *bubble)
{
  return rd_case_test_first (bubble, GTK_TYPE_SPINNER);
}

static gboolean
spinner_shown (GtkWidget *bubble)
{
  GtkSpinner *s = spinner (bubble);

  return s != NULL && rd_case_test_is_drawn (GTK_WIDGET (s)) && gtk_spinner_get_spinning (s);
}

/* Clicks as a user would. */
static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static char *
credit (void)
{
  return g_strdup_printf (_("Machine translation by %s"), "Apertium");
}

static const char *
text_of (GtkWidget *bubble)
{
  return rd_message_bubble_get_text (RD_MESSAGE_BUBBLE (bubble));
}

/* --- Tests -------------------------------------------------------------------------- */

/* An English reader sees Translate only where the words are another
 * language's free text, written by someone else. */
static void
test_english_reader (void)
{
  g_autoptr(RdSession) session = new_session ("en");
  g_autoptr(RdCase) kase = new_case ();
  g_autoptr(RdEvent) english = new_message ("u-kai", SENTENCE, "en");
  g_autoptr(RdEvent) chinese = new_message ("u-kai", "它三周后就坏了。", "zh_CN");
  g_autoptr(RdEvent) own = new_message ("u-sol", "Lo siento mucho.", "es");
  g_autoptr(RdEvent) phrase = new_message ("u-kai", NULL, "zh_CN");
  struct { RdEvent *event; gboolean offered; } cases[] = {
    { english, FALSE }, { chinese, TRUE }, { own, FALSE }, { phrase, FALSE },
  };

  set_reader_language (NULL);
  g_assert_cmpstr (rd_translation_get_reader_language (), ==, "en");
  set_service ("none", NULL);
  phrase->template_id = g_strdup ("request_photos");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *bubble = rd_message_bubble_new (session, kase, cases[i].event);
      GtkWindow *window = show_bubble (bubble);

      g_test_message ("message %u: %s", i, text_of (bubble));
      g_assert_cmpint (translate_shown (bubble), ==, cases[i].offered);
      if (cases[i].offered)
        {
          GtkButton *button = translate_button (bubble);

          g_assert_cmpstr (gtk_button_get_label (button), ==, _("Translate"));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==,
                           _("Translate this message with the translation service set up in Preferences"));
          g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (button), "flat"));
          g_assert_false (spinner_shown (bubble));
        }
      gtk_window_destroy (window);
    }

  /* The buyer's description is free text too. */
  {
    GtkWidget *bubble = rd_message_bubble_new_for_description (session, kase);
    GtkWindow *window = show_bubble (bubble);

    g_assert_true (translate_shown (bubble));
    gtk_window_destroy (window);
  }
}

/* A Spanish reader translates an English message, switches back and forth
 * without asking again, and a second view of it comes from the cache even
 * with the server gone. */
static void
test_spanish_reader (void)
{
  RdTestApy *apy = rd_test_apy_start ();
  g_autoptr(RdSession) session = new_session ("es");
  g_autoptr(RdCase) kase = new_case ();
  g_autoptr(RdEvent) event = new_message ("u-kai", SENTENCE, "en");
  g_autofree char *expected_credit = NULL;
  g_autofree char *translated = NULL;
  GtkWidget *bubble;
  GtkWindow *window;
  GtkButton *button;
  guint requests;

  if (apy == NULL)
    return;

  set_reader_language ("es");
  g_assert_cmpstr (rd_translation_get_reader_language (), ==, "es");
  expected_credit = credit ();
  set_service ("apertium", apy->url);
  rd_translation_set_store (rd_session_get_store (session));

  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  g_assert_true (translate_shown (bubble));
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  g_assert_null (rd_case_test_find_label (bubble, expected_credit));

  button = translate_button (bubble);
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Translate"));
  requests = rd_translator_get_request_count (translator ());
  click (button);
  /* While the service works: a spinner, and no second click. */
  g_assert_true (spinner_shown (bubble));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (button)));

  WAIT_UNTIL_FOR (rd_case_test_find_label (bubble, expected_credit) != NULL, TRANSLATE_TIMEOUT_S);
  translated = g_strdup (text_of (bubble));
  g_test_message ("Apertium: “%s”", translated);
  g_assert_nonnull (strstr (translated, "tres semanas"));
  g_assert_nonnull (strstr (translated, "teléfono"));
  g_assert_null (strstr (translated, "three weeks"));
  /* Without the space APY puts in front. */
  g_assert_false (g_ascii_isspace (translated[0]));
  g_assert_false (g_ascii_isspace (translated[strlen (translated) - 1]));
  /* Plain text: the tags show as typed, nothing was taken for markup. */
  g_assert_nonnull (strstr (translated, "<b>"));
  g_assert_nonnull (strstr (translated, "&amp;"));
  g_assert_nonnull (rd_case_test_find_label (bubble, translated));
  g_assert_false (gtk_label_get_use_markup (rd_case_test_find_label (bubble, translated)));
  g_assert_false (spinner_shown (bubble));
  g_assert_cmpuint (rd_translator_get_request_count (translator ()), ==, requests + 1);
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Show original"));
  /* The note still says what language it was written in. */
  g_assert_nonnull (rd_message_bubble_get_note (RD_MESSAGE_BUBBLE (bubble)));

  /* Show original: the words exactly as written, no label. */
  click (button);
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  g_assert_nonnull (rd_case_test_find_label (bubble, SENTENCE));
  g_assert_null (rd_case_test_find_label (bubble, expected_credit));
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Show translation"));

  /* And the translation again, without asking the service. */
  click (button);
  g_assert_cmpstr (text_of (bubble), ==, translated);
  g_assert_nonnull (rd_case_test_find_label (bubble, expected_credit));
  g_assert_false (spinner_shown (bubble));
  g_assert_cmpuint (rd_translator_get_request_count (translator ()), ==, requests + 1);
  gtk_window_destroy (window);

  /* The timeline builds its bubbles again when the case changes: the
   * message stays translated, from the store, with the server gone. */
  g_clear_pointer (&apy, rd_test_apy_stop);
  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  button = translate_button (bubble);
  WAIT_UNTIL (rd_case_test_find_label (bubble, expected_credit) != NULL);
  g_assert_cmpstr (text_of (bubble), ==, translated);
  g_assert_cmpuint (rd_translator_get_request_count (translator ()), ==, requests + 1);
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Show original"));

  /* Back to the original, which a new view remembers too. */
  click (button);
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  gtk_window_destroy (window);
  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  button = translate_button (bubble);
  rd_case_test_drain ();
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  g_assert_null (rd_case_test_find_label (bubble, expected_credit));
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Translate"));

  /* Translate again: the store answers, the server is still gone. */
  click (button);
  WAIT_UNTIL (rd_case_test_find_label (bubble, expected_credit) != NULL);
  g_assert_cmpstr (text_of (bubble), ==, translated);
  g_assert_cmpuint (rd_translator_get_request_count (translator ()), ==, requests + 1);
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Show original"));
  gtk_window_destroy (window);

  rd_translation_set_store (NULL);
  set_reader_language (NULL);
}

/* With no service set up, Translate says so and sends nothing. */
static void
test_no_service (void)
{
  g_autoptr(RdSession) session = new_session ("es");
  g_autoptr(RdCase) kase = new_case ();
  g_autoptr(RdEvent) event = new_message ("u-kai", SENTENCE, "en");
  GtkWidget *bubble;
  GtkWindow *window;
  GtkButton *button;
  GtkLabel *message;
  guint requests;

  set_reader_language ("es");
  set_service ("none", NULL);
  requests = rd_translator_get_request_count (translator ());

  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  button = translate_button (bubble);
  click (button);
  WAIT_UNTIL ((message = rd_case_test_find_label (bubble, _("No translation service is set up. You can choose one in Preferences."))) != NULL);
  g_assert_false (gtk_label_get_use_markup (message));
  g_assert_cmpuint (rd_translator_get_request_count (translator ()), ==, requests);
  /* Nothing else changed: the original, Translate again, no spinner. */
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  g_assert_false (spinner_shown (bubble));
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Translate"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  gtk_window_destroy (window);

  set_reader_language (NULL);
}

/* A service that is down: its message in words, in the error style, and
 * Translate can be tried again. */
static void
test_service_down (void)
{
  g_autoptr(RdSession) session = new_session ("es");
  g_autoptr(RdCase) kase = new_case ();
  g_autoptr(RdEvent) event = new_message ("u-kai", SENTENCE, "en");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", rd_test_free_port ());
  g_autoptr(GPtrArray) labels = NULL;
  GtkLabel *message = NULL;
  GtkWidget *bubble;
  GtkWindow *window;
  GtkButton *button;

  set_reader_language ("es");
  set_service ("apertium", url);

  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  button = translate_button (bubble);
  click (button);
  WAIT_UNTIL_FOR (gtk_widget_is_sensitive (GTK_WIDGET (button)), TRANSLATE_TIMEOUT_S);

  labels = rd_case_test_all (bubble, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (GTK_WIDGET (label), "error") &&
          rd_case_test_is_drawn (GTK_WIDGET (label)))
        message = label;
    }
  g_assert_nonnull (message);
  g_test_message ("down: “%s”", gtk_label_get_text (message));
  g_assert_cmpstr (gtk_label_get_text (message), !=, "");
  g_assert_cmpstr (gtk_label_get_text (message), !=,
                   _("No translation service is set up. You can choose one in Preferences."));
  g_assert_cmpstr (text_of (bubble), ==, SENTENCE);
  g_assert_false (spinner_shown (bubble));
  g_assert_cmpstr (gtk_button_get_label (button), ==, _("Translate"));

  /* Trying again asks again, and the old message goes while it does. */
  click (button);
  g_assert_false (rd_case_test_is_drawn (GTK_WIDGET (message)));
  WAIT_UNTIL_FOR (gtk_widget_is_sensitive (GTK_WIDGET (button)), TRANSLATE_TIMEOUT_S);
  g_assert_true (rd_case_test_is_drawn (GTK_WIDGET (message)));
  gtk_window_destroy (window);

  set_reader_language (NULL);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* A connection the client made to @listener, waiting up to 10 s. */
static GSocket *
accept_connection (GSocket *listener)
{
  guint ticker = g_timeout_add (20, tick, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GSocket *connection = NULL;

  g_socket_set_blocking (listener, FALSE);
  while ((connection = g_socket_accept (listener, NULL, NULL)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  g_assert_nonnull (connection);
  g_socket_set_blocking (connection, FALSE);
  return connection;
}

/* Whether the client closed @connection (what it sent is read and dropped). */
static gboolean
closed_by_client (GSocket *connection)
{
  char buffer[4096];
  gssize n;

  while ((n = g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL)) > 0)
    ;
  return n == 0;
}

/* A bubble that goes away while the service thinks cancels its request:
 * the connection closes at once, and the bubble is let go. */
static void
test_dispose_cancels (void)
{
  g_autoptr(RdSession) session = new_session ("es");
  g_autoptr(RdCase) kase = new_case ();
  g_autoptr(RdEvent) event = new_message ("u-kai", SENTENCE, "en");
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSocket) connection = NULL;
  GtkWidget *bubble;
  GtkWindow *window;
  guint ticker;

  /* A server that takes the connection and never answers. */
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (silent, any, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (silent, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (silent, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  set_reader_language ("es");
  set_service ("apertium", url);

  bubble = rd_message_bubble_new (session, kase, event);
  window = show_bubble (bubble);
  g_object_add_weak_pointer (G_OBJECT (bubble), (gpointer *) &bubble);
  click (translate_button (bubble));
  g_assert_true (spinner_shown (bubble));
  /* The request is on its way, and waits for an answer. */
  connection = accept_connection (silent);
  g_assert_false (closed_by_client (connection));

  gtk_window_destroy (window);
  /* Far sooner than the translator's own time-out. */
  ticker = g_timeout_add (20, tick, NULL);
  WAIT_UNTIL_FOR (closed_by_client (connection), RD_TRANSLATOR_DEFAULT_TIMEOUT / 3);
  WAIT_UNTIL (bubble == NULL);
  g_source_remove (ticker);
  rd_case_test_drain ();

  g_socket_close (silent, NULL);
  set_reader_language (NULL);
}

/* The window hands the account's store to the translator as its cache. */
static void
test_window_store (void)
{
  g_autoptr(RdApplication) app = rd_application_new ();
  g_autoptr(RdSession) session = new_session ("en");
  g_autoptr(GError) error = NULL;
  RdWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = rd_window_new (app);
  rd_window_set_session (window, session);
  g_assert_true (rd_translator_get_store (translator ()) == rd_session_get_store (session));
  rd_window_set_session (window, NULL);
  g_assert_null (rd_translator_get_store (translator ()));
  gtk_window_destroy (GTK_WINDOW (window));
  rd_case_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = rd_case_test_setup_environment ("test-translate-bubble");
  int ret;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/translate-bubble/english-reader", test_english_reader);
  g_test_add_func ("/translate-bubble/spanish-reader", test_spanish_reader);
  g_test_add_func ("/translate-bubble/no-service", test_no_service);
  g_test_add_func ("/translate-bubble/service-down", test_service_down);
  g_test_add_func ("/translate-bubble/dispose-cancels", test_dispose_cancels);
  g_test_add_func ("/translate-bubble/window-store", test_window_store);

  ret = g_test_run ();
  rd_test_remove_tree (tmpdir);
  return ret;
}
