/* rd-composer.h — where the user writes to the other party: the text with
 * its count against the platform's limit, the phrasebook, files, and Send
 * (the buttons activate `case.send`, `case.attach` and `case.phrase`)
 *
 * The text of each case is kept as a draft in the store as it is typed, so
 * that it survives a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_COMPOSER (rd_composer_get_type ())

G_DECLARE_FINAL_TYPE (RdComposer, rd_composer, RD, COMPOSER, GtkWidget)

GtkWidget  *rd_composer_new            (void);
void        rd_composer_set_session    (RdComposer *self,
                                        RdSession  *session);
/* Switches to @kase's draft (saving the last case's first); a resolved case,
 * or one where the user may not write, disables the composer and says why.
 * @may_write: whether a message is allowed now. */
void        rd_composer_set_case       (RdComposer *self,
                                        RdCase     *kase,
                                        gboolean    may_write);
/* The text as typed. */
char       *rd_composer_dup_text       (RdComposer *self);
/* Text that is not blank and within the limit. */
gboolean    rd_composer_get_can_send   (RdComposer *self);
/* Empties the text and its draft (after it was sent). */
void        rd_composer_clear          (RdComposer *self);
/* Saves the draft now rather than after the pause in typing. */
void        rd_composer_save_draft     (RdComposer *self);
/* Checks @file against the platform's limits and queues it on the case;
 * a refusal is shown in place and returned. */
gboolean    rd_composer_attach_file    (RdComposer *self,
                                        GFile      *file,
                                        GError    **error);
/* A refusal or notice in place above the text; NULL hides it. */
void        rd_composer_show_message   (RdComposer *self,
                                        const char *message);
const char *rd_composer_get_message    (RdComposer *self);
/* "120 / 4000", or what is wrong. */
const char *rd_composer_get_counter    (RdComposer *self);
void        rd_composer_focus          (RdComposer *self);

G_END_DECLS
