#!/usr/bin/env bash
# JMH benchmarks of the verification path, reported as ratios to one raw RS256 verification, and the
# full verification of each algorithm AUTH_ALGORITHMS accepts, as multiples of RS256.
# The benchmark JVMs get app/run's heap and GC defaults, so the path is measured as the service runs it.
# Usage: app/bench/jmh.sh                                  (5 x 2 s warm-up and measurement each)
#        app/bench/jmh.sh -wi 2 -i 3 -w 1 -r 1             (quicker, noisier; any JMH options)
#        BENCHMARKS=AlgorithmBenchmark app/bench/jmh.sh     (only one of the two; a JMH regular expression)
set -euo pipefail
cd "$(dirname "$0")/../.."

jvm_defaults=$(sed -n 's/^defaults=(\(.*\))$/\1/p' app/run)
[ -n "$jvm_defaults" ] || { echo "no defaults=(...) line in app/run" >&2; exit 1; }

. app/bench/lib.sh
cp=$(bench_classpath)
${JAVA_HOME:+$JAVA_HOME/bin/}java -cp "$cp" org.openjdk.jmh.Main "${BENCHMARKS:-VerificationBenchmark|AlgorithmBenchmark}" -jvmArgsPrepend "$jvm_defaults" \
  -rf json -rff auth-adapter/target/jmh-result.json "$@"

python3 - auth-adapter/target/jmh-result.json <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
results = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in runs if "VerificationBenchmark" in r["benchmark"]}
algorithms = {r["params"]["algorithm"]: r["primaryMetric"] for r in runs if "AlgorithmBenchmark" in r["benchmark"]}
if results:
    floor = results["rawRsaVerify"]["score"]
    print()
    print(f"{'benchmark':<18} {'us/op':>10} {'error':>9} {'x raw RSA verify':>17}")
    for name in ("rawRsaVerify", "nimbusRsaVerify", "verifyCacheMiss", "verifyCacheHit"):
        if name in results:
            m = results[name]
            print(f"{name:<18} {m['score']:>10.3f} {m['scoreError']:>9.3f} {m['score'] / floor:>17.3f}")
if algorithms:
    rs256 = algorithms.get("RS256", {}).get("score")
    print()
    print(f"{'full verification':<18} {'us/op':>10} {'error':>9} {'x RS256':>9}")
    for name, m in algorithms.items():
        ratio = f"{m['score'] / rs256:>9.2f}" if rs256 else ""
        print(f"{name:<18} {m['score']:>10.3f} {m['scoreError']:>9.3f} {ratio}")
PY
