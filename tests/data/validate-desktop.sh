#!/bin/sh
# validate-desktop.sh DESKTOP-FILE-VALIDATE FILE: desktop-file-validate must print nothing.
# It exits 0 on hints, such as more than one main category, so its output is checked too.
validator=${1:?usage: validate-desktop.sh DESKTOP-FILE-VALIDATE FILE}
file=${2:?usage: validate-desktop.sh DESKTOP-FILE-VALIDATE FILE}
output=$("$validator" "$file" 2>&1)
status=$?
[ -n "$output" ] && printf '%s\n' "$output"
if [ $status -ne 0 ] || [ -n "$output" ]; then
  echo "FAIL: desktop-file-validate exited with $status and reported the lines above"
  exit 1
fi
echo "ok: desktop-file-validate reports nothing for $file"
