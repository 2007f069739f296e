package com.example.resourceserver.auth.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * {@link DistinctTokenBenchmark}'s operations priced in CPU time rather than wall-clock time: the whole
 * process's CPU per operation (so work a library hands to another thread, such as a cache's maintenance,
 * is counted) and the calling thread's. On a machine shared with other work, CPU time per operation moves
 * far less than JMH's wall-clock scores do. Rounds alternate between the operations so that drift in the
 * machine's load falls on all of them alike.
 *
 * <p>Usage (app/bench/jmh.sh prints the class path): {@code java -cp ... DistinctTokenCpu [rounds] [ops per round]}
 */
public final class DistinctTokenCpu {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        DistinctTokenBenchmark bench = new DistinctTokenBenchmark();
        bench.tokens = 6000;
        bench.setUp();
        String[] names = {"rawRsaVerify", "distinctNoCache", "distinctCached"};
        Callable<?>[] operations = {bench::rawRsaVerify, bench::distinctNoCache, bench::distinctCached};
        double[][] process = new double[names.length][rounds];
        double[][] thread = new double[names.length][rounds];
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            for (int i = 0; i < names.length; i++) {
                double[] cost = measure(operations[i], ops);
                if (round >= 0) {
                    process[i][round] = cost[0];
                    thread[i][round] = cost[1];
                }
            }
        }
        bench.tearDown();
        System.out.printf("%-18s %14s %14s %16s%n", "operation", "process us/op", "thread us/op", "x rawRsaVerify");
        double floor = median(process[0]);
        for (int i = 0; i < names.length; i++) {
            System.out.printf(
                    "%-18s %14.1f %14.1f %16.2f%n",
                    names[i], median(process[i]), median(thread[i]), median(process[i]) / floor);
        }
    }

    private static double[] measure(Callable<?> operation, int ops) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        long process0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        Object sink = null;
        for (int i = 0; i < ops; i++) {
            sink = operation.call();
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return new double[] {
            (os.getProcessCpuTime() - process0) / 1e3 / ops, (threads.getCurrentThreadCpuTime() - thread0) / 1e3 / ops
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
