/* rd-format.h — what a person reads: money, dates, countdowns and deadlines
 * in their own language, locale and time zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-case.h"
#include "rd-money.h"

G_BEGIN_DECLS

/* The ICU locale of the UI language ("de", "zh_CN", "ar"), from the gettext
 * language list, so money and numbers follow the language the user reads. */
const char *rd_format_locale          (void);

/* "19,99 €" in de, "€19.99" in en, through ICU's currency formatting. */
char       *rd_format_money           (const RdMoney *money);

/* "Tue 3 March, 14:00" in the user's time zone and language. */
char       *rd_format_date_time       (GDateTime     *time);
/* "3 March 2026". */
char       *rd_format_date            (GDateTime     *time);
/* @time in the user's zone by an ICU skeleton ("yMMMMd", "LLLL y", "LLL")
 * in the UI language's locale, or NULL where ICU cannot. */
char       *rd_format_date_time_skeleton (GDateTime  *time,
                                          const char *skeleton);

/* "2 days left", "18 hours left", "5 minutes left", "Overdue".
 * *@urgent is TRUE inside 24 hours (and when overdue). */
char       *rd_format_countdown       (GDateTime     *deadline,
                                       GDateTime     *now,
                                       gboolean      *urgent);

/* The whole deadline line of a case from @viewer's side: who must act, by
 * when, and what happens then: "Kai's Gadgets must answer within 2 days —
 * then it goes to the platform automatically".  NULL without a deadline. */
char       *rd_format_deadline_sentence (RdCase      *kase,
                                         RdRole       viewer,
                                         GDateTime   *now);

/* Wraps text of its own direction (order numbers, tracking codes, names) in
 * Unicode first-strong isolates so it reads correctly inside a sentence of
 * the other direction. */
char       *rd_format_isolate         (const char    *text);

G_END_DECLS
