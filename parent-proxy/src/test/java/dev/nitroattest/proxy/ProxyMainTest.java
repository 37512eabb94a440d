package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.process.StartupFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line's failures: one sentence on standard error, status 2 for the command line, 1 for the system. */
class ProxyMainTest {
    private static final String HEX = "ab".repeat(48);
    /** A well-formed pin; "@PCR" in the table below stands for it, "@HEX" for its value. */
    private static final String PCR = "0=" + HEX;

    @TempDir
    Path directory;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ProxyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--expected-pcr 0=ab | Missing required option: '--enclave=ENDPOINT'",
        "--enclave nonsense --expected-pcr @PCR | --enclave: \"nonsense\" is not an endpoint",
        "--enclave vsock:5000 --expected-pcr @PCR | --enclave: \"vsock:5000\" is an address to listen on",
        "--enclave vsock:16:5000 | Pin the enclave image with --expected-pcr",
        "--enclave vsock:16:5000 --accept-any-image --expected-pcr @PCR | contradict each other",
        "--enclave vsock:16:5000 --expected-pcr 0=zz | --expected-pcr \"0=zz\" is not N=HEX",
        "--enclave vsock:16:5000 --expected-pcr x | --expected-pcr \"x\" is not N=HEX",
        "--enclave vsock:16:5000 --expected-pcr 0=abcd | --expected-pcr \"0=abcd\": The expected value for PCR0 is 2 bytes",
        "--enclave vsock:16:5000 --expected-pcr 40=@HEX | outside 0..31",
        "--enclave vsock:16:5000 --expected-pcr @PCR --http 8080 | --http: \"8080\" is not HOST:PORT",
        "--enclave vsock:16:5000 --expected-pcr @PCR --request-timeout soon | --request-timeout \"soon\" is not a duration",
        "--enclave vsock:16:5000 --expected-pcr @PCR --request-timeout 0s | --request-timeout \"0s\" is not a positive duration",
        "--enclave vsock:16:5000 --expected-pcr @PCR --request-timeout 61s | --request-timeout must be at most 60 s; 61000 ms was given",
        "--enclave vsock:16:5000 --expected-pcr 3=@HEX | --expected-pcr pins only PCR3, none of which measures the enclave image",
        "--enclave vsock:16:5000 --expected-pcr 3=@HEX --expected-pcr 4=@HEX --expected-pcr 16=@HEX | pins only PCR3, PCR4, PCR16, none of which",
        "--enclave vsock:16:5000 --expected-pcr @PCR --max-in-flight 0 | --max-in-flight must be between 1 and 1024",
        "--enclave vsock:16:5000 --expected-pcr @PCR --max-in-flight many | Invalid value for option '--max-in-flight'",
        "--enclave vsock:16:5000 --expected-pcr @PCR --forward vsock:8000=*.amazonaws.com:443 | --forward: The destination host *.amazonaws.com is a pattern",
        "--enclave vsock:16:5000 --expected-pcr @PCR --forward tcp:0.0.0.0:8000=10.0.0.1:443 | listens on 0.0.0.0, "
                + "which is not a loopback address, so anyone who reaches it could use the parent's network through "
                + "the forwarder; listen on 127.0.0.1 or vsock, or give --allow-non-loopback-listener if that is "
                + "intended.",
        "--enclave vsock:16:5000 --expected-pcr @PCR --forward tcp:10.0.0.7:8000=10.0.0.1:443 | --forward "
                + "tcp:10.0.0.7:8000=10.0.0.1:443 listens on 10.0.0.7, which is not a loopback address",
        "--enclave vsock:16:5000 --expected-pcr @PCR --allow-cid 3 | --allow-cid 3 is no enclave's CID; an "
                + "enclave's CID is from 4 to 4294967294",
        "--enclave vsock:16:5000 --expected-pcr @PCR --allow-cid -1 | --allow-cid -1 is no enclave's CID",
        "--enclave vsock:16:5000 --expected-pcr @PCR --forward-idle-timeout -5s | --forward-idle-timeout \"-5s\" is not a positive duration",
        "--enclave vsock:16:5000 --expected-pcr @PCR --forward-max-connections 0 | connection limit must be between 1 and 4096",
        "--enclave vsock:16:5000 --expected-pcr @PCR --trust-anchor /no/such/root.pem | --trust-anchor: /no/such/root.pem is not a readable file"})
    void aWrongCommandLineIsOneSentenceAndStatus2(String args, String expected) {
        Run run = run(args.replace("@PCR", PCR).replace("@HEX", HEX).split(" "));
        assertEquals(2, run.status(), run.err());
        assertOneSentence(run.err(), expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "8"})
    void anyOneOfTheImagePcrsIsEnoughOfAPin(String index) throws Exception {
        ProxyCommand.Plan plan = plan("--enclave", "vsock:16:5000", "--expected-pcr", "4=" + HEX,
                "--expected-pcr", index + "=" + HEX);
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void aNonLoopbackForwardListenerIsAcceptedOnlyByNameAndWarnedAbout() throws Exception {
        ProxyCommand.Plan plan = plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--forward",
                "tcp:0.0.0.0:8000=10.0.0.1:443", "--allow-non-loopback-listener", "--allow-cid", "16");
        assertTrue(plan.settings().forwardAccess().nonLoopbackListeners());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).startsWith("--allow-non-loopback-listener"), plan.warnings().get(0));
    }

    @Test
    void vsockForwardersWithoutAllowCidAreWarnedAboutAndWithItTakeOnlyThoseCids() throws Exception {
        List<String> warnings = plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--forward",
                "vsock:8000=kms.us-east-1.amazonaws.com:443").warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("give --allow-cid"), warnings.get(0));
        ProxyCommand.Plan plan = plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--forward",
                "vsock:8000=kms.us-east-1.amazonaws.com:443", "--allow-cid", "16", "--allow-cid", "17");
        assertEquals(List.of(), plan.warnings());
        assertEquals(java.util.Set.of(16L, 17L), plan.settings().forwardAccess().enclaveCids());
    }

    @Test
    void theLongestRequestTimeoutIsAccepted() throws Exception {
        assertEquals(ProxySettings.MAX_REQUEST_TIMEOUT, plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR,
                "--request-timeout", "60s").settings().requestTimeout());
    }

    @Test
    void moreInFlightThanTheAgentsDefaultConnectionsIsWarnedAbout() throws Exception {
        assertEquals(List.of(), plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--max-in-flight", "63")
                .warnings());
        List<String> warnings = plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--max-in-flight", "64")
                .warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("65 agent connections") && warnings.get(0).contains("--max-connections 65"),
                warnings.get(0));
    }

    @Test
    void aTrustAnchorThatIsNotACertificateIsStatus2() throws Exception {
        Path notPem = directory.resolve("root.pem");
        Files.writeString(notPem, "hello");
        Run run = run("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--trust-anchor", notPem.toString());
        assertEquals(2, run.status(), run.err());
        assertOneSentence(run.err(), "--trust-anchor: The trust anchor file " + notPem);
    }

    @Test
    void anHttpPortInUseIsStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--enclave", "tcp:127.0.0.1:1", "--expected-pcr", PCR, "--http",
                    "127.0.0.1:" + taken.getLocalPort());
            assertEquals(1, run.status(), run.err());
            assertOneSentence(run.err(), "Cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aForwardPortInUseIsStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--enclave", "tcp:127.0.0.1:1", "--expected-pcr", PCR, "--http", "127.0.0.1:0",
                    "--forward", "tcp:127.0.0.1:" + taken.getLocalPort() + "=10.0.0.1:443");
            assertEquals(1, run.status(), run.err());
            assertOneSentence(run.err(), "Cannot listen on tcp:127.0.0.1:" + taken.getLocalPort());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ingress tcp:0.0.0.0:8443=vsock:16:8443 | --ingress tcp:0.0.0.0:8443=vsock:16:8443 listens on 0.0.0.0, "
                + "which is not a loopback address",
        "--ingress vsock:8443=vsock:16:8443 | --ingress: \"vsock:8443=vsock:16:8443\" listens on vsock:8443",
        "--ingress tcp:127.0.0.1:8443 | --ingress: \"tcp:127.0.0.1:8443\" is not tcp:HOST:PORT=ENCLAVE",
        "--ingress-max-connections 0 | --ingress-max-connections must be between 1 and 4096",
        "--ingress-idle-timeout 0s | --ingress-idle-timeout \"0s\" is not a positive duration"})
    void aWrongIngressIsOneSentenceAndStatus2(String args, String expected) {
        Run run = run(("--enclave vsock:16:5000 --expected-pcr " + PCR + " " + args).split(" "));
        assertEquals(2, run.status(), run.err());
        assertOneSentence(run.err(), expected);
    }

    @Test
    void anIngressOffLoopbackIsAcceptedOnlyByName() throws Exception {
        ProxySettings settings = plan("--enclave", "vsock:16:5000", "--expected-pcr", PCR, "--ingress",
                "tcp:0.0.0.0:8443=vsock:16:8443", "--allow-non-loopback-ingress", "--ingress-max-connections", "9",
                "--ingress-idle-timeout", "90s").settings();
        assertEquals(List.of(IngressRule.parse("tcp:0.0.0.0:8443=vsock:16:8443")), settings.ingress().rules());
        assertTrue(settings.ingress().nonLoopbackListeners());
        assertEquals(9, settings.ingress().maxConnections());
        assertEquals(java.time.Duration.ofSeconds(90), settings.ingress().idleTimeout());
    }

    @Test
    void anIngressPortInUseIsStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--enclave", "tcp:127.0.0.1:1", "--expected-pcr", PCR, "--http", "127.0.0.1:0",
                    "--ingress", "tcp:127.0.0.1:" + taken.getLocalPort() + "=vsock:16:8443");
            assertEquals(1, run.status(), run.err());
            assertOneSentence(run.err(), "Cannot listen on tcp:127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void helpListsEveryOption() {
        Run run = run("--help");
        assertEquals(0, run.status());
        List<String> missing = new ArrayList<>();
        for (String option : List.of("--enclave", "--http", "--trust-anchor", "--expected-pcr", "--accept-any-image",
                "--allow-debug", "--max-in-flight", "--request-timeout", "--forward", "--forward-max-connections",
                "--forward-idle-timeout", "--allow-cid", "--allow-non-loopback-listener", "--max-http-connections",
                "--ingress", "--ingress-max-connections", "--ingress-idle-timeout", "--allow-non-loopback-ingress")) {
            if (!run.out().contains(option)) {
                missing.add(option);
            }
        }
        assertEquals(List.of(), missing, run.out());
    }

    private static ProxyCommand.Plan plan(String... args) throws StartupFailure {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    private static void assertOneSentence(String err, String expected) {
        assertTrue(err.startsWith("parent-proxy: "), err);
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
    }
}
