/* rd-case-header.h — what the case is about, where it stands, by when, and the buttons of its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-case.h"
#include "rd-user.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_HEADER (rd_case_header_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseHeader, rd_case_header, RD, CASE_HEADER, GtkWidget)

GtkWidget *rd_case_header_new      (void);
/* Shows @kase as @viewer sees it; the deadline counts down from @now.
 * Buttons of actions that the viewer's role can never take are hidden. */
void       rd_case_header_set_case (RdCaseHeader *self,
                                    RdCase       *kase,
                                    RdUser       *viewer,
                                    GDateTime    *now);
/* What the viewer may do now (bit 1 << RdActionType): a button that is
 * shown but cannot be used says in its tooltip when it can. */
void       rd_case_header_set_allowed (RdCaseHeader *self,
                                       guint         allowed);
/* The deadline line as shown ("Kai's Gadgets must answer within 2 days —
 * then it goes to the platform automatically"), "" without a deadline. */
const char *rd_case_header_get_deadline_text (RdCaseHeader *self);
const char *rd_case_header_get_status_text   (RdCaseHeader *self);

/* What the buyer asked for, as @viewer reads it ("wants a full refund"). */
char      *rd_case_header_format_request (RdCase *kase,
                                          RdRole  viewer);

G_END_DECLS
