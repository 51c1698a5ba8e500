/* bench-sync.c — how long a full first sync takes, from an empty store to
 * `more: false`, against the real platform on loopback.
 *
 *   bench-sync                      the demo data, then 10 000 generated cases
 *   bench-sync --generate N         only N generated cases
 *   bench-sync --login kai --page-size 500
 *
 * Links rd-test-util.c (it starts the platform).  Prints one line per run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "rd-store.h"
#include "rd-sync.h"
#include "rd-test-util.h"

typedef struct
{
  guint pages;
  guint objects;
} Progress;

static void
on_progress (RdSync   *sync,
             guint     pages,
             guint     objects,
             Progress *progress)
{
  progress->pages = pages;
  progress->objects = objects;
}

static void
bench (const char         *label,
       const char * const *args,
       const char         *login,
       guint               page_size)
{
  g_autofree char *dir = rd_test_make_tmpdir ("bench");
  gint64 start = g_get_monotonic_time ();
  RdTestPlatform *platform = rd_test_platform_start (NULL, args);
  double startup = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_autoptr (RdTestClient) client = rd_test_client_new (rd_test_platform_get_url (platform),
                                                        rd_test_platform_get_url (platform),
                                                        login, dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  Progress progress = { 0, 0 };
  double seconds;
  guint cases;
  gboolean ok;

  rd_sync_set_page_size (client->sync, page_size);
  g_signal_connect (client->sync, "progress", G_CALLBACK (on_progress), &progress);

  start = g_get_monotonic_time ();
  ok = rd_test_client_sync (client, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (!ok)
    g_error ("sync failed: %s", error->message);

  cases = rd_store_count_cases (client->store, RD_CASE_FILTER_ALL);
  orders = rd_store_list_orders (client->store, &error);
  g_assert_no_error (error);
  printf ("%-24s user %-6s %6u cases %6u orders %4u pages of %3u  full sync %7.2f s"
          "  (%.0f cases/s; platform start %.1f s)\n",
          label, login, cases, orders->len, progress.pages, page_size, seconds,
          cases / MAX (seconds, 1e-6), startup);
  fflush (stdout);

  g_clear_pointer (&client, rd_test_client_free);
  rd_test_platform_stop (platform);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const demo[] = { "--demo", NULL };
  g_autofree char *login = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("— time a full sync");
  g_autoptr (GError) error = NULL;
  int generate = 0;
  int page_size = RD_SYNC_DEFAULT_PAGE_SIZE;
  GOptionEntry entries[] = {
    { "generate", 0, 0, G_OPTION_ARG_INT, &generate, "Only N generated cases", "N" },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, "Whose sync (default kai)", "LOGIN" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Cases per page", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (login == NULL)
    login = g_strdup ("kai");

  if (generate <= 0)
    {
      bench ("demo", demo, login, (guint) page_size);
      generate = 10000;
    }
  {
    g_autofree char *n = g_strdup_printf ("%d", generate);
    g_autofree char *label = g_strdup_printf ("--generate %d", generate);
    const char *args[] = { "--generate", n, NULL };

    bench (label, args, login, (guint) page_size);
  }
  return 0;
}
