/* rd-rule-dialog.h — the agent's ruling: for the buyer, for the seller, or
 * a split with an amount, and a note that both parties read; confirmed with
 * its consequence spelled out before it is sent
 *
 * Emits ::action-chosen (RdAction) once the agent confirmed, then closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_RULE_DIALOG (rd_rule_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdRuleDialog, rd_rule_dialog, RD, RULE_DIALOG, AdwWindow)

RdRuleDialog *rd_rule_dialog_new          (GtkWindow    *parent,
                                           RdCase       *kase);
/* Fills in the ruling as the agent would; @amount in minor units (split
 * only), @note may be NULL. */
void          rd_rule_dialog_set_ruling   (RdRuleDialog *self,
                                           RdDecision    decision,
                                           gint64        amount,
                                           const char   *note);
/* What is missing or wrong (shown in place), or NULL. */
const char   *rd_rule_dialog_get_problem  (RdRuleDialog *self);
/* The Rule button: asks for confirmation if the ruling is complete; returns
 * the confirmation dialog (owned by GTK), or NULL. */
AdwMessageDialog *rd_rule_dialog_rule     (RdRuleDialog *self);

G_END_DECLS
