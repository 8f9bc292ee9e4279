#!/usr/bin/env bash
# Runs the one-command devstack under the OpenTelemetry Java agent (from Maven Central) with the logging span
# exporter, and prints one trace that links a request's publish by the CLI, its consume by the service, the
# Partner Center calls it made (client spans, and the simulator's server spans) and the produce of its outcome.
# Exit status 0 when such a trace was found. Needs the build: ./mvnw -B -q -DskipTests package
#   scripts/trace-one-request.sh [agent version]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-2.33.1}
agent=target/otel/opentelemetry-javaagent-${version}.jar
if [[ ! -f "$agent" ]]; then
  ./mvnw -B -q dependency:copy -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:${version}" \
    -DoutputDirectory=target/otel
fi
log=$(mktemp)
# the one line that attaches the agent to any of this project's JVMs (the consumer jar alike)
JAVA_TOOL_OPTIONS="-javaagent:${agent} -Dotel.service.name=reseller-offboarding -Dotel.traces.exporter=logging \
-Dotel.metrics.exporter=none -Dotel.logs.exporter=none" \
  java -jar devstack/target/offboarding-devstack.jar --report-file "$(mktemp --suffix=.html)" >"$log" 2>&1 || {
  echo "trace-one-request: the devstack run failed; its output is in $log" >&2
  exit 1
}
# span lines: 'NAME' : TRACE SPAN KIND [tracer: LIBRARY:VERSION]
spans=$(grep "LoggingSpanExporter - '" "$log" \
  | sed -E "s/.*LoggingSpanExporter - '([^']*)' : ([0-9a-f]{32}) ([0-9a-f]{16}) ([A-Z]+) \[tracer: ([^:]*).*/\2 \3 \4 \5 \1/")
trace=$(echo "$spans" | awk '
  / customer-offboard-requested process$/ {consumed[$1]=1}
  $3 == "CLIENT" && $4 ~ /reactor-netty/ && / PATCH$/ {patched[$1]=1}
  / relationship-removed publish$/ {produced[$1]=1}
  END {for (t in consumed) if (t in patched && t in produced) {print t; exit}}')
if [[ -z "$trace" ]]; then
  echo "trace-one-request: no trace links consume, PATCH and produce; the spans are in $log" >&2
  exit 1
fi
echo "trace $trace:"
echo "$spans" | awk -v t="$trace" '$1 == t {name=""; for (i = 5; i <= NF; i++) name = name " " $i;
  printf "  %-9s %-16s %-40s %s\n", $3, $2, $4, name}'
rm -f "$log"
