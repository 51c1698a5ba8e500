/* bench-platform.c — how fast the reference platform starts with the demo,
 * and how long --generate takes for N cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <signal.h>

#include "rd-platform-process.h"

static double
run_until_listening (const char * const *extra)
{
  g_autofree char *binary = rd_platform_process_find_binary ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 start;
  double secs;

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) ":memory:");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (proc == NULL)
    g_error ("%s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  secs = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("the platform did not start");
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);
  return secs;
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("REDRESS_BENCH_GENERATE");
  const char *n = env ? env : "10000";
  const char * const demo[] = { "--demo", NULL };
  const char * const generate[] = { "--demo", "--generate", n, NULL };
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < 5; i++)
    best = MIN (best, run_until_listening (demo));
  g_print ("platform: --demo --port 0 until listening: %.3f s (best of 5)\n", best);
  g_print ("platform: --demo --generate %s until listening: %.2f s\n", n, run_until_listening (generate));
  return 0;
}
