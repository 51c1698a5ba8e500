/* rd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-application.h"
#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow  *rd_window_new           (RdApplication *application);

/* The session whose cases the window shows; NULL shows the welcome page. */
RdSession *rd_window_get_session   (RdWindow      *self);
void       rd_window_set_session   (RdWindow      *self,
                                    RdSession     *session);

/* Starts the demo as @login ("ana" when NULL), showing a spinner meanwhile;
 * a failure comes back on the welcome page. */
void       rd_window_start_demo    (RdWindow      *self,
                                    const char    *login);
/* Reopens @login's account at @url with the token in the keyring (offline
 * too); without one, the welcome page asks to log in. */
void       rd_window_restore       (RdWindow      *self,
                                    const char    *url,
                                    const char    *login);

/* Opens the case once the list shows it: "first" for the first row, else
 * a case id (used by the screenshots). */
void       rd_window_open_case_when_listed (RdWindow   *self,
                                            const char *case_id);

/* The page on show: "welcome", "loading" or "session". */
const char *rd_window_get_page     (RdWindow      *self);

G_END_DECLS
