#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input: malformed JSON, wrong types, oversized bodies (with
Content-Length and chunked), a PNG that is really a text file, a path-like
X-Filename, an unknown action type.  Each is a clear problem+json, and the
platform keeps serving after each."""

import json

from platformlib import (KIB, MIB, SetupError, category, find_fileable, main, new_case,
                         new_id, png_bytes, release)


def serving(t, p, after):
    t.ok(p.healthy(), f"the platform still serves after {after}")


def seller_of(p, kase):
    return "kai" if kase["seller"]["id"] == p.user_id("kai") else "sol"


def auth(p, login="ana"):
    return {"Authorization": f"Bearer {p.token(login)}"}


def case_body(p):
    found = find_fileable(p, "ana")
    if found is None:
        raise SetupError("ana has no item to file on")
    order, item, reason = found
    return {"order_id": order["id"], "item_sku": item["sku"], "reason": reason,
            "requested": {"type": "full_refund"}, "description": "Broken.", "lang": "en"}


@category("bad-input")
def test_malformed_json(t, p):
    kase = new_case(p, "ana")
    targets = [("POST", "/v1/session", None),
               ("PUT", f"/v1/cases/{new_id()}", "ana"),
               ("POST", f"/v1/cases/{kase['id']}/actions", "ana")]
    bodies = [(b'{"login": "ana", "password": ', "truncated JSON"),
              (b"{not json at all}", "not JSON"),
              (b"", "an empty body"),
              (b'{"login": "\xff\xfe"}', "invalid UTF-8"),
              (b"[]", "an array instead of an object"),
              (b"null", "null instead of an object"),
              (b'"text"', "a string instead of an object"),
              (b"[" * 100000 + b"]" * 100000, "JSON nested 100000 deep")]
    for method, path, login in targets:
        for data, what in bodies:
            r = p.request(method, path, data, user=login, ctype="application/json")
            t.problem(r, 422, "validation_failed", f"{method} {path.split('/')[2]}: {what}")
        serving(t, p, f"malformed {method} {path.split('/')[2]} bodies")
    release(p, kase)


@category("bad-input")
def test_wrong_types(t, p):
    for body, field, what in (
            ({"login": 5, "password": "demo"}, "login", "a number as login"),
            ({"login": "ana", "password": ["demo"]}, "password", "a list as password"),
            ({"login": "ana"}, "password", "no password")):
        r = p.request("POST", "/v1/session", body)
        t.problem(r, 422, "validation_failed", f"session: {what}", field=field)
    base = case_body(p)
    for change, field, what in (
            ({"order_id": 5}, "order_id", "a number as order_id"),
            ({"reason": 7}, "reason", "a number as reason"),
            ({"reason": "bored"}, "reason", "an unknown reason"),
            ({"requested": "full_refund"}, "requested", "a string as requested"),
            ({"requested": {"type": "money_please"}}, "requested", "an unknown outcome"),
            ({"requested": {"type": "partial_refund"}}, "requested",
             "a partial refund without amount"),
            ({"requested": {"type": "partial_refund",
                            "amount": {"amount": "12.50", "currency": "EUR"}}},
             "requested", "a string amount"),
            ({"requested": {"type": "partial_refund",
                            "amount": {"amount": -100, "currency": "EUR"}}},
             "requested", "a negative amount"),
            ({"requested": {"type": "partial_refund",
                            "amount": {"amount": 100, "currency": "EURO"}}},
             "requested", "a currency that is not ISO 4217"),
            ({"description": ["Broken."]}, "description", "a list as description"),
            ({"description": "d" * 4001}, "description", "a description over 4000 chars"),
            ({"item_sku": None}, "item_sku", "a null item_sku"),
            ({"lang": 1}, "lang", "a number as lang")):
        body = dict(base)
        body.update(change)
        r = p.request("PUT", f"/v1/cases/{new_id()}", body, user="ana")
        t.problem(r, 422, "validation_failed", f"case: {what}", field=field)
    body = dict(base)
    del body["reason"]
    t.problem(p.request("PUT", f"/v1/cases/{new_id()}", body, user="ana"), 422,
              "validation_failed", "case: no reason", field="reason")
    r = p.request("PUT", "/v1/cases/not-a-uuid", base, user="ana")
    t.problem(r, 422, "validation_failed", "case: an id that is not a UUID")
    serving(t, p, "wrongly typed cases")

    kase = new_case(p, "ana")
    seller = seller_of(p, kase)
    for login, body, field, what in (
            ("ana", {"type": "message", "text": "no id", "lang": "en", "evidence_ids": []},
             "id", "an action without id"),
            ("ana", {"id": "123", "type": "message", "text": "x", "lang": "en",
                     "evidence_ids": []}, "id", "an action id that is not a UUID"),
            ("ana", {"id": new_id(), "type": "teleport"}, "type", "an unknown action type"),
            ("ana", {"id": new_id(), "type": 3}, "type", "a number as action type"),
            ("ana", {"id": new_id()}, "type", "no action type"),
            ("ana", {"id": new_id(), "type": "message", "text": 42, "lang": "en",
                     "evidence_ids": []}, "text", "a number as text"),
            ("ana", {"id": new_id(), "type": "message", "text": "x", "lang": "en",
                     "evidence_ids": "abc"}, "evidence_ids", "a string as evidence_ids"),
            ("ana", {"id": new_id(), "type": "message", "lang": "en", "evidence_ids": []},
             "text", "a message with neither text nor template"),
            (seller, {"id": new_id(), "type": "offer"}, "offer", "an offer without offer"),
            (seller, {"id": new_id(), "type": "offer", "offer": {"type": "partial_refund"}},
             "offer", "a partial refund offer without amount"),
            (seller, {"id": new_id(), "type": "offer", "offer": {"type": "gift"}},
             "offer", "an offer of an unknown type")):
        headers = {} if body.get("type") == "message" else {
            "If-Match": f'"{p.case(login, kase["id"])["version"]}"'}
        r = p.request("POST", f"/v1/cases/{kase['id']}/actions", body, user=login,
                      headers=headers)
        t.problem(r, 422, "validation_failed", f"action: {what}", field=field)
    t.eq(p.case("ana", kase["id"])["version"], kase["version"],
         "the refused actions changed nothing")
    serving(t, p, "wrongly typed actions")
    release(p, kase)


@category("bad-input")
def test_oversized_json(t, p):
    kase = new_case(p, "ana")
    path = f"/v1/cases/{kase['id']}/actions"
    hdr = dict(auth(p), **{"Content-Type": "application/json"})
    # Exactly 1 MiB is allowed (unknown fields are ignored).
    body = {"id": new_id(), "type": "message", "text": "Padded.", "lang": "en",
            "evidence_ids": [], "pad": ""}
    body["pad"] = "p" * (MIB - len(json.dumps(body).encode()))
    data = json.dumps(body).encode()
    t.eq(len(data), MIB, "the padded message is exactly 1 MiB")
    r = p.raw("POST", path, dict(hdr, **{"Content-Length": str(len(data))}), [data])
    t.status(r, 200, "a JSON body of exactly 1 MiB is accepted")
    body["id"] = new_id()
    body["pad"] += "p"
    data = json.dumps(body).encode()
    r = p.raw("POST", path, dict(hdr, **{"Content-Length": str(len(data))}), [data])
    t.problem(r, 413, "too_large", "a JSON body of 1 MiB + 1 byte is 413")
    serving(t, p, "a JSON body over 1 MiB")
    r = p.raw("POST", path, dict(hdr), (b"x" * (64 * KIB) for _ in range(24)),
              chunked=True)
    t.problem(r, 413, "too_large", "a chunked JSON body of 1.5 MiB is 413")
    serving(t, p, "a chunked JSON body over 1 MiB")
    # Refused before it is read: the platform answers without waiting for 1 GiB.
    r = p.raw("PUT", f"/v1/cases/{new_id()}",
              dict(hdr, **{"Content-Length": str(1024 * MIB)}),
              [b"{" + b" " * MIB], timeout=15)
    t.problem(r, 413, "too_large",
              "Content-Length: 1 GiB is 413 at once, without the body being sent")
    serving(t, p, "a Content-Length of 1 GiB")
    t.eq(p.case("ana", kase["id"])["version"], kase["version"] + 1,
         "only the 1 MiB message reached the case")
    release(p, kase)


@category("bad-input")
def test_oversized_evidence(t, p):
    kase = new_case(p, "ana")
    head = png_bytes()
    limit = 10 * MIB

    def hdr(eid, size=None):
        h = dict(auth(p), **{"Content-Type": "image/png", "X-Filename": "big.png"})
        if size is not None:
            h["Content-Length"] = str(size)
        return h, f"/v1/evidence/{eid}?case={kase['id']}"

    eid = new_id()
    data = head + b"\0" * (limit - len(head))
    h, path = hdr(eid, len(data))
    r = p.raw("PUT", path, h, [data[i:i + MIB] for i in range(0, len(data), MIB)])
    t.status(r, 201, "evidence of exactly 10 MiB is accepted")
    t.eq((r.json or {}).get("size"), limit, "its size is 10 MiB")
    data += b"\0"
    h, path = hdr(new_id(), len(data))
    r = p.raw("PUT", path, h, [data[i:i + MIB] for i in range(0, len(data), MIB)])
    t.problem(r, 413, "too_large", "evidence of 10 MiB + 1 byte with Content-Length is 413")
    serving(t, p, "evidence over 10 MiB")
    h, path = hdr(new_id())
    chunks = [head] + [b"\0" * MIB for _ in range(11)]
    r = p.raw("PUT", path, h, chunks, chunked=True)
    t.problem(r, 413, "too_large", "chunked evidence of 11 MiB (no Content-Length) is 413")
    serving(t, p, "chunked evidence over 10 MiB")
    h, path = hdr(new_id(), 4096 * MIB)
    r = p.raw("PUT", path, h, [head + b"\0" * MIB], timeout=15)
    t.problem(r, 413, "too_large",
              "Content-Length: 4 GiB of evidence is 413 at once, without the body")
    serving(t, p, "a Content-Length of 4 GiB")
    c = p.case("ana", kase["id"])
    t.eq([e["id"] for e in c["evidence"]], [eid], "only the 10 MiB file is on the case")
    release(p, kase)


@category("bad-input")
def test_media_types(t, p):
    kase = new_case(p, "ana")
    text = b"This is a plain text file, honestly.\n" * 20
    for data, mime, what in ((text, "image/png", "a 'PNG' that is a text file"),
                             (text, "image/jpeg", "a 'JPEG' that is a text file"),
                             (text, "application/pdf", "a 'PDF' that is a text file"),
                             (png_bytes(), "image/jpeg", "a PNG sent as JPEG"),
                             (b"GIF89a" + b"\0" * 64, "image/gif", "a GIF"),
                             (text, "text/plain", "a text file"),
                             (b"\x89PNG", "image/png", "four bytes of a PNG header")):
        r = p.upload("ana", new_id(), kase["id"], data, mime, "file.png")
        t.problem(r, 415, "unsupported_media_type", f"evidence: {what} is 415")
    serving(t, p, "files of the wrong type")
    t.eq(p.case("ana", kase["id"])["evidence"], [], "no refused file is on the case")
    release(p, kase)


@category("bad-input")
def test_filenames(t, p):
    kase = new_case(p, "ana")
    for name in ("../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow",
                 "a/b/c.png", "....//....//x.png", ".hidden.png"):
        eid = new_id()
        data = png_bytes(seed=len(name))
        r = p.upload("ana", eid, kase["id"], data, "image/png", name)
        if not t.status(r, 201, f"X-Filename {name!r}: the file is accepted"):
            continue
        shown = r.json.get("filename", "")
        t.ok(isinstance(shown, str) and shown and "/" not in shown and "\\" not in shown
             and shown not in (".", ".."),
             f"X-Filename {name!r}: the stored name has no path", repr(shown))
        g = p.get(f"/v1/evidence/{eid}", user="ana")
        t.ok(g.status == 200 and g.body == data,
             f"X-Filename {name!r}: the file reads back by its id", g.describe())
        serving(t, p, f"X-Filename {name!r}")
    r = p.upload("ana", new_id(), kase["id"], png_bytes(), "image/png", None)
    t.ok(r.status in (201, 422), "evidence without X-Filename is stored or refused clearly",
         r.describe())
    for bad in ("..%2F..%2Fetc%2Fpasswd", "not-a-uuid"):
        r = p.request("PUT", f"/v1/evidence/{bad}?case={kase['id']}", png_bytes(),
                      user="ana", ctype="image/png", headers={"X-Filename": "x.png"})
        # libsoup itself may refuse an encoded slash in a path (400).
        t.ok(r.status in (400, 404, 422) and (r.status == 400 or (r.json or {}).get(
            "code") in ("not_found", "validation_failed")),
            f"an evidence id {bad!r} is refused", r.describe())
    r = p.request("PUT", f"/v1/evidence/{new_id()}", png_bytes(), user="ana",
                  ctype="image/png", headers={"X-Filename": "x.png"})
    t.problem(r, 422, "validation_failed", "evidence without ?case= is 422", field="case")
    serving(t, p, "odd evidence paths")
    release(p, kase)


@category("bad-input")
def test_unknown_paths(t, p):
    for method, path in (("GET", "/v1/nothing-here"), ("GET", "/v2/me"),
                         ("GET", "/v1/cases/not/here")):
        r = p.request(method, path, user="ana")
        t.problem(r, 404, "not_found", f"{method} {path} is 404 problem+json")
    r = p.request("DELETE", "/v1/config", user="ana")
    t.ok(400 <= r.status < 500 and (r.header("Content-Type") or "").startswith(
        "application/problem+json"), "DELETE /v1/config is a 4xx problem+json",
        r.describe())
    serving(t, p, "unknown paths")


if __name__ == "__main__":
    main("badinput", [test_malformed_json, test_wrong_types, test_oversized_json,
                      test_oversized_evidence, test_media_types, test_filenames,
                      test_unknown_paths])
