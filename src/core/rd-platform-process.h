/* rd-platform-process.h — an embedded redress-platform child process
 *
 * The demo runs the reference platform as a child on a free loopback port
 * and a temporary database; the child dies with this object (and with the
 * app, through PR_SET_PDEATHSIG, should the app crash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TYPE_PLATFORM_PROCESS (rd_platform_process_get_type ())

G_DECLARE_FINAL_TYPE (RdPlatformProcess, rd_platform_process, RD, PLATFORM_PROCESS, GObject)

/* The redress-platform binary to run: $REDRESS_PLATFORM, else the one next
 * to an uninstalled build, else the installed one. */
char              *rd_platform_process_find_binary (void);

/* Starts `redress-platform --port 0 --db TMP/platform.db EXTRA_ARGS...` and
 * completes when it printed its "listening on" line. */
void               rd_platform_process_start_async  (const char * const  *extra_args,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
RdPlatformProcess *rd_platform_process_start_finish (GAsyncResult        *result,
                                                     GError             **error);

/* "http://127.0.0.1:PORT/v1/" */
const char        *rd_platform_process_get_base_url (RdPlatformProcess   *self);
/* Sends SIGTERM and waits (briefly, iterating no main loop) for the child. */
void               rd_platform_process_stop         (RdPlatformProcess   *self);

G_END_DECLS
