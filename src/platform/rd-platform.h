/* rd-platform.h — the reference platform: API.md served over HTTP
 *
 * Owns the database, the platform's clock (real time, plus an offset that
 * the test clock moves), the deadline sweep and the routes of API.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-demo.h"

G_BEGIN_DECLS

#define RD_TYPE_PLATFORM (rd_platform_get_type ())

G_DECLARE_FINAL_TYPE (RdPlatform, rd_platform, RD, PLATFORM, GObject)

/* Opens @db_path (":memory:" for a database that keeps nothing).  With
 * @test_clock, `POST /v1/test/clock` moves the platform's time. */
RdPlatform *rd_platform_new          (const char   *db_path,
                                      gboolean      test_clock,
                                      GError      **error);

/* Whether the database has no accounts yet. */
gboolean    rd_platform_is_empty     (RdPlatform   *self);

/* Plays @world through the platform's own rules: its accounts, its orders,
 * then each step at its time as a request would, all in one transaction.
 * A world whose first order is already there is not played again (FALSE
 * with no error, *@played FALSE). */
gboolean    rd_platform_play_world   (RdPlatform   *self,
                                      RdDemoWorld  *world,
                                      gboolean     *played,
                                      GError      **error);
/* Adds those of @world's accounts that are missing, and nothing else. */
gboolean    rd_platform_add_accounts (RdPlatform   *self,
                                      RdDemoWorld  *world,
                                      GError      **error);

/* Serves on @address:@port (0: a free port) and starts the sweep; *@url is
 * "http://ADDR:PORT/". */
gboolean    rd_platform_listen       (RdPlatform   *self,
                                      const char   *address,
                                      guint         port,
                                      char        **url,
                                      GError      **error);

/* Acts on every deadline that has passed now. */
void        rd_platform_sweep        (RdPlatform   *self);

/* Stops accepting connections, lets the requests in flight finish (for a
 * few seconds at most), then closes every connection. */
void        rd_platform_stop_async   (RdPlatform          *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    rd_platform_stop_finish  (RdPlatform          *self,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
