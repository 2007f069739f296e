#!/usr/bin/env bash
# JMH benchmarks of the verification path, reported as ratios to one raw RS256 verification; the full
# verification of each algorithm AUTH_ALGORITHMS accepts, as multiples of RS256; the distinct-token path
# (DistinctTokenBenchmark); and one DPoP proof check with ES256 and RS256 proofs (DpopProofBenchmark).
# The benchmark JVMs get app/run's heap and GC defaults, so the path is measured as the service runs it.
# Usage: app/bench/jmh.sh                                  (5 x 2 s warm-up and measurement each)
#        app/bench/jmh.sh -wi 2 -i 3 -w 1 -r 1             (quicker, noisier; any JMH options)
#        BENCHMARKS=AlgorithmBenchmark app/bench/jmh.sh     (only some; a JMH regular expression)
#        app/bench/jmh.sh cpu                              (DistinctTokenCpu: the distinct-token path in CPU
#                                                           time per operation, steadier on a busy machine)
set -euo pipefail
cd "$(dirname "$0")/../.."

jvm_defaults=$(sed -n 's/^defaults=(\(.*\))$/\1/p' app/run)
[ -n "$jvm_defaults" ] || { echo "no defaults=(...) line in app/run" >&2; exit 1; }

. app/bench/lib.sh
cp=$(bench_classpath)
if [ "${1:-}" = cpu ]; then
  shift
  exec ${JAVA_HOME:+$JAVA_HOME/bin/}java $jvm_defaults -cp "$cp" com.example.resourceserver.auth.bench.DistinctTokenCpu "$@"
fi
${JAVA_HOME:+$JAVA_HOME/bin/}java -cp "$cp" org.openjdk.jmh.Main "${BENCHMARKS:-VerificationBenchmark|AlgorithmBenchmark|DistinctTokenBenchmark|DpopProofBenchmark}" -jvmArgsPrepend "$jvm_defaults" \
  -rf json -rff auth-adapter/target/jmh-result.json "$@"

python3 - auth-adapter/target/jmh-result.json <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
results = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in runs if "VerificationBenchmark" in r["benchmark"]}
distinct = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in runs if "DistinctTokenBenchmark" in r["benchmark"]}
# single-shot batches of DpopProofBenchmark.PROOFS proofs: the score is per batch
dpop = {r["params"]["algorithm"]: {"score": r["primaryMetric"]["score"] / r["measurementBatchSize"],
                                   "scoreError": r["primaryMetric"]["scoreError"] / r["measurementBatchSize"]}
        for r in runs if "DpopProofBenchmark" in r["benchmark"]}
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
if distinct:
    floor = distinct["rawRsaVerify"]["score"]
    print()
    print(f"{'distinct tokens':<18} {'us/op':>10} {'error':>9} {'x raw RSA verify':>17}")
    for name in ("rawRsaVerify", "distinctNoCache", "distinctCached"):
        if name in distinct:
            m = distinct[name]
            print(f"{name:<18} {m['score']:>10.3f} {m['scoreError']:>9.3f} {m['score'] / floor:>17.3f}")
if dpop:
    floor = results.get("rawRsaVerify", {}).get("score")
    print()
    print(f"{'DPoP proof check':<18} {'us/proof':>10} {'error':>9} {'x raw RSA verify':>17}")
    for name, m in dpop.items():
        ratio = f"{m['score'] / floor:>17.2f}" if floor else ""
        print(f"{name:<18} {m['score']:>10.3f} {m['scoreError']:>9.3f} {ratio}")
PY
