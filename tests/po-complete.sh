#!/bin/sh
# Every source file with a translatable string must be listed in po/POTFILES, and every
# listed file must exist.
top=${1:?usage: po-complete.sh SOURCE_ROOT}
cd "$top" || exit 1
status=0
for f in $(grep -rlE '(_\(|N_\(|C_\(|translatable="yes")' src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort); do
  case "$f" in data/sl.gresource.xml) continue ;; esac
  grep -qx "$f" po/POTFILES || { echo "not in po/POTFILES: $f"; status=1; }
done
for f in $(grep -v '^#' po/POTFILES | grep .); do
  [ -f "$f" ] || { echo "listed in po/POTFILES but missing: $f"; status=1; }
done
[ $status -eq 0 ] && echo "ok: po/POTFILES is complete"
exit $status
