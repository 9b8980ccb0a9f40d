#!/usr/bin/env bash
# Two ./watchsim started together on a stale jar: exactly one builds, the other says on stderr that
# a build is in progress, waits for it, and runs the jar without building again. Then: the launcher's
# default collector, and a collector in WATCHSIM_JAVA_OPTS winning over it.
#
# Runs the real launcher (the first argument) in a scratch tree whose mvn and java are stand-ins:
# mvn counts its runs, says when it has started and finishes only when the test lets it, so the
# second launcher starts while the first one's build is certainly running; java prints its
# arguments. No sleep decides anything: each wait polls a file or a log for the event it needs,
# with a deadline.
set -euo pipefail
launcher="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
scratch="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$scratch"' EXIT
tree="$scratch/tree"
bin="$scratch/bin"
mkdir -p "$tree/simulations/src/main/java" "$tree/simulations/target" "$bin"
cp "$launcher" "$tree/watchsim"
echo "class A {}" > "$tree/simulations/src/main/java/A.java"

cat > "$bin/mvn" <<MVN
#!/usr/bin/env bash
echo run >> "$scratch/mvn-runs"
touch "$scratch/mvn-started"
for _ in \$(seq 600); do [ -f "$scratch/mvn-release" ] && break; sleep 0.1; done
[ -f "$scratch/mvn-release" ] || { echo "mvn stand-in: never released" >&2; exit 1; }
echo jar > simulations/target/watchsim.jar
MVN
cat > "$bin/java" <<'JAVA'
#!/usr/bin/env bash
echo "java $*"
JAVA
chmod +x "$bin/mvn" "$bin/java"
export PATH="$bin:$PATH"

# Polls for a condition until a deadline: the event the test waits for, never a fixed delay.
await() {
  local what="$1"; shift
  for _ in $(seq 600); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  echo "FAIL: timed out waiting for $what" >&2
  exit 1
}

fail() { echo "FAIL: $*" >&2; exit 1; }

"$tree/watchsim" run first >"$scratch/a.out" 2>"$scratch/a.err" &
a=$!
await "the first launcher's build to start" test -f "$scratch/mvn-started"
"$tree/watchsim" run second >"$scratch/b.out" 2>"$scratch/b.err" &
b=$!
await "the second launcher to say it waits" grep -q "building the jar" "$scratch/b.err"
touch "$scratch/mvn-release"
wait "$a" || fail "the first launcher exited $?: $(cat "$scratch/a.err")"
wait "$b" || fail "the second launcher exited $?: $(cat "$scratch/b.err")"

runs="$(wc -l < "$scratch/mvn-runs")"
[ "$runs" -eq 1 ] || fail "mvn ran $runs times; expected one build"
[ "$(cat "$scratch/a.out")" = "java -XX:+UseG1GC -jar $tree/simulations/target/watchsim.jar run first" ] \
  || fail "first launcher printed: $(cat "$scratch/a.out")"
[ "$(cat "$scratch/b.out")" = "java -XX:+UseG1GC -jar $tree/simulations/target/watchsim.jar run second" ] \
  || fail "second launcher printed: $(cat "$scratch/b.out")"
grep -q "watchsim: building" "$scratch/a.err" || fail "the first launcher did not build: $(cat "$scratch/a.err")"
grep -q "watchsim: another watchsim is building the jar in $tree; waiting" "$scratch/b.err" \
  || fail "the second launcher did not say it waits: $(cat "$scratch/b.err")"
if grep -q "watchsim: building" "$scratch/b.err"; then fail "the second launcher built too"; fi

# With the jar fresh, a launcher neither builds nor waits.
"$tree/watchsim" run third >"$scratch/c.out" 2>"$scratch/c.err"
[ ! -s "$scratch/c.err" ] || fail "a fresh jar still printed: $(cat "$scratch/c.err")"
[ "$(wc -l < "$scratch/mvn-runs")" -eq 1 ] || fail "a fresh jar was built again"

# The launcher's collector is a default: a collector in WATCHSIM_JAVA_OPTS replaces it (the JVM refuses two),
# and other options go after it.
out="$(WATCHSIM_JAVA_OPTS="-Xmx1g -XX:+UseParallelGC" "$tree/watchsim" run fourth)"
[ "$out" = "java -Xmx1g -XX:+UseParallelGC -jar $tree/simulations/target/watchsim.jar run fourth" ] \
  || fail "a collector of WATCHSIM_JAVA_OPTS did not win: $out"
out="$(WATCHSIM_JAVA_OPTS="-Xmx1g" "$tree/watchsim" run fifth)"
[ "$out" = "java -XX:+UseG1GC -Xmx1g -jar $tree/simulations/target/watchsim.jar run fifth" ] \
  || fail "other options lost the default collector: $out"
echo "launcher build lock: ok"
