/* rd-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-money.h"

G_DEFINE_BOXED_TYPE (RdMoney, rd_money, rd_money_copy, rd_money_free)

RdMoney *
rd_money_new (gint64      amount,
              const char *currency)
{
  RdMoney *money = g_new0 (RdMoney, 1);

  money->amount = amount;
  if (currency != NULL)
    g_strlcpy (money->currency, currency, sizeof money->currency);
  return money;
}

RdMoney *
rd_money_copy (const RdMoney *money)
{
  if (money == NULL)
    return NULL;
  return g_memdup2 (money, sizeof *money);
}

void
rd_money_free (RdMoney *money)
{
  g_free (money);
}

gboolean
rd_money_equal (const RdMoney *a,
                const RdMoney *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->amount == b->amount && strcmp (a->currency, b->currency) == 0;
}

gboolean
rd_currency_code_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (code[i] < 'A' || code[i] > 'Z')
      return FALSE;
  return TRUE;
}

guint
rd_currency_exponent (const char *code)
{
  /* ISO 4217 currencies without minor units that a marketplace meets. */
  static const char * const zero[] = { "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "XOF", "XAF", "UGX", "PYG", NULL };
  static const char * const three[] = { "BHD", "JOD", "KWD", "OMR", "TND", "IQD", "LYD", NULL };

  if (code == NULL)
    return 2;
  if (g_strv_contains (zero, code))
    return 0;
  if (g_strv_contains (three, code))
    return 3;
  return 2;
}

char *
rd_money_to_plain_string (const RdMoney *money)
{
  guint exp;
  gint64 div = 1;
  guint64 abs_amount;

  g_return_val_if_fail (money != NULL, NULL);

  exp = rd_currency_exponent (money->currency);
  for (guint i = 0; i < exp; i++)
    div *= 10;
  abs_amount = money->amount < 0 ? (guint64) (-(money->amount + 1)) + 1 : (guint64) money->amount;
  if (exp == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT " %s", money->amount < 0 ? "-" : "",
                            abs_amount, money->currency);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT " %s",
                          money->amount < 0 ? "-" : "",
                          abs_amount / (guint64) div, (int) exp,
                          abs_amount % (guint64) div, money->currency);
}
