#!/usr/bin/env python3
"""Turns CollectiveBenchmark's JMH JSON files into the table of docs/bench/channels.md.

Usage: channel_report.py RESULT.json|RUN.log [...]

A JMH text log (as written with its standard output) is read too, for runs stopped before JMH wrote
its JSON; rows that lack the raw reference show only the collective's time.

For a vector of V bytes and N workers both collectives move (3N-2)*V bytes through the store per
round. The raw benchmark has each of the N workers put and get values of the collective's value
size s (V for AllReduce, V/N for ScatterReduce), T = ceil((3N-2)*V / (N*s)) transfers each, rounded
up to an even count. Each rate is bytes / median time; the ratio is collective rate / raw rate.
The mirrored raw benchmark moves the same bytes in the collective's mix: N*V/s puts and
2(N-1)*V/s gets, shared among the workers.
"""
import json
import re
import statistics
import sys


def read_log(path, runs):
    method, key, shots = None, None, []

    def flush():
        if key is not None and shots:
            runs.setdefault(key, {}).setdefault(method, statistics.median(shots))

    with open(path) as f:
        for line in f:
            m = re.match(r"# Benchmark: .*\.(\w+)$", line.strip())
            if m:
                flush()
                method, key, shots = m.group(1), None, []
                continue
            m = re.match(r"# Parameters: \((.*)\)", line.strip())
            if m:
                flush()
                p = dict(kv.split(" = ") for kv in m.group(1).split(", "))
                key, shots = (p["channel"], p["pattern"], int(p["workers"]), int(p["megabytes"])), []
                continue
            m = re.match(r"Iteration\s+\d+: ([0-9.]+) ms/op", line.strip())
            if m:
                shots.append(float(m.group(1)))
    flush()


def main(paths):
    runs = {}
    for path in paths:
        if path.endswith(".log"):
            read_log(path, runs)
            continue
        with open(path) as f:
            for run in json.load(f):
                p = run["params"]
                key = (p["channel"], p["pattern"], int(p["workers"]), int(p["megabytes"]))
                method = run["benchmark"].rsplit(".", 1)[1]
                shots = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
                runs[key] = runs.get(key, {})
                runs[key][method] = statistics.median(shots)
    print("| channel | pattern | N | MB | collective ms (median) | raw ms (median) | collective MB/s | raw MB/s | ratio "
          "| mirrored raw ms (median) | ratio to mirrored |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    order = {"memory": 0, "file": 1, "redis": 2, "memcached": 3, "s3": 4, "dynamodb": 5}
    for key in sorted(runs, key=lambda k: (order.get(k[0], 9), k[1], k[3], k[2])):
        channel, pattern, n, mb = key
        r = runs[key]
        if "collective" not in r:
            continue
        if "raw" not in r:
            print(f"| {channel} | {pattern} | {n} | {mb} | {r['collective']:.0f} | not measured | "
                  f"{(3 * n - 2) * mb / (r['collective'] / 1000):.0f} | | |")
            continue
        v = mb * 1024 * 1024
        size = v if pattern == "allreduce" else v // n
        total = (3 * n - 2) * v
        transfers = -(-total // (n * size))
        transfers += transfers % 2
        raw_bytes = n * transfers * size
        coll_rate = total / (r["collective"] / 1000) / 2**20
        raw_rate = raw_bytes / (r["raw"] / 1000) / 2**20
        mirrored = ""
        if "rawMirrored" in r:
            # As Trial: N·V/size puts and 2(N-1)·V/size gets of the collective's value size.
            mirrored_bytes = (n * v // size + 2 * (n - 1) * v // size) * size
            mirrored_rate = mirrored_bytes / (r["rawMirrored"] / 1000) / 2**20
            mirrored = f"{r['rawMirrored']:.0f} | {coll_rate / mirrored_rate:.0%} |"
        print(f"| {channel} | {pattern} | {n} | {mb} | {r['collective']:.0f} | {r['raw']:.0f} | "
              f"{coll_rate:.0f} | {raw_rate:.0f} | {coll_rate / raw_rate:.0%} | {mirrored or ' | |'}")


if __name__ == "__main__":
    main(sys.argv[1:])
