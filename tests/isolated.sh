#!/bin/sh
# Runs a test in its own network and mount namespaces: only loopback, and /etc/resolv.conf
# replaced by "nameserver 127.0.0.1", so the test answers DNS itself and no query can leave
# the machine. Exits 77 (skipped, for meson) when namespaces cannot be made here.
#   isolated.sh TEST [ARGS…]
set -u
[ $# -ge 1 ] || { echo "usage: isolated.sh TEST [ARGS...]" >&2; exit 2; }

skip () { echo "SKIP: $*"; exit 77; }

if [ "${SL_ISOLATED_STAGE:-}" != inside ]; then
  [ "$(id -u)" -eq 0 ] || skip "needs root to create network and mount namespaces (unshare --net --mount)"
  command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
  command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
  unshare --net --mount true 2>/dev/null || skip "unshare --net --mount is not permitted here"
  SL_ISOLATED_STAGE=inside exec unshare --net --mount --propagation private -- "$0" "$@"
fi

# Inside the new namespaces: nothing done here is seen outside.
set -e
ip link set lo up
conf=$(mktemp /tmp/sl-isolated-resolv.XXXXXX)
trap 'rm -f "$conf"' EXIT
echo "nameserver 127.0.0.1" > "$conf"
chmod 644 "$conf"
mount --bind "$conf" /etc/resolv.conf
grep -qx "nameserver 127.0.0.1" /etc/resolv.conf || { echo "could not replace /etc/resolv.conf" >&2; exit 1; }
set +e
SL_TEST_ISOLATED=1 "$@"
