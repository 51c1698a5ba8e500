/* rd-phrase-picker.h — the phrasebook in a popover: each phrase a user of
 * this role would say, by its title and its text; choosing one activates
 * `case.phrase` with its id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-enums.h"

G_BEGIN_DECLS

#define RD_TYPE_PHRASE_PICKER (rd_phrase_picker_get_type ())

G_DECLARE_FINAL_TYPE (RdPhrasePicker, rd_phrase_picker, RD, PHRASE_PICKER, GtkWidget)

GtkWidget *rd_phrase_picker_new      (void);
/* Lists the phrases of @role. */
void       rd_phrase_picker_set_role (RdPhrasePicker *self,
                                      RdRole          role);
/* The ids listed, in order (for tests and accessibility checks). */
GStrv      rd_phrase_picker_dup_ids  (RdPhrasePicker *self);

G_END_DECLS
