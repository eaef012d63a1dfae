#!/usr/bin/env bash
# Runs the whole platform locally: PostgreSQL, Kafka, Keycloak and the four services, on their fixed ports.
#   ./run.sh             build what is needed, start everything, Ctrl-C stops it all
#   ./run.sh --fresh     the same, starting from empty data (.impala-local/ is wiped)
#   ./run.sh --no-build  skip the Maven build (use the jars built last time)
set -euo pipefail
cd "$(dirname "$0")"

args=()
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --fresh) args+=("$arg") ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "Building (./mvnw -DskipTests install)..."
  ./mvnw -q -B -DskipTests install
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
cp="deploy/local/servers/target/impala-local-servers-${version}.jar:deploy/local/dists/target/impala-server-dists-${version}.jar"
exec java -cp "$cp" eu.impala.local.Platform "${args[@]+"${args[@]}"}"
