#!/bin/sh
# Checks po/POTFILES.in against the sources in $1 (the source root):
# every file with a translatable string is listed, every listed file exists,
# and the list is sorted.  A file missing from the list would leave its
# strings in English for everyone.
set -u
cd "$1" || exit 1
status=0
listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^[[:space:]]*#' po/POTFILES.in | grep -v '^[[:space:]]*$' > "$listed"

if ! LC_ALL=C sort -c "$listed" 2>/dev/null; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
fi

while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done < "$listed"

{
  # C: _(), N_(), C_(), NC_(), ngettext (), g_dngettext ()
  find src -name '*.c' -print0 | xargs -0 grep -lE '(^|[^A-Za-z0-9_])(N?C?_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' 2>/dev/null
  find ui -name '*.ui' -print0 | xargs -0 grep -l 'translatable="yes"' 2>/dev/null
  find data -name '*.in' -o -name '*.gschema.xml' | while read -r f; do
    case "$f" in
      *.gschema.xml) grep -q 'gettext-domain=' "$f" && echo "$f" ;;
      *) echo "$f" ;;
    esac
  done
} | LC_ALL=C sort -u > "$found"

missing=$(LC_ALL=C comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l < "$found") files with translatable strings"
exit $status
