/* rd-welcome-page.h — the first thing a new user sees: log in, or try the
 * demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_WELCOME_PAGE (rd_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (RdWelcomePage, rd_welcome_page, RD, WELCOME_PAGE, GtkWidget)

GtkWidget  *rd_welcome_page_new        (void);

/* Fills in the login (after a log-out or a failed restore). */
void        rd_welcome_page_set_login  (RdWelcomePage *self,
                                        const char    *login);
/* Shows @error in place, in the user's words for its code; NULL clears. */
void        rd_welcome_page_show_error (RdWelcomePage *self,
                                        const GError  *error);
/* The message shown now, or NULL. */
const char *rd_welcome_page_get_error  (RdWelcomePage *self);
/* Whether a log-in or the demo is starting. */
gboolean    rd_welcome_page_get_busy   (RdWelcomePage *self);

/* The text of a log-in error for the user. */
char       *rd_welcome_page_describe_error (const GError *error);

G_END_DECLS
