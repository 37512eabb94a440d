package dev.nitroattest.testing;

import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.device.NsmDevice;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.NsmFrames.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Attestation documents per second through the real ioctl path (NsmDevice, JNA, kernel, FUSE server, emulated NSM)
 * beside the same emulator called in-process, interleaved in rounds so both see the same machine. Not a test: run it
 * as docs/performance.md shows, from the enclave-agent directory, as root where FUSE can be mounted.
 */
public final class FuseNsmSpeed {
    private FuseNsmSpeed() {}

    /**
     * Prints one line per round and the median of each.
     *
     * @param args optional: rounds (default 5) and documents per round (default 500)
     * @throws Exception if FUSE cannot be mounted or a request fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.setProperty("nitro.requireFuse", "true");
        Path directory = Files.createTempDirectory("nsm-fuse-speed");
        byte[] nonce = "speed".getBytes(StandardCharsets.US_ASCII);
        NsmRequest.Attestation request = NsmRequest.Attestation.of(null, nonce, null);
        try (EmulatedNsm emulator = EmulatedNsm.builder().authority(EmulatedAuthority.testPki("speed")).build();
                FuseNsmFile fuse = FuseNsmFile.mount(directory, 30_000,
                        bytes -> new Answer.Response(emulator.exchange(bytes)));
                NsmClient throughKernel = new NsmClient(NsmDevice.open(fuse.path()));
                NsmClient inProcess = new NsmClient(EmulatedNsm.builder()
                        .authority(EmulatedAuthority.testPki("speed in-process")).build())) {
            run(throughKernel, request, documents); // warm-up
            run(inProcess, request, documents);
            double[] kernel = new double[rounds];
            double[] direct = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                kernel[round] = run(throughKernel, request, documents);
                direct[round] = run(inProcess, request, documents);
                System.out.printf("round %d: %.0f documents/s through the ioctl, %.0f in-process (ratio %.2f)%n",
                        round + 1, kernel[round], direct[round], kernel[round] / direct[round]);
            }
            double k = median(kernel);
            double d = median(direct);
            System.out.printf("median: %.0f documents/s through the ioctl, %.0f in-process (ratio %.2f)%n", k, d,
                    k / d);
            // DescribePCR costs the emulator almost nothing, so its rate is that of the path itself.
            int exchanges = documents * 10;
            long start = System.nanoTime();
            for (int i = 0; i < exchanges; i++) {
                throughKernel.describePcr(0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("DescribePCR through the ioctl: %.0f round trips/s (%.1f us each)%n",
                    exchanges / seconds, seconds * 1e6 / exchanges);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double run(NsmClient nsm, NsmRequest.Attestation request, int documents) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            nsm.attestation(request);
        }
        return documents / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
