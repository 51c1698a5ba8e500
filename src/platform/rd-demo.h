/* rd-demo.h — the demo world and synthetic data of redress-platform
 *
 * The demo and generated data are described, not inserted: a list of
 * accounts, a list of orders and a script of steps.  The server plays the
 * script through its own rules (the same code that serves the API), with its
 * clock set to each step's time, so every timeline, status and deadline is
 * one that the platform itself would have produced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-order.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;         /* stable user id, e.g. "u-ana" */
  char   *login;      /* "ana" */
  char   *password;   /* "demo" */
  char   *name;       /* "Ana Ribeiro", or the shop's name for a seller */
  RdRole  role;
  char   *locale;     /* "en", "zh_CN", "de" ... */
} RdDemoAccount;

typedef enum
{
  RD_DEMO_STEP_FILE,      /* the buyer files `draft` as case `case_id` */
  RD_DEMO_STEP_EVIDENCE,  /* `actor` uploads `evidence_bytes` as `evidence_id` to `case_id` */
  RD_DEMO_STEP_ACTION,    /* `actor` takes `action` on `case_id` */
  RD_DEMO_STEP_SWEEP,     /* the deadline sweep runs (after `at`) */
} RdDemoStepKind;

typedef struct
{
  RdDemoStepKind  kind;
  GDateTime      *at;              /* the platform's clock for this step */
  char           *actor;           /* the acting user's id */
  char           *case_id;
  RdCaseDraft    *draft;           /* FILE */
  RdAction       *action;          /* ACTION */
  char           *evidence_id;     /* EVIDENCE */
  GBytes         *evidence_bytes;  /* EVIDENCE: real JPEG/PNG/PDF bytes */
  char           *evidence_mime;
  char           *evidence_filename;
} RdDemoStep;

typedef struct
{
  GPtrArray *accounts;  /* element-type RdDemoAccount */
  GPtrArray *orders;    /* element-type RdOrder; buyer/seller ids are account ids */
  GPtrArray *steps;     /* element-type RdDemoStep, in time order */
} RdDemoWorld;

void         rd_demo_world_free (RdDemoWorld *world);

/* The five accounts of API.md (ana, li, kai, sol, mia; password "demo"), orders
 * of both shops for both buyers dated relative to @now so that every reason is
 * both inside and outside its filing window, and cases in every status. */
RdDemoWorld *rd_demo_world_new (GDateTime *now);

/* @n synthetic orders, each with a case, in every status, spread over many
 * synthetic buyers (ids "gen-buyer-N", password "demo") and the two demo
 * shops; deterministic for a @seed.  Accounts already in the demo world are
 * not repeated (the sellers are "u-kai" and "u-sol"). */
RdDemoWorld *rd_demo_world_generate (GDateTime *now,
                                     guint      n,
                                     guint32    seed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdDemoWorld, rd_demo_world_free)

G_END_DECLS
