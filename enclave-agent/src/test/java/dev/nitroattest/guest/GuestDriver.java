package dev.nitroattest.guest;

import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmCodec;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.device.NsmDevice;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.EchoListener;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The test guest's driver (route B of issue 12): runs inside our own guest kernel under QEMU, started by the guest's
 * /init. It hosts the emulated NSM behind a CUSE {@code /dev/nsm}, starts the agent's jar as its own JVM with
 * {@code --listen vsock:PORT --nsm /dev/nsm}, and talks to it with {@code AgentClient} and raw frames over
 * {@code vsock:1:PORT} (CID 1 is the guest's own kernel: nothing leaves the guest). It prints, one line each on the
 * console, what the host-side {@code GuestKernelIT} checks: every check's outcome, the documents with their nonces
 * (the host verifies them against the emulator's root, which is printed too) and the measured figures.
 *
 * <p>Not a JUnit test: it runs where there is no JUnit, so each check is a method that throws on the first thing
 * that is not as expected, and a failed check does not stop the others.
 */
public final class GuestDriver {
    /** Every console line meant for the host starts so. */
    static final String PREFIX = "@guest ";
    /** How long a raw client's read waits before "the agent stayed silent": far beyond any answer under TCG. */
    private static final Duration RAW_READ_WAIT = Duration.ofSeconds(120);
    private static final PrintStream CONSOLE = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final byte[] PCR0 = filled(0xa0);
    private static final byte[] PCR1 = filled(0xa1);
    private static final byte[] PCR2 = filled(0xa2);
    private static final byte[] HEALTH = AgentMessages.encodeRequest(new AgentRequest.Health());
    private static final byte[] ATTESTATION = AgentMessages.encodeRequest(AgentRequest.Attestation.of(new byte[] {7}));
    /** Where the guest's enclave application publishes its binding for the first agent. */
    private static final Path BINDING_FILE = Path.of("/tmp/binding.cbor");
    /** The start of a frame whose rest never comes: two of its four length bytes. */
    private static final byte[] HALF_HEADER = {0, 0};
    /** Timeouts of the agents whose checks must never see a timeout close a connection. */
    private static final String[] NO_TIMEOUTS = {"--idle-timeout", "30m", "--frame-timeout", "30m"};

    private final String java;
    private final String agentJar;
    private final EmulatedNsm emulator;
    private final CuseNsm cuse;
    private int checks;
    private int failures;
    private int nextPort = 5000;

    private GuestDriver(String java, String agentJar, EmulatedNsm emulator, CuseNsm cuse) {
        this.java = java;
        this.agentJar = agentJar;
        this.emulator = emulator;
        this.cuse = cuse;
    }

    /** One line on the console, whole (the agents' logs are copied to the same stream from other threads). */
    static void console(String line) {
        synchronized (CONSOLE) {
            CONSOLE.println(line);
        }
    }

    private static void report(String line) {
        console(PREFIX + line);
    }

    /**
     * Runs every check and prints the results; exits 0 once all ran (the host judges them), 1 if it could not get
     * as far as running them.
     *
     * @param args the JRE's java, the agent's jar, the CUSE server, the measurement rounds (e.g. 200)
     */
    public static void main(String[] args) throws Exception {
        String java = args[0];
        String agentJar = args[1];
        Path cuseServer = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        report("figure driver-jvm-started " + uptime() + " s-since-boot");
        try (EmulatedNsm emulator = EmulatedNsm.builder().authority(EmulatedAuthority.testPki("guest kernel"))
                        .pcr(0, PCR0).pcr(1, PCR1).pcr(2, PCR2).build();
                CuseNsm cuse = CuseNsm.start(cuseServer, "nsm", emulator, Path.of("/tmp/nsm-cuse.log"))) {
            report("root " + Base64.getEncoder().encodeToString(emulator.rootCertificatePem()
                    .getBytes(StandardCharsets.US_ASCII)));
            report("module-id " + emulator.moduleId());
            report("figure nsm-device-ready " + uptime() + " s-since-boot");
            GuestDriver driver = new GuestDriver(java, agentJar, emulator, cuse);
            driver.runAll(rounds);
            int status = cuse.stop();
            driver.check("cuse-server-stops-on-sigterm", () -> expect(status == 0,
                    "the CUSE server exited with " + status + " after SIGTERM instead of 0"));
            report("done checks=" + driver.checks + " failed=" + driver.failures);
        } catch (Exception e) {
            report("aborted: " + e);
            e.printStackTrace(CONSOLE);
            System.exit(1);
        }
    }

    private void runAll(int rounds) throws Exception {
        check("device-ioctl", this::deviceIoctl);
        int port = nextPort++;
        ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
        Files.deleteIfExists(BINDING_FILE);
        try (GuestAgent agent = GuestAgent.start(java, agentJar, port, "--max-connections", "16", NO_TIMEOUTS[0],
                NO_TIMEOUTS[1], NO_TIMEOUTS[2], NO_TIMEOUTS[3], "--binding-file", BINDING_FILE.toString())) {
            report("figure agent-start " + agent.awaitListening() + " s");
            check("every-operation", () -> everyOperation(endpoint));
            check("documents", () -> documents(endpoint));
            check("concurrent-clients", () -> concurrentClients(endpoint));
            check("hostile-frames", () -> hostileFrames(endpoint, port));
            check("client-text-escaped", () -> clientTextEscaped(endpoint));
            check("log-without-nonce", () -> logWithoutNonce(endpoint, agent));
            check("nsm-timeout", () -> nsmTimeout(endpoint));
            check("figures", () -> {
                agent.quiet(true);
                try {
                    figures(endpoint, rounds);
                } finally {
                    agent.quiet(false);
                }
            });
            check("sigterm", () -> sigterm(agent));
        }
        check("eviction-of-the-longest-idle", this::evictionOfTheLongestIdle);
        check("half-sent-frames-cannot-lock-out", this::halfSentFramesCannotLockOut);
        check("request-inside-the-nsm-answered-before-eviction", this::requestInsideTheNsm);
        check("frame-timeout", this::frameTimeout);
        check("bridge-to-vsock", this::bridgeToVsock);
    }

    /** A check that must not throw. */
    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    private void check(String name, Check check) {
        checks++;
        long start = System.nanoTime();
        try {
            check.run();
            report("check " + name + " ok (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        } catch (Throwable e) {
            failures++;
            report("check " + name + " failed: " + String.valueOf(e).replace('\n', ' '));
            e.printStackTrace(CONSOLE);
        }
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void expectEqual(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + " but got " + actual);
        }
    }

    private static <T> T expectType(Class<T> type, AgentResponse response, String what) {
        if (!type.isInstance(response)) {
            throw new AssertionError(what + ": expected a " + type.getSimpleName() + " answer but got " + response);
        }
        return type.cast(response);
    }

    /** Prints a document for the host to verify with this nonce (and user data, and public key, where given). */
    private static void document(String name, byte[] nonce, byte[] userData, byte[] publicKey, byte[] document) {
        HexFormat hex = HexFormat.of();
        report("document " + name + " " + hex.formatHex(nonce) + " "
                + (userData == null ? "-" : hex.formatHex(userData)) + " "
                + (publicKey == null ? "-" : hex.formatHex(publicKey)) + " "
                + Base64.getEncoder().encodeToString(document));
    }

    private static AgentClient client(ConnectEndpoint endpoint) throws Exception {
        return AgentClient.connect(endpoint, Duration.ofSeconds(60), Duration.ofSeconds(GuestAgent.WAIT_SECONDS));
    }

    private GuestAgent startAgent(int port, String... options) throws Exception {
        GuestAgent agent = GuestAgent.start(java, agentJar, port, options);
        try {
            agent.awaitListening();
        } catch (Exception e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** The driver's own NsmDevice, straight on the CUSE node: the ioctl, the retries, the answer and its length. */
    private void deviceIoctl() throws Exception {
        try (NsmClient nsm = new NsmClient(NsmDevice.open(Path.of("/dev/nsm")))) {
            expectEqual(emulator.moduleId(), nsm.describeNsm().moduleId(), "the module id through /dev/nsm");
            byte[] nonce = "through the ioctl".getBytes(StandardCharsets.US_ASCII);
            Bytes document = nsm.attestation(NsmRequest.Attestation.of(null, nonce, null));
            document("device-ioctl", nonce, null, null, document.toByteArray());
        }
    }

    private void everyOperation(ConnectEndpoint endpoint) throws Exception {
        try (AgentClient client = client(endpoint)) {
            client.health();
            expectEqual(new AgentResponse.Pcr(0, true, Bytes.of(PCR0)), client.describePcr(0), "PCR0");
            AgentResponse.NsmInfo info = client.describeNsm();
            expectEqual(emulator.moduleId(), info.moduleId(), "the module id");
            expectEqual(32, info.maxPcrs(), "the PCR count");
            expectEqual("SHA384", info.digest(), "the digest");
            expectEqual("1.0.0", info.version(), "the version");
            try {
                client.describePcr(32);
                throw new AssertionError("describe-pcr 32 was answered; the NSM has PCRs 0 to 31");
            } catch (AgentErrorException e) {
                expectEqual(AgentErrorCode.NSM_ERROR, e.code(), "the error code of describe-pcr 32");
                expect(e.getMessage().contains("InvalidIndex"), "describe-pcr 32 failed otherwise than with "
                        + "InvalidIndex: " + e.getMessage());
            }
            client.health();
        }
    }

    /**
     * The first agent runs with --binding-file: no document before the enclave application publishes its binding,
     * then documents that carry it (the host checks the user data and key of "enclave-binding"), and a caller's own
     * public key refused by name.
     */
    private void documents(ConnectEndpoint endpoint) throws Exception {
        try (AgentClient client = client(endpoint)) {
            byte[] nonce = "guest nonce only".getBytes(StandardCharsets.US_ASCII);
            try {
                client.attestation(nonce);
                throw new AssertionError("a document was made before the enclave published its binding");
            } catch (AgentErrorException e) {
                expectEqual(AgentErrorCode.BINDING_UNAVAILABLE, e.code(), "the error code before the binding");
            }
            EnclaveBinding.none().publish(BINDING_FILE);
            document("nonce-only", nonce, null, null, client.attestation(nonce));
            byte[] nonce2 = "guest nonce with the enclave's binding".getBytes(StandardCharsets.US_ASCII);
            byte[] userData = "user data".getBytes(StandardCharsets.US_ASCII);
            byte[] publicKey = "public key".getBytes(StandardCharsets.US_ASCII);
            EnclaveBinding.of(publicKey, userData).publish(BINDING_FILE);
            byte[] answer = client.attestation(nonce2);
            document("enclave-binding", nonce2, userData, publicKey, answer);
            expect(answer.length > 4000, "the document has " + answer.length + " bytes, fewer than any of the NSM's");
            report("figure document-size " + answer.length + " bytes");
        }
        try (RawAgentClient raw = raw(endpoint)) {
            failure(AgentErrorCode.CALLER_BINDING_REFUSED, raw.exchange(hex("a3626f70" + "6b" + text("attestation")
                    + "65" + text("nonce") + "4101" + "6a" + text("public_key") + "4102")));
        }
    }

    private void concurrentClients(ConnectEndpoint endpoint) throws Exception {
        int clients = 4;
        int requestsEach = 3;
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientNumber = c;
                results.add(executor.submit(() -> {
                    int received = 0;
                    try (AgentClient client = client(endpoint)) {
                        for (int r = 0; r < requestsEach; r++) {
                            byte[] nonce = ("nonce " + clientNumber + "/" + r).getBytes(StandardCharsets.US_ASCII);
                            document("concurrent-" + clientNumber + "-" + r, nonce, null, null,
                                    client.attestation(nonce));
                            received++;
                        }
                    }
                    return received;
                }));
            }
            for (Future<Integer> result : results) {
                expectEqual(requestsEach, result.get(GuestAgent.WAIT_SECONDS, TimeUnit.SECONDS),
                        "the documents one client received");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** AgentServerTest's hostile frames, over vsock. */
    private void hostileFrames(ConnectEndpoint endpoint, int port) throws Exception {
        List<RawAgentClient> hostile = new ArrayList<>();
        try (AgentClient good = client(endpoint)) {
            served(good, "before-any-hostile-frame");

            RawAgentClient halfSent = raw(endpoint);
            hostile.add(halfSent);
            // A header announcing 20 bytes and one byte of them: the agent waits for the rest.
            halfSent.send(new byte[] {0, 0, 0, 20, (byte) 0xa1});
            served(good, "while-a-frame-is-held-half-sent");

            RawAgentClient oversize = raw(endpoint);
            hostile.add(oversize);
            oversize.send(ByteBuffer.allocate(8).putInt(65537).putInt(0).array());
            failure(AgentErrorCode.TOO_LARGE, "The frame has length 65537; a frame carries at most 65536 bytes.",
                    oversize.receive());
            expect(oversize.closedByAgent(), "the agent did not close a connection after a frame over the limit");
            served(good, "after-a-frame-over-the-limit");

            RawAgentClient empty = raw(endpoint);
            hostile.add(empty);
            empty.send(new byte[4]);
            failure(AgentErrorCode.BAD_REQUEST, "The frame has length 0; a frame carries 1 to 65536 bytes.",
                    empty.receive());
            expect(empty.closedByAgent(), "the agent did not close a connection after a frame of length 0");
            served(good, "after-a-frame-of-length-0");

            RawAgentClient garbage = raw(endpoint);
            hostile.add(garbage);
            failure(AgentErrorCode.BAD_REQUEST, garbage.exchange("hello".getBytes(StandardCharsets.US_ASCII)));
            expectType(AgentResponse.Healthy.class, garbage.exchange(HEALTH), "health after garbage");
            served(good, "after-garbage");

            RawAgentClient unknownOp = raw(endpoint);
            hostile.add(unknownOp);
            failure(AgentErrorCode.UNKNOWN_OP, "The op \"format-disk\" is not one of attestation, describe-pcr, "
                    + "describe-nsm, health.", unknownOp.exchange(hex("a1626f70" + "6b" + text("format-disk"))));
            expectType(AgentResponse.Healthy.class, unknownOp.exchange(HEALTH), "health after an unknown op");
            served(good, "after-an-unknown-op");

            RawAgentClient raw = raw(endpoint);
            hostile.add(raw);
            // Each of these leaves the framing intact, so the same connection goes on working.
            String op = "626f70";
            String healthText = "66" + text("health");
            failure(AgentErrorCode.BAD_REQUEST, raw.exchange(hex("bf" + op + healthText + "ff")));
            failure(AgentErrorCode.BAD_REQUEST, raw.exchange(hex("a2" + op + healthText + op + healthText)));
            failure(AgentErrorCode.UNKNOWN_OP, raw.exchange(hex("a3" + op + "6a" + text("extend-pcr") + "65"
                    + text("index") + "10" + "64" + text("data") + "4101")));
            failure(AgentErrorCode.BAD_REQUEST, raw.exchange(hex("a2" + op + "6b" + text("attestation") + "65"
                    + text("nonce") + "63" + text("abc"))));
            failure(AgentErrorCode.TOO_LARGE, raw.exchange(hex("a2" + op + "6b" + text("attestation") + "65"
                    + text("nonce") + "590401" + "00".repeat(1025))));
            failure(AgentErrorCode.NSM_ERROR, raw.exchange(AgentMessages.encodeRequest(
                    new AgentRequest.DescribePcr(40))));
            expectType(AgentResponse.Healthy.class, raw.exchange(HEALTH), "health after malformed requests");
            served(good, "after-malformed-requests");

            try (RawAgentClient truncated = raw(endpoint)) {
                truncated.send(new byte[] {0, 0, 1, 0, 1, 2});
            }
            served(good, "after-a-frame-cut-short-by-the-client-leaving");

            AgentResponse.Pcr pcr16 = good.describePcr(16);
            expect(!pcr16.locked(), "PCR16 is locked, though no request can lock it");
            expectEqual(Bytes.of(new byte[48]), pcr16.data(), "PCR16, which no request can extend");
            expect(!halfSent.closedByAgentWithin(Duration.ofMillis(200)),
                    "the agent closed the half-sent frame's connection, which it should hold open");
        } finally {
            for (RawAgentClient client : hostile) {
                client.close();
            }
        }
    }

    private void clientTextEscaped(ConnectEndpoint endpoint) throws Exception {
        String key = "x\n2026-01-01T00:00:00Z enclave-agent: forged\u001b[2K\u2028";
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        String keyHex = "78" + HexFormat.of().toHexDigits((byte) utf8.length) + HexFormat.of().formatHex(utf8);
        byte[] body = hex("a3626f7066" + text("health") + keyHex + "01" + keyHex + "02");
        try (RawAgentClient raw = raw(endpoint)) {
            AgentResponse.Failure failure = expectType(AgentResponse.Failure.class, raw.exchange(body),
                    "a map with a key twice");
            expectEqual(AgentErrorCode.BAD_REQUEST, failure.code(), "the error code");
            expectEqual("The request is not one definite-length CBOR map with text keys: The map at offset 0 has the "
                    + "key \"x\\n2026-01-01T00:00:00Z enclave-agent: forged\\x1b[2K\\u2028\" twice.",
                    failure.message(), "the failure message");
        }
    }

    private void logWithoutNonce(ConnectEndpoint endpoint, GuestAgent agent) throws Exception {
        byte[] nonce = HexFormat.of().parseHex("5ec2e75ec2e75ec2e7");
        // Other checks sent 9-byte nonces too: only the lines logged from here on count.
        int before = agent.log().size();
        try (AgentClient client = client(endpoint)) {
            client.attestation(nonce);
        }
        // The agent logs after it has answered, so the line may come a moment after the answer.
        agent.awaitLine(before, line -> line.contains("op=attestation nonce=9B"),
                "the agent logs the 9-byte nonce's request");
        List<String> all = agent.log();
        List<String> lines = all.subList(before, all.size()).stream()
                .filter(line -> line.contains("op=attestation nonce=9B")).toList();
        expectEqual(1, lines.size(), "the log lines of the one request with a 9-byte nonce");
        expect(lines.get(0).contains("op=attestation nonce=9B -> ok ("), "the request's log line is not as "
                + "expected: " + lines.get(0));
        expect(agent.log().stream().noneMatch(line -> line.toLowerCase().contains("5ec2e7")),
                "the agent logged the nonce");
    }

    /** The NSM ioctl failing with ETIMEDOUT: the agent answers with an error instead of hanging, then serves again. */
    private void nsmTimeout(ConnectEndpoint endpoint) throws Exception {
        try (AgentClient client = client(endpoint)) {
            cuse.mode(CuseNsm.Mode.TIMED_OUT);
            try {
                client.attestation("timed out".getBytes(StandardCharsets.US_ASCII));
                throw new AssertionError("an attestation was answered while the NSM ioctl failed with ETIMEDOUT");
            } catch (AgentErrorException e) {
                expectEqual(AgentErrorCode.INTERNAL, e.code(), "the error code when the NSM times out");
                expect(e.getMessage().contains("ETIMEDOUT"), "the error does not name ETIMEDOUT: " + e.getMessage());
            } finally {
                cuse.mode(CuseNsm.Mode.ANSWER);
            }
            expectEqual(emulator.moduleId(), client.describeNsm().moduleId(), "the module id after the timeout");
        }
    }

    /** Round trips and documents per second; printed, never asserted (TCG's speed is the machine's business). */
    private void figures(ConnectEndpoint endpoint, int rounds) throws Exception {
        rawVsock(rounds);
        try (AgentClient client = client(endpoint)) {
            for (int i = 0; i < rounds / 4; i++) {
                client.health();
            }
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                client.health();
            }
            report("figure health-round-trip " + (System.nanoTime() - start) / 1000 / rounds + " us (" + rounds
                    + " over one vsock connection)");
            int documents = Math.max(5, rounds / 20);
            byte[] nonce = new byte[32];
            start = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                client.attestation(nonce);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report("figure agent-documents-per-second " + String.format("%.1f", documents / seconds) + " (" + documents
                    + " attestations over vsock, each through the agent's ioctl on /dev/nsm)");
        }
        try (NsmClient nsm = new NsmClient(NsmDevice.open(Path.of("/dev/nsm")))) {
            int documents = Math.max(5, rounds / 20);
            NsmRequest.Attestation request = NsmRequest.Attestation.of(null, new byte[32], null);
            nsm.attestation(request);
            long start = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                nsm.attestation(request);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report("figure ioctl-documents-per-second " + String.format("%.1f", documents / seconds) + " ("
                    + documents + " attestations through NsmDevice's ioctl on /dev/nsm, no agent)");
        }
        try (NsmDevice device = NsmDevice.open(Path.of("/dev/nsm"))) {
            byte[] describe = NsmCodec.encodeRequest(new NsmRequest.DescribeNsm());
            int exchanges = Math.max(10, rounds / 4);
            for (int i = 0; i < exchanges / 4; i++) {
                device.exchange(describe);
            }
            long start = System.nanoTime();
            for (int i = 0; i < exchanges; i++) {
                device.exchange(describe);
            }
            report("figure ioctl-round-trip " + (System.nanoTime() - start) / 1000 / exchanges + " us (" + exchanges
                    + " DescribeNSM ioctls through CUSE, emulator included)");
        }
    }

    /**
     * vsock itself, without the agent: 64-byte ping-pongs and a one-way bulk transfer between two threads of this
     * JVM through the guest kernel's loopback transport, with the project's own vsock classes.
     */
    private void rawVsock(int rounds) throws Exception {
        int port = nextPort++;
        int bulk = 32 << 20;
        try (Listener listener = ListenEndpoint.parse("vsock:" + port).listen(4)) {
            Thread echo = new Thread(() -> {
                try (Connection peer = listener.accept()) {
                    byte[] ping = new byte[64];
                    for (int i = 0; i < rounds * 5 / 4; i++) {
                        readFully(peer, ping);
                        peer.output().write(ping);
                        peer.output().flush();
                    }
                    byte[] sink = new byte[64 << 10];
                    for (long left = bulk; left > 0; ) {
                        int n = peer.input().read(sink, 0, (int) Math.min(sink.length, left));
                        if (n < 0) {
                            break;
                        }
                        left -= n;
                    }
                    peer.output().write(1);
                    peer.output().flush();
                } catch (Exception e) {
                    console("vsock echo failed: " + e);
                }
            }, "vsock echo");
            echo.setDaemon(true);
            echo.start();
            try (Connection connection = ConnectEndpoint.parse("vsock:1:" + port).connect(Duration.ofSeconds(60))) {
                connection.timeout(Duration.ofSeconds(GuestAgent.WAIT_SECONDS));
                byte[] ping = new byte[64];
                for (int i = 0; i < rounds / 4; i++) {
                    connection.output().write(ping);
                    connection.output().flush();
                    readFully(connection, ping);
                }
                long start = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    connection.output().write(ping);
                    connection.output().flush();
                    readFully(connection, ping);
                }
                report("figure vsock-ping-pong " + (System.nanoTime() - start) / 1000 / rounds + " us (" + rounds
                        + " 64-byte round trips, vsock:1 loopback, no agent)");
                byte[] chunk = new byte[64 << 10];
                start = System.nanoTime();
                for (int sent = 0; sent < bulk; sent += chunk.length) {
                    connection.output().write(chunk);
                }
                connection.output().flush();
                expect(connection.input().read() == 1, "the vsock echo did not confirm the bulk transfer");
                double seconds = (System.nanoTime() - start) / 1e9;
                report("figure vsock-bulk " + String.format("%.0f", bulk / seconds / (1 << 20)) + " MiB/s ("
                        + (bulk >> 20) + " MiB one way, vsock:1 loopback)");
            }
            echo.join(TimeUnit.SECONDS.toMillis(GuestAgent.WAIT_SECONDS));
        }
    }

    private static void readFully(Connection connection, byte[] target) throws Exception {
        for (int read = 0; read < target.length; ) {
            int n = connection.input().read(target, read, target.length - read);
            if (n < 0) {
                throw new java.io.EOFException("the vsock peer closed the connection");
            }
            read += n;
        }
    }

    private void sigterm(GuestAgent agent) throws Exception {
        int status = agent.terminate();
        expectEqual(143, status, "the agent's exit status after SIGTERM (128 + 15, as documented)");
        List<String> log = agent.log();
        expect(!log.isEmpty() && log.get(log.size() - 1).endsWith("stopped"), "the agent's last log line is not "
                + "'stopped': " + (log.isEmpty() ? "(no log)" : log.get(log.size() - 1)));
    }

    /** AgentLimitsTest's first case, on an agent of its own (3 connections, timeouts far beyond the checks). */
    private void evictionOfTheLongestIdle() throws Exception {
        int port = nextPort++;
        ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
        List<RawAgentClient> clients = new ArrayList<>();
        try (GuestAgent agent = startAgent(port, "--max-connections", "3", NO_TIMEOUTS[0], NO_TIMEOUTS[1],
                NO_TIMEOUTS[2], NO_TIMEOUTS[3])) {
            RawAgentClient idle = connect(endpoint, clients);
            expectType(AgentResponse.Healthy.class, idle.exchange(HEALTH), "the first client's health");
            // The client can read its answer a moment before the agent's session counts the exchange as finished
            // (it logs it right after); a session still finishing its answer is evicted last, so wait for that line.
            agent.awaitLine(line -> line.startsWith("conn=1 "), "the agent logs conn=1's exchange");
            RawAgentClient halfFrame = connect(endpoint, clients);
            halfFrame.send(HALF_HEADER);
            RawAgentClient recent = connect(endpoint, clients);
            expectType(AgentResponse.Healthy.class, recent.exchange(HEALTH), "the third client's health");
            agent.awaitLine(line -> line.startsWith("conn=3 "), "the agent logs conn=3's exchange");

            RawAgentClient newcomer = connect(endpoint, clients);
            expectType(AgentResponse.Healthy.class, newcomer.exchange(HEALTH), "the newcomer's health");
            expect(idle.closedByAgent(), "the connection whose last exchange is oldest was not closed to make room");

            RawAgentClient another = connect(endpoint, clients);
            expectType(AgentResponse.Healthy.class, another.exchange(HEALTH), "another newcomer's health");
            expect(halfFrame.closedByAgent(), "the half-sent frame, accepted before the others' exchanges, was not "
                    + "closed to make room next");
            expectType(AgentResponse.Healthy.class, recent.exchange(HEALTH), "a remaining client's health");
            expectType(AgentResponse.Healthy.class, newcomer.exchange(HEALTH), "the newcomer's second health");
            agent.awaitLine(line -> line.startsWith("conn=1 evicted to admit a connection from vsock:1:")
                    && line.endsWith(": all 3 connections are taken and its last exchange is the oldest"),
                    "the agent logs conn=1's eviction");
            closeAll(clients);
            sigterm(agent);
        } finally {
            closeAll(clients);
        }
    }

    /** AgentLimitsTest's second case: 4 connections, all held by half-sent frames, yet good clients get in. */
    private void halfSentFramesCannotLockOut() throws Exception {
        int port = nextPort++;
        ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
        List<RawAgentClient> hostile = new ArrayList<>();
        try (GuestAgent agent = startAgent(port, "--max-connections", "4", NO_TIMEOUTS[0], NO_TIMEOUTS[1],
                NO_TIMEOUTS[2], NO_TIMEOUTS[3])) {
            for (int i = 0; i < 4; i++) {
                connect(endpoint, hostile).send(HALF_HEADER);
            }
            for (int round = 0; round < 6; round++) {
                connect(endpoint, hostile).send(HALF_HEADER);
                try (RawAgentClient good = raw(endpoint)) {
                    expectType(AgentResponse.Healthy.class, good.exchange(HEALTH), "a good client in round " + round);
                }
            }
            expect(hostile.get(0).closedByAgent(), "the oldest half-sent frame was not evicted");
            expect(hostile.get(1).closedByAgent(), "the second-oldest half-sent frame was not evicted");
            closeAll(hostile);
            sigterm(agent);
        } finally {
            closeAll(hostile);
        }
    }

    /** AgentLimitsTest's third case, the request held inside the real ioctl by the CUSE server's gate. */
    private void requestInsideTheNsm() throws Exception {
        int port = nextPort++;
        ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
        List<RawAgentClient> clients = new ArrayList<>();
        try (GuestAgent agent = startAgent(port, "--max-connections", "1", NO_TIMEOUTS[0], NO_TIMEOUTS[1],
                NO_TIMEOUTS[2], NO_TIMEOUTS[3])) {
            cuse.mode(CuseNsm.Mode.GATED);
            try {
                RawAgentClient waiting = connect(endpoint, clients);
                waiting.send(RawAgentClient.frame(ATTESTATION));
                expect(cuse.awaitRequestInside(GuestAgent.WAIT_SECONDS), "the attestation never reached the NSM");

                RawAgentClient newcomer = connect(endpoint, clients);
                newcomer.send(RawAgentClient.frame(HEALTH));
                // The newcomer takes the slot; the evicted session still runs, so the two fill the bound of twice
                // the limit, and the next connection is refused.
                agent.awaitLine(line -> line.startsWith("conn=1 evicted"), "the agent logs conn=1's eviction");
                RawAgentClient refused = connect(endpoint, clients);
                expect(refused.closedByAgent(), "a third connection was not refused while the evicted one ends");

                cuse.open();
                expectType(AgentResponse.Document.class, waiting.receive(), "the answer to the request at the NSM");
                expect(waiting.closedByAgent(), "the evicted connection was not closed after its answer");
                expectType(AgentResponse.Healthy.class, newcomer.receive(), "the newcomer's health");
                agent.awaitLine(line -> line.startsWith("conn=1 evicted")
                        && line.endsWith("; it ends after the answer it is giving"),
                        "the agent logs that conn=1 ends after its answer");
                agent.awaitLine(line -> line.endsWith("all 1 connections are taken and 1 evicted ones are still "
                        + "ending"), "the agent logs the refusal");
            } finally {
                cuse.open();
            }
            closeAll(clients);
            sigterm(agent);
        } finally {
            closeAll(clients);
        }
    }

    /**
     * AgentLimitsTest's frame timeout: a half-sent frame is dropped after the frame timeout, long before the idle
     * timeout; a connection silent between frames is not. 2 s rather than the unit test's 300 ms, for TCG.
     */
    private void frameTimeout() throws Exception {
        int port = nextPort++;
        ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
        List<RawAgentClient> clients = new ArrayList<>();
        try (GuestAgent agent = startAgent(port, "--max-connections", "2", "--idle-timeout", "30m",
                "--frame-timeout", "2s")) {
            RawAgentClient stalled = connect(endpoint, clients);
            stalled.send(HALF_HEADER);
            expect(stalled.closedByAgent(), "the half-sent frame was not dropped after its 2 s");
            agent.awaitLine(line -> line.endsWith("closed: its request frame did not arrive within 2000 ms"),
                    "the agent logs the frame timeout");
            RawAgentClient quiet = connect(endpoint, clients);
            expectType(AgentResponse.Healthy.class, quiet.exchange(HEALTH), "a quiet client's health");
            expect(!quiet.closedByAgentWithin(Duration.ofSeconds(6)),
                    "a connection silent between frames was closed, as if held to the frame timeout");
            closeAll(clients);
            sigterm(agent);
        } finally {
            closeAll(clients);
        }
    }

    private static RawAgentClient connect(ConnectEndpoint endpoint, List<RawAgentClient> owned) throws Exception {
        RawAgentClient client = raw(endpoint);
        owned.add(client);
        return client;
    }

    /** A raw client over vsock, with waits far beyond any answer under TCG. */
    private static RawAgentClient raw(ConnectEndpoint endpoint) throws IOException {
        return new RawAgentClient(endpoint, Duration.ofSeconds(60), RAW_READ_WAIT);
    }

    private static void closeAll(List<RawAgentClient> clients) {
        for (RawAgentClient client : clients) {
            client.close();
        }
    }

    /** The good client gets a document; the host verifies it with its nonce. */
    private static void served(AgentClient client, String when) throws Exception {
        byte[] nonce = ("good " + when).getBytes(StandardCharsets.US_ASCII);
        document("served-" + when, nonce, null, null, client.attestation(nonce));
    }

    private static void failure(AgentErrorCode expected, String message, AgentResponse response) {
        AgentResponse.Failure failure = expectType(AgentResponse.Failure.class, response, "a hostile frame's answer");
        expectEqual(new AgentResponse.Failure(expected, message), failure, "a hostile frame's answer");
    }

    private static void failure(AgentErrorCode expected, AgentResponse response) {
        AgentResponse.Failure failure = expectType(AgentResponse.Failure.class, response, "a hostile frame's answer");
        expectEqual(expected, failure.code(), "a hostile frame's error code (" + failure.message() + ")");
        expect(!failure.message().isBlank(), "a failure with a blank message");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The hex of the text's UTF-8 bytes (the CBOR head before it is the caller's). */
    private static String text(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Seconds since the guest booted, as /proc/uptime says. */
    static String uptime() throws Exception {
        return Files.readString(Path.of("/proc/uptime")).split(" ")[0];
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /**
     * The agent's bridge over real vsock: an echo listens on a vsock port (any CID), the agent bridges a loopback TCP
     * port to {@code vsock:1:} that port, as it bridges to the parent's forwarder at CID 3 in an enclave, and a TCP
     * client sends bytes through, both ways, then ends its side and gets the echo's end back. Then SIGTERM stops
     * the agent with its bridge.
     */
    private void bridgeToVsock() throws Exception {
        int echoPort = nextPort++;
        int agentPort = nextPort++;
        String bridge = "tcp:127.0.0.1:8443";
        byte[] payload = new byte[256 * 1024];
        new Random(12).nextBytes(payload);
        EchoListener echo = EchoListener.start(ListenEndpoint.parse("vsock:" + echoPort));
        try (echo; GuestAgent agent = startAgent(agentPort, "--bridge", bridge + "=vsock:1:" + echoPort)) {
            expect(agent.log().contains("bridging " + bridge + " to vsock:1:" + echoPort + " (at most 64 connections, "
                    + "idle timeout 300000 ms)"), "the agent did not log its bridge: " + agent.log());
            try (RawAgentClient client = new RawAgentClient(ConnectEndpoint.parse(bridge), Duration.ofSeconds(30),
                    RAW_READ_WAIT)) {
                // Read while writing: the echo sends back as it receives, which would fill a waiting client's buffers.
                CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.readToEnd();
                    } catch (IOException e) {
                        throw new IllegalStateException("reading through the bridge failed: " + e, e);
                    }
                });
                client.send(payload);
                client.endOutput();
                byte[] received = back.get(GuestAgent.WAIT_SECONDS, TimeUnit.SECONDS);
                expect(Arrays.equals(payload, received), "the bridge gave back " + received.length + " bytes, not "
                        + "the " + payload.length + " sent, or other ones");
            }
            sigterm(agent);
        }
    }
}
