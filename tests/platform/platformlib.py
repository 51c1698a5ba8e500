# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers of the HTTP tests of redress-platform.

Each test file starts the real binary (path in $REDRESS_PLATFORM) on
`--port 0`, talks HTTP to it with the standard library only, and prints TAP.
Every check belongs to a category (endpoint, transition, authorization,
replay, deadline, changes, bad-input, cli) whose count is printed at the end
as a TAP comment, for the project's notes.
"""

import collections
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
import zlib

UTC = dt.timezone.utc
LISTEN_RE = re.compile(r"^listening on http://([0-9.]+|\[[0-9a-fA-F:]+\]):([0-9]+)/$")
PROBLEM_TYPE = "application/problem+json"
SWEEP_ACTOR = {"id": "platform", "name": "Redress platform", "role": "platform"}

REASONS = ["defective", "damaged_in_transit", "not_as_described", "wrong_item",
           "missing_parts", "not_received", "counterfeit", "other"]
RETURN_WINDOW_REASONS = ["damaged_in_transit", "wrong_item", "missing_parts",
                         "not_as_described", "other"]
WARRANTY_REASONS = ["defective", "counterfeit"]
OUTCOME_TYPES = ["full_refund", "partial_refund", "replacement", "repair",
                 "return_and_refund"]
ACTION_TYPES = ["message", "offer", "accept_claim", "accept_offer", "reject_offer",
                "escalate", "withdraw", "ship_return", "confirm_return", "rule", "rate"]
STATUSES = ["awaiting_seller", "awaiting_buyer", "return_pending", "under_review",
            "resolved"]
EVENT_TYPES = ["created", "message", "evidence", "offer", "offer_accepted",
               "offer_rejected", "claim_accepted", "escalated", "deadline_missed",
               "return_shipped", "return_received", "ruled", "withdrawn", "resolved",
               "rated"]
ERROR_CODES = {
    "unauthorized": 401, "forbidden": 403, "not_found": 404,
    "validation_failed": 422, "invalid_transition": 409, "id_conflict": 409,
    "version_mismatch": 412, "filing_window_closed": 422, "duplicate_case": 409,
    "too_large": 413, "unsupported_media_type": 415, "precondition_required": 428,
    "cursor_expired": 410, "rate_limited": 429,
}
# What accepting a claim or an offer of each type resolves the case as.
OUTCOME_OF_TYPE = {"full_refund": "refunded", "partial_refund": "partially_refunded",
                   "replacement": "replaced", "repair": "repaired"}
DEMO_ROLES = {"ana": "buyer", "li": "buyer", "kai": "seller", "sol": "seller",
              "mia": "agent"}
KIB = 1024
MIB = 1024 * 1024


class SetupError(Exception):
    """A step that a group needs failed: the group stops with this message."""


# ---------------------------------------------------------------------------
# TAP

class Tap:
    def __init__(self, suite):
        self.suite = suite
        self.n = 0
        self.failed = 0
        self.counts = collections.Counter()
        self.category = "misc"
        self.platform = None

    def ok(self, cond, name, diag=None, category=None):
        self.n += 1
        cat = category or self.category
        self.counts[cat] += 1
        name = name.replace("#", "no.").replace("\n", " ")
        if cond:
            print(f"ok {self.n} - [{cat}] {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - [{cat}] {name}", flush=True)
            if diag:
                self.diag(diag)
        return bool(cond)

    def diag(self, text):
        for line in str(text).splitlines():
            print(f"#   {line}", flush=True)

    def eq(self, got, expected, name, diag=None, category=None):
        extra = f"expected: {expected!r}\ngot:      {got!r}"
        if diag:
            extra = f"{diag}\n{extra}"
        return self.ok(got == expected, name, extra, category)

    def status(self, resp, expected, name, category=None):
        """Checks a response's status (an int or a set of ints)."""
        exp = expected if isinstance(expected, (set, frozenset, tuple, list)) else {expected}
        return self.ok(resp.status in exp, name,
                       f"expected status {sorted(exp)}\n{resp.describe()}", category)

    def problem(self, resp, status, code, name, category=None, field=None):
        """Checks that @resp is a well-formed problem+json with @status and @code
        (and, for @field, an `errors` entry naming it)."""
        why = problem_defects(resp, status, code, field)
        return self.ok(not why, name,
                       None if not why else "\n".join(why) + "\n" + resp.describe(),
                       category)

    def run_group(self, fn, *args):
        """Runs one group of checks; an exception fails the group, not the file."""
        self.category = getattr(fn, "category", self.category)
        try:
            fn(self, *args)
        except SetupError as e:
            self.ok(False, f"{fn.__name__}: setup failed", str(e))
        except Exception:  # noqa: BLE001 — report every failure as TAP
            self.ok(False, f"{fn.__name__}: raised", traceback.format_exc())

    def finish(self):
        for cat in sorted(self.counts):
            print(f"# {cat} cases: {self.counts[cat]}")
        print(f"1..{self.n}", flush=True)
        if self.failed and self.platform is not None:
            self.platform.dump_log()
        sys.exit(0)


def category(name):
    def deco(fn):
        fn.category = name
        return fn
    return deco


def problem_defects(resp, status, code, field=None):
    why = []
    if resp.status != status:
        why.append(f"expected status {status}, got {resp.status}")
    ctype = resp.headers.get("Content-Type", "") if resp.headers else ""
    if not ctype.split(";")[0].strip().lower() == PROBLEM_TYPE:
        why.append(f"expected Content-Type {PROBLEM_TYPE}, got {ctype!r}")
    body = resp.json
    if not isinstance(body, dict):
        why.append("body is not a JSON object")
        return why
    for key in ("type", "title", "detail", "code"):
        if not isinstance(body.get(key), str):
            why.append(f"field {key!r} missing or not a string")
    if body.get("status") != status or isinstance(body.get("status"), bool):
        why.append(f"field 'status' is {body.get('status')!r}, expected {status}")
    if body.get("code") != code:
        why.append(f"code is {body.get('code')!r}, expected {code!r}")
    errors = body.get("errors")
    if errors is not None:
        if not isinstance(errors, list) or not all(
                isinstance(e, dict) and isinstance(e.get("field"), str)
                and isinstance(e.get("code"), str) for e in errors):
            why.append("'errors' is not a list of {field, code}")
    if field is not None:
        fields = [e.get("field", "") for e in (errors or []) if isinstance(e, dict)]
        if not any(field in f for f in fields):
            why.append(f"'errors' does not name the field {field!r}: {fields!r}")
    return why


# ---------------------------------------------------------------------------
# HTTP

class Response:
    def __init__(self, method, path, req_body, status, headers, body):
        self.method = method
        self.path = path
        self.req_body = req_body
        self.status = status
        self.headers = headers
        self.body = body
        self.json = None
        if body:
            try:
                self.json = json.loads(body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self.json = None

    def header(self, name):
        return self.headers.get(name) if self.headers else None

    def describe(self):
        req = ""
        if self.req_body is not None:
            rb = self.req_body
            if isinstance(rb, (bytes, bytearray)):
                try:
                    rb = rb[:300].decode("utf-8") + (
                        f"... ({len(rb)} bytes)" if len(rb) > 300 else "")
                except UnicodeDecodeError:
                    rb = f"<{len(rb)} bytes of binary data>"
            req = f" {rb}"
        body = (self.body or b"")[:1200].decode("utf-8", "replace")
        ctype = self.header("Content-Type")
        return (f"request:  {self.method} {self.path}{req}\n"
                f"got:      {self.status} ({ctype}) {body}")


def now_utc():
    return dt.datetime.now(UTC)


def parse_time(text):
    if text is None:
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def fmt_time(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def new_id():
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------
# Sample files

def png_bytes(width=2, height=2, seed=0):
    """A real PNG image."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b""
    for y in range(height):
        raw += b"\x00" + bytes(((x * 40 + y * 90 + seed * 7) % 256 for x in range(width * 3)))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def jpeg_bytes():
    """The start of a JFIF file (the platform checks the first bytes)."""
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9")


def pdf_bytes():
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


# ---------------------------------------------------------------------------
# The platform process

class Platform:
    def __init__(self, tap=None, db=":memory:", demo=True, test_clock=False,
                 extra_args=(), home=None):
        self.tap = tap
        self.db = db
        self.demo = demo
        self.test_clock = test_clock
        self.extra_args = list(extra_args)
        self.proc = None
        self.host = None
        self.port = None
        self.first_line = None
        self.tokens = {}
        self.users = {}
        self.clock_offset = dt.timedelta(0)
        self.own_home = home is None
        self.home = home or tempfile.mkdtemp(prefix="redress-platform-home-")
        self.log_path = None
        self.stdout_rest = []
        self.binary = os.environ.get("REDRESS_PLATFORM", "")

    # -- process ---------------------------------------------------------

    def command(self):
        args = [self.binary, "--port", "0", "--db", self.db]
        if self.demo:
            args.append("--demo")
        if self.test_clock:
            args.append("--test-clock")
        return args + self.extra_args

    def env(self):
        env = dict(os.environ)
        for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                    "XDG_CONFIG_HOME"):
            env[var] = os.path.join(self.home, var.lower())
        env["HOME"] = self.home
        return env

    def start(self, timeout=60):
        if not self.binary or not os.access(self.binary, os.X_OK):
            raise SetupError(f"redress-platform is not built: REDRESS_PLATFORM={self.binary!r}")
        fd, self.log_path = tempfile.mkstemp(prefix="redress-platform-", suffix=".log")
        log = os.fdopen(fd, "wb")
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=log, env=self.env())
        log.close()
        line = read_line(self.proc.stdout, timeout)
        if line is None:
            rc = self.proc.poll()
            self.kill()
            raise SetupError(f"no first line within {timeout}s (exit status {rc}); "
                             f"command {' '.join(self.command())}\n{self.log_tail()}")
        self.first_line = line
        m = LISTEN_RE.match(line)
        if not m:
            self.kill()
            raise SetupError(f"first line is not 'listening on http://ADDR:PORT/': {line!r}")
        self.host = m.group(1).strip("[]")
        self.port = int(m.group(2))
        threading.Thread(target=self._drain, daemon=True).start()
        self.tokens = {}
        return self

    def _drain(self):
        try:
            for raw in self.proc.stdout:
                self.stdout_rest.append(raw.decode("utf-8", "replace"))
        except (OSError, ValueError):
            pass

    def stop(self, timeout=30, sig=signal.SIGTERM):
        """SIGTERM (or @sig), and the exit status (None if it had to be killed)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            rc = None
        self.proc = None
        return rc

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def restart(self, **changes):
        rc = self.stop()
        for k, v in changes.items():
            setattr(self, k, v)
        self.start()
        return rc

    def cleanup(self):
        self.kill()
        if self.own_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def log_tail(self, lines=30):
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, "rb") as f:
            text = f.read().decode("utf-8", "replace").splitlines()
        return "\n".join(text[-lines:])

    def log_text(self):
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def dump_log(self):
        tail = self.log_tail(40)
        if tail:
            print("# --- last lines of the platform's standard error ---")
            for line in tail.splitlines():
                print(f"# {line}")

    # -- HTTP ------------------------------------------------------------

    def request(self, method, path, body=None, user=None, token=None, headers=None,
                ctype=None, timeout=60):
        hdrs = {"Connection": "close"}
        if user is not None:
            token = self.token(user)
        if token is not None:
            hdrs["Authorization"] = f"Bearer {token}"
        data = None
        shown = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
                shown = data
            else:
                data = json.dumps(body).encode("utf-8")
                shown = json.dumps(body)[:600]
            hdrs["Content-Type"] = ctype or "application/json; charset=utf-8"
        elif ctype:
            hdrs["Content-Type"] = ctype
        if headers:
            hdrs.update(headers)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            payload = r.read()
            return Response(method, path, shown, r.status, r.headers, payload)
        finally:
            conn.close()

    def get(self, path, user=None, **kw):
        return self.request("GET", path, user=user, **kw)

    def raw(self, method, path, headers, chunks, chunked=False, timeout=60):
        """Sends a request with the body from the iterable @chunks on a raw
        socket, with Content-Length (given in @headers) or chunked, while
        reading the answer at the same time: a platform may answer and close
        before it has read a body that is too large."""
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        for k, v in headers.items():
            head += f"{k}: {v}\r\n"
        if chunked:
            head += "Transfer-Encoding: chunked\r\n"
        head += "Connection: close\r\n\r\n"
        sent = [0]

        def sender():
            try:
                sock.sendall(head.encode("latin-1"))
                for c in chunks:
                    if chunked:
                        sock.sendall(b"%x\r\n" % len(c) + c + b"\r\n")
                    else:
                        sock.sendall(c)
                    sent[0] += len(c)
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass

        th = threading.Thread(target=sender, daemon=True)
        th.start()
        desc = f"<{'chunked' if chunked else 'Content-Length'} body>"
        try:
            r = http.client.HTTPResponse(sock, method=method)
            r.begin()
            payload = r.read()
            resp = Response(method, path, desc, r.status, r.headers, payload)
        except (OSError, http.client.HTTPException) as e:
            resp = Response(method, path, desc, 0, None,
                            f"<no answer: {type(e).__name__}: {e}; "
                            f"{sent[0]} body bytes sent>".encode())
        finally:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        th.join(10)
        return resp

    # -- session ---------------------------------------------------------

    def login(self, login, password="demo"):
        return self.request("POST", "/v1/session", {"login": login, "password": password})

    def token(self, login):
        if login not in self.tokens:
            r = self.login(login)
            if r.status != 200 or not isinstance(r.json, dict) or "token" not in r.json:
                raise SetupError(f"cannot log in as {login}:\n{r.describe()}")
            self.tokens[login] = r.json["token"]
            self.users[login] = r.json.get("user", {})
        return self.tokens[login]

    def user_id(self, login):
        self.token(login)
        return self.users[login]["id"]

    def healthy(self):
        try:
            r = self.get("/v1/health", timeout=10)
            return r.status == 200
        except OSError:
            return False

    # -- clock -----------------------------------------------------------

    def now(self):
        return now_utc() + self.clock_offset

    def advance(self, seconds, user="mia"):
        """Moves the platform's test clock forward (and runs its sweep)."""
        seconds = int(seconds)
        r = self.request("POST", "/v1/test/clock", {"advance_seconds": seconds}, user=user)
        if r.status != 200 or not isinstance(r.json, dict) or "now" not in r.json:
            raise SetupError(f"cannot advance the test clock:\n{r.describe()}")
        self.clock_offset = parse_time(r.json["now"]) - now_utc()
        # Sessions may have expired on the platform's clock.
        self.tokens = {}
        return parse_time(r.json["now"])

    def advance_to(self, when):
        delta = (when - self.now()).total_seconds()
        if delta > 0:
            return self.advance(int(delta) + 1)
        return self.now()

    def align_to_weekday(self, weekday=1, hour=10):
        """Advances the clock to the next @weekday (0 = Monday) at @hour UTC,
        so that business-day deadlines are exact."""
        now = self.now()
        target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
        days = (weekday - target.weekday()) % 7
        target += dt.timedelta(days=days)
        if target <= now:
            target += dt.timedelta(days=7)
        return self.advance_to(target)

    # -- reading ---------------------------------------------------------

    def changes(self, user, since=None, limit=None):
        q = []
        if since is not None:
            q.append(f"since={since}")
        if limit is not None:
            q.append(f"limit={limit}")
        path = "/v1/changes" + ("?" + "&".join(q) if q else "")
        return self.get(path, user=user)

    def pull_all(self, user, limit=None, since=None, max_pages=100000):
        """All pages from @since until `more` is false: (pages, last cursor)."""
        pages = []
        cursor = since
        for _ in range(max_pages):
            r = self.changes(user, cursor, limit)
            if r.status != 200 or not isinstance(r.json, dict):
                raise SetupError(f"GET /v1/changes failed for {user}:\n{r.describe()}")
            pages.append(r.json)
            cursor = r.json["cursor"]
            if not r.json.get("more"):
                return pages, cursor
        raise SetupError("GET /v1/changes never ended")

    def world(self, user):
        """Every order and case that @user sees now, by id (latest version)."""
        pages, cursor = self.pull_all(user, limit=500)
        orders, cases = {}, {}
        for page in pages:
            for o in page.get("orders", []):
                orders[o["id"]] = o
            for c in page.get("cases", []):
                cases[c["id"]] = c
            for rid in page.get("removed", []):
                cases.pop(rid, None)
        return orders, cases

    def case(self, user, case_id):
        r = self.get(f"/v1/cases/{case_id}", user=user)
        if r.status != 200:
            raise SetupError(f"GET case as {user} failed:\n{r.describe()}")
        return r.json

    # -- writing ---------------------------------------------------------

    def file_case(self, user, order_id, sku, reason, requested=None, case_id=None,
                  description="It stopped working after two days.", lang="en"):
        case_id = case_id or new_id()
        body = {"order_id": order_id, "item_sku": sku, "reason": reason,
                "requested": requested or {"type": "full_refund"},
                "description": description, "lang": lang}
        return case_id, body, self.request("PUT", f"/v1/cases/{case_id}", body, user=user)

    def act(self, user, case_id, atype, version=None, if_match=True, action_id=None,
            **fields):
        """POST an action; If-Match is the case's current version unless
        @version is given or @if_match is False."""
        body = {"id": action_id or new_id(), "type": atype}
        body.update(fields)
        headers = {}
        if if_match:
            if version is None:
                r = self.get(f"/v1/cases/{case_id}", user=user)
                if r.status == 200:
                    version = r.json["version"]
                else:
                    version = 1
            headers["If-Match"] = f'"{version}"'
        return self.request("POST", f"/v1/cases/{case_id}/actions", body, user=user,
                            headers=headers)

    def must_act(self, user, case_id, atype, **fields):
        r = self.act(user, case_id, atype, **fields)
        if r.status != 200:
            raise SetupError(f"{user} could not take {atype}:\n{r.describe()}")
        return r.json

    def upload(self, user, evidence_id, case_id, data, mime="image/png",
               filename="photo.png"):
        headers = {"X-Filename": filename} if filename is not None else {}
        return self.request("PUT", f"/v1/evidence/{evidence_id}?case={case_id}", data,
                            user=user, ctype=mime, headers=headers)


def read_line(stream, timeout):
    """The first line of @stream, or None when nothing came within @timeout."""
    fd = stream.fileno()
    buf = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        # One byte at a time, so that nothing after the line is consumed here.
        b = os.read(fd, 1)
        if not b:
            return None
        buf += b
    return buf.decode("utf-8", "replace").rstrip("\n")


# ---------------------------------------------------------------------------
# The rules of API.md, computed independently of the platform

def day_start(t):
    return t.replace(hour=0, minute=0, second=0, microsecond=0)


def add_months(t, months):
    m = t.month - 1 + months
    y = t.year + m // 12
    m = m % 12 + 1
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
             31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return t.replace(year=y, month=m, day=min(t.day, mdays))


def filing_window(order, reason):
    """(opens, closes) of API.md's filing window, or None where it cannot open."""
    shipped = parse_time(order.get("shipped_at"))
    delivered = parse_time(order.get("delivered_at"))
    if reason == "not_received":
        if shipped is None:
            return None
        opens = day_start(shipped) + dt.timedelta(days=1)
        if delivered is not None:
            closes = day_start(delivered) + dt.timedelta(days=8)
        else:
            closes = day_start(shipped) + dt.timedelta(days=31)
        return opens, closes
    if delivered is None:
        return None
    if reason in WARRANTY_REASONS:
        return delivered, add_months(day_start(delivered),
                                     order["warranty_months"]) + dt.timedelta(days=1)
    return delivered, day_start(delivered) + dt.timedelta(days=order["return_window_days"] + 1)


def clearly_inside(order, reason, now, margin=dt.timedelta(days=2)):
    w = filing_window(order, reason)
    return w is not None and w[0] + margin <= now <= w[1] - margin


def clearly_outside(order, reason, now, margin=dt.timedelta(days=2)):
    w = filing_window(order, reason)
    if w is None:
        # Only where API.md is unambiguous: nothing delivered (and, for
        # not_received, nothing shipped).
        return order.get("delivered_at") is None and (
            reason != "not_received" or order.get("shipped_at") is None)
    return now >= w[1] + margin or now <= w[0] - margin


def add_business_days(start, n):
    """@start moved by @n business days (Saturdays and Sundays do not count)
    at the same time of day: from a Friday 10:00, 3 is the next Wednesday."""
    t = start
    count = 0
    while count < n:
        t += dt.timedelta(days=1)
        if t.weekday() < 5:
            count += 1
    return t


def deadline_range(kind, start):
    """(earliest, latest) acceptable respond_by for a deadline of @kind that
    started at @start.  Exact (to a few seconds) from a weekday; from a
    weekend API.md does not say at what time of day the count starts, so a
    range of two days."""
    slack = dt.timedelta(seconds=3)
    if kind in ("buyer", "ship"):
        exp = start + dt.timedelta(days=7)
        return exp - slack, exp + slack
    n = 3 if kind == "seller" else 10
    exp = add_business_days(start, n)
    if start.weekday() < 5:
        return exp - slack, exp + slack
    return day_start(exp), day_start(exp) + dt.timedelta(days=2)


DEADLINE_SHAPE = {
    # kind: (turn, on_expiry)
    "seller": ("seller", "escalate"),
    "buyer": ("buyer", "expire"),
    "ship": ("buyer", "expire"),
    "receipt": ("seller", "escalate"),
}


def deadline_defects(case, kind, start):
    """What is wrong with @case's turn/respond_by/on_expiry for a deadline of
    @kind started at @start (kind None: no deadline, turn agent or none)."""
    why = []
    if kind is None:
        if case.get("respond_by") is not None:
            why.append(f"respond_by should be null, is {case.get('respond_by')!r}")
        if case.get("on_expiry") is not None:
            why.append(f"on_expiry should be null, is {case.get('on_expiry')!r}")
        return why
    turn, expiry = DEADLINE_SHAPE[kind]
    if case.get("turn") != turn:
        why.append(f"turn should be {turn!r}, is {case.get('turn')!r}")
    if case.get("on_expiry") != expiry:
        why.append(f"on_expiry should be {expiry!r}, is {case.get('on_expiry')!r}")
    rb = case.get("respond_by")
    if not isinstance(rb, str) or not RFC3339_RE.match(rb):
        why.append(f"respond_by is not an RFC 3339 UTC time: {rb!r}")
        return why
    lo, hi = deadline_range(kind, start)
    got = parse_time(rb)
    if not lo <= got <= hi:
        why.append(f"respond_by {rb} is not in [{fmt_time(lo)}, {fmt_time(hi)}] "
                   f"({kind} deadline from {fmt_time(start)})")
    return why


# ---------------------------------------------------------------------------
# Shapes of API.md's documents

def _is_str(v):
    return isinstance(v, str)


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_time(v):
    return isinstance(v, str) and bool(RFC3339_RE.match(v))


def _check(why, path, cond, what):
    if not cond:
        why.append(f"{path}: {what}")


def money_defects(m, path="money"):
    why = []
    if not isinstance(m, dict):
        return [f"{path}: not an object"]
    _check(why, path + ".amount", _is_int(m.get("amount")), "not an integer")
    _check(why, path + ".currency", _is_str(m.get("currency"))
           and re.fullmatch(r"[A-Z]{3}", m.get("currency") or "") is not None,
           "not an ISO 4217 code")
    return why


def party_defects(v, path="party"):
    if not isinstance(v, dict):
        return [f"{path}: not an object"]
    why = []
    _check(why, path + ".id", _is_str(v.get("id")) and v.get("id"), "missing")
    _check(why, path + ".name", _is_str(v.get("name")), "missing")
    return why


def user_defects(u, path="user"):
    why = party_defects(u, path)
    if isinstance(u, dict):
        _check(why, path + ".role", u.get("role") in ("buyer", "seller", "agent"),
               f"bad role {u.get('role')!r}")
        _check(why, path + ".locale", _is_str(u.get("locale")), "missing")
    return why


def item_defects(it, path="item"):
    if not isinstance(it, dict):
        return [f"{path}: not an object"]
    why = []
    _check(why, path + ".sku", _is_str(it.get("sku")), "missing")
    _check(why, path + ".title", _is_str(it.get("title")), "missing")
    _check(why, path + ".quantity", _is_int(it.get("quantity")) and it["quantity"] >= 1,
           "not a positive integer")
    why += money_defects(it.get("unit_price"), path + ".unit_price")
    return why


def order_defects(o, path="order"):
    if not isinstance(o, dict):
        return [f"{path}: not an object"]
    why = []
    for k in ("id", "number"):
        _check(why, f"{path}.{k}", _is_str(o.get(k)), "missing")
    why += party_defects(o.get("buyer"), path + ".buyer")
    why += party_defects(o.get("seller"), path + ".seller")
    items = o.get("items")
    _check(why, path + ".items", isinstance(items, list) and items, "not a non-empty list")
    for i, it in enumerate(items or []):
        why += item_defects(it, f"{path}.items[{i}]")
    why += money_defects(o.get("total"), path + ".total")
    _check(why, path + ".ordered_at", _is_time(o.get("ordered_at")), "not a time")
    for k in ("shipped_at", "delivered_at"):
        _check(why, f"{path}.{k}", k in o and (o[k] is None or _is_time(o[k])),
               "missing or not a time")
    for k in ("carrier", "tracking"):
        _check(why, f"{path}.{k}", k in o and (o[k] is None or _is_str(o[k])), "missing")
    for k in ("return_window_days", "warranty_months"):
        _check(why, f"{path}.{k}", _is_int(o.get(k)) and o[k] >= 0, "not an integer")
    return why


def event_defects(e, path="event"):
    if not isinstance(e, dict):
        return [f"{path}: not an object"]
    why = []
    _check(why, path + ".id", _is_str(e.get("id")), "missing")
    _check(why, path + ".at", _is_time(e.get("at")), "not a time")
    a = e.get("actor")
    why += party_defects(a, path + ".actor")
    if isinstance(a, dict):
        _check(why, path + ".actor.role",
               a.get("role") in ("buyer", "seller", "agent", "platform"), "bad role")
    t = e.get("type")
    _check(why, path + ".type", t in EVENT_TYPES, f"unknown type {t!r}")
    if t == "message":
        _check(why, path, _is_str(e.get("text")) or isinstance(e.get("template"), dict),
               "a message without text or template")
        _check(why, path + ".lang", _is_str(e.get("lang")), "missing")
        _check(why, path + ".evidence_ids", isinstance(e.get("evidence_ids"), list),
               "not a list")
    elif t == "evidence":
        _check(why, path + ".evidence_ids", isinstance(e.get("evidence_ids"), list),
               "not a list")
    elif t in ("offer", "offer_accepted", "offer_rejected"):
        _check(why, path + ".offer_id", _is_str(e.get("offer_id")), "missing")
    elif t == "return_shipped":
        _check(why, path + ".carrier", _is_str(e.get("carrier")), "missing")
        _check(why, path + ".tracking", _is_str(e.get("tracking")), "missing")
    elif t == "ruled":
        _check(why, path + ".decision", e.get("decision") in ("buyer", "seller", "split"),
               "bad decision")
    elif t == "resolved":
        _check(why, path + ".outcome", e.get("outcome") in RESOLUTION_OUTCOMES,
               "bad outcome")
    elif t == "rated":
        _check(why, path + ".stars", _is_int(e.get("stars")) and 1 <= e["stars"] <= 5,
               "not 1..5")
    return why


RESOLUTION_OUTCOMES = ["refunded", "partially_refunded", "replaced", "repaired",
                       "rejected", "withdrawn", "expired"]


def case_defects(c, path="case"):
    if not isinstance(c, dict):
        return [f"{path}: not an object"]
    why = []
    for k in ("id", "order_id", "order_number", "description", "lang"):
        _check(why, f"{path}.{k}", _is_str(c.get(k)), "missing")
    _check(why, path + ".version", _is_int(c.get("version")) and c["version"] >= 1,
           "not a positive integer")
    why += item_defects(c.get("item"), path + ".item")
    why += party_defects(c.get("buyer"), path + ".buyer")
    why += party_defects(c.get("seller"), path + ".seller")
    _check(why, path + ".reason", c.get("reason") in REASONS, "bad reason")
    req = c.get("requested")
    _check(why, path + ".requested.type", isinstance(req, dict)
           and req.get("type") in OUTCOME_TYPES, "bad requested")
    _check(why, path + ".status", c.get("status") in STATUSES, "bad status")
    _check(why, path + ".turn", c.get("turn") in ("buyer", "seller", "agent", "none"),
           "bad turn")
    _check(why, path + ".respond_by", "respond_by" in c and (
        c["respond_by"] is None or _is_time(c["respond_by"])), "missing or not a time")
    _check(why, path + ".on_expiry", "on_expiry" in c
           and c["on_expiry"] in (None, "escalate", "expire"), "bad on_expiry")
    res = c.get("resolution", "absent")
    if res == "absent":
        why.append(f"{path}.resolution: missing")
    elif res is not None:
        _check(why, path + ".resolution.outcome", isinstance(res, dict)
               and res.get("outcome") in RESOLUTION_OUTCOMES, "bad outcome")
        _check(why, path + ".resolution.by", isinstance(res, dict) and res.get("by") in (
            "agreement", "seller", "platform", "deadline"), "bad by")
        _check(why, path + ".resolution.at", isinstance(res, dict)
               and _is_time(res.get("at")), "not a time")
    _check(why, path + ".status/resolution",
           (c.get("status") == "resolved") == isinstance(res, dict),
           "a resolution exactly when resolved")
    aa = c.get("allowed_actions")
    _check(why, path + ".allowed_actions", isinstance(aa, list)
           and all(a in ACTION_TYPES for a in aa), "not a list of action types")
    for k in ("created_at", "updated_at"):
        _check(why, f"{path}.{k}", _is_time(c.get(k)), "not a time")
    for k in ("events", "offers", "evidence"):
        _check(why, f"{path}.{k}", isinstance(c.get(k), list), "not a list")
    for i, e in enumerate(c.get("events") or []):
        why += event_defects(e, f"{path}.events[{i}]")
    for i, o in enumerate(c.get("offers") or []):
        if not isinstance(o, dict):
            why.append(f"{path}.offers[{i}]: not an object")
            continue
        _check(why, f"{path}.offers[{i}]", _is_str(o.get("id")) and o.get("type") in
               OUTCOME_TYPES and o.get("status") in ("pending", "accepted", "rejected",
                                                      "superseded")
               and _is_time(o.get("at")), "bad offer")
    for i, ev in enumerate(c.get("evidence") or []):
        why += evidence_defects(ev, f"{path}.evidence[{i}]")
    _check(why, path + ".rating", "rating" in c and (c["rating"] is None or (
        isinstance(c["rating"], dict) and _is_int(c["rating"].get("stars")))), "bad rating")
    if c.get("events"):
        _check(why, path + ".events[0]", c["events"][0].get("type") == "created",
               "the timeline does not start with 'created'")
    return why


def evidence_defects(ev, path="evidence"):
    if not isinstance(ev, dict):
        return [f"{path}: not an object"]
    why = []
    for k in ("id", "filename", "mime"):
        _check(why, f"{path}.{k}", _is_str(ev.get(k)), "missing")
    _check(why, path + ".mime", ev.get("mime") in ("image/jpeg", "image/png",
                                                   "application/pdf"), "bad mime")
    _check(why, path + ".size", _is_int(ev.get("size")) and ev["size"] > 0, "bad size")
    _check(why, path + ".sha256", _is_str(ev.get("sha256"))
           and re.fullmatch(r"[0-9a-f]{64}", ev.get("sha256") or "") is not None,
           "not 64 lower-case hex digits")
    why += party_defects(ev.get("by"), path + ".by")
    _check(why, path + ".role", ev.get("role") in ("buyer", "seller", "agent"), "bad role")
    _check(why, path + ".at", _is_time(ev.get("at")), "not a time")
    return why


# ---------------------------------------------------------------------------
# Finding demo orders that a case can be filed on

def open_items(cases):
    return {(c["order_id"], c["item"]["sku"]) for c in cases.values()
            if c.get("status") != "resolved"}


def find_fileable(p, buyer, seller_id=None, reasons=None, exclude=(), now=None,
                  need_price=False):
    """(order, item, reason) of @buyer's demo orders with no open case on the
    item and @now clearly inside the reason's window."""
    orders, cases = p.world(buyer)
    busy = open_items(cases) | set(exclude)
    now = now or p.now()
    for order in sorted(orders.values(), key=lambda o: o["id"]):
        if seller_id and order["seller"]["id"] != seller_id:
            continue
        if order["buyer"]["id"] != p.user_id(buyer):
            continue
        for item in order["items"]:
            if (order["id"], item["sku"]) in busy:
                continue
            if need_price and item["unit_price"]["amount"] < 200:
                continue
            for reason in (reasons or ["defective", "counterfeit", "not_as_described",
                                       "wrong_item", "damaged_in_transit",
                                       "missing_parts", "other", "not_received"]):
                if clearly_inside(order, reason, now):
                    return order, item, reason
    return None


def find_closed(p, buyer):
    """(order, item, reason) of @buyer where @reason's window is clearly
    closed (or cannot open) and no case is open on the item."""
    orders, cases = p.world(buyer)
    busy = open_items(cases)
    now = p.now()
    for order in sorted(orders.values(), key=lambda o: o["id"]):
        for item in order["items"]:
            if (order["id"], item["sku"]) in busy:
                continue
            for reason in REASONS:
                if reason == "other":
                    continue   # API.md does not give its window
                if clearly_outside(order, reason, now):
                    return order, item, reason
    return None


def new_case(p, buyer="ana", requested_type="full_refund", seller_id=None,
             exclude=(), reasons=None):
    """Files a case on a fileable demo item; returns the case (201 checked)."""
    found = find_fileable(p, buyer, seller_id=seller_id, exclude=exclude,
                          reasons=reasons)
    if found is None:
        raise SetupError(f"no demo order of {buyer} has an item with no open case "
                         f"inside a filing window (seller {seller_id})")
    order, item, reason = found
    requested = {"type": requested_type}
    if requested_type == "partial_refund":
        requested["amount"] = {"amount": max(1, item["unit_price"]["amount"] // 2),
                               "currency": item["unit_price"]["currency"]}
    case_id, body, r = p.file_case(buyer, order["id"], item["sku"], reason, requested)
    if r.status != 201:
        raise SetupError(f"filing a case failed:\n{r.describe()}")
    return r.json


def release(p, case, buyer="ana"):
    """Withdraws @case if it is still open, so its item can be filed again."""
    try:
        c = p.case(buyer, case["id"])
        if c["status"] != "resolved":
            p.act(buyer, c["id"], "withdraw", version=c["version"])
    except (SetupError, OSError, KeyError):
        pass


def event_types(case):
    return [e.get("type") for e in case.get("events", [])]


def new_events(before, after):
    """The events of @after that @before did not have, in order."""
    seen = {e.get("id") for e in before.get("events", [])}
    return [e for e in after.get("events", []) if e.get("id") not in seen]


def money(amount, currency="EUR"):
    return {"amount": amount, "currency": currency}


# ---------------------------------------------------------------------------
# Running a test file

def main(suite, groups, **platform_kwargs):
    tap = Tap(suite)
    p = Platform(tap, **platform_kwargs)
    tap.platform = p
    try:
        p.start()
    except SetupError as e:
        print(f"Bail out! {e}".splitlines()[0], flush=True)
        for line in str(e).splitlines()[1:]:
            print(f"# {line}")
        p.cleanup()
        sys.exit(1)
    try:
        for g in groups:
            tap.run_group(g, p)
        tap.category = "cli"
        tap.ok(p.healthy(), "the platform still answers GET /v1/health at the end")
        rc = p.stop()
        tap.eq(rc, 0, "SIGTERM stops the platform with exit status 0")
    finally:
        p.cleanup()
    tap.finish()
