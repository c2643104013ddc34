#!/bin/sh
# The built desktop file and metainfo carry each language of po/LINGUAS: Name[xx] and
# Comment[xx] in the desktop file, xml:lang="xx" in the metainfo (merged by msgfmt at build).
top=${1:?usage: merged-translations.sh SOURCE_ROOT DESKTOP METAINFO}
desktop=${2:?}
metainfo=${3:?}
status=0
for lang in $(grep -v '^#' "$top/po/LINGUAS" | tr -s ' \t' '\n\n' | grep .); do
  for key in Name Comment; do
    grep -q "^$key\[$lang\]=" "$desktop" || { echo "$desktop: no $key[$lang]"; status=1; }
  done
  grep -q "xml:lang=\"$lang\"" "$metainfo" || { echo "$metainfo: nothing in $lang"; status=1; }
done
[ $status -eq 0 ] && echo "ok: the desktop file and the metainfo are translated"
exit $status
