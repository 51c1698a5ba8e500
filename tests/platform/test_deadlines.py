#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deadlines that act by themselves: with --test-clock, move time just before
and just past each kind of deadline of API.md and see the sweep escalate or
expire the case, with its events, and nothing happen early."""

import datetime as dt

from platformlib import (SWEEP_ACTOR, SetupError, category, deadline_defects, main,
                         new_case, new_events, parse_time)


def seller_of(p, kase):
    return "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"


def buyer_of(p, kase):
    return "ana" if kase["buyer"]["id"] == p.user_id("ana") else "li"


def file_any(p, requested_type="full_refund"):
    """A new case of ana's, or of li's once ana has no item left to file on."""
    try:
        return new_case(p, "ana", requested_type=requested_type)
    except SetupError:
        return new_case(p, "li", requested_type=requested_type)


def pending_offer(kase):
    return [o for o in kase["offers"] if o["status"] == "pending"][-1]


@category("deadline")
def test_sweep(t, p):
    now = p.align_to_weekday(0, 10)
    t.ok(now.weekday() == 0, "the test clock moves to a Monday 10:00", str(now))

    cases = {}   # name: (case, kind, what should happen)
    k = file_any(p)
    t.ok(not deadline_defects(k, "seller", parse_time(k["created_at"])),
         "a new case: the seller has 3 business days",
         "\n".join(deadline_defects(k, "seller", parse_time(k["created_at"]))))
    cases["new case, seller silent"] = (k, "seller", "escalate")

    k = file_any(p)
    s = seller_of(p, k)
    k = p.must_act(s, k["id"], "offer", version=k["version"],
                   offer={"type": "repair", "note": "We will repair it."})
    t.ok(not deadline_defects(k, "buyer", parse_time(k["updated_at"])),
         "an offer: the buyer has 7 days",
         "\n".join(deadline_defects(k, "buyer", parse_time(k["updated_at"]))))
    cases["offer, buyer silent"] = (k, "buyer", "expire")

    k = file_any(p, "return_and_refund")
    s = seller_of(p, k)
    k = p.must_act(s, k["id"], "accept_claim", version=k["version"])
    t.ok(not deadline_defects(k, "ship", parse_time(k["updated_at"])),
         "return_pending: the buyer has 7 days to ship",
         "\n".join(deadline_defects(k, "ship", parse_time(k["updated_at"]))))
    cases["return, buyer does not ship"] = (k, "ship", "expire")

    k = file_any(p, "return_and_refund")
    s = seller_of(p, k)
    k = p.must_act(s, k["id"], "accept_claim", version=k["version"])
    k = p.must_act(buyer_of(p, k), k["id"], "ship_return", version=k["version"], carrier="DHL",
                   tracking="JJD123")
    t.ok(not deadline_defects(k, "receipt", parse_time(k["updated_at"])),
         "return shipped: the seller has 10 business days to confirm",
         "\n".join(deadline_defects(k, "receipt", parse_time(k["updated_at"]))))
    cases["return shipped, seller silent"] = (k, "receipt", "escalate")

    k = file_any(p)
    s = seller_of(p, k)
    k = p.must_act(s, k["id"], "offer", version=k["version"],
                   offer={"type": "full_refund"})
    k = p.must_act(buyer_of(p, k), k["id"], "reject_offer", version=k["version"],
                   offer_id=pending_offer(k)["id"])
    t.ok(not deadline_defects(k, "seller", parse_time(k["updated_at"])),
         "a rejected offer: the seller has 3 business days again",
         "\n".join(deadline_defects(k, "seller", parse_time(k["updated_at"]))))
    cases["offer rejected, seller silent"] = (k, "seller", "escalate")

    k = file_any(p)
    s = seller_of(p, k)
    k = p.must_act(s, k["id"], "offer", version=k["version"], offer={"type": "full_refund"})
    k = p.must_act(buyer_of(p, k), k["id"], "escalate", version=k["version"], reason="Help.")
    t.ok(not deadline_defects(k, None, None), "under review: no deadline",
         "\n".join(deadline_defects(k, None, None)))
    review = k

    cursors = {}
    for login in ("ana", "li", "kai", "sol", "mia"):
        cursors[login] = p.pull_all(login, limit=500)[1]

    pending = sorted(cases.items(), key=lambda kv: kv[1][0]["respond_by"])
    done = set()
    for name, (kase, kind, effect) in pending:
        rb = parse_time(kase["respond_by"])
        # Margins of minutes: the test clock may stand still between moves
        # while p.now() estimates it from the real clock.
        if p.now() < rb - dt.timedelta(minutes=6):
            p.advance_to(rb - dt.timedelta(minutes=5))
            for other, (oc, _, _) in cases.items():
                if other in done:
                    continue
                c = p.case(buyer_of(p, oc), oc["id"])
                t.eq((c["status"], c["version"]), (oc["status"], oc["version"]),
                     f"{other}: minutes before its deadline nothing has happened "
                     f"(now {p.now():%a %H:%M})")
        p.advance_to(rb + dt.timedelta(minutes=5))
        done.add(name)
        c = p.case(buyer_of(p, kase), kase["id"])
        ev = new_events(kase, c)
        types = [e.get("type") for e in ev]
        if effect == "escalate":
            t.eq((c["status"], c["turn"]), ("under_review", "agent"),
                 f"{name}: past the deadline the case is under review, the agent's turn")
            t.ok(not deadline_defects(c, None, None), f"{name}: no deadline under review",
                 "\n".join(deadline_defects(c, None, None)))
            t.eq(types[:2], ["deadline_missed", "escalated"],
                 f"{name}: the timeline says deadline_missed, then escalated")
            t.status(p.get(f"/v1/cases/{kase['id']}", user="mia"), 200,
                     f"{name}: the agent now sees the case")
        else:
            res = c.get("resolution") or {}
            t.eq((c["status"], c["turn"], res.get("outcome"), res.get("by")),
                 ("resolved", "none", "expired", "deadline"),
                 f"{name}: past the deadline the case is resolved: expired, by deadline")
            t.ok(not deadline_defects(c, None, None), f"{name}: no deadline when resolved",
                 "\n".join(deadline_defects(c, None, None)))
            t.ok("resolved" in types and any(e.get("outcome") == "expired" for e in ev
                                             if e.get("type") == "resolved"),
                 f"{name}: the timeline says resolved, expired", repr(types))
            t.ok(res.get("at") and parse_time(res["at"]) >= parse_time(kase["respond_by"]),
                 f"{name}: resolved at or after the deadline", repr(res))
        t.ok(ev and all(e.get("actor") == SWEEP_ACTOR for e in ev),
             f"{name}: the sweep's events are by the platform",
             repr([e.get("actor") for e in ev]))
        t.ok(ev and all(parse_time(e["at"]) >= rb for e in ev),
             f"{name}: the sweep's events are dated at or after the deadline",
             repr([(e.get("at")) for e in ev]) + f" deadline {kase['respond_by']}")
        t.ok(c["version"] > kase["version"], f"{name}: the sweep makes a new version",
             f"{kase['version']} -> {c['version']}")

    # An agent has no deadline: a month later the review is still open.
    p.advance(30 * 24 * 3600)
    c = p.case(buyer_of(p, review), review["id"])
    t.eq((c["status"], c["version"]), ("under_review", review["version"]),
         "a case under review is untouched a month later")
    for name, (kase, _, _) in cases.items():
        c = p.case(buyer_of(p, kase), kase["id"])
        t.ok(c["status"] in ("under_review", "resolved"),
             f"{name}: still swept a month later", c["status"])

    # The sweep's changes reach everybody who sees the cases.
    for login, cursor in cursors.items():
        pages, _ = p.pull_all(login, limit=500, since=cursor)
        got = {c["id"] for pg in pages for c in pg.get("cases", [])}
        mine = set()
        for name, (kase, _, effect) in cases.items():
            if login in (buyer_of(p, kase), seller_of(p, kase)) or (
                    login == "mia" and effect == "escalate"):
                mine.add(kase["id"])
        t.ok(mine <= got, f"changes after the sweep reach {login}",
             f"missing {sorted(mine - got)}")
        unseen = {kase["id"] for kase, _, e in cases.values()} - mine
        t.ok(not (unseen & got), f"... and only the cases {login} may see",
             f"extra {sorted(unseen & got)}")


@category("deadline")
def test_clock_endpoint(t, p):
    before = p.now()
    r = p.request("POST", "/v1/test/clock", {"advance_seconds": 60}, user="ana")
    if not t.status(r, 200, "POST /v1/test/clock answers 200", category="endpoint"):
        raise SetupError("no clock")
    got = parse_time(r.json["now"])
    t.ok(abs((got - before).total_seconds() - 60) < 30,
         "POST /v1/test/clock moves the clock by advance_seconds",
         f"before {before}, after {got}")
    p.clock_offset = got - dt.datetime.now(dt.timezone.utc)
    r = p.request("POST", "/v1/test/clock", {"advance_seconds": "soon"}, user="ana")
    t.problem(r, 422, "validation_failed", "advance_seconds must be a number",
              category="bad-input")
    r = p.request("POST", "/v1/test/clock", {"advance_seconds": 60})
    t.problem(r, 401, "unauthorized", "POST /v1/test/clock needs a token",
              category="authorization")


@category("deadline")
def test_token_expiry(t, p):
    r = p.login("li")
    tok, exp = r.json["token"], parse_time(r.json["expires_at"])
    t.status(p.get("/v1/me", token=tok), 200, "a fresh token works")
    p.advance_to(exp - dt.timedelta(minutes=5))
    t.status(p.get("/v1/me", token=tok), 200, "the token works until its expires_at")
    p.advance_to(exp + dt.timedelta(minutes=5))
    t.problem(p.get("/v1/me", token=tok), 401, "unauthorized",
              "past expires_at the token is 401", category="authorization")


if __name__ == "__main__":
    main("deadlines", [test_clock_endpoint, test_sweep, test_token_expiry], test_clock=True)
