#!/usr/bin/env bash
# Peers on "several hosts" of this machine: N network namespaces joined by veth pairs and a bridge,
# each link rate-limited by tc's token-bucket filter (tbf) in both directions, as a cloud VM's NIC
# is (1-10 Gbit/s); each namespace runs its own redis-server with Cumulus's module loaded. Then:
#
#   scripts/p2p-hosts.sh [--peers N] [--rate RATE] [--burst BYTES] bench PARAMS K [WARMUP] [ROUNDS]
#       InStoreAggregationRatio (cumulus-bench) in namespace 0 against the Redis of namespace 1:
#       a peer whose store is across the shaped link, averaging in the store against in the client.
#   scripts/p2p-hosts.sh [--peers N] [--rate RATE] train JOB.yaml [cumulus peer options...]
#       the same p2p job across the namespaces: `cumulus peer JOB --rank i` in namespace i, with
#       p2p.peers=N and p2p.stores set to the namespaces' Redis servers; prints each peer's output.
#
# Everything it creates (namespaces, links, bridge, servers) is removed on exit, whatever the exit
# (trap). Needs root, iproute2 (ip, tc with tbf), redis-server, and the built jars:
#   mvn -q -B -pl cumulus-cli,cumulus-bench -am package -DskipTests
# Not part of CI. This kernel has tbf and htb but not netem, so no added latency: the links are
# shaped in rate only (tbf's queue adds up to its latency bound under load).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers=2
rate=1gbit
burst=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) peers="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --burst) burst="$2"; shift 2 ;;
    *) break ;;
  esac
done
mode="${1:-}"
[ $# -gt 0 ] && shift
usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
case "$mode" in bench|train) ;; *) usage ;; esac
if ! [[ "$peers" =~ ^[0-9]+$ ]] || [ "$peers" -lt 2 ] || [ "$peers" -gt 200 ]; then
  echo "p2p-hosts: --peers must be 2 to 200, got '$peers'" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "p2p-hosts: needs root (ip netns, tc)" >&2
  exit 2
fi
module="$root/cumulus-engine/target/redis/cumulus_redis.so"
if [ ! -f "$module" ]; then
  bash "$root/cumulus-engine/src/main/c/build.sh" "$module"
fi
# A burst of at least rate / 100 bytes (10 ms of traffic): below rate / HZ, tbf cannot reach its rate.
if [ -z "$burst" ]; then
  bits=$(echo "$rate" | awk '{r=tolower($0); n=r+0; if (r ~ /gbit/) n*=1e9; else if (r ~ /mbit/) n*=1e6; else if (r ~ /kbit/) n*=1e3; printf "%.0f\n", n}')
  burst=$(( bits / 8 / 100 ))
  [ "$burst" -lt 65536 ] && burst=65536
fi

# Names carry this script's pid, so that two runs (or other users of ip netns) never collide.
tag="cumh$$"
bridge="${tag}br"
work="$(mktemp -d "${TMPDIR:-/tmp}/p2p-hosts.XXXXXX")"
addr() { echo "10.77.$(( ($1 + 10) / 250 )).$(( ($1 + 10) % 250 + 1 ))"; }

cleanup() {
  set +e
  for ((i = 0; i < peers; i++)); do
    if [ -f "$work/redis-$i.pid" ]; then
      kill "$(cat "$work/redis-$i.pid")" 2>/dev/null
    fi
  done
  sleep 0.5
  for ((i = 0; i < peers; i++)); do
    ip netns del "${tag}p$i" 2>/dev/null
  done
  ip link del "$bridge" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip link add "$bridge" type bridge
ip link set "$bridge" up
stores=""
for ((i = 0; i < peers; i++)); do
  ns="${tag}p$i"
  ip netns add "$ns"
  ip link add "${tag}v$i" type veth peer name eth0 netns "$ns"
  ip link set "${tag}v$i" master "$bridge" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$(addr "$i")/16" dev eth0
  ip -n "$ns" link set eth0 up
  # Both directions of the host's link: what leaves the namespace, and what the bridge sends into it.
  ip netns exec "$ns" tc qdisc add dev eth0 root tbf rate "$rate" burst "$burst" latency 100ms
  tc qdisc add dev "${tag}v$i" root tbf rate "$rate" burst "$burst" latency 100ms
  ip netns exec "$ns" redis-server --bind "$(addr "$i")" --port 6379 --save "" --appendonly no \
      --protected-mode no --loadmodule "$module" --daemonize yes \
      --pidfile "$work/redis-$i.pid" --logfile "$work/redis-$i.log"
  stores="$stores redis://$(addr "$i"):6379"
done
for ((i = 0; i < peers; i++)); do
  for _ in $(seq 1 100); do
    if ip netns exec "${tag}p$i" redis-cli -h "$(addr "$i")" ping >/dev/null 2>&1; then
      break
    fi
    sleep 0.05
  done
done
stores="${stores# }"
echo "p2p-hosts: $peers namespaces ${tag}p0..$((peers - 1)), links shaped to $rate (tbf, burst $burst bytes), stores: $stores" >&2

case "$mode" in
  bench)
    [ $# -ge 2 ] || usage
    jar="$root/cumulus-bench/target/benchmarks.jar"
    [ -f "$jar" ] || { echo "p2p-hosts: build $jar first (mvn -pl cumulus-bench -am package -DskipTests)" >&2; exit 2; }
    # A long time-out: at 1 Gbit/s the client's read of 16 gradients of 25 M floats takes 14 s.
    ip netns exec "${tag}p0" java -Xmx8g -cp "$jar" dev.cumulus.bench.p2p.InStoreAggregationRatio \
        "redis://$(addr 1):6379?timeoutMillis=300000" "$1" "$2" "${3:-2}" "${4:-7}" "tbf $rate" 2> >(grep -v '^SLF4J' >&2)
    ;;
  train)
    [ $# -ge 1 ] || usage
    job="$1"
    shift
    run="hosts-$$"
    pids=()
    for ((i = 0; i < peers; i++)); do
      ip netns exec "${tag}p$i" "$root/cumulus" peer "$job" --rank "$i" --run "$run" \
          --set "p2p.peers=$peers" --set "p2p.stores=$stores" "$@" >"$work/peer-$i.out" 2>&1 &
      pids+=($!)
    done
    status=0
    for ((i = 0; i < peers; i++)); do
      if ! wait "${pids[$i]}"; then
        status=1
      fi
      echo "--- peer $i (namespace ${tag}p$i, store $(addr "$i"))"
      cat "$work/peer-$i.out"
    done
    exit "$status"
    ;;
esac
