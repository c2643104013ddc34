#!/usr/bin/env bash
# netlab.sh RESPONDER CLIENT: an emulated link in network namespaces of our own.
#
#   [cli] 198.18.0.1 --veth-- 198.18.0.2 [lab] --route 198.18.1.0/24--> sltun0 <-> RESPONDER
#
# The responder answers ICMP echo for 198.18.1.0/24 after a set delay, dropping and
# duplicating set fractions. CLIENT (test-netlab) runs Socket Lab's pinger and ping(8) side
# by side in [cli] and checks both. 198.18.0.0/15 is the benchmarking range (RFC 2544); it
# exists only inside these namespaces, so nothing leaves the machine.
# Exits 77 (skipped) only when network namespaces or TUN devices cannot be had.
set -euo pipefail

responder=${1:?usage: netlab.sh RESPONDER CLIENT}
client=${2:?usage: netlab.sh RESPONDER CLIENT}

skip () { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "creating network namespaces needs root"
command -v ip >/dev/null || skip "ip(8) from iproute2 is not installed"
command -v ping >/dev/null || skip "ping(8) from iputils is not installed"
[ -c /dev/net/tun ] || skip "/dev/net/tun is missing"

cli=slnl-cli-$$
lab=slnl-lab-$$
pid=

cleanup () {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  ip netns del "$cli" 2>/dev/null || true
  ip netns del "$lab" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$cli" 2>/dev/null || skip "network namespaces are not available here"
ip netns add "$lab"
ip link add veth-c netns "$cli" type veth peer name veth-l netns "$lab"
ip -n "$cli" link set lo up
ip -n "$lab" link set lo up
ip -n "$cli" addr add 198.18.0.1/30 dev veth-c
ip -n "$lab" addr add 198.18.0.2/30 dev veth-l
ip -n "$cli" link set veth-c up
ip -n "$lab" link set veth-l up
ip -n "$cli" route add 198.18.1.0/24 via 198.18.0.2
ip netns exec "$lab" sysctl -qw net.ipv4.ip_forward=1
ip -n "$lab" tuntap add dev sltun0 mode tun || skip "TUN devices cannot be created here"
ip -n "$lab" link set sltun0 up
ip -n "$lab" route add 198.18.1.0/24 dev sltun0

# run_scenario NAME RESPONDER-ARGS -- CLIENT-ARGS
run_scenario () {
  local name=$1; shift
  local responder_args=()
  while [ "$1" != "--" ]; do responder_args+=("$1"); shift; done
  shift

  echo "# scenario: $name (responder ${responder_args[*]})"
  coproc RESPONDER { exec ip netns exec "$lab" "$responder" --tun sltun0 "${responder_args[@]}"; }
  pid=$RESPONDER_PID
  local ready=
  read -r -t 5 ready <&"${RESPONDER[0]}" || true
  [ "$ready" = ready ] || { echo "not ok: the responder did not start"; exit 1; }

  local status=0
  ip netns exec "$cli" "$client" --host 198.18.1.1 "$@" || status=$?

  kill "$pid"
  local line
  while read -r -t 2 line <&"${RESPONDER[0]}"; do echo "# responder: $line"; done
  wait "$pid" 2>/dev/null || true
  pid=
  return $status
}

failed=0
# P1 on a 20 ms link: delay, binomial loss bounds, ~50 probes at the 0.2 s user interval.
run_scenario delay-and-loss --delay-ms 20 --loss 0.2 --seed 42 -- \
  --delay-ms 20 --loss 0.2 --count 50 --interval 0.2 || failed=1
# Duplicates: fast replies keep ping(8)'s times exact, so its summary can be reproduced.
run_scenario duplicates --delay-ms 0.3 --loss 0.1 --dup 0.3 --seed 7 -- \
  --delay-ms 0.3 --loss 0.1 --dup 0.3 --count 30 --interval 0.05 --exact-summary || failed=1

exit $failed
