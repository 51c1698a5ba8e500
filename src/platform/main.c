/* main.c — redress-platform, the reference platform of API.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "rd-platform.h"

typedef struct
{
  GMainLoop  *loop;
  RdPlatform *platform;
  gboolean    stopping;
} Run;

static void
on_stopped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  rd_platform_stop_finish (RD_PLATFORM (source), result, NULL);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Run *run = user_data;

  if (!run->stopping)
    {
      run->stopping = TRUE;
      g_printerr ("stopping\n");
      rd_platform_stop_async (run->platform, NULL, on_stopped, run);
    }
  return G_SOURCE_CONTINUE;
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress-platform", "platform.db", NULL);
}

#ifdef HAVE_RD_DEMO
static gboolean
play (RdPlatform   *platform,
      RdDemoWorld  *world,
      const char   *what,
      gint64        built_us,
      GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean played = FALSE;

  if (!rd_platform_play_world (platform, world, &played, error))
    return FALSE;
  if (played)
    g_printerr ("%s: %u orders and %u steps built in %.0f ms, played in %.0f ms\n", what,
                world->orders->len, world->steps->len, built_us / 1000.0,
                (g_get_monotonic_time () - start) / 1000.0);
  else
    g_printerr ("%s: already in the database\n", what);
  return TRUE;
}
#endif

static gboolean
load_worlds (RdPlatform  *platform,
             gboolean     demo,
             gint         generate,
             GError     **error)
{
#ifdef HAVE_RD_DEMO
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (demo && rd_platform_is_empty (platform))
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RdDemoWorld) world = rd_demo_world_new (now);

      if (!play (platform, world, "demo", g_get_monotonic_time () - start, error))
        return FALSE;
    }
  if (generate > 0)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RdDemoWorld) world = rd_demo_world_generate (now, (guint) generate, 42);
      gint64 built = g_get_monotonic_time () - start;

      /* The generated orders are of the demo shops: their accounts must be
       * there even without --demo. */
      if (!demo)
        {
          g_autoptr(RdDemoWorld) base = rd_demo_world_new (now);

          if (!rd_platform_add_accounts (platform, base, error))
            return FALSE;
        }
      if (!play (platform, world, "generate", built, error))
        return FALSE;
    }
  return TRUE;
#else
  if (demo || generate > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This redress-platform was built without its demo data (rd-demo.c)."));
      return FALSE;
    }
  return TRUE;
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPlatform) platform = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  gint port = 8080;
  gboolean demo = FALSE;
  gint generate = 0;
  gboolean test_clock = FALSE;
  Run run = { 0 };
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    /* Translators: the descriptions of the command line options of redress-platform */
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The SQLite database (:memory: keeps nothing; default: a file under the user’s data folder)"),
      N_("PATH") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("The IP address to listen on (default: 127.0.0.1)"), N_("ADDR") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("The port to listen on; 0 picks a free one (default: 8080)"), N_("N") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Add the demo accounts, orders and cases to an empty database"), NULL },
    { "generate", 0, 0, G_OPTION_ARG_INT, &generate,
      N_("Add N synthetic orders with cases, for tests and benchmarks"), N_("N") },
    { "test-clock", 0, 0, G_OPTION_ARG_NONE, &test_clock,
      N_("Let loopback clients move the platform’s clock (POST /v1/test/clock)"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translators: the summary of `redress-platform --help` */
  context = g_option_context_new (_("— the Redress reference platform"));
  g_option_context_set_summary (context,
                                _("Serves the dispute API of Redress over HTTP, with its data in SQLite."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || generate < 0)
    {
      g_printerr (_("The port is 0 to 65535, and N of --generate is 0 or more.\n"));
      return 2;
    }
  if (address == NULL)
    address = g_strdup ("127.0.0.1");

  if (db_path == NULL)
    {
      g_autofree char *dir = NULL;

      db_path = default_db_path ();
      dir = g_path_get_dirname (db_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_printerr (_("Could not create the folder “%s”.\n"), dir);
          return 1;
        }
    }

  platform = rd_platform_new (db_path, test_clock, &error);
  if (platform == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!load_worlds (platform, demo, generate, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!rd_platform_listen (platform, address, (guint) port, &url, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Exactly this, first, for whoever started us on --port 0. */
  printf ("listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.platform = platform;
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  /* Closing the database here, with every transaction committed. */
  g_clear_object (&platform);
  g_printerr ("stopped\n");
  return 0;
}
