#!/bin/sh
# Every translation listed in po/LINGUAS exists and passes msgfmt --check (format directives,
# plural forms, header) and --check-accelerators (one mnemonic where the original has one);
# every po/*.po is listed. Prints each one's statistics.
top=${1:?usage: po-check.sh SOURCE_ROOT}
cd "$top/po" || exit 1
status=0
langs=$(grep -v '^#' LINGUAS | tr -s ' \t' '\n\n' | grep .)
for lang in $langs; do
  if [ ! -f "$lang.po" ]; then
    echo "po/LINGUAS lists $lang, but po/$lang.po is missing"
    status=1
    continue
  fi
  printf '%s: ' "$lang"
  msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$lang.po" 2>&1 || status=1
done
for po in *.po; do
  [ -f "$po" ] || continue
  echo "$langs" | grep -qx "${po%.po}" || { echo "po/$po is not listed in po/LINGUAS"; status=1; }
done
[ $status -eq 0 ] && echo "ok: every translation passes msgfmt --check"
exit $status
