#!/usr/bin/env bash
# Builds Cumulus's Redis module (docs/P2P.md) with the system C compiler:
#   cumulus-engine/src/main/c/build.sh [OUTPUT.so]   (default: cumulus-engine/target/redis/cumulus_redis.so)
# -ffp-contract=off keeps a*b+c two roundings, as Java computes it, so in-store and client-side sums agree bit for bit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../../target/redis/cumulus_redis.so}"
mkdir -p "$(dirname "$out")"
if ! command -v "${CC:-cc}" >/dev/null; then
  echo "WARNING: no C compiler (${CC:-cc}); the Redis module is not built and p2p aggregates client-side (apt-get install gcc)" >&2
  exit 0
fi
if [ -f "$out" ] && [ "$out" -nt "$here/cumulus_redis.c" ]; then
  exit 0
fi
"${CC:-cc}" -O2 -ffp-contract=off -std=c99 -Wall -Wextra -shared -fPIC -o "$out.tmp" "$here/cumulus_redis.c"
mv "$out.tmp" "$out"
echo "$out"
