#!/bin/sh
# The core library must build without GTK: fail if any file under it includes a GTK header.
dir=${1:?usage: no-gtk.sh SRC/CORE}
[ -d "$dir" ] || { echo "no such directory: $dir"; exit 1; }
hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita)' "$dir")
if [ -n "$hits" ]; then
  echo "GTK include in the core library:"
  echo "$hits"
  exit 1
fi
echo "ok: $(ls "$dir" | wc -l) files checked, no GTK include"
