/* rd-account-menu.h — who is logged in, the demo's other accounts, log out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_MENU (rd_account_menu_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountMenu, rd_account_menu, RD, ACCOUNT_MENU, GtkWidget)

GtkWidget  *rd_account_menu_new         (void);
void        rd_account_menu_set_session (RdAccountMenu *self,
                                         RdSession     *session);
/* "Ana Ribeiro (Buyer)": the user's name and translated role. */
char       *rd_account_menu_dup_title   (RdAccountMenu *self);
GMenuModel *rd_account_menu_get_menu    (RdAccountMenu *self);

G_END_DECLS
