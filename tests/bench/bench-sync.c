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

#include <string.h>

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

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

/* CPU seconds of this process. */
static double
own_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* CPU seconds of another process, from /proc. */
static double
process_cpu (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  /* The fields after the command's closing parenthesis; utime and stime
   * are the 12th and 13th of them. */
  after = strrchr (contents, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10))
         / (double) sysconf (_SC_CLK_TCK);
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
  double client_cpu;
  double platform_cpu;
  guint cases;
  gboolean ok;

  rd_sync_set_page_size (client->sync, page_size);
  g_signal_connect (client->sync, "progress", G_CALLBACK (on_progress), &progress);

  start = g_get_monotonic_time ();
  client_cpu = own_cpu ();
  platform_cpu = process_cpu (rd_test_platform_get_pid (platform));
  ok = rd_test_client_sync (client, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  client_cpu = own_cpu () - client_cpu;
  platform_cpu = process_cpu (rd_test_platform_get_pid (platform)) - platform_cpu;
  if (!ok)
    g_error ("sync failed: %s", error->message);

  cases = rd_store_count_cases (client->store, RD_CASE_FILTER_ALL);
  orders = rd_store_list_orders (client->store, &error);
  g_assert_no_error (error);
  printf ("%-18s user %-4s %5u cases %5u orders %3u pages of %3u: full sync %6.2f s "
          "(CPU: client %.2f s, platform %.2f s; platform start %.1f s)\n",
          label, login, cases, orders->len, progress.pages, page_size, seconds, client_cpu,
          platform_cpu, startup);
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
