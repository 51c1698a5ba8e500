#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""GET /v1/changes: paging with small limits returns every object exactly
once and in order; a change after the last cursor comes on the next call
and nothing else does; every role sees exactly what API.md lets it see."""

import base64

from platformlib import (SetupError, category, main, new_case, parse_time)


def sequences(pages):
    orders, cases, removed = [], [], []
    for pg in pages:
        orders += [o["id"] for o in pg.get("orders", [])]
        cases += [c["id"] for c in pg.get("cases", [])]
        removed += list(pg.get("removed", []))
    return orders, cases, removed


def objects(pages):
    got = {}
    for pg in pages:
        for o in pg.get("orders", []):
            got[("order", o["id"])] = o
        for c in pg.get("cases", []):
            got[("case", c["id"])] = c
    return got


@category("changes")
def test_paging(t, p):
    for login in ("ana", "li", "kai", "sol", "mia"):
        full_pages, _ = p.pull_all(login, limit=500)
        full = sequences(full_pages)
        full_objs = objects(full_pages)
        t.ok(len(full[0]) + len(full[1]) > 0, f"{login} sees something in the demo",
             repr(full))
        for limit in (1, 2, 7):
            pages, _ = p.pull_all(login, limit=limit)
            sizes = [len(pg.get("orders", [])) + len(pg.get("cases", []))
                     + len(pg.get("removed", [])) for pg in pages]
            t.ok(all(s <= limit for s in sizes),
                 f"{login}, limit {limit}: no page holds more than {limit} objects",
                 repr(sizes))
            t.ok(all(s > 0 for s, pg in zip(sizes, pages) if pg.get("more")),
                 f"{login}, limit {limit}: a page that says more is not empty", repr(sizes))
            got = sequences(pages)
            t.ok(len(set(got[0])) == len(got[0]) and len(set(got[1])) == len(got[1]),
                 f"{login}, limit {limit}: every object exactly once",
                 f"orders {got[0]}\ncases {got[1]}")
            t.eq(got, full, f"{login}, limit {limit}: the same objects in the same order "
                 "as one big page")
            t.ok(objects(pages) == full_objs,
                 f"{login}, limit {limit}: each object whole, as in one big page")
        cases = [c for pg in full_pages for c in pg.get("cases", [])]
        times = [parse_time(c["updated_at"]) for c in cases]
        t.ok(all(a <= b for a, b in zip(times, times[1:])),
             f"{login}: cases come oldest change first",
             "\n".join(f"{c['id']} {c['updated_at']}" for c in cases))
        mismatch = []
        for c in cases:
            r = p.get(f"/v1/cases/{c['id']}", user=login)
            if r.status != 200 or r.json != c:
                mismatch.append(c["id"])
        t.ok(not mismatch, f"{login}: every case of changes is the case at its latest "
             "version, as GET /v1/cases/{id} gives it", repr(mismatch))
        r = p.changes(login)
        t.ok(r.status == 200 and len(r.json.get("orders", [])) +
             len(r.json.get("cases", [])) <= 200,
             f"{login}: without limit a page holds at most 200 objects", r.describe())


@category("changes")
def test_visibility(t, p):
    ids = {login: p.user_id(login) for login in ("ana", "li", "kai", "sol", "mia")}
    worlds = {login: p.world(login) for login in ids}
    for login in ("ana", "li"):
        orders, cases = worlds[login]
        t.ok(orders and all(o["buyer"]["id"] == ids[login] for o in orders.values()),
             f"{login} sees only her own orders",
             repr([(o["id"], o["buyer"]) for o in orders.values()]))
        t.ok(all(c["buyer"]["id"] == ids[login] for c in cases.values()),
             f"{login} sees only her own cases")
    for login in ("kai", "sol"):
        orders, cases = worlds[login]
        t.ok(orders and all(o["seller"]["id"] == ids[login] for o in orders.values()),
             f"{login} sees only his shop's orders")
        t.ok(cases and all(c["seller"]["id"] == ids[login] for c in cases.values()),
             f"{login} sees only his shop's cases")
    buyers = set(worlds["ana"][1]) | set(worlds["li"][1])
    sellers = set(worlds["kai"][1]) | set(worlds["sol"][1])
    t.eq(sorted(buyers), sorted(sellers), "every case is seen by its buyer and its seller")
    t.eq(sorted(set(worlds["ana"][0]) | set(worlds["li"][0])),
         sorted(set(worlds["kai"][0]) | set(worlds["sol"][0])),
         "every order is seen by its buyer and its seller")
    t.ok(not set(worlds["ana"][1]) & set(worlds["li"][1]), "no case is seen by both buyers")
    all_cases = dict(worlds["ana"][1])
    all_cases.update(worlds["li"][1])
    reviewed = {cid for cid, c in all_cases.items()
                if c["status"] == "under_review"
                or any(e["type"] == "escalated" for e in c["events"])}
    t.ok(reviewed, "the demo has cases that are or were under review")
    t.eq(sorted(worlds["mia"][1]), sorted(reviewed),
         "the agent sees exactly the cases that are or were under review")


@category("changes")
def test_new_changes(t, p):
    kase = new_case(p, "ana")
    sa = "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"
    so = "sol" if sa == "kai" else "kai"
    cursors = {login: p.pull_all(login, limit=7)[1]
               for login in ("ana", "li", "kai", "sol", "mia")}
    for login, cur in cursors.items():
        r = p.changes(login, since=cur)
        t.ok(r.status == 200 and not r.json["orders"] and not r.json["cases"]
             and not r.json["more"], f"{login}: nothing new after the last cursor",
             r.describe())
    p.act("ana", kase["id"], "message", if_match=False, text="One.", lang="en",
          evidence_ids=[])
    p.act(sa, kase["id"], "message", if_match=False, text="Two.", lang="en",
          evidence_ids=[])
    latest = p.case("ana", kase["id"])
    for login in ("ana", sa):
        r = p.changes(login, since=cursors[login], limit=1)
        if not t.status(r, 200, f"{login}: changes after the cursor"):
            continue
        t.eq([c["id"] for c in r.json["cases"]], [kase["id"]],
             f"{login}: the changed case comes on the next call, once")
        t.eq(r.json["orders"], [], f"{login}: and no order")
        t.eq(r.json["more"], False, f"{login}: and nothing more")
        got = (r.json["cases"] or [{}])[0]
        t.eq(got, p.case(login, kase["id"]),
             f"{login}: the case whole, at its latest version ({latest['version']})")
        r2 = p.changes(login, since=r.json["cursor"])
        t.ok(r2.status == 200 and not r2.json["cases"] and not r2.json["orders"],
             f"{login}: after that, nothing", r2.describe())
        cursors[login] = r.json["cursor"]
    for login in ("li", so, "mia"):
        r = p.changes(login, since=cursors[login])
        t.ok(r.status == 200 and not r.json["cases"] and not r.json["orders"],
             f"{login} does not see the change to ana's case with {sa}", r.describe())
    # An escalation brings the case to the agent.
    c = p.must_act(sa, kase["id"], "offer", version=latest["version"],
                   offer={"type": "repair"})
    c = p.must_act("ana", kase["id"], "escalate", version=c["version"], reason="No.")
    r = p.changes("mia", since=cursors["mia"])
    t.ok(r.status == 200 and [x["id"] for x in r.json["cases"]] == [kase["id"]],
         "mia: once escalated, the case comes in her changes", r.describe())
    # A new case comes to its buyer and seller, and to nobody else.
    k2 = new_case(p, "li")
    seller = "kai" if k2["seller"]["id"] == p.user_id("kai") else "sol"
    for login in ("li", seller):
        pages, _ = p.pull_all(login, since=cursors[login])
        t.ok(k2["id"] in sequences(pages)[1], f"{login}: a new case comes in changes")
    for login in ("ana", "sol" if seller == "kai" else "kai", "mia"):
        pages, _ = p.pull_all(login, since=cursors[login])
        t.ok(k2["id"] not in sequences(pages)[1],
             f"{login}: li's new case with {seller} does not")


@category("changes")
def test_cursors(t, p):
    r = p.changes("ana", since="garbage")
    t.problem(r, 410, "cursor_expired", "a garbage cursor is 410 cursor_expired")
    fake = base64.urlsafe_b64encode(b'{"seq": 999999999, "user": "x"}').decode().rstrip("=")
    r = p.changes("ana", since=fake)
    t.problem(r, 410, "cursor_expired", "a made-up base64url cursor is 410")
    pages, kai_cursor = p.pull_all("kai", limit=3)
    r = p.changes("ana", since=kai_cursor)
    t.problem(r, 410, "cursor_expired", "another user's cursor is 410")
    for limit in ("0", "501", "-1", "ten", "1.5"):
        r = p.get(f"/v1/changes?limit={limit}", user="ana")
        t.problem(r, 422, "validation_failed", f"limit={limit!r} is 422", field="limit")
    for limit in ("1", "500"):
        r = p.get(f"/v1/changes?limit={limit}", user="ana")
        t.status(r, 200, f"limit={limit} is accepted")
    if not pages:
        raise SetupError("no pages")


if __name__ == "__main__":
    main("changes", [test_paging, test_visibility, test_new_changes, test_cursors])
