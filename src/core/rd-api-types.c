/* rd-api-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-api-types.h"

RdCaseDraft *
rd_case_draft_new (void)
{
  return g_new0 (RdCaseDraft, 1);
}

void
rd_case_draft_free (RdCaseDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->order_id);
  g_free (self->item_sku);
  g_clear_pointer (&self->requested_amount, rd_money_free);
  g_free (self->description);
  g_free (self->lang);
  g_free (self);
}

void
rd_session_info_free (RdSessionInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->token);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_object (&self->user);
  g_free (self);
}

RdConfig *
rd_config_new_default (void)
{
  static const char * const types[] = { "image/jpeg", "image/png", "application/pdf", NULL };
  RdConfig *self = g_new0 (RdConfig, 1);

  self->evidence_max_bytes = 10 * 1024 * 1024;
  self->evidence_types = g_strdupv ((char **) types);
  self->evidence_max_per_case = 20;
  self->text_max_chars = 4000;
  self->seller_response_business_days = 3;
  self->buyer_response_days = 7;
  return self;
}

void
rd_config_free (RdConfig *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->evidence_types);
  g_free (self);
}

RdChanges *
rd_changes_new (void)
{
  RdChanges *self = g_new0 (RdChanges, 1);

  self->orders = g_ptr_array_new_with_free_func (g_object_unref);
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
rd_changes_free (RdChanges *self)
{
  if (self == NULL)
    return;
  g_free (self->cursor);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_strfreev (self->removed);
  g_free (self);
}

static void
field_error_free (gpointer data)
{
  RdFieldError *fe = data;

  g_free (fe->field);
  g_free (fe->code);
  g_free (fe);
}

RdProblem *
rd_problem_new (RdErrorCode  code,
                const char  *detail)
{
  RdProblem *self = g_new0 (RdProblem, 1);

  self->code = code;
  self->status = rd_error_code_http_status (code);
  self->detail = g_strdup (detail);
  self->errors = g_ptr_array_new_with_free_func (field_error_free);
  return self;
}

void
rd_problem_add_field_error (RdProblem  *self,
                            const char *field,
                            const char *code)
{
  RdFieldError *fe = g_new0 (RdFieldError, 1);

  fe->field = g_strdup (field);
  fe->code = g_strdup (code);
  g_ptr_array_add (self->errors, fe);
}

void
rd_problem_free (RdProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->type);
  g_free (self->title);
  g_free (self->detail);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_object (&self->current_case);
  g_free (self);
}
