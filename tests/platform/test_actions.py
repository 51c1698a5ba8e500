#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The whole action table of API.md: for each state of a case and each role,
`allowed_actions` is what the table says; every allowed action succeeds with
the right status, turn and deadline; every other one is 403 (the role may
never take it) or 409 invalid_transition (not in this state), and changes
nothing.  Runs with --test-clock, moved to a Tuesday 10:00 UTC so that
business-day deadlines are exact."""

from platformlib import (ACTION_TYPES, SetupError, case_defects, category,
                         deadline_defects, main, new_case, new_events, new_id,
                         parse_time, release)

# The states a case can be in, as far as the action table tells them apart.
STATES = {
    "A": "awaiting_seller (new)",
    "B": "awaiting_seller (after a rejected offer)",
    "C": "awaiting_buyer",
    "D": "return_pending (not shipped)",
    "E": "return_pending (shipped)",
    "F": "under_review",
    "G": "resolved (after review, not rated)",
    "H": "resolved (rated)",
}
STATUS_OF = {"A": "awaiting_seller", "B": "awaiting_seller", "C": "awaiting_buyer",
             "D": "return_pending", "E": "return_pending", "F": "under_review",
             "G": "resolved", "H": "resolved"}

# What each role may do in each state (None: the agent cannot see the case,
# which never was under review).
ALLOWED = {
    "A": {"buyer": {"message", "withdraw"},
          "seller": {"message", "offer", "accept_claim"}, "agent": None},
    "B": {"buyer": {"message", "withdraw", "escalate"},
          "seller": {"message", "offer", "accept_claim", "escalate"}, "agent": None},
    "C": {"buyer": {"message", "accept_offer", "reject_offer", "escalate", "withdraw"},
          "seller": {"message", "escalate"}, "agent": None},
    "D": {"buyer": {"message", "withdraw", "ship_return"},
          "seller": {"message"}, "agent": None},
    "E": {"buyer": {"message", "withdraw"},
          "seller": {"message", "confirm_return"}, "agent": None},
    "F": {"buyer": {"message", "withdraw"}, "seller": {"message"},
          "agent": {"message", "rule"}},
    "G": {"buyer": {"rate"}, "seller": set(), "agent": set()},
    "H": {"buyer": set(), "seller": set(), "agent": set()},
}
# API.md does not say whether the buyer may ship a return twice.
UNDECIDED = {("E", "buyer"): {"ship_return"}}
# The "who" column: anything else is 403 for that role.
ROLE_MAY = {
    "buyer": {"message", "accept_offer", "reject_offer", "escalate", "withdraw",
              "ship_return", "rate"},
    "seller": {"message", "offer", "accept_claim", "escalate", "confirm_return"},
    "agent": {"message", "rule"},
}
EVENT_OF = {"message": "message", "offer": "offer", "accept_claim": "claim_accepted",
            "accept_offer": "offer_accepted", "reject_offer": "offer_rejected",
            "escalate": "escalated", "withdraw": "withdrawn",
            "ship_return": "return_shipped", "confirm_return": "return_received",
            "rule": "ruled", "rate": "rated"}


def seller_of(p, kase):
    return "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"


def login_of(p, kase, role):
    return {"buyer": "ana", "seller": seller_of(p, kase), "agent": "mia"}[role]


def pending_offer(kase):
    for o in reversed(kase.get("offers") or []):
        if o.get("status") == "pending":
            return o
    return None


def offer_body(otype, kase, note="We can do this."):
    offer = {"type": otype, "note": note}
    if otype == "partial_refund":
        price = kase["item"]["unit_price"]
        offer["amount"] = {"amount": max(1, price["amount"] // 3),
                           "currency": price["currency"]}
    return offer


def fields_for(atype, kase):
    """A valid body (beyond id and type) for @atype on @kase."""
    any_offer = pending_offer(kase) or (kase.get("offers") or [{"id": new_id()}])[-1]
    return {
        "message": {"text": "Hello from the test.", "lang": "en", "evidence_ids": []},
        "offer": {"offer": offer_body("full_refund", kase)},
        "accept_claim": {},
        "accept_offer": {"offer_id": any_offer["id"]},
        "reject_offer": {"offer_id": any_offer["id"], "reason": "Not enough."},
        "escalate": {"reason": "We cannot agree."},
        "withdraw": {},
        "ship_return": {"carrier": "DHL", "tracking": "JJD0099887766"},
        "confirm_return": {},
        "rule": {"decision": "seller", "note": "The photos show no defect."},
        "rate": {"stars": 4, "comment": "Fair."},
    }[atype]


def build(p, state, requested="full_refund", offer_type="full_refund"):
    """A fresh case of ana's in @state."""
    if state in ("D", "E"):
        requested = "return_and_refund"
    kase = new_case(p, "ana", requested_type=requested)
    seller = seller_of(p, kase)
    if state == "A":
        return kase
    if state == "D" or state == "E":
        kase = p.must_act(seller, kase["id"], "accept_claim", version=kase["version"])
        if kase["status"] != "return_pending":
            raise SetupError(f"accepting a return_and_refund claim gave {kase['status']}")
        if state == "E":
            kase = p.must_act("ana", kase["id"], "ship_return", version=kase["version"],
                              carrier="DHL", tracking="JJD0001")
        return kase
    kase = p.must_act(seller, kase["id"], "offer", version=kase["version"],
                      offer=offer_body(offer_type, kase))
    if state == "C":
        return kase
    if state == "B":
        return p.must_act("ana", kase["id"], "reject_offer", version=kase["version"],
                          offer_id=pending_offer(kase)["id"], reason="Too little.")
    kase = p.must_act("ana", kase["id"], "escalate", version=kase["version"],
                      reason="We cannot agree.")
    if state == "F":
        return kase
    kase = p.must_act("mia", kase["id"], "rule", version=kase["version"],
                      decision="seller", note="No defect shown.")
    if state == "G":
        return kase
    return p.must_act("ana", kase["id"], "rate", version=kase["version"], stars=3)


@category("transition")
def test_matrix(t, p):
    """allowed_actions, and every disallowed action, in every state."""
    for state, label in STATES.items():
        kase = build(p, state)
        t.eq(kase["status"], STATUS_OF[state], f"{label}: the case is {STATUS_OF[state]}")
        t.ok(not case_defects(kase), f"{label}: the case is a well-formed Case",
             "\n".join(case_defects(kase)))
        version = kase["version"]
        for role in ("buyer", "seller", "agent"):
            login = login_of(p, kase, role)
            expected = ALLOWED[state][role]
            r = p.get(f"/v1/cases/{kase['id']}", user=login)
            if expected is None:
                t.problem(r, 404, "not_found",
                          f"{label}: the agent cannot see a case never under review",
                          category="authorization")
            elif t.status(r, 200, f"{label}: the {role} sees the case"):
                got = set(r.json.get("allowed_actions", []))
                undecided = UNDECIDED.get((state, role), set())
                t.eq(sorted(got - undecided), sorted(expected),
                     f"{label}: allowed_actions of the {role}")
            for atype in ACTION_TYPES:
                if expected is not None and (atype in expected or
                                             atype in UNDECIDED.get((state, role), ())):
                    continue
                r = p.act(login, kase["id"], atype, version=version,
                          **fields_for(atype, kase))
                if expected is None:
                    t.problem(r, 404, "not_found",
                              f"{label}: the agent's {atype} is 404", category="authorization")
                elif atype not in ROLE_MAY[role]:
                    t.problem(r, 403, "forbidden",
                              f"{label}: {atype} by the {role} is 403 (never the {role}'s)")
                else:
                    t.problem(r, 409, "invalid_transition",
                              f"{label}: {atype} by the {role} is 409 invalid_transition")
        after = p.case("ana", kase["id"])
        t.eq((after["version"], after["status"]), (version, kase["status"]),
             f"{label}: the refused actions changed nothing")
        # A message does not change the state (where a role may send one).
        for role in ("buyer", "seller", "agent"):
            if ALLOWED[state][role] and "message" in ALLOWED[state][role]:
                login = login_of(p, kase, role)
                before = p.case(login, kase["id"])
                r = p.act(login, kase["id"], "message", if_match=False,
                          text=f"A word from the {role}.", lang="en", evidence_ids=[])
                if not t.status(r, 200, f"{label}: the {role} sends a message"):
                    continue
                c = r.json
                t.eq((c["status"], c["turn"], c["respond_by"], c["on_expiry"],
                      c["version"]),
                     (before["status"], before["turn"], before["respond_by"],
                      before["on_expiry"], before["version"] + 1),
                     f"{label}: the {role}'s message keeps status, turn and deadline")
                ev = new_events(before, c)
                t.ok(len(ev) == 1 and ev[0]["type"] == "message"
                     and ev[0]["actor"]["role"] == role
                     and ev[0].get("text") == f"A word from the {role}.",
                     f"{label}: the {role}'s message is one message event",
                     repr(ev))
        release(p, kase)


def check_transition(t, p, label, before, resp, login, role, atype, status, deadline,
                     outcome=None, by=None, amount=None):
    """@resp answers @atype by @login: the case is in @status with the
    deadline @deadline (a kind of platformlib.DEADLINE_SHAPE, or None) and
    the new events begin with the action's own."""
    if not t.status(resp, 200, f"{label}: {atype} by the {role} succeeds"):
        return None
    c = resp.json
    why = case_defects(c)
    t.eq(c.get("status"), status, f"{label}: {atype} by the {role} leads to {status}",
         "\n".join(why))
    t.eq(c.get("version"), before["version"] + 1, f"{label}: {atype} makes one new version")
    if status == "under_review":
        t.eq(c.get("turn"), "agent", f"{label}: {atype}: the agent's turn")
    elif status == "resolved":
        t.eq(c.get("turn"), "none", f"{label}: {atype}: nobody's turn")
    why = deadline_defects(c, deadline, parse_time(c.get("updated_at")))
    t.ok(not why, f"{label}: {atype}: respond_by and on_expiry are "
         f"{'those of the ' + deadline + ' deadline' if deadline else 'null'}",
         "\n".join(why))
    ev = new_events(before, c)
    t.ok(ev and ev[0].get("type") == EVENT_OF[atype]
         and ev[0].get("actor", {}).get("id") == p.user_id(login)
         and ev[0].get("actor", {}).get("role") == role,
         f"{label}: {atype} adds a {EVENT_OF[atype]} event by the {role}",
         repr([(e.get("type"), e.get("actor")) for e in ev]))
    if status == "resolved" and before["status"] != "resolved":
        res = c.get("resolution") or {}
        t.eq(res.get("outcome"), outcome, f"{label}: {atype} resolves as {outcome}")
        if by is not None:
            t.eq(res.get("by"), by, f"{label}: {atype} resolves by {by}")
        if amount is not None:
            t.eq(res.get("amount"), amount, f"{label}: {atype} resolves with the amount")
        t.ok(any(e.get("type") == "resolved" and e.get("outcome") == outcome for e in ev),
             f"{label}: {atype} adds a resolved event with outcome {outcome}",
             repr([e.get("type") for e in ev]))
        t.eq(c.get("allowed_actions") if role != "buyer" else
             sorted(c.get("allowed_actions", [])),
             [] if role != "buyer" else ["rate"],
             f"{label}: after {atype} the {role} may do nothing more "
             f"{'but rate' if role == 'buyer' else ''}")
    return c


@category("transition")
def test_awaiting_seller(t, p):
    label = STATES["A"]
    kase = build(p, "A")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")
    for otype in ("full_refund", "partial_refund", "replacement", "repair",
                  "return_and_refund"):
        kase = build(p, "A")
        seller = seller_of(p, kase)
        offer = offer_body(otype, kase)
        r = p.act(seller, kase["id"], "offer", version=kase["version"], offer=offer)
        c = check_transition(t, p, f"{label}, {otype}", kase, r, seller, "seller", "offer",
                             "awaiting_buyer", "buyer")
        if c:
            o = (c.get("offers") or [{}])[-1]
            t.eq((o.get("type"), o.get("status"), o.get("amount"), o.get("note")),
                 (otype, "pending", offer.get("amount"), offer["note"]),
                 f"{label}: the {otype} offer is listed, pending")
            t.eq(new_events(kase, c)[0].get("offer_id"), o.get("id"),
                 f"{label}: the offer event names the offer")
        release(p, kase)
    for req, outcome in (("full_refund", "refunded"),
                         ("partial_refund", "partially_refunded"),
                         ("replacement", "replaced"), ("repair", "repaired")):
        kase = build(p, "A", requested=req)
        seller = seller_of(p, kase)
        r = p.act(seller, kase["id"], "accept_claim", version=kase["version"])
        check_transition(t, p, f"{label}, {req} requested", kase, r, seller, "seller",
                         "accept_claim", "resolved", None, outcome=outcome, by="seller",
                         amount=kase["requested"].get("amount"))
        release(p, kase)
    kase = build(p, "A", requested="return_and_refund")
    seller = seller_of(p, kase)
    r = p.act(seller, kase["id"], "accept_claim", version=kase["version"])
    check_transition(t, p, f"{label}, return_and_refund requested", kase, r, seller,
                     "seller", "accept_claim", "return_pending", "ship")
    release(p, kase)


@category("transition")
def test_after_rejected_offer(t, p):
    label = STATES["B"]
    kase = build(p, "B")
    t.ok(not deadline_defects(kase, "seller", parse_time(kase["updated_at"])),
         f"{label}: the rejection restarts the seller's deadline",
         "\n".join(deadline_defects(kase, "seller", parse_time(kase["updated_at"]))))
    t.eq([o.get("status") for o in kase.get("offers", [])], ["rejected"],
         f"{label}: the offer is rejected")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")
    for role in ("buyer", "seller"):
        kase = build(p, "B")
        login = login_of(p, kase, role)
        r = p.act(login, kase["id"], "escalate", version=kase["version"],
                  reason="No agreement.")
        c = check_transition(t, p, label, kase, r, login, role, "escalate", "under_review",
                             None)
        if c:
            t.eq(new_events(kase, c)[0].get("reason"), "No agreement.",
                 f"{label}: the escalated event carries the reason")
            r = p.get(f"/v1/cases/{kase['id']}", user="mia")
            t.status(r, 200, f"{label}: after the {role} escalates, the agent sees the case",
                     category="authorization")
        release(p, kase)
    kase = build(p, "B")
    seller = seller_of(p, kase)
    r = p.act(seller, kase["id"], "offer", version=kase["version"],
              offer=offer_body("repair", kase))
    c = check_transition(t, p, label, kase, r, seller, "seller", "offer", "awaiting_buyer",
                         "buyer")
    if c:
        t.eq([o.get("status") for o in c.get("offers", [])], ["rejected", "pending"],
             f"{label}: a second offer is pending beside the rejected one")
    release(p, kase)
    kase = build(p, "B")
    seller = seller_of(p, kase)
    r = p.act(seller, kase["id"], "accept_claim", version=kase["version"])
    check_transition(t, p, label, kase, r, seller, "seller", "accept_claim", "resolved",
                     None, outcome="refunded", by="seller")
    release(p, kase)


@category("transition")
def test_awaiting_buyer(t, p):
    label = STATES["C"]
    for otype, outcome in (("full_refund", "refunded"),
                           ("partial_refund", "partially_refunded"),
                           ("replacement", "replaced"), ("repair", "repaired"),
                           ("return_and_refund", None)):
        kase = build(p, "C", offer_type=otype)
        offer = pending_offer(kase)
        r = p.act("ana", kase["id"], "accept_offer", version=kase["version"],
                  offer_id=offer["id"])
        if outcome:
            c = check_transition(t, p, f"{label}, {otype} offer", kase, r, "ana", "buyer",
                                 "accept_offer", "resolved", None, outcome=outcome,
                                 by="agreement", amount=offer.get("amount"))
        else:
            c = check_transition(t, p, f"{label}, {otype} offer", kase, r, "ana", "buyer",
                                 "accept_offer", "return_pending", "ship")
        if c:
            t.eq([o.get("status") for o in c.get("offers", [])], ["accepted"],
                 f"{label}: the {otype} offer is accepted")
            t.eq(new_events(kase, c)[0].get("offer_id"), offer["id"],
                 f"{label}: offer_accepted names the offer")
        release(p, kase)
    kase = build(p, "C")
    offer = pending_offer(kase)
    r = p.act("ana", kase["id"], "reject_offer", version=kase["version"],
              offer_id=offer["id"], reason="I want my money back.")
    c = check_transition(t, p, label, kase, r, "ana", "buyer", "reject_offer",
                         "awaiting_seller", "seller")
    if c:
        ev = new_events(kase, c)[0]
        t.eq((ev.get("offer_id"), ev.get("reason")), (offer["id"], "I want my money back."),
             f"{label}: offer_rejected names the offer and the reason")
        t.eq([o.get("status") for o in c.get("offers", [])], ["rejected"],
             f"{label}: the offer is rejected")
    release(p, kase)
    for role in ("buyer", "seller"):
        kase = build(p, "C")
        login = login_of(p, kase, role)
        r = p.act(login, kase["id"], "escalate", version=kase["version"],
                  reason="Please decide.")
        check_transition(t, p, label, kase, r, login, role, "escalate", "under_review", None)
        release(p, kase)
    kase = build(p, "C")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")
    kase = build(p, "C")
    offer = pending_offer(kase)
    r = p.act("ana", kase["id"], "accept_offer", version=kase["version"], offer_id=new_id())
    t.ok(r.status in (404, 409, 422) and r.status != 200,
         f"{label}: accepting an offer that does not exist is refused", r.describe())
    t.eq(p.case("ana", kase["id"])["version"], kase["version"],
         f"{label}: ... and changes nothing")
    release(p, kase)


@category("transition")
def test_return(t, p):
    label = STATES["D"]
    kase = build(p, "D")
    t.ok(not deadline_defects(kase, "ship", parse_time(kase["updated_at"])),
         f"{label}: the buyer has 7 days to ship",
         "\n".join(deadline_defects(kase, "ship", parse_time(kase["updated_at"]))))
    r = p.act("ana", kase["id"], "ship_return", version=kase["version"], carrier="UPS",
              tracking="1Z999AA10123456784")
    c = check_transition(t, p, label, kase, r, "ana", "buyer", "ship_return",
                         "return_pending", "receipt")
    if c:
        ev = new_events(kase, c)[0]
        t.eq((ev.get("carrier"), ev.get("tracking")), ("UPS", "1Z999AA10123456784"),
             f"{label}: return_shipped carries carrier and tracking")
    release(p, kase)
    kase = build(p, "D")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")
    label = STATES["E"]
    kase = build(p, "E")
    seller = seller_of(p, kase)
    r = p.act(seller, kase["id"], "confirm_return", version=kase["version"])
    check_transition(t, p, label, kase, r, seller, "seller", "confirm_return", "resolved",
                     None, outcome="refunded")
    kase = build(p, "E")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")


@category("transition")
def test_review(t, p):
    label = STATES["F"]
    for decision, outcome in (("buyer", "refunded"), ("seller", "rejected"),
                              ("split", "partially_refunded")):
        kase = build(p, "F")
        fields = {"decision": decision, "note": f"Ruled for the {decision}."}
        amount = None
        if decision == "split":
            price = kase["item"]["unit_price"]
            amount = {"amount": max(1, price["amount"] // 2), "currency": price["currency"]}
            fields["amount"] = amount
        r = p.act("mia", kase["id"], "rule", version=kase["version"], **fields)
        c = check_transition(t, p, f"{label}, ruling for the {decision}", kase, r, "mia",
                             "agent", "rule", "resolved", None, outcome=outcome,
                             by="platform", amount=amount)
        if c:
            ev = new_events(kase, c)[0]
            t.eq((ev.get("decision"), ev.get("note"), ev.get("amount")),
                 (decision, f"Ruled for the {decision}.", amount),
                 f"{label}: the ruled event carries decision, note and amount")
            t.eq(sorted(p.case("ana", kase["id"]).get("allowed_actions", [])), ["rate"],
                 f"{label}: after the ruling the buyer may rate")
        release(p, kase)
    kase = build(p, "F")
    r = p.act("ana", kase["id"], "withdraw", version=kase["version"])
    check_transition(t, p, label, kase, r, "ana", "buyer", "withdraw", "resolved", None,
                     outcome="withdrawn")
    label = STATES["G"]
    kase = build(p, "G")
    r = p.act("ana", kase["id"], "rate", version=kase["version"], stars=2,
              comment="Slow.")
    c = check_transition(t, p, label, kase, r, "ana", "buyer", "rate", "resolved", None)
    if c:
        t.eq(c.get("rating"), {"stars": 2, "comment": "Slow."}, f"{label}: the rating")
        t.eq(c.get("resolution"), kase.get("resolution"),
             f"{label}: rating keeps the resolution")
        t.eq(c.get("allowed_actions"), [], f"{label}: rating is once")


@category("transition")
def test_texts_and_fields(t, p):
    """Fields of the action table that the platform must check."""
    kase = build(p, "C")
    seller = seller_of(p, kase)
    g = build(p, "G")
    for stars in (0, 6):
        r = p.act("ana", g["id"], "rate", version=g["version"], stars=stars)
        t.problem(r, 422, "validation_failed", f"rate with {stars} stars is 422",
                  field="stars", category="bad-input")
    long = "x" * 4001
    r = p.act("ana", kase["id"], "message", if_match=False, text=long, lang="en",
              evidence_ids=[])
    t.problem(r, 422, "validation_failed", "a message of 4001 characters is 422",
              field="text", category="bad-input")
    ok = "字" * 4000
    r = p.act("ana", kase["id"], "message", if_match=False, text=ok, lang="zh_CN",
              evidence_ids=[])
    t.status(r, 200, "a message of 4000 characters (not bytes) is accepted",
             category="bad-input")
    r = p.act(seller, kase["id"], "escalate", reason="y" * 4001)
    t.problem(r, 422, "validation_failed", "an escalation reason of 4001 characters is 422",
              field="reason", category="bad-input")
    r = p.act("ana", kase["id"], "message", if_match=False,
              template={"id": "request_photos", "params": {}}, lang="en", evidence_ids=[])
    if t.status(r, 200, "a template message"):
        ev = r.json["events"][-1]
        t.eq(ev.get("template"), {"id": "request_photos", "params": {}},
             "the message event carries the template")
    r = p.act("ana", kase["id"], "message", if_match=False,
              template={"id": "refund_issued", "params": {"amount": "1000 EUR"}},
              lang="en", evidence_ids=[])
    if t.status(r, 200, "a template message with parameters"):
        t.eq(r.json["events"][-1].get("template"),
             {"id": "refund_issued", "params": {"amount": "1000 EUR"}},
             "the template's parameters are kept")
    release(p, kase)


def setup_clock(t, p):
    now = p.align_to_weekday(1, 10)
    t.ok(now.weekday() == 1, "the test clock moves to a Tuesday", str(now),
         category="deadline")


setup_clock.category = "deadline"

if __name__ == "__main__":
    main("actions", [setup_clock, test_matrix, test_awaiting_seller,
                     test_after_rejected_offer, test_awaiting_buyer, test_return,
                     test_review, test_texts_and_fields],
         test_clock=True)
