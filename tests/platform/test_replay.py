#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exactly once by client id: a replayed case, action or evidence id answers
as the first time and changes nothing; the same id with another body is 409
id_conflict.  Also after a restart of the platform on the same database."""

import atexit
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from platformlib import (SetupError, category, find_fileable, main, new_id, png_bytes)

TMP = tempfile.mkdtemp(prefix="redress-replay-")
atexit.register(shutil.rmtree, TMP, True)


class Firsts:
    """The first answers, to compare every replay with."""


def seller_of(p, kase):
    return "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"


def replay_all(t, p, f, when):
    """Replays every first request of @f and checks answers and counts."""
    r = p.request("PUT", f"/v1/cases/{f.case_id}", f.case_body, user="ana")
    t.status(r, 200, f"{when}: a replayed case is 200")
    t.eq(r.json, f.case_first, f"{when}: a replayed case answers what the first PUT did")
    alt = dict(f.case_body, description="A different story.")
    r = p.request("PUT", f"/v1/cases/{f.case_id}", alt, user="ana")
    t.problem(r, 409, "id_conflict", f"{when}: the case id with another body is 409")
    alt = dict(f.case_body, requested={"type": "repair"})
    r = p.request("PUT", f"/v1/cases/{f.case_id}", alt, user="ana")
    t.problem(r, 409, "id_conflict", f"{when}: the case id with another request is 409")

    r = p.request("POST", f"/v1/cases/{f.case_id}/actions", f.msg_body, user="ana")
    t.status(r, 200, f"{when}: a replayed message is 200")
    t.eq(r.json, f.msg_first, f"{when}: a replayed message answers as the first time")
    r = p.request("POST", f"/v1/cases/{f.case_id}/actions",
                  dict(f.msg_body, text="Something else."), user="ana")
    t.problem(r, 409, "id_conflict", f"{when}: the message id with another text is 409")

    r = p.request("POST", f"/v1/cases/{f.case_id}/actions", f.offer_body, user=f.seller,
                  headers={"If-Match": f.offer_if_match})
    t.status(r, 200, f"{when}: a replayed offer with its old If-Match is 200, not 412")
    t.eq(r.json, f.offer_first, f"{when}: a replayed offer answers as the first time")
    r = p.request("POST", f"/v1/cases/{f.case_id}/actions",
                  dict(f.offer_body, offer={"type": "replacement"}), user=f.seller,
                  headers={"If-Match": f.offer_if_match})
    t.problem(r, 409, "id_conflict", f"{when}: the offer id with another offer is 409")

    r = p.upload("ana", f.ev_id, f.case_id, f.ev_bytes, "image/png", "dent.png")
    t.status(r, 200, f"{when}: replayed evidence is 200")
    t.eq(r.json, f.ev_first, f"{when}: replayed evidence answers as the first time")
    r = p.upload("ana", f.ev_id, f.case_id, png_bytes(seed=9), "image/png", "dent.png")
    t.problem(r, 409, "id_conflict", f"{when}: the evidence id with other bytes is 409")
    r = p.get(f"/v1/evidence/{f.ev_id}", user="ana")
    t.ok(r.status == 200 and r.body == f.ev_bytes,
         f"{when}: the evidence still has its first bytes", r.describe())

    c = p.case("ana", f.case_id)
    t.eq(c, f.case_now, f"{when}: the replays changed nothing in the case")
    t.eq(sum(1 for e in c["events"] if e.get("text") == f.msg_body["text"]), 1,
         f"{when}: the message is on the timeline once")
    t.eq(len(c["offers"]), 1, f"{when}: the offer is there once")
    t.eq([e["id"] for e in c["evidence"]], [f.ev_id], f"{when}: the evidence is there once")
    _, cases = p.world("ana")
    same_item = [k for k in cases.values() if k["order_id"] == f.case_body["order_id"]
                 and k["item"]["sku"] == f.case_body["item_sku"]
                 and k["status"] != "resolved"]
    t.eq([k["id"] for k in same_item], [f.case_id], f"{when}: one case for the item")


@category("replay")
def test_replay(t, p):
    f = Firsts()
    found = find_fileable(p, "ana")
    if found is None:
        raise SetupError("ana has no item to file a case on")
    order, item, reason = found
    f.case_id = new_id()
    f.case_body = {"order_id": order["id"], "item_sku": item["sku"], "reason": reason,
                   "requested": {"type": "full_refund"},
                   "description": "The lid does not close.", "lang": "en"}
    r = p.request("PUT", f"/v1/cases/{f.case_id}", f.case_body, user="ana")
    if not t.status(r, 201, "the first PUT of a case is 201"):
        raise SetupError("cannot file")
    f.case_first = r.json
    f.seller = seller_of(p, r.json)

    f.msg_body = {"id": new_id(), "type": "message", "text": f"Replay me {new_id()}",
                  "lang": "en", "evidence_ids": []}
    r = p.request("POST", f"/v1/cases/{f.case_id}/actions", f.msg_body, user="ana")
    if not t.status(r, 200, "the first message is 200"):
        raise SetupError("cannot message")
    f.msg_first = r.json

    f.offer_if_match = f'"{r.json["version"]}"'
    f.offer_body = {"id": new_id(), "type": "offer",
                    "offer": {"type": "full_refund", "note": "Sorry about that."}}
    r = p.request("POST", f"/v1/cases/{f.case_id}/actions", f.offer_body, user=f.seller,
                  headers={"If-Match": f.offer_if_match})
    if not t.status(r, 200, "the first offer is 200"):
        raise SetupError("cannot offer")
    f.offer_first = r.json

    f.ev_id = new_id()
    f.ev_bytes = png_bytes(4, 3, seed=1)
    r = p.upload("ana", f.ev_id, f.case_id, f.ev_bytes, "image/png", "dent.png")
    if not t.status(r, 201, "the first PUT of evidence is 201"):
        raise SetupError("cannot upload")
    f.ev_first = r.json
    f.case_now = p.case("ana", f.case_id)

    replay_all(t, p, f, "replay")

    rc = p.restart(demo=False)
    t.eq(rc, 0, "SIGTERM stops the platform with exit status 0 before the restart",
         category="cli")
    t.ok(p.healthy(), "the platform serves again on the same database", category="cli")
    replay_all(t, p, f, "after a restart")

    # A request in flight when SIGTERM comes is finished, and what it wrote survives.
    eid = new_id()
    data = png_bytes(8, 8, seed=5) + b"\0" * (2 * 1024 * 1024)
    half = len(data) // 2
    sock = socket.create_connection((p.host, p.port), timeout=30)
    sock.sendall((f"PUT /v1/evidence/{eid}?case={f.case_id} HTTP/1.1\r\n"
                  f"Host: {p.host}\r\nAuthorization: Bearer {p.token('ana')}\r\n"
                  f"Content-Type: image/png\r\nX-Filename: late.png\r\n"
                  f"Content-Length: {len(data)}\r\n\r\n").encode() + data[:half])
    time.sleep(0.3)
    p.proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    try:
        sock.sendall(data[half:])
        resp = http.client.HTTPResponse(sock, method="PUT")
        resp.begin()
        status = resp.status
        resp.read()
    except (OSError, http.client.HTTPException) as e:
        status = f"{type(e).__name__}: {e}"
    sock.close()
    t.eq(status, 201, "an upload in flight at SIGTERM is finished", category="cli")
    try:
        rc = p.proc.wait(30)
    except subprocess.TimeoutExpired:
        rc = "still running 30 s after SIGTERM"
    t.eq(rc, 0, "... and then the platform exits 0 by itself", category="cli")
    p.kill()
    p.proc = None
    p.start()
    r = p.get(f"/v1/evidence/{eid}", user="ana")
    t.ok(r.status == 200 and r.body == data, "... and the file is there after the restart",
         r.describe(), category="cli")

    # New work after the restart still works, and is itself exactly once.
    body = {"id": new_id(), "type": "message", "text": "After the restart.", "lang": "en",
            "evidence_ids": []}
    r1 = p.request("POST", f"/v1/cases/{f.case_id}/actions", body, user="ana")
    r2 = p.request("POST", f"/v1/cases/{f.case_id}/actions", body, user="ana")
    t.ok(r1.status == 200 and r2.status == 200 and r1.json == r2.json,
         "after the restart a new message and its replay answer alike",
         r1.describe() + "\n" + r2.describe())


@category("replay")
def test_foreign_ids(t, p):
    """An id is the client's, but never a way into someone else's object."""
    found = find_fileable(p, "li")
    if found is None:
        raise SetupError("li has no item to file a case on")
    order, item, reason = found
    cid = new_id()
    body = {"order_id": order["id"], "item_sku": item["sku"], "reason": reason,
            "requested": {"type": "repair"}, "description": "Cracked.", "lang": "zh_CN"}
    r = p.request("PUT", f"/v1/cases/{cid}", body, user="li")
    t.status(r, 201, "li files a case")
    r = p.request("PUT", f"/v1/cases/{cid}", body, user="ana")
    t.ok(r.status in (404, 409) and r.status != 200,
         "ana replaying li's case id does not get li's case", r.describe())
    t.ok("Cracked." not in (r.body or b"").decode("utf-8", "replace"),
         "... and learns nothing of it", r.describe())


if __name__ == "__main__":
    main("replay", [test_replay, test_foreign_ids],
         db=os.path.join(TMP, "platform.db"))
