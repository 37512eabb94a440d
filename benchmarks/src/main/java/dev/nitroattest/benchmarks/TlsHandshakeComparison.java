package dev.nitroattest.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios of {@link TlsHandshakeBenchmark}'s cases to the ordinary handshake, measured so that a machine whose
 * load changes by the minute still gives a fair ratio: the cases take turns in short rounds (the order rotating each
 * round), each round's ratio is taken between cases timed seconds apart, and the median of those ratios is reported,
 * beside each case's median rate. JMH's figures for the same cases come from {@code TlsHandshakeBenchmark}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nitroattest.benchmarks.TlsHandshakeComparison [rounds] [per round]
 * </pre>
 */
public final class TlsHandshakeComparison {
    private TlsHandshakeComparison() {
    }

    /** An action measured in turns. */
    private interface Handshake {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        TlsHandshakeBenchmark cases = new TlsHandshakeBenchmark();
        cases.setUp();
        Map<String, Handshake> all = new LinkedHashMap<>();
        all.put("ordinary", cases::ordinary);
        all.put("attestedRepeat", cases::attestedRepeat);
        all.put("attestedFirst", cases::attestedFirst);
        all.put("attestedFirstSight", cases::attestedFirstSight);
        List<String> names = new ArrayList<>(all.keySet());
        for (String name : names) {
            time(all.get(name), perRound * 5);
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        names.forEach(name -> rates.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                rates.get(name)[round] = perRound / time(all.get(name), perRound);
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds of %d handshakes per case%n", rounds, perRound);
        System.out.printf(Locale.ROOT, "%-20s %14s %22s%n", "case", "median ops/s", "median ratio to ordinary");
        for (String name : names) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = rates.get(name)[round] / rates.get("ordinary")[round];
            }
            System.out.printf(Locale.ROOT, "%-20s %14.1f %22.3f%n", name, median(rates.get(name)), median(ratios));
        }
    }

    /** Seconds taken by {@code count} runs. */
    private static double time(Handshake handshake, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            handshake.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
