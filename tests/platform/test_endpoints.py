#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every endpoint's success path, every error code of API.md's table, and the
command line of redress-platform (a platform without --test-clock)."""

import hashlib
import re
import signal
import subprocess

from platformlib import (DEMO_ROLES, ERROR_CODES, MIB, RFC3339_RE, Platform, SetupError,
                         case_defects, category, evidence_defects, find_closed,
                         jpeg_bytes, main, new_case, new_id, now_utc, order_defects,
                         parse_time, pdf_bytes, png_bytes, user_defects)


@category("cli")
def test_command_line(t, p):
    t.ok(re.fullmatch(r"listening on http://127\.0\.0\.1:[1-9][0-9]*/", p.first_line or ""),
         "--port 0: the first line is exactly 'listening on http://127.0.0.1:PORT/'",
         f"got {p.first_line!r}")
    t.ok(p.port != 0, "--port 0 picks a real port")
    r = subprocess.run([p.binary, "--help"], capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    t.eq(r.returncode, 0, "--help exits 0")
    out = r.stdout.decode("utf-8", "replace")
    for opt in ("--db", "--address", "--port", "--demo", "--generate", "--test-clock"):
        t.ok(opt in out, f"--help names {opt}", out)
    r = subprocess.run([p.binary, "--no-such-option"], capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    t.ok(r.returncode != 0, "an unknown option exits with a non-zero status",
         f"exit status {r.returncode}")
    other = Platform(t, demo=False)
    other.start()
    try:
        t.ok(other.port != p.port, "a second platform on --port 0 gets another port")
        t.status(other.get("/v1/health"), 200, "a platform without --demo serves")
        t.problem(other.login("ana"), 401, "unauthorized",
                  "without --demo there are no demo accounts")
        t.eq(other.stop(sig=signal.SIGINT), 0, "SIGINT stops the platform with exit status 0")
    finally:
        other.cleanup()
    base = sum(len(p.world(s)[0]) for s in ("kai", "sol"))
    gen = Platform(t, extra_args=["--generate", "30"])
    gen.start()
    try:
        worlds = [gen.world(s) for s in ("kai", "sol")]
        t.eq(sum(len(w[0]) for w in worlds), base + 30,
             "--demo --generate 30 adds 30 orders to the demo shops")
        statuses = {c["status"] for w in worlds for c in w[1].values()}
        t.eq(statuses, {"awaiting_seller", "awaiting_buyer", "return_pending",
                        "under_review", "resolved"}, "... with cases in every status")
        t.eq(gen.stop(), 0, "... and stops with exit status 0")
    finally:
        gen.cleanup()


@category("endpoint")
def test_health(t, p):
    r = p.get("/v1/health")
    t.status(r, 200, "GET /v1/health answers 200 without a token")


@category("endpoint")
def test_session(t, p):
    tokens = set()
    for login, role in DEMO_ROLES.items():
        r = p.login(login)
        if not t.status(r, 200, f"POST /v1/session logs {login} in"):
            continue
        body = r.json or {}
        tok = body.get("token")
        t.ok(isinstance(tok, str) and len(tok) >= 43,
             f"{login}'s token is a string of at least 256 bits", repr(tok))
        tokens.add(tok)
        exp = body.get("expires_at")
        t.ok(isinstance(exp, str) and RFC3339_RE.match(exp) and parse_time(exp) > now_utc(),
             f"{login}'s expires_at is an RFC 3339 UTC time in the future", repr(exp))
        why = user_defects(body.get("user"))
        t.ok(not why, f"{login}'s session carries a User", "\n".join(why))
        t.eq((body.get("user") or {}).get("role"), role, f"{login} is a {role}")
    t.eq(len(tokens), len(DEMO_ROLES), "every session has its own token")
    r1, r2 = p.login("ana"), p.login("ana")
    t.ok(r1.status == r2.status == 200 and r1.json["token"] != r2.json["token"],
         "two logins of one user get two different tokens")
    r = p.login("li")
    t.eq((r.json or {}).get("user", {}).get("locale"), "zh_CN", "li's locale is zh_CN")


@category("endpoint")
def test_me(t, p):
    for login, role in DEMO_ROLES.items():
        r = p.get("/v1/me", user=login)
        if not t.status(r, 200, f"GET /v1/me as {login}"):
            continue
        t.ok(not user_defects(r.json), f"GET /v1/me as {login} is a User",
             "\n".join(user_defects(r.json)))
        t.eq(r.json.get("role"), role, f"GET /v1/me says {login} is a {role}")
        t.eq(r.json.get("id"), p.users[login].get("id"),
             f"GET /v1/me has the id of {login}'s session")
        t.ok(r.header("Content-Type", ) and r.header("Content-Type").startswith(
            "application/json"), f"GET /v1/me as {login} is application/json",
            r.header("Content-Type"))
    sellers = {p.get("/v1/me", user=s).json.get("name") for s in ("kai", "sol")}
    t.eq(sellers, {"Kai's Gadgets", "Sol Outfitters"}, "the sellers are the two demo shops")


@category("endpoint")
def test_config(t, p):
    r = p.get("/v1/config", user="ana")
    t.status(r, 200, "GET /v1/config")
    c = r.json or {}
    t.eq(c.get("evidence"), {"max_bytes": 10485760,
                             "types": ["image/jpeg", "image/png", "application/pdf"],
                             "max_per_case": 20}, "config.evidence is API.md's")
    t.eq(c.get("text_max_chars"), 4000, "config.text_max_chars is 4000")
    t.eq(c.get("seller_response_business_days"), 3,
         "config.seller_response_business_days is 3")
    t.eq(c.get("buyer_response_days"), 7, "config.buyer_response_days is 7")


@category("endpoint")
def test_changes(t, p):
    for login in DEMO_ROLES:
        r = p.changes(login)
        if not t.status(r, 200, f"GET /v1/changes as {login}"):
            continue
        body = r.json or {}
        t.ok(isinstance(body.get("cursor"), str) and body["cursor"]
             and isinstance(body.get("more"), bool)
             and isinstance(body.get("orders"), list)
             and isinstance(body.get("cases"), list)
             and isinstance(body.get("removed"), list),
             f"GET /v1/changes as {login} has cursor, more, orders, cases, removed",
             r.describe())
    orders, cases = p.world("ana")
    t.ok(len(orders) >= 2 and len(cases) >= 1, "the demo buyer ana has orders and cases",
         f"{len(orders)} orders, {len(cases)} cases")
    bad = [w for o in orders.values() for w in order_defects(o)]
    t.ok(not bad, "every order of ana's changes is an Order", "\n".join(bad[:20]))
    bad = [w for c in cases.values() for w in case_defects(c)]
    t.ok(not bad, "every case of ana's changes is a Case", "\n".join(bad[:20]))
    statuses = set()
    for login in ("ana", "li"):
        statuses |= {c["status"] for c in p.world(login)[1].values()}
    t.eq(statuses, {"awaiting_seller", "awaiting_buyer", "return_pending", "under_review",
                    "resolved"}, "the demo buyers' cases are in every status")


@category("endpoint")
def test_order(t, p):
    orders, _ = p.world("ana")
    if not orders:
        raise SetupError("ana has no orders")
    order = sorted(orders.values(), key=lambda o: o["id"])[0]
    r = p.get(f"/v1/orders/{order['id']}", user="ana")
    t.status(r, 200, "GET /v1/orders/{id} of one's own order")
    t.eq(r.json, order, "GET /v1/orders/{id} is the order that changes gave")
    r = p.get(f"/v1/orders/{new_id()}", user="ana")
    t.problem(r, 404, "not_found", "GET /v1/orders/{id} of no order is 404 not_found")


@category("endpoint")
def test_case_lifecycle(t, p):
    kase = new_case(p, "ana")
    why = case_defects(kase)
    t.ok(not why, "PUT /v1/cases/{id} answers 201 with a Case", "\n".join(why))
    t.eq((kase["status"], kase["turn"], kase["on_expiry"]),
         ("awaiting_seller", "seller", "escalate"),
         "a new case awaits the seller, who escalates by not answering")
    t.eq(kase["buyer"]["id"], p.user_id("ana"), "the new case's buyer is ana")
    t.eq(sorted(kase["allowed_actions"]), sorted(["message", "withdraw"]),
         "ana may message or withdraw her new case")
    t.eq([e["type"] for e in kase["events"]], ["created"], "the timeline is 'created'")
    r = p.get(f"/v1/cases/{kase['id']}", user="ana")
    t.status(r, 200, "GET /v1/cases/{id}")
    t.eq(r.header("ETag"), f'"{kase["version"]}"', 'GET /v1/cases/{id} has ETag: "VERSION"')
    t.eq(r.json, kase, "GET /v1/cases/{id} gives the case that PUT created")
    r = p.get(f"/v1/cases/{kase['id']}", user="kai" if kase["seller"]["id"] ==
              p.user_id("kai") else "sol")
    t.status(r, 200, "the seller of the order sees the new case")
    t.eq(sorted((r.json or {}).get("allowed_actions", [])),
         sorted(["message", "offer", "accept_claim"]),
         "the seller may message, offer or accept the new case")

    # An action: a message needs no If-Match.
    r = p.act("ana", kase["id"], "message", if_match=False, text="Any news?", lang="en",
              evidence_ids=[])
    t.status(r, 200, "POST /v1/cases/{id}/actions: a message")
    after = r.json or {}
    t.eq(after.get("version"), kase["version"] + 1, "the message makes a new version")
    last = (after.get("events") or [{}])[-1]
    t.eq((last.get("type"), last.get("text"), last.get("lang")),
         ("message", "Any news?", "en"), "the message is the last event")
    t.eq(last.get("actor", {}).get("id"), p.user_id("ana"), "the message's actor is ana")
    t.eq(last.get("actor", {}).get("role"), "buyer", "the message's actor role is buyer")
    t.eq(after.get("status"), "awaiting_seller", "a message changes no status")
    r = p.get(f"/v1/cases/{kase['id']}", user="ana")
    t.eq(r.header("ETag"), f'"{after.get("version")}"', "the ETag follows the version")

    # Evidence of the three types.
    for data, mime, name in ((png_bytes(), "image/png", "scratch.png"),
                             (jpeg_bytes(), "image/jpeg", "box.jpg"),
                             (pdf_bytes(), "application/pdf", "receipt.pdf")):
        eid = new_id()
        r = p.upload("ana", eid, kase["id"], data, mime, name)
        t.status(r, 201, f"PUT /v1/evidence/{{id}} of a {mime} answers 201")
        ev = r.json or {}
        t.ok(not evidence_defects(ev), f"the {mime} answer is an Evidence",
             "\n".join(evidence_defects(ev)))
        t.eq((ev.get("id"), ev.get("mime"), ev.get("size"), ev.get("sha256"),
              ev.get("filename"), ev.get("role")),
             (eid, mime, len(data), hashlib.sha256(data).hexdigest(), name, "buyer"),
             f"the {mime} evidence has its id, type, size, sha256, name and role")
        t.eq((ev.get("by") or {}).get("id"), p.user_id("ana"), "the evidence is by ana")
        r = p.get(f"/v1/evidence/{eid}", user="ana")
        t.status(r, 200, f"GET /v1/evidence/{{id}} of the {mime}")
        t.ok(r.body == data, f"GET /v1/evidence/{{id}} gives the {mime} bytes back",
             f"{len(r.body or b'')} bytes")
        t.eq((r.header("Content-Type") or "").split(";")[0], mime,
             f"GET /v1/evidence/{{id}} has Content-Type {mime}")
    c = p.case("ana", kase["id"])
    t.eq(len(c.get("evidence", [])), 3, "the case lists its three evidence files")
    t.ok(any(e.get("type") in ("evidence", "message") and e.get("evidence_ids")
             for e in c.get("events", [])),
         "the timeline shows the evidence", str([e.get("type") for e in c["events"]]))
    # At most max_per_case (20) files on a case.
    for i in range(17):
        p.upload("ana", new_id(), kase["id"], png_bytes(seed=i), "image/png", f"p{i}.png")
    t.eq(len(p.case("ana", kase["id"]).get("evidence", [])), 20, "a case takes 20 files")
    r = p.upload("ana", new_id(), kase["id"], png_bytes(seed=99), "image/png", "one-more.png")
    t.problem(r, 422, "validation_failed", "the 21st file of a case is 422")
    t.eq(len(p.case("ana", kase["id"]).get("evidence", [])), 20, "... and is not stored")
    # Evidence in a message.
    eid = c["evidence"][0]["id"]
    r = p.act("ana", kase["id"], "message", if_match=False, text="See the photo.",
              lang="en", evidence_ids=[eid])
    t.status(r, 200, "a message may name evidence")
    t.eq(((r.json or {}).get("events") or [{}])[-1].get("evidence_ids"), [eid],
         "the message event carries its evidence ids")

    # The seller's side: an offer needs If-Match.
    seller = "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"
    c = p.case(seller, kase["id"])
    r = p.act(seller, kase["id"], "offer", version=c["version"],
              offer={"type": "replacement", "note": "A new one ships tomorrow."})
    t.status(r, 200, "the seller makes an offer")
    c = r.json or {}
    t.eq((c.get("status"), c.get("turn")), ("awaiting_buyer", "buyer"),
         "an offer hands the case to the buyer")
    offers = c.get("offers") or [{}]
    t.eq((offers[-1].get("type"), offers[-1].get("status"), offers[-1].get("note")),
         ("replacement", "pending", "A new one ships tomorrow."), "the offer is pending")
    r = p.act("ana", kase["id"], "accept_offer", version=c.get("version"),
              offer_id=offers[-1].get("id"))
    t.status(r, 200, "ana accepts the offer")
    c = r.json or {}
    t.eq((c.get("status"), (c.get("resolution") or {}).get("outcome"),
          (c.get("resolution") or {}).get("by")), ("resolved", "replaced", "agreement"),
         "an accepted replacement resolves the case as replaced, by agreement")
    r = p.act("ana", kase["id"], "rate", version=c.get("version"), stars=5,
              comment="Quick and fair.")
    t.status(r, 200, "ana rates the resolved case")
    t.eq((r.json or {}).get("rating"), {"stars": 5, "comment": "Quick and fair."},
         "the case carries the rating")


@category("endpoint")
def test_session_delete(t, p):
    r = p.login("kai")
    tok = r.json["token"]
    other = p.login("kai").json["token"]
    r = p.request("DELETE", "/v1/session", token=tok)
    t.status(r, 204, "DELETE /v1/session answers 204")
    t.ok(not r.body, "DELETE /v1/session has no body", repr(r.body[:100]))
    r = p.get("/v1/me", token=tok)
    t.problem(r, 401, "unauthorized", "after DELETE /v1/session the token no longer works")
    r = p.get("/v1/changes", token=tok)
    t.problem(r, 401, "unauthorized", "... not for /v1/changes either")
    r = p.get("/v1/me", token=other)
    t.status(r, 200, "the user's other session still works")
    r = p.request("DELETE", "/v1/session", token=tok)
    t.problem(r, 401, "unauthorized", "deleting a deleted session is 401")


@category("endpoint")
def test_no_test_clock(t, p):
    r = p.request("POST", "/v1/test/clock", {"advance_seconds": 3600}, user="mia")
    t.problem(r, 404, "not_found", "without --test-clock, POST /v1/test/clock is 404")


@category("endpoint")
def test_error_codes(t, p):
    """Each code of API.md's table, at least once."""
    seen = set()

    def check(resp, status, code, name, field=None):
        if t.problem(resp, status, code, f"{code}: {name}", field=field):
            seen.add(code)

    check(p.get("/v1/me"), 401, "unauthorized", "no token")
    check(p.get("/v1/me", token="not-a-token"), 401, "unauthorized", "a bad token")
    check(p.get("/v1/me", headers={"Authorization": "Basic YW5hOmRlbW8="}), 401,
          "unauthorized", "not a bearer token")
    check(p.login("ana", "wrong password"), 401, "unauthorized", "bad credentials")
    check(p.login("nobody-at-all", "demo"), 401, "unauthorized", "an unknown login")
    kase = new_case(p, "ana")
    seller = "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"
    _, _, r = p.file_case(seller, kase["order_id"], kase["item"]["sku"], kase["reason"])
    check(r, 403, "forbidden", "a seller files a case")
    check(p.get(f"/v1/cases/{new_id()}", user="ana"), 404, "not_found", "no such case")
    r = p.request("POST", "/v1/session", b'{"login": "ana", "password": ',
                  ctype="application/json")
    check(r, 422, "validation_failed", "a body that is not JSON")
    _, _, r = p.file_case("ana", kase["order_id"], kase["item"]["sku"], "broken-ish")
    check(r, 422, "validation_failed", "an unknown reason", field="reason")
    r = p.act(seller, kase["id"], "accept_offer", offer_id=new_id())
    check(r, 403, "forbidden", "a seller accepts an offer")
    r = p.act("ana", kase["id"], "rate", stars=4)
    check(r, 409, "invalid_transition", "rating an open case")
    _, _, r = p.file_case("ana", kase["order_id"], kase["item"]["sku"], kase["reason"],
                          case_id=kase["id"], description="Something else entirely.")
    check(r, 409, "id_conflict", "a case id again with another body")
    r = p.act(seller, kase["id"], "offer", version=kase["version"] + 7,
              offer={"type": "full_refund"})
    check(r, 412, "version_mismatch", "If-Match names a version that is not current")
    stale_ok = isinstance(r.json, dict) and isinstance(r.json.get("case"), dict) and \
        r.json["case"].get("id") == kase["id"] and \
        r.json["case"].get("version") == p.case(seller, kase["id"])["version"]
    t.ok(stale_ok, "version_mismatch: the body carries the current case as 'case'",
         r.describe())
    current = p.case(seller, kase["id"])["version"]
    r = p.act(seller, kase["id"], "offer", version=current - 1, offer={"type": "full_refund"})
    t.problem(r, 412, "version_mismatch", "version_mismatch: the version before the current")
    closed = find_closed(p, "ana")
    if closed is None:
        t.ok(False, "filing_window_closed: the demo has an order outside a window")
    else:
        order, item, reason = closed
        _, _, r = p.file_case("ana", order["id"], item["sku"], reason)
        check(r, 422, "filing_window_closed",
              f"{reason} on order {order['number']} outside its window")
    _, _, r = p.file_case("ana", kase["order_id"], kase["item"]["sku"], kase["reason"])
    check(r, 409, "duplicate_case", "a second open case for one order item")
    r = p.raw("PUT", f"/v1/cases/{new_id()}",
              {"Authorization": f"Bearer {p.token('ana')}",
               "Content-Type": "application/json", "Content-Length": str(MIB + 1)},
              [b'{"pad": "' + b"x" * (MIB - 10) + b'"}'])
    check(r, 413, "too_large", "a JSON body over 1 MiB")
    r = p.upload("ana", new_id(), kase["id"], b"hello, I am a text file\n", "image/png",
                 "fake.png")
    check(r, 415, "unsupported_media_type", "a 'PNG' that is a text file")
    r = p.act(seller, kase["id"], "offer", if_match=False, offer={"type": "full_refund"})
    check(r, 428, "precondition_required", "an offer without If-Match")
    check(p.changes("ana", since="bm90LWEtY3Vyc29y"), 410, "cursor_expired",
          "a cursor the platform never gave")
    for i in range(5):
        p.login("sol", f"wrong-{i}")
    r = p.login("sol", "wrong-again")
    check(r, 429, "rate_limited", "the sixth failed login within a minute")
    ra = r.header("Retry-After") or ""
    t.ok(ra.isdigit() and 0 < int(ra) <= 60,
         "rate_limited: Retry-After says in how many seconds to try again", repr(ra))
    t.eq(seen, set(ERROR_CODES),
         "every error code of API.md's table was reached")


@category("endpoint")
def test_rate_limit(t, p):
    codes = [p.login("kai", f"nope-{i}").status for i in range(5)]
    t.eq(codes, [401] * 5, "five failed logins are each 401")
    r = p.login("kai", "nope-6")
    t.problem(r, 429, "rate_limited", "the sixth failed login within a minute is 429")
    t.ok((r.header("Retry-After") or "").isdigit(), "429 has Retry-After",
         r.header("Retry-After"))
    r = p.login("kai", "demo")
    t.problem(r, 429, "rate_limited", "while limited, even the right password is 429")
    r = p.login("ana", "demo")
    t.status(r, 200, "the limit is per login: ana still logs in")


@category("endpoint")
def test_log_lines(t, p):
    secret = "Sup3r-S3cret-" + new_id()
    p.login("li", secret)
    tok = p.login("li").json["token"]
    p.get("/v1/me", token=tok)
    log = p.log_text()
    t.ok(tok not in log, "the log never shows a token")
    t.ok(secret not in log, "the log never shows a password")
    lines = [ln for ln in log.splitlines() if "/v1/me" in ln and "GET" in ln]
    t.ok(any("200" in ln and p.user_id("li") in ln for ln in lines),
         "a request's log line has method, path, status and user id",
         "\n".join(lines[-5:]) or log[-2000:])


if __name__ == "__main__":
    main("endpoints", [test_command_line, test_health, test_session, test_me, test_config,
                       test_changes, test_order, test_case_lifecycle, test_session_delete,
                       test_no_test_clock, test_error_codes, test_rate_limit,
                       test_log_lines])
