#!/usr/bin/env python3
"""Turns CollectiveBenchmark's JMH JSON files into the table of docs/bench/channels.md.

Usage: channel_report.py RESULT.json [RESULT.json ...]

For a vector of V bytes and N workers both collectives move (3N-2)*V bytes through the store per
round. The raw benchmark has each of the N workers put and get values of the collective's value
size s (V for AllReduce, V/N for ScatterReduce), T = ceil((3N-2)*V / (N*s)) transfers each, rounded
up to an even count. Each rate is bytes / median time; the ratio is collective rate / raw rate.
"""
import json
import statistics
import sys


def main(paths):
    runs = {}
    for path in paths:
        with open(path) as f:
            for run in json.load(f):
                p = run["params"]
                key = (p["channel"], p["pattern"], int(p["workers"]), int(p["megabytes"]))
                method = run["benchmark"].rsplit(".", 1)[1]
                shots = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
                runs.setdefault(key, {})[method] = statistics.median(shots)
    print("| channel | pattern | N | MB | collective ms (median) | raw ms (median) | collective MB/s | raw MB/s | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    order = {"memory": 0, "file": 1, "redis": 2, "memcached": 3, "s3": 4, "dynamodb": 5}
    for key in sorted(runs, key=lambda k: (order.get(k[0], 9), k[1], k[3], k[2])):
        channel, pattern, n, mb = key
        r = runs[key]
        if "collective" not in r or "raw" not in r:
            continue
        v = mb * 1024 * 1024
        size = v if pattern == "allreduce" else v // n
        total = (3 * n - 2) * v
        transfers = -(-total // (n * size))
        transfers += transfers % 2
        raw_bytes = n * transfers * size
        coll_rate = total / (r["collective"] / 1000) / 2**20
        raw_rate = raw_bytes / (r["raw"] / 1000) / 2**20
        print(f"| {channel} | {pattern} | {n} | {mb} | {r['collective']:.0f} | {r['raw']:.0f} | "
              f"{coll_rate:.0f} | {raw_rate:.0f} | {coll_rate / raw_rate:.0%} |")


if __name__ == "__main__":
    main(sys.argv[1:])
