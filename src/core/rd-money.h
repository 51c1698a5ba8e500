/* rd-money.h — an amount in minor units of one currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_MONEY (rd_money_get_type ())

/* {"amount": 1999, "currency": "EUR"}: integers only, never floating point. */
typedef struct
{
  gint64 amount;       /* minor units (cents) */
  char   currency[4];  /* ISO 4217, NUL-terminated */
} RdMoney;

GType     rd_money_get_type       (void) G_GNUC_CONST;
RdMoney  *rd_money_new            (gint64         amount,
                                   const char    *currency);
RdMoney  *rd_money_copy           (const RdMoney *money);
void      rd_money_free           (RdMoney       *money);
gboolean  rd_money_equal          (const RdMoney *a,
                                   const RdMoney *b);
/* TRUE for three upper-case ASCII letters. */
gboolean  rd_currency_code_is_valid (const char  *code);
/* Digits after the decimal point for a currency: 2 for EUR, 0 for JPY. */
guint     rd_currency_exponent    (const char    *code);
/* A plain, locale-neutral rendering ("19.99 EUR") for logs and CSV. */
char     *rd_money_to_plain_string (const RdMoney *money);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMoney, rd_money_free)

G_END_DECLS
