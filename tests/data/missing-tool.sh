#!/bin/sh
# missing-tool.sh TOOL PACKAGE: stands in for a validator whose tool was not found at setup.
# These tools install on Debian 12 (build-aux/dev does it), so a missing one is a failure,
# not a skip.
echo "FAIL: $1 was not found when the build was set up; install $2 (build-aux/dev installs it)" \
  "and run meson setup --reconfigure"
exit 1
