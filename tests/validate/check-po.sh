#!/bin/sh
# check-po.sh SRCDIR LANG — one translation is complete and sound:
# msgfmt --check passes, nothing is untranslated or fuzzy, and
# translate-toolkit's pofilter finds no broken placeholder or accelerator.
set -u
srcdir=$1
lang=$2
po="$srcdir/po/$lang.po"

for tool in msgfmt pofilter; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is not installed (build-aux/install-deps installs it)"
    exit 1
  fi
done

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || {
  echo "$stats"
  exit 1
}
echo "$lang: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "$lang is not complete"
    exit 1
    ;;
esac

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# variables, pythonbraceformat: placeholders (%s, {carrier}) kept (msgfmt --check
# already holds printf formats to their types and counts; pofilter's printf
# check would also refuse date formats written in another order);
# accelerators: mnemonics kept; untranslated: nothing left empty.
pofilter --progress=none --nofuzzy --gnome \
  -t variables -t pythonbraceformat -t accelerators -t untranslated \
  "$po" "$out" >/dev/null 2>&1
problems=$(python3 "$(dirname "$0")/pofilter-problems.py" "$out")
if [ -n "$problems" ]; then
  echo "pofilter found problems in $lang.po:"
  echo "$problems" | head -60
  exit 1
fi
exit 0
