/* rd-action-dialogs.h — the small questions an action asks before it is
 * queued: a reason to escalate, a carrier and tracking number, stars, the
 * parameters of a phrase, and the confirmations that spell out what a final
 * step will do
 *
 * Each shows an AdwMessageDialog over @owner's window and calls @done with
 * the filled action only when the user confirms; @owner is kept alive while
 * the dialog is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-phrasebook.h"
#include "rd-session.h"

G_BEGIN_DECLS

typedef void (*RdActionDialogDone) (GtkWidget *owner,
                                    RdAction  *action);

void       rd_action_dialog_escalate       (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
void       rd_action_dialog_withdraw       (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
void       rd_action_dialog_ship_return    (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
void       rd_action_dialog_rate           (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
void       rd_action_dialog_accept_offer   (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdOffer            *offer,
                                            RdActionDialogDone  done);
void       rd_action_dialog_reject_offer   (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdOffer            *offer,
                                            RdActionDialogDone  done);
void       rd_action_dialog_accept_claim   (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
void       rd_action_dialog_confirm_return (GtkWidget          *owner,
                                            RdCase             *kase,
                                            RdActionDialogDone  done);
/* Asks for @phrase's parameters (if it has any) and makes the message;
 * @lang is the writer's language. */
void       rd_action_dialog_phrase         (GtkWidget          *owner,
                                            RdCase             *kase,
                                            const RdPhrase     *phrase,
                                            const char         *lang,
                                            RdActionDialogDone  done);

/* What a case's item is worth in all: the bound of partial refunds. */
RdMoney   *rd_action_dialog_item_total     (RdCase             *kase);
/* A spin button for an amount of @max's currency, in its units (euros, not
 * cents), starting at @max. */
GtkWidget *rd_action_dialog_amount_spin_new (const RdMoney     *max);
/* Puts an amount spin button (as above) at the end of @row, named by the
 * row, with the bound in words as the row's subtitle. */
GtkSpinButton *rd_action_dialog_amount_row_init (AdwActionRow       *row,
                                                 const RdMoney      *max);
/* Why the spin button's amount is out of (0, @max], in words; NULL when it
 * is fine. */
char      *rd_action_dialog_amount_check   (GtkSpinButton      *spin,
                                            const RdMoney      *max);
/* The spin button's value in minor units of @currency. */
RdMoney   *rd_action_dialog_amount_get     (GtkSpinButton      *spin,
                                            const char         *currency);
/* Shows @amount minor units of @currency in the spin button. */
void       rd_action_dialog_amount_set     (GtkSpinButton      *spin,
                                            gint64              amount,
                                            const char         *currency);
/* The language the user writes in, for a message's `lang`. */
char      *rd_action_dialog_writer_language (RdSession         *session);

G_END_DECLS
