/* rd-test-apertium.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <libsoup/soup.h>

#include "rd-test-apertium.h"

#define APY_START_TIMEOUT_S 60

guint16
rd_test_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Whether GET /listPairs answers 200 now. */
static gboolean
apy_answers (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  g_autofree char *list_url = g_strconcat (url, "listPairs", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, list_url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  return body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK;
}

/* The server goes with the test, even if the test crashes. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts apertium-apy on a free port and waits until /listPairs answers.
 * Fails the test, with what to install, when it cannot. */
RdTestApy *
rd_test_apy_start (void)
{
  g_autofree char *binary = g_find_program_in_path ("apertium-apy");
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  RdTestApy *apy;
  gint64 deadline;

  if (binary == NULL || !g_file_test (RD_TEST_APY_MODES "/eng-spa.mode", G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("apertium-apy and the English–Spanish pair are needed: "
                          "apt-get install apertium-apy apertium-eng-spa "
                          "(both are in build-aux/debian-packages.txt)");
      return NULL;
    }

  apy = g_new0 (RdTestApy, 1);
  port = g_strdup_printf ("%u", rd_test_free_port ());
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  apy->process = g_subprocess_launcher_spawn (launcher, &error, binary, "-p", port,
                                              RD_TEST_APY_MODES, NULL);
  g_assert_no_error (error);
  apy->url = g_strdup_printf ("http://127.0.0.1:%s/", port);

  deadline = g_get_monotonic_time () + APY_START_TIMEOUT_S * G_USEC_PER_SEC;
  while (!apy_answers (apy->url))
    {
      if (g_subprocess_get_identifier (apy->process) == NULL ||
          g_get_monotonic_time () > deadline)
        g_error ("apertium-apy on port %s did not answer /listPairs within %d s",
                 port, APY_START_TIMEOUT_S);
      g_usleep (100 * 1000);
    }
  return apy;
}

void
rd_test_apy_stop (RdTestApy *apy)
{
  if (apy == NULL)
    return;
  g_subprocess_send_signal (apy->process, SIGTERM);
  g_subprocess_wait (apy->process, NULL, NULL);
  g_object_unref (apy->process);
  g_free (apy->url);
  g_free (apy);
}
