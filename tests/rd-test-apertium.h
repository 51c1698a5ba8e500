/* rd-test-apertium.h — a real apertium-apy on loopback for the translation
 * tests, and free loopback ports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TEST_APY_MODES "/usr/share/apertium/modes"

typedef struct
{
  GSubprocess *process;
  char        *url;      /* "http://127.0.0.1:PORT/" */
} RdTestApy;

/* A loopback port that nothing listens on (bound, read, released). */
guint16    rd_test_free_port    (void);

/* Starts apertium-apy on a free port and waits until /listPairs answers;
 * the server dies with the test.  Fails the test, saying what to install,
 * and returns NULL when apertium-apy or the English–Spanish pair is
 * missing. */
RdTestApy *rd_test_apy_start    (void);
void       rd_test_apy_stop     (RdTestApy *apy);

G_END_DECLS
