#!/usr/bin/env python3
# pofilter-problems.py OUT.po — prints the units of a pofilter output that are
# real problems.
#
# pofilter's "variables" check does not know positional arguments (%2$u
# before %1$u, which Chinese or Japanese word order needs); `msgfmt --check`
# has already verified those, so a unit whose only complaint is that one, in a
# translation that uses positional arguments, is not a problem.  Nor are the
# date formats (contexts "date…" and "month…"): they are g_date_time_format()
# codes, which a translator orders, and may change (%A for %a), as the
# language writes dates.
import os
import re
import sys

path = sys.argv[1]
if not os.path.exists(path) or os.path.getsize(path) == 0:
    sys.exit(0)
units = open(path, encoding="utf-8").read().split("\n\n")
bad = []
for unit in units[1:]:
    notes = re.findall(r"^# \(pofilter\) (\w+):", unit, re.M)
    if not notes:
        continue
    if set(notes) == {"variables"} and re.search(r"%\d+\$", unit):
        continue
    if set(notes) == {"variables"} and re.search(r'^msgctxt "(date|month)', unit, re.M):
        continue
    bad.append(unit.strip())
if bad:
    print("\n\n".join(bad))
