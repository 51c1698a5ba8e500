/* rd-respond-dialog.h — the seller's answer to a claim: accept it as asked,
 * offer something else, ask for details, or confirm a return; each choice
 * says in one sentence what it will do
 *
 * Emits ::action-chosen (RdAction) with the filled action when the seller
 * sends it, then closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

typedef enum
{
  RD_RESPOND_ACCEPT,
  RD_RESPOND_OFFER,
  RD_RESPOND_ASK,
  RD_RESPOND_CONFIRM_RETURN,
  RD_RESPOND_NONE,  /* nothing chosen yet */
} RdRespondChoice;

#define RD_TYPE_RESPOND_DIALOG (rd_respond_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdRespondDialog, rd_respond_dialog, RD, RESPOND_DIALOG, AdwWindow)

/* @allowed: the actions the seller may take now (bit 1 << RdActionType);
 * choices outside it are shown but cannot be chosen.  @lang: the seller's
 * language, for a phrase. */
RdRespondDialog *rd_respond_dialog_new          (GtkWindow       *parent,
                                                 RdCase          *kase,
                                                 guint            allowed,
                                                 RdRespondChoice  initial,
                                                 const char      *lang);
void             rd_respond_dialog_set_choice   (RdRespondDialog *self,
                                                 RdRespondChoice  choice);
/* Fills in the offer's fields as the seller would; @amount in minor units
 * (partial refunds only), @note may be NULL. */
void             rd_respond_dialog_set_offer    (RdRespondDialog *self,
                                                 RdOutcomeType    type,
                                                 gint64           amount,
                                                 const char      *note);
/* Chooses the phrase to ask for details with ("request_photos"...). */
void             rd_respond_dialog_set_phrase   (RdRespondDialog *self,
                                                 const char      *phrase_id);
/* What is wrong with the answer as it stands (shown in place), or NULL. */
const char      *rd_respond_dialog_get_problem  (RdRespondDialog *self);
/* The Send button: emits ::action-chosen and closes if the answer is valid. */
gboolean         rd_respond_dialog_send         (RdRespondDialog *self);

G_END_DECLS
