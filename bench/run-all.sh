#!/usr/bin/env bash
# Builds the server and benchmark jars if needed and runs the documented end-to-end benchmark (docs/benchmarks.md):
#   1 M generated identifiers → `idnode load` into a fresh data dir → node started as its own process →
#   UDP, TCP, HTTP tunnel and REST at full load and at 50% of peak, 2 rounds → summary table.
# Everything goes to ./bench-data (git-ignored). Extra arguments are passed to `all`, e.g.
#   bench/run-all.sh --count 100000 --duration 10s          (quick smoke run)
#   bench/run-all.sh --server-jvm-opts "-Xms2g -Xmx2g -XX:+UseG1GC"
# Environment:
#   BENCH_JAVA_OPTS  JVM options of the load generator (default -Xms1g -Xmx1g -XX:+UseParallelGC)
#   SERVER_JAR       server jar to benchmark (default server/target/idnode.jar)
#   SKIP_BUILD=1     use the jars as they are (e.g. a snapshot jar while others edit the tree)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
server_jar="${SERVER_JAR:-server/target/idnode.jar}"
bench_jar="bench/target/idnode-bench.jar"
stale() { [ ! -f "$1" ] || [ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$1" -print -quit 2>/dev/null)" ]; }
if [ "${SKIP_BUILD:-0}" != 1 ] && { stale "$server_jar" || stale "$bench_jar"; }; then
  echo "run-all: building (mvn install, then the bench jar)..." >&2
  mvn -q -B -DskipTests install
  mvn -q -B -pl bench package -DskipTests
fi
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -jar "$bench_jar" all \
  --count 1000000 --duration 20s --warmup 5s --rounds 2 --work-dir bench-data --jar "$server_jar" "$@"
