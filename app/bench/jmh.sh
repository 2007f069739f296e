#!/usr/bin/env bash
# JMH benchmarks of the verification path, reported as ratios to one raw RS256 verification.
# The benchmark JVMs get app/run's heap and GC defaults, so the path is measured as the service runs it.
# Usage: app/bench/jmh.sh                                  (5 x 2 s warm-up and measurement each)
#        app/bench/jmh.sh -wi 2 -i 3 -w 1 -r 1             (quicker, noisier; any JMH options)
set -euo pipefail
cd "$(dirname "$0")/../.."

jvm_defaults=$(sed -n 's/^defaults=(\(.*\))$/\1/p' app/run)
[ -n "$jvm_defaults" ] || { echo "no defaults=(...) line in app/run" >&2; exit 1; }

./mvnw -q -B -pl domain,auth-adapter install -DskipTests
./mvnw -q -B -pl auth-adapter -Pjmh test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
cp="auth-adapter/target/test-classes:auth-adapter/target/classes:$(cat auth-adapter/target/jmh.classpath)"
${JAVA_HOME:+$JAVA_HOME/bin/}java -cp "$cp" org.openjdk.jmh.Main VerificationBenchmark -jvmArgsPrepend "$jvm_defaults" \
  -rf json -rff auth-adapter/target/jmh-result.json "$@"

python3 - auth-adapter/target/jmh-result.json <<'PY'
import json, sys
results = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
floor = results["rawRsaVerify"]["score"]
print()
print(f"{'benchmark':<18} {'us/op':>10} {'error':>9} {'x raw RSA verify':>17}")
for name in ("rawRsaVerify", "verifyCacheMiss", "verifyCacheHit"):
    m = results[name]
    print(f"{name:<18} {m['score']:>10.3f} {m['scoreError']:>9.3f} {m['score'] / floor:>17.3f}")
PY
