#!/usr/bin/env bash
# Builds the class-data archive the ./cumulus launcher maps at start (docs/bench/peers.md): the classes
# a small `cumulus train` of a CSV file loads (the command line, the job reader, the engine, the CSV
# reader, the Vector API kernels, XChart and AWT), parsed and verified once here instead of in every run.
#
# Usage: build.sh JAR ARCHIVE. The archive belongs to the `java` on PATH (the launcher's) and to this
# jar: the JVM itself ignores it, silently under -Xlog:cds*=off, when started by another JVM build or
# with another jar of that path. Written under a temporary name, then renamed: a JVM that maps a
# truncated archive crashes. If the training fails the build goes on, with a warning and no archive.
set -euo pipefail
jar="$1"
archive="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/cumulus-cds.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rm -f "$archive" "$archive.tmp"
# A two-class CSV file (label, 28 features), written by awk rather than by `cumulus data generate`:
# two more JVM starts would double the time this adds to the build. Only the classes matter, not the fit,
# but the file must be large enough for the paths large files take: more than one 8 MiB range (the
# parallel parser's pool and its lambdas) and more than 8192 rows (the evaluation split across cores).
rows() {
  awk -v n="$1" -v seed="$2" 'BEGIN { srand(seed); for (i = 0; i < n; i++) { y = rand() < 0.5 ? 0 : 1;
    line = y; for (j = 0; j < 28; j++) line = line "," sprintf("%.6f", rand() * 2 - 1 + (j < 8 ? y * 0.8 : 0));
    print line } }'
}
rows 40000 1 > "$work/train.csv"
rows 10000 2 > "$work/test.csv"
cat > "$work/job.yaml" <<JOB
dataset: { source: csv, path: "$work/train.csv", testPath: "$work/test.csv" }
model: { type: logistic }
algorithm: { type: lbfgs, epochs: 3 }
workers: 2
platform: { coldStartMillis: 0 }
seed: 1
JOB
# A static archive, from the list of classes the run loads: JDK 17's dynamic archive
# (-XX:ArchiveClassesAtExit) skips classes older than Java 6, which all of picocli's are (about 180,
# parsed and verified again at every start: `cumulus train --help` took 0.28-0.33 s with the dynamic
# archive, 0.22-0.28 s with this one). The launcher's default options, so that the archived classes
# are the ones a run loads; the dump lists what it could not archive (a few) in the log.
if ! java -XX:DumpLoadedClassList="$work/classes.lst" -Xlog:cds*=off -Xmx4g --add-modules jdk.incubator.vector \
      -jar "$jar" train "$work/job.yaml" --out "$work/run" --quiet >"$work/log" 2>&1 \
    || ! java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/cumulus.jsa" \
      -Xmx4g --add-modules jdk.incubator.vector -cp "$jar" >>"$work/log" 2>&1 \
    || [ ! -s "$work/cumulus.jsa" ]; then
  echo "[WARNING] no class-data archive for the ./cumulus launcher (its runs start slower): $(tail -n 3 "$work/log")" >&2
  exit 0
fi
cp "$work/cumulus.jsa" "$archive.tmp"
mv -f "$archive.tmp" "$archive"
