#!/usr/bin/env python3
# make-pseudo-locale.py SRCDIR OUTDIR — builds the pseudo-locale "xx" of every
# translatable string: the template is extracted from POTFILES.in exactly as
# the real one is, then each string is wrapped in ⟦ ⟧ and made 40 % longer,
# keeping its placeholders, mnemonics and markup, and compiled to
# OUTDIR/xx/LC_MESSAGES/redress.mo.  The pseudo-locale test runs the app in it:
# any visible text without the markers escaped translation, and any window
# that outgrows the screen does not survive longer languages.
import os
import re
import subprocess
import sys

srcdir, outdir = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(outdir, "xx", "LC_MESSAGES"), exist_ok=True)
pot = os.path.join(outdir, "pseudo.pot")
po = os.path.join(outdir, "xx.po")
mo = os.path.join(outdir, "xx", "LC_MESSAGES", "redress.mo")

files = [l.strip() for l in open(os.path.join(srcdir, "po", "POTFILES.in"), encoding="utf-8")
         if l.strip() and not l.startswith("#")]
subprocess.run(["xgettext", "--from-code=UTF-8", "--package-name=redress",
                "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                "--keyword=g_dpgettext2:2c,3",
                "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
                "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
                "--flag=g_strdup_printf:1:c-format", "--flag=g_set_error:4:c-format",
                "-D", srcdir, "-o", pot] + files, check=True)

# What must survive untouched: printf conversions, {named} parameters,
# markup tags and entities, and mnemonic underscores with their letter.
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t|O|E)?[a-zA-Z%]"
                  r"|\{[a-z_]+\}|<[^>]*>|&[a-z#0-9]+;|_(?=\w)")


def pseudo(text):
    if text == "":
        return ""
    pieces = KEEP.split(text)
    kept = KEEP.findall(text)
    out = []
    for i, piece in enumerate(pieces):
        out.append(piece)
        if i < len(kept):
            out.append(kept[i])
    body = "".join(out)
    visible = len(KEEP.sub("", text))
    filler = "·" * max(1, (visible * 4 + 9) // 10)
    # Keep leading and trailing white space (and newlines) where they were.
    lead = body[:len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()):]
    core = body.strip()
    return f"{lead}⟦{core}{filler}⟧{trail}"


def unquote(lines):
    s = "".join(re.match(r'\s*"(.*)"\s*$', l).group(1) for l in lines)
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{s}"'


entries = []
cur = {}
key = None
for line in open(pot, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip():
        if cur:
            entries.append(cur)
        cur, key = {}, None
        continue
    if line.startswith("#"):
        cur.setdefault("comments", []).append(line)
        continue
    m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
    if m:
        key = m.group(1)
        cur.setdefault(key, []).append(m.group(2))
    elif line.startswith('"') and key:
        cur[key].append(line)
if cur:
    entries.append(cur)

with open(po, "w", encoding="utf-8") as f:
    for e in entries:
        msgid = unquote(e["msgid"])
        flags = [c for c in e.get("comments", []) if c.startswith("#,") and msgid != ""]
        for c in flags:
            f.write(c + "\n")
        if "msgctxt" in e:
            f.write(f"msgctxt {quote(unquote(e['msgctxt']))}\n")
        f.write(f"msgid {quote(msgid)}\n")
        if msgid == "":
            f.write('msgstr ""\n'
                    '"Project-Id-Version: redress\\n"\n'
                    '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
                    '"Last-Translator: make-pseudo-locale.py\\n"\n'
                    '"Language-Team: pseudo\\n"\n'
                    '"Language: xx\\n"\n'
                    '"MIME-Version: 1.0\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Content-Transfer-Encoding: 8bit\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
            continue
        if "msgid_plural" in e:
            plural = unquote(e["msgid_plural"])
            f.write(f"msgid_plural {quote(plural)}\n")
            f.write(f"msgstr[0] {quote(pseudo(msgid))}\n")
            f.write(f"msgstr[1] {quote(pseudo(plural))}\n\n")
        else:
            f.write(f"msgstr {quote(pseudo(msgid))}\n\n")

subprocess.run(["msgfmt", "--check", "-o", mo, po], check=True)
print(mo)
