#!/usr/bin/env bash
# Runs the whole platform locally: PostgreSQL, Kafka, Keycloak and the four services, on their fixed ports.
#   ./run.sh             build what is needed, start everything, Ctrl-C stops it all
#   ./run.sh --fresh     the same, starting from empty data (.impala-local/ is wiped)
#   ./run.sh --no-build  skip the Maven build (use the jars built last time)
# IMPALA_LOCAL_HOME moves the data and logs (default .impala-local/ in the repository).
set -euo pipefail
cd "$(dirname "$0")"

args=()
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --fresh) args+=("$arg") ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

if [ -x ./mvnw ]; then mvn=./mvnw; else mvn=mvn; fi
if [ "$build" = 1 ]; then
  echo "Building ($mvn -DskipTests install)..."
  "$mvn" -q -B -DskipTests install
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
launcher_jar="deploy/local/servers/target/impala-local-servers-${version}.jar"
classpath_file="deploy/local/servers/target/platform.classpath" # written by the build: GreenMail, server dists, ...
for file in "$launcher_jar" "$classpath_file"; do
  if [ ! -f "$file" ]; then
    echo "$file is missing: run ./run.sh without --no-build once" >&2
    exit 1
  fi
done
cp="$launcher_jar:$(cat "$classpath_file")"
launch=(java -cp "$cp" eu.impala.local.Platform "${args[@]+"${args[@]}"}")
if ! command -v setsid >/dev/null 2>&1; then
  exec "${launch[@]}" # without setsid (macOS) Ctrl-C reaches every process at once: all still stop, unordered
fi
# Ctrl-C signals the terminal's whole process group: servers and services would all stop at once. So the
# platform runs in a session of its own and Ctrl-C reaches only this script, which asks the launcher to stop
# them in reverse order. The launcher also stops by itself when this script is gone.
setsid "${launch[@]}" &
launcher=$!
trap 'kill -TERM "$launcher" 2>/dev/null' INT TERM HUP
set +e
while :; do
  wait "$launcher"; status=$?
  kill -0 "$launcher" 2>/dev/null || break
done
exit "$status"
