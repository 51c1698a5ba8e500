#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authorization as a matrix: every endpoint x every role x own / someone
else's object.  Someone else's object is 404 (never a hint that it exists),
a wrong role is 403, no token is 401."""

from platformlib import (SetupError, category, find_fileable, main, new_case, new_id,
                         png_bytes)


class World:
    """ana's case with one shop, li's case with the other, and a case of ana's
    under review with the first shop; evidence on each."""

    def __init__(self, p):
        shops = {"kai": p.user_id("kai"), "sol": p.user_id("sol")}
        for sa, sl in (("kai", "sol"), ("sol", "kai")):
            if find_fileable(p, "ana", seller_id=shops[sa]) and \
                    find_fileable(p, "li", seller_id=shops[sl]):
                break
        else:
            raise SetupError("the demo has no pair of fileable items of ana and li "
                             "with different shops")
        self.sa, self.sl = sa, sl   # the sellers of ana's and li's cases
        self.ca = new_case(p, "ana", seller_id=shops[sa])
        self.cl = new_case(p, "li", seller_id=shops[sl])
        cr = new_case(p, "ana", seller_id=shops[sa])
        cr = p.must_act(sa, cr["id"], "offer", version=cr["version"],
                        offer={"type": "full_refund"})
        self.cr = p.must_act("ana", cr["id"], "escalate", version=cr["version"],
                             reason="No agreement.")
        self.ev = {}
        for name, login, kase in (("ea", "ana", self.ca), ("el", "li", self.cl),
                                  ("er", "ana", self.cr)):
            eid = new_id()
            r = p.upload(login, eid, kase["id"], png_bytes(seed=len(self.ev)))
            if r.status != 201:
                raise SetupError(f"upload failed:\n{r.describe()}")
            self.ev[name] = eid
        self.oa = self.ca["order_id"]
        self.ol = self.cl["order_id"]


def world(p):
    if getattr(p, "authz_world", None) is None:
        p.authz_world = World(p)
    return p.authz_world


def same_404(t, p, a, b, name):
    """Two 404s, one for an object that exists and one for an id that does not,
    say the same thing but for the id itself."""
    def norm(r, ident):
        j = r.json if isinstance(r.json, dict) else {}
        return {k: str(j.get(k)).replace(ident, "ID") for k in ("type", "title", "status",
                                                                  "code", "detail")}
    (ra, ida), (rb, idb) = a, b
    t.eq(norm(ra, ida), norm(rb, idb), name, ra.describe() + "\n" + rb.describe())


@category("authorization")
def test_anonymous(t, p):
    w = world(p)
    t.status(p.get("/v1/health"), 200, "anonymous: GET /v1/health is 200")
    t.status(p.login("ana"), 200, "anonymous: POST /v1/session is 200")
    for method, path, body in (
            ("GET", "/v1/me", None), ("GET", "/v1/config", None),
            ("GET", "/v1/changes", None), ("DELETE", "/v1/session", None),
            ("GET", f"/v1/orders/{w.oa}", None),
            ("PUT", f"/v1/cases/{new_id()}", {"order_id": w.oa,
                                               "item_sku": w.ca["item"]["sku"],
                                               "reason": "defective",
                                               "requested": {"type": "repair"},
                                               "description": "x", "lang": "en"}),
            ("GET", f"/v1/cases/{w.ca['id']}", None),
            ("POST", f"/v1/cases/{w.ca['id']}/actions", {"id": new_id(), "type": "message",
                                                        "text": "hi", "lang": "en",
                                                        "evidence_ids": []}),
            ("GET", f"/v1/evidence/{w.ev['ea']}", None)):
        r = p.request(method, path, body)
        t.problem(r, 401, "unauthorized", f"anonymous: {method} {path.split('/')[2]} is 401")
    r = p.request("PUT", f"/v1/evidence/{new_id()}?case={w.ca['id']}", png_bytes(),
                  ctype="image/png", headers={"X-Filename": "a.png"})
    t.problem(r, 401, "unauthorized", "anonymous: PUT evidence is 401")
    r = p.get(f"/v1/cases/{w.ca['id']}", token="0" * 64)
    t.problem(r, 401, "unauthorized", "a made-up token is 401, not the case")


@category("authorization")
def test_every_role_reads(t, p):
    for login in ("ana", "kai", "mia"):
        for path in ("/v1/me", "/v1/config", "/v1/changes"):
            t.status(p.get(path, user=login), 200, f"{login}: GET {path}")
        tok = p.login(login).json["token"]
        t.status(p.request("DELETE", "/v1/session", token=tok), 204,
                 f"{login}: DELETE /v1/session of their own session")


@category("authorization")
def test_objects(t, p):
    w = world(p)
    ca, cl, cr = w.ca["id"], w.cl["id"], w.cr["id"]
    sa, sl = w.sa, w.sl
    ea, el, er = w.ev["ea"], w.ev["el"], w.ev["er"]
    _, mia_cases = p.world("mia")
    reviewed_orders = {c["order_id"] for c in mia_cases.values()}
    t.ok(cr in mia_cases and ca not in mia_cases and cl not in mia_cases,
         "the agent's changes hold the reviewed case and not the others",
         f"{sorted(mia_cases)}")
    t.ok(all(any(e["type"] == "escalated" for e in c["events"]) or
             c["status"] == "under_review" for c in mia_cases.values()),
         "the agent sees only cases that are or were under review")

    # GET /v1/orders/{id}
    for login, own, other in (("ana", w.oa, w.ol), ("li", w.ol, w.oa),
                              (sa, w.oa, w.ol), (sl, w.ol, w.oa)):
        t.status(p.get(f"/v1/orders/{own}", user=login), 200,
                 f"{login}: GET their own order")
        t.problem(p.get(f"/v1/orders/{other}", user=login), 404, "not_found",
                  f"{login}: GET someone else's order is 404")
    for oid in (w.oa, w.ol):
        if oid not in reviewed_orders:
            t.problem(p.get(f"/v1/orders/{oid}", user="mia"), 404, "not_found",
                      "mia: GET an order with no case under review is 404")
    ghost = new_id()
    same_404(t, p, (p.get(f"/v1/orders/{w.ol}", user="ana"), w.ol),
             (p.get(f"/v1/orders/{ghost}", user="ana"), ghost),
             "someone else's order and no order are the same 404")

    # GET /v1/cases/{id}
    for login, own, other in (("ana", ca, cl), ("li", cl, ca), (sa, ca, cl),
                              (sl, cl, ca), ("mia", cr, ca)):
        t.status(p.get(f"/v1/cases/{own}", user=login), 200, f"{login}: GET their own case")
        t.problem(p.get(f"/v1/cases/{other}", user=login), 404, "not_found",
                  f"{login}: GET someone else's case is 404")
    t.problem(p.get(f"/v1/cases/{cl}", user="mia"), 404, "not_found",
              "mia: GET li's case never under review is 404")
    same_404(t, p, (p.get(f"/v1/cases/{cl}", user="ana"), cl),
             (p.get(f"/v1/cases/{ghost}", user="ana"), ghost),
             "someone else's case and no case are the same 404")

    # POST /v1/cases/{id}/actions: a message on one's own and someone else's case.
    msg = {"text": "Hello.", "lang": "en", "evidence_ids": []}
    for login, own, other in (("ana", ca, cl), ("li", cl, ca), (sa, ca, cl),
                              (sl, cl, ca), ("mia", cr, ca)):
        t.status(p.act(login, own, "message", if_match=False, **msg), 200,
                 f"{login}: a message on their own case")
        t.problem(p.act(login, other, "message", if_match=False, **msg), 404, "not_found",
                  f"{login}: a message on someone else's case is 404")
    # ... an action of the wrong role on someone else's case is still 404.
    for login, other, atype, fields in (
            ("ana", cl, "withdraw", {}), ("ana", cl, "offer", {"offer": {"type": "repair"}}),
            (sa, cl, "offer", {"offer": {"type": "repair"}}),
            (sa, cl, "withdraw", {}), ("mia", ca, "rule",
                                         {"decision": "buyer", "note": "x"})):
        t.problem(p.act(login, other, atype, version=1, **fields), 404, "not_found",
                  f"{login}: {atype} on someone else's case is 404, not 403")
    # ... the wrong role on one's own case is 403.
    for login, own, atype, fields in (
            (sa, ca, "withdraw", {}), (sa, ca, "rate", {"stars": 5}),
            ("ana", ca, "offer", {"offer": {"type": "repair"}}),
            ("ana", ca, "accept_claim", {}), ("ana", cr, "rule",
                                              {"decision": "buyer", "note": "x"}),
            (sa, cr, "rule", {"decision": "seller", "note": "x"}),
            ("mia", cr, "offer", {"offer": {"type": "repair"}}),
            ("mia", cr, "withdraw", {}), ("mia", cr, "escalate", {"reason": "x"})):
        t.problem(p.act(login, own, atype, **fields), 403, "forbidden",
                  f"{login}: {atype} on a case they see is 403 (wrong role)")

    # PUT /v1/cases/{id}
    found = find_fileable(p, "ana", seller_id=p.user_id(sa))
    if found is None:
        raise SetupError(f"ana has no fileable item with {sa}")
    order, item, reason = found
    body = {"order_id": order["id"], "item_sku": item["sku"], "reason": reason,
            "requested": {"type": "repair"}, "description": "Broken.", "lang": "en"}
    for login in (sa, sl, "mia"):
        r = p.request("PUT", f"/v1/cases/{new_id()}", body, user=login)
        if login == sl:
                t.ok(r.status in (403, 404) and (r.json or {}).get("code") in (
                "forbidden", "not_found"), f"{sl}: filing on an order of another shop is "
                 "403 or 404", r.describe())
        else:
            t.problem(r, 403, "forbidden", f"{login}: filing a case is 403 (not a buyer)")
    r = p.request("PUT", f"/v1/cases/{new_id()}", body, user="li")
    t.problem(r, 404, "not_found", "li: filing on ana's order is 404")
    r = p.request("PUT", f"/v1/cases/{new_id()}", body, user="ana")
    t.status(r, 201, "ana: filing on her own order is 201")

    # PUT /v1/evidence/{id}?case=
    for login, own, other in (("ana", ca, cl), ("li", cl, ca), (sa, ca, cl),
                              (sl, cl, ca)):
        t.status(p.upload(login, new_id(), own, png_bytes(seed=3)), 201,
                 f"{login}: evidence on their own case")
        t.problem(p.upload(login, new_id(), other, png_bytes(seed=4)), 404, "not_found",
                  f"{login}: evidence on someone else's case is 404")
    t.problem(p.upload("mia", new_id(), ca, png_bytes(seed=5)), 404, "not_found",
              "mia: evidence on a case never under review is 404")
    t.problem(p.upload("ana", new_id(), ghost, png_bytes(seed=5)), 404, "not_found",
              "ana: evidence on no case is 404")

    # GET /v1/evidence/{id}
    for login, own, other in (("ana", ea, el), ("li", el, ea), (sa, ea, el),
                              (sl, el, ea), ("mia", er, ea)):
        r = p.get(f"/v1/evidence/{own}", user=login)
        t.ok(r.status == 200 and r.body.startswith(b"\x89PNG"),
             f"{login}: GET evidence of their own case", r.describe())
        t.problem(p.get(f"/v1/evidence/{other}", user=login), 404, "not_found",
                  f"{login}: GET evidence of someone else's case is 404")
    t.status(p.get(f"/v1/evidence/{er}", user=sa), 200,
             f"{sa}: GET evidence of his case under review")
    same_404(t, p, (p.get(f"/v1/evidence/{el}", user="ana"), el),
             (p.get(f"/v1/evidence/{ghost}", user="ana"), ghost),
             "someone else's evidence and no evidence are the same 404")


if __name__ == "__main__":
    main("authz", [test_anonymous, test_every_role_reads, test_objects])
