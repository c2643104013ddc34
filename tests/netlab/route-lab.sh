#!/usr/bin/env bash
# route-lab.sh: a chain of routers in network namespaces of our own, for the route tests.
#
#   route-lab.sh test LINK CLIENT     the lab below; CLIENT (test-route-netlab) runs in [cli]
#   route-lab.sh bench HOPS CLIENT    a plain chain HOPS hops long; CLIENT (bench-route) in [cli]
#
# The test lab (link k is 198.18.k.0/24 and 2001:db8:k::/64; the left end is .1 / ::1):
#
#   [cli] --veth-- [r1] ==TUN, LINK adds 50 ms toward the target, MTU 1400== [r2] --veth--
#   [r3] --veth-- [tgt]
#
# r3 sends no ICMP time exceeded (nftables drops them as they leave it), so it is the hop
# that shows as "* * *"; every router forwards, and ICMP rate limits are off so that neither
# Socket Lab nor tracepath / mtr loses answers to them. [cli] sees only the lab: its
# /etc/hosts names the hops (for reverse lookups) and /etc/resolv.conf points at
# 127.0.0.1, where nothing answers, so no query leaves the machine. 198.18.0.0/15 (RFC 2544)
# and 2001:db8::/32 (RFC 3849) exist only inside these namespaces.
# Exits 77 (skipped) only when namespaces, veth or TUN devices cannot be had here.
set -euo pipefail

mode=${1:?usage: route-lab.sh test LINK CLIENT | bench HOPS CLIENT}
arg=${2:?usage: route-lab.sh test LINK CLIENT | bench HOPS CLIENT}
client=${3:?usage: route-lab.sh test LINK CLIENT | bench HOPS CLIENT}

skip () { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "creating network namespaces needs root"
command -v ip >/dev/null || skip "ip(8) from iproute2 is not installed"

prefix=slrt$$
namespaces=()
link_pid=
scratch=$(mktemp -d /tmp/sl-route-lab.XXXXXX)

cleanup () {
  if [ -n "$link_pid" ]; then kill "$link_pid" 2>/dev/null || true; wait "$link_pid" 2>/dev/null || true; fi
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# node I of a chain of N+1 nodes: 0 is the client, N the target.
node () { echo "$prefix-$1"; }

# add_node I ROLE: a namespace with loopback up and the sysctls of its role (client, router,
# target), set in one process: there can be thirty of them.
add_node () {
  local ns
  ns=$(node "$1")
  ip netns add "$ns" 2>/dev/null || skip "network namespaces are not available here"
  namespaces+=("$ns")
  ip -n "$ns" link set lo up
  # Rate limits are per namespace (icmp_msgs_* only on newer kernels: best effort).
  ip netns exec "$ns" sh -c '
    w () { [ -w "$1" ] && echo "$2" > "$1" 2>/dev/null || true; }
    w /proc/sys/net/ipv6/conf/default/accept_dad 0
    w /proc/sys/net/ipv6/conf/all/accept_dad 0
    w /proc/sys/net/ipv4/icmp_ratelimit 0
    w /proc/sys/net/ipv6/icmp/ratelimit 0
    w /proc/sys/net/ipv4/icmp_msgs_per_sec 100000
    w /proc/sys/net/ipv4/icmp_msgs_burst 100000
    if [ "$1" = router ]; then
      echo 1 > /proc/sys/net/ipv4/ip_forward
      echo 1 > /proc/sys/net/ipv6/conf/all/forwarding
    fi
    if [ "$1" = client ]; then
      echo "0 2147483647" > /proc/sys/net/ipv4/ping_group_range
    fi' sh "$2"
}

v4 () { echo "198.18.$1.$2"; }                  # v4 LINK END
v6 () { printf '2001:db8:%x::%s' "$1" "$2"; }    # v6 LINK END

# veth_link K: node K-1 (left, "rgt") to node K (right, "lft") on link K-1.
veth_link () {
  local k=$1 l r
  l=$(node $((k - 1))); r=$(node "$k")
  ip link add rgt netns "$l" type veth peer name lft netns "$r"
  address_link "$k"
}

# address_link K: addresses on both ends of link K-1, then up.
address_link () {
  local k=$1 j=$(($1 - 1)) l r
  l=$(node "$j"); r=$(node "$k")
  ip -n "$l" addr add "$(v4 "$j" 1)/24" dev rgt
  ip -n "$r" addr add "$(v4 "$j" 2)/24" dev lft
  ip -n "$l" -6 addr add "$(v6 "$j" 1)/64" dev rgt nodad
  ip -n "$r" -6 addr add "$(v6 "$j" 2)/64" dev lft nodad
  ip -n "$l" link set rgt up
  ip -n "$r" link set lft up
}

# route_chain N: every node reaches the client's link (0) leftwards and the target's link
# (N-1) rightwards; nothing else is needed, since only the client and the target talk.
route_chain () {
  local n=$1 i ns
  for ((i = 0; i <= n; i++)); do
    ns=$(node "$i")
    if [ "$i" -ge 2 ]; then
      ip -n "$ns" route add "$(v4 0 0)/24" via "$(v4 $((i - 1)) 1)"
      ip -n "$ns" -6 route add "$(v6 0 '')/64" via "$(v6 $((i - 1)) 1)"
    fi
    if [ "$i" -le $((n - 2)) ]; then
      ip -n "$ns" route add "$(v4 $((n - 1)) 0)/24" via "$(v4 "$i" 2)"
      ip -n "$ns" -6 route add "$(v6 $((n - 1)) '')/64" via "$(v6 "$i" 2)"
    fi
  done
}

# run_client ARGS…: CLIENT in [cli] with the lab's /etc/hosts and a resolver that answers
# nothing (ip netns exec gives it a mount namespace of its own, so the binds stay there).
run_client () {
  ip netns exec "$(node 0)" sh -c '
    mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf || exit 1
    shift 2
    exec "$@"' sh "$scratch/hosts" "$scratch/resolv.conf" "$client" "$@"
}

printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$scratch/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$scratch/hosts"

case "$mode" in
  test)
    link=$arg
    command -v nft >/dev/null || skip "nft(8) from nftables is not installed"
    [ -c /dev/net/tun ] || skip "/dev/net/tun is missing"
    add_node 0 client
    for i in 1 2 3; do add_node "$i" router; done
    add_node 4 target
    n=4
    # Link 1 is the TUN pair joined by LINK: a wire with a delay and a smaller MTU.
    ip -n "$(node 1)" tuntap add dev rgt mode tun || skip "TUN devices cannot be created here"
    ip -n "$(node 2)" tuntap add dev lft mode tun
    coproc LINK { exec ip netns exec "$(node 1)" "$link" --tun-a rgt --netns-b "/run/netns/$(node 2)" \
                    --tun-b lft --delay-ab-ms 50 --delay-ba-ms 0; }
    link_pid=$LINK_PID
    # Bash drops LINK once the coprocess ends: keep a descriptor of our own to its output.
    exec {link_out}<&"${LINK[0]}"
    ready=
    read -r -t 5 ready <&"$link_out" || true
    [ "$ready" = ready ] || { echo "not ok: the TUN link did not start"; exit 1; }
    ip -n "$(node 1)" link set rgt mtu 1400
    ip -n "$(node 2)" link set lft mtu 1400
    veth_link 1
    address_link 2
    veth_link 3
    veth_link 4
    route_chain "$n"
    ip netns exec "$(node 3)" nft -f - <<'EOF' || skip "nftables cannot filter in a namespace here"
table inet slrt {
  chain out {
    type filter hook output priority 0; policy accept;
    icmp type time-exceeded drop
    icmpv6 type time-exceeded drop
  }
}
EOF
    cat >> "$scratch/hosts" <<EOF
$(v4 0 2) r1.route.lab
$(v4 1 2) r2.route.lab
$(v4 2 2) r3.route.lab
$(v4 3 2) target.route.lab
$(v6 0 2) r1.route.lab
$(v6 1 2) r2.route.lab
$(v6 2 2) r3.route.lab
$(v6 3 2) target.route.lab
EOF
    status=0
    run_client --target4 "$(v4 3 2)" --target6 "$(v6 3 2)" \
      --expect4 "$(v4 0 2),$(v4 1 2),*,$(v4 3 2)" \
      --expect6 "$(v6 0 2),$(v6 1 2),*,$(v6 3 2)" \
      --names "r1.route.lab,r2.route.lab,,target.route.lab" \
      --delayed-hop 2 --delay-ms 50 --mtu-hop 2 --mtu 1400 || status=$?
    kill "$link_pid"
    while read -r -t 2 line <&"$link_out"; do echo "# link: $line"; done
    wait "$link_pid" 2>/dev/null || true
    link_pid=
    exit $status
    ;;
  bench)
    n=$arg
    case "$n" in ''|*[!0-9]*) echo "HOPS must be a number" >&2; exit 2 ;; esac
    start=$(date +%s%N)
    add_node 0 client
    for ((i = 1; i < n; i++)); do add_node "$i" router; done
    add_node "$n" target
    for ((i = 1; i <= n; i++)); do veth_link "$i"; done
    route_chain "$n"
    echo "# built a chain of $n hops in $((($(date +%s%N) - start) / 1000000)) ms"
    run_client --target4 "$(v4 $((n - 1)) 2)" --target6 "$(v6 $((n - 1)) 2)" --hops "$n"
    ;;
  *)
    echo "usage: route-lab.sh test LINK CLIENT | bench HOPS CLIENT" >&2
    exit 2
    ;;
esac
