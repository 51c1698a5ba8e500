/* rd-case-view.h — one case: its header, timeline and composer, and every action on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_VIEW (rd_case_view_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseView, rd_case_view, RD, CASE_VIEW, GtkWidget)

GtkWidget  *rd_case_view_new            (void);
void        rd_case_view_set_session    (RdCaseView *self,
                                         RdSession  *session);
/* NULL shows the empty status page. */
void        rd_case_view_set_case_id    (RdCaseView *self,
                                         const char *case_id);
const char *rd_case_view_get_case_id    (RdCaseView *self);
void        rd_case_view_focus_composer (RdCaseView *self);

G_END_DECLS
