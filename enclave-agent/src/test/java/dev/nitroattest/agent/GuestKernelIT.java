package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.image.BuiltImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Route B of issue 12: the agent in a guest kernel of our own under QEMU without KVM (TCG). The guest, built by
 * {@code src/test/guest/build-guest.sh} from Debian packages, loads vsock with its loopback transport and CUSE; its
 * driver ({@code dev.nitroattest.guest.GuestDriver}) makes a CUSE {@code /dev/nsm} answered by the emulated NSM,
 * starts the agent's jar with {@code --listen vsock:PORT --nsm /dev/nsm}, and runs every agent operation, the
 * hostile-frame and eviction cases, the timeouts and SIGTERM over {@code vsock:1:PORT}, and a {@code --bridge} from
 * 127.0.0.1 to a vsock echo, inside the guest. Here, on
 * the host, the documents it printed are verified with attestation-core against the emulator's root with their
 * nonces, and every check must have passed. The guest's console is this test's log (also in
 * target/guest/console.log); a guest that does not finish in time fails the test with it.
 *
 * <p>Then the guest boots the agent's enclave image (issue 22): {@link GuestImage} builds it here with the image
 * builder and cuts its customer ramdisk out of the EIF, build-guest.sh appends that ramdisk to the guest's
 * initramfs, and after the driver's checks the guest's /init execs a stand-in of AWS's init, which runs the image's
 * command from {@code /rootfs} with the image's environment. The image's own agent must serve a document that
 * verifies against the builder's PCRs.
 *
 * <p>It takes a minute or two and needs QEMU, so it runs only with {@code -Pguest-kernel}, which sets
 * {@code nitro.guestKernel=true}; there, anything missing is a failure, not a skip.
 */
@EnabledIfSystemProperty(named = "nitro.guestKernel", matches = "true",
        disabledReason = "the guest-kernel test runs with -Pguest-kernel (it needs QEMU and takes minutes)")
class GuestKernelIT {
    private static final Path CONSOLE = Path.of("target/guest/console.log");
    private static final Path FIGURES = Path.of("target/guest/figures.txt");
    /** Where build-guest.sh takes the image's customer ramdisk and PCRs from. */
    private static final Path CUSTOMER_RAMDISK = Path.of("target/guest/customer-ramdisk.cpio");
    private static final Path IMAGE_PCRS = Path.of("target/guest/image-pcrs.txt");
    /** Generous for TCG on a shared 2-core machine: a whole guest run takes about 70 s there. */
    private static final Duration GUEST_LIMIT = Duration.ofMinutes(12);
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(10);
    private static final List<String> CHECKS = List.of("device-ioctl", "every-operation", "documents",
            "concurrent-clients", "hostile-frames", "client-text-escaped", "log-without-nonce", "nsm-timeout",
            "figures", "sigterm", "eviction-of-the-longest-idle", "half-sent-frames-cannot-lock-out",
            "request-inside-the-nsm-answered-before-eviction", "frame-timeout", "bridge-to-vsock",
            "cuse-server-stops-on-sigterm");
    private static final List<String> DOCUMENTS = List.of("device-ioctl", "nonce-only", "enclave-binding",
            "concurrent-0-0", "concurrent-3-2", "served-before-any-hostile-frame", "served-after-malformed-requests",
            "served-after-a-frame-cut-short-by-the-client-leaving");
    private static final String PREFIX = "@guest ";

    @Test
    void theAgentInAGuestKernelServesVerifiedDocumentsThroughVsockAndACuseNsm() throws Exception {
        long imageStart = System.nanoTime();
        BuiltImage image = GuestImage.build(Path.of("target/guest/image"), Path.of("target/enclave-agent.jar"),
                CUSTOMER_RAMDISK, IMAGE_PCRS);
        String imageFigure = String.format("image-built %.1f s (jlink, ldd, builder, reader), %d bytes, customer "
                + "ramdisk %d bytes", (System.nanoTime() - imageStart) / 1e9, image.size(),
                Files.size(CUSTOMER_RAMDISK));
        run(List.of("sh", "src/test/guest/build-guest.sh"), BUILD_LIMIT, "building the guest image", null);
        List<String> console = new ArrayList<>();
        run(List.of("sh", "src/test/guest/run-guest.sh"), GUEST_LIMIT, "the guest", console);

        String tail = tail(console);
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> figures = new ArrayList<>();
        List<String[]> documents = new ArrayList<>();
        String root = null;
        String moduleId = null;
        String done = null;
        Map<String, String> imageLines = new LinkedHashMap<>();
        for (String line : console) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] words = line.substring(PREFIX.length()).split(" ", 2);
            String rest = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "check" -> {
                    String[] nameAndOutcome = rest.split(" ", 2);
                    checks.put(nameAndOutcome[0], nameAndOutcome.length > 1 ? nameAndOutcome[1] : "");
                }
                case "figure" -> figures.add(rest);
                case "document" -> documents.add(rest.split(" "));
                case "root" -> root = new String(Base64.getDecoder().decode(rest), StandardCharsets.US_ASCII);
                case "module-id" -> moduleId = rest;
                case "done" -> done = rest;
                default -> {
                    if (words[0].startsWith("image-")) {
                        imageLines.put(words[0], rest);
                    }
                }
            }
        }
        figures.add(imageFigure);
        Files.write(FIGURES, figures, StandardCharsets.UTF_8);
        System.out.println("Guest figures (TCG):\n  " + String.join("\n  ", figures));

        assertTrue(done != null, "The guest's driver did not finish its checks; the console ends: " + tail);
        List<String> failed = checks.entrySet().stream().filter(e -> !e.getValue().startsWith("ok"))
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        assertEquals(List.of(), failed, "Checks failed inside the guest (see the console above).");
        assertEquals(new TreeSet<>(CHECKS), new TreeSet<>(checks.keySet()), "The guest reported other checks than "
                + "those expected.");
        assertEquals("checks=" + CHECKS.size() + " failed=0", done, "The driver's summary is not a clean pass.");

        assertTrue(root != null && moduleId != null, "The guest did not print the emulator's root and module id.");
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(root))
                .expectPcrs(ExpectedPcrs.builder().accept(0, filled(0xa0)).accept(1, filled(0xa1))
                        .accept(2, filled(0xa2)).build())
                .maxAge(Duration.ofHours(1))
                .build();
        HexFormat hex = HexFormat.of();
        List<String> names = new ArrayList<>();
        for (String[] document : documents) {
            assertEquals(5, document.length, "A document line is not 'NAME NONCE USER_DATA PUBLIC_KEY BASE64'.");
            Expectations expectations = Expectations.nonce(hex.parseHex(document[1]));
            if (!"-".equals(document[2])) {
                expectations = expectations.withUserData(hex.parseHex(document[2]));
            }
            if (!"-".equals(document[3])) {
                expectations = expectations.withPublicKey(hex.parseHex(document[3]));
            }
            VerifiedAttestation attestation = verifier.verify(Base64.getDecoder().decode(document[4]), expectations);
            assertEquals(moduleId, attestation.moduleId(), "Document " + document[0] + " names another module.");
            names.add(document[0]);
        }
        assertTrue(names.containsAll(DOCUMENTS), "The guest printed the documents " + names + ", not all of "
                + DOCUMENTS + ".");
        assertEquals(23, names.size(), "The guest printed " + names.size() + " documents instead of 23.");
        theImagesOwnAgentAnswered(image, imageLines, console, tail);
    }

    /**
     * The second part of the guest: the customer ramdisk the builder made, booted under the stand-in of AWS's init.
     * Its agent ran from the image's runtime, jar, command and environment (the JVM says it picked up the image's
     * JAVA_TOOL_OPTIONS), served a document through the CUSE /dev/nsm whose emulator has the image's PCRs, which
     * verifies here against that emulator's root with its nonce and the PCRs the builder printed, and ended with
     * SIGTERM's status as the init reaped it.
     */
    private static void theImagesOwnAgentAnswered(BuiltImage image, Map<String, String> lines, List<String> console,
            String tail) throws Exception {
        assertEquals(null, lines.get("image-probe"), "The guest's image probe failed.");
        assertEquals(null, lines.get("image-init"), "The stand-in of AWS's init failed.");
        assertTrue(lines.containsKey("image-document"), "The image's agent gave no document; the console ends: "
                + tail);
        assertTrue(console.stream().anyMatch(line -> line.contains("Picked up JAVA_TOOL_OPTIONS: "
                + GuestImage.JAVA_TOOL_OPTIONS)),
                "The image's JVM did not report the environment of the image's env file.");
        assertEquals(image.measurements().pcr0().toHex(), lines.get("image-pcr0"), "The image's agent reported "
                + "another PCR0 than the builder's.");
        String[] document = lines.get("image-document").split(" ");
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(new String(Base64.getDecoder().decode(lines.get("image-root")),
                        StandardCharsets.US_ASCII)))
                .expectPcrs(ExpectedPcrs.builder().accept(0, image.measurements().pcr0().toByteArray())
                        .accept(1, image.measurements().pcr1().toByteArray())
                        .accept(2, image.measurements().pcr2().toByteArray()).build())
                .maxAge(Duration.ofHours(1))
                .build();
        VerifiedAttestation attestation = verifier.verify(Base64.getDecoder().decode(document[1]),
                Expectations.nonce(HexFormat.of().parseHex(document[0])));
        assertEquals(lines.get("image-module-id"), attestation.moduleId(),
                "The image's document names another module.");
        assertTrue(lines.containsKey("image-agent-sigterm"), "The probe did not find the image's agent to stop it.");
        assertTrue(lines.getOrDefault("image-command-exit", "").startsWith("143 "), "The stand-in init reaped the "
                + "image's command with another status than SIGTERM's 143: " + lines.get("image-command-exit"));
    }

    /**
     * Runs a command from the module's folder, its output to the test's log (and into {@code lines} if given),
     * and fails the test if it does not end within the limit or ends with a status other than 0.
     */
    private static void run(List<String> command, Duration limit, String what, List<String> lines) throws Exception {
        Files.createDirectories(CONSOLE.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = lines != null ? lines : new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    PrintWriter log = lines != null ? new PrintWriter(Files.newBufferedWriter(CONSOLE)) : null) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    // The serial console ends lines with CR LF.
                    String clean = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                    synchronized (output) {
                        output.add(clean);
                    }
                    if (log != null) {
                        log.println(clean);
                        log.flush();
                    }
                    // Documents are long base64 lines: the log shows their start, console.log has them whole.
                    System.out.println(clean.startsWith(PREFIX + "document ") && clean.length() > 160
                            ? clean.substring(0, 160) + "..." : clean);
                }
            } catch (IOException e) {
                System.out.println("(reading the output of " + what + " failed: " + e + ")");
            }
        }, what);
        reader.setDaemon(true);
        reader.start();
        boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(60));
        String tail;
        synchronized (output) {
            tail = tail(output);
        }
        if (!ended) {
            fail(what + " did not finish within " + limit.toMinutes() + " minutes; its output ends: " + tail);
        }
        if (process.exitValue() != 0) {
            fail(what + " failed with status " + process.exitValue() + "; its output ends: " + tail);
        }
    }

    private static String tail(List<String> lines) {
        return "\n" + lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                .collect(Collectors.joining("\n"));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
