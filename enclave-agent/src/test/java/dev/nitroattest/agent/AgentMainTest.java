package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command-line failures, in process: one sentence on standard error and the right exit status. */
class AgentMainTest {
    private static final String PCR = "00".repeat(48);

    @TempDir
    Path directory;

    private record Outcome(int status, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--nsm emulated|enclave-agent: Missing required option: '--listen=ENDPOINT' (see --help)",
        "--listen vsock:3:9000 --nsm emulated|enclave-agent: --listen: \"vsock:3:9000\" is an address to connect to; "
                + "to listen on vsock give vsock:PORT (any CID).",
        "--listen tcp:127.0.0.1:0 --emulated-pcr 0=" + "00|enclave-agent: --emulated-pcr applies only with --nsm "
                + "emulated.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --emulated-pcr 7|enclave-agent: --emulated-pcr \"7\" is not N=HEX "
                + "(a PCR index from 0 to 15, then 96 hex digits).",
        "--listen tcp:127.0.0.1:0 --nsm emulated --emulated-pcr 2=abcd|enclave-agent: PCR2 must be 48 bytes "
                + "(SHA-384); 2 were given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --idle-timeout soon|enclave-agent: --idle-timeout \"soon\" is not "
                + "a duration; write it like 30s, 500ms or 2m.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --idle-timeout 61m|enclave-agent: The idle timeout must be at most "
                + "1 hour; PT1H1M was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --idle-timeout 9999999999999999h|enclave-agent: --idle-timeout "
                + "\"9999999999999999h\" is far too long; write it like 30s, 500ms or 2m.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --idle-timeout 0s|enclave-agent: The idle timeout must be positive; "
                + "PT0S was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --frame-timeout 2h|enclave-agent: The frame timeout must be at most "
                + "1 hour; PT2H was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --frame-timeout 9999999999999999999ms|enclave-agent: "
                + "--frame-timeout \"9999999999999999999ms\" is not a duration; write it like 30s, 500ms or 2m.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --frame-timeout -1s|enclave-agent: The frame timeout must be "
                + "positive; PT-1S was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --max-connections 4097|enclave-agent: The connection limit must be "
                + "between 1 and 4096; 4097 was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --max-connections 0|enclave-agent: The connection limit must be "
                + "between 1 and 4096; 0 was given.",
        "--listen tcp:127.0.0.1:0 --nsm emulated --max-connections many|enclave-agent: Invalid value for option "
                + "'--max-connections': 'many' is not an int (see --help)",
        "--listen tcp:127.0.0.1:0 --nsm emulated --emulated-key k.pem|enclave-agent: --emulated-key and "
                + "--emulated-chain go together: give both or neither.",
    })
    void badCommandLinesFailWithOneSentenceAndStatus2(String args, String message) {
        Outcome outcome = run(args.split(" "));
        assertEquals(2, outcome.status());
        assertEquals(message + System.lineSeparator(), outcome.err());
    }

    @Test
    void aMissingDeviceIsAnEnvironmentFailureWithStatus1() {
        Path missing = directory.resolve("nsm");
        Outcome outcome = run("--listen", "tcp:127.0.0.1:0", "--nsm", missing.toString());
        assertEquals(1, outcome.status());
        assertEquals("enclave-agent: There is no NSM device at " + missing + ": the agent is not running in a Nitro "
                + "enclave (to develop outside one, run dev-tools/target/enclave-agent-emulated.jar with --nsm emulated)."
                + System.lineSeparator(), outcome.err());
    }

    @Test
    void aPcrGivenTwiceOrAnUnreadableImageIsAUsageFailure() {
        Outcome twice = run("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--emulated-pcr", "3=" + PCR,
                "--emulated-pcr", "3=" + PCR);
        assertEquals(2, twice.status());
        assertEquals("enclave-agent: --emulated-pcr sets PCR3 twice; set it once." + System.lineSeparator(),
                twice.err());
        Path image = directory.resolve("missing.eif");
        Outcome unreadable = run("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--emulated-eif",
                image.toString());
        assertEquals(2, unreadable.status());
        assertEquals("enclave-agent: Cannot read the enclave image " + image + " (NoSuchFileException)."
                + System.lineSeparator(), unreadable.err());
    }

    @Test
    void aBindingFileInADirectoryThatDoesNotExistOrThatIsADirectoryIsAUsageFailure() {
        Path nowhere = directory.resolve("no-such-directory").resolve("binding.cbor");
        Outcome mistyped = run("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--binding-file",
                nowhere.toString());
        assertEquals(2, mistyped.status());
        assertEquals("enclave-agent: --binding-file " + nowhere + ": the directory " + nowhere.getParent()
                + " does not exist; create it in the image, or name the file the enclave application publishes."
                + System.lineSeparator(), mistyped.err());
        Outcome aDirectory = run("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--binding-file",
                directory.toString());
        assertEquals(2, aDirectory.status());
        assertEquals("enclave-agent: --binding-file " + directory + " is a directory; name the file the enclave "
                + "application publishes its binding in." + System.lineSeparator(), aDirectory.err());
    }

    @Test
    void helpGoesToStandardOutput() {
        Outcome outcome = run("--help");
        assertEquals(0, outcome.status());
        assertTrue(outcome.out().contains("--emulated-root-out"), outcome.out());
        assertEquals("", outcome.err());
    }

    @ParameterizedTest
    @CsvSource({"30s,30000", "500ms,500", "2m,120000", "1h,3600000", "PT5S,5000"})
    void durationsAreReadInTheUsualShortForms(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), dev.nitroattest.text.DurationText.parse("--idle-timeout", text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "--bridge tcp:127.0.0.1:8443|--bridge \"tcp:127.0.0.1:8443\" is not LISTEN=DESTINATION, e.g. "
                + "tcp:127.0.0.1:8443=vsock:3:8000.",
        "--bridge tcp:0.0.0.0:8443=vsock:3:8000|--bridge \"tcp:0.0.0.0:8443=vsock:3:8000\" listens on 0.0.0.0, "
                + "which is not a loopback address; listen on 127.0.0.1 so that only the enclave's own applications "
                + "reach the bridge.",
        "--bridge tcp:10.0.0.5:8443=vsock:3:8000|--bridge \"tcp:10.0.0.5:8443=vsock:3:8000\" listens on "
                + "10.0.0.5, which is not a loopback address; listen on 127.0.0.1 so that only the enclave's own "
                + "applications reach the bridge.",
        "--bridge tcp:localhost:8443=vsock:3:8000|--bridge \"tcp:localhost:8443=vsock:3:8000\" listens on "
                + "localhost, which is not a loopback address; listen on 127.0.0.1 so that only the enclave's own "
                + "applications reach the bridge.",
        "--bridge tcp:127.0.0.300:8443=vsock:3:8000|--bridge \"tcp:127.0.0.300:8443=vsock:3:8000\" listens on "
                + "127.0.0.300, which is not a loopback address; listen on 127.0.0.1 so that only the enclave's own "
                + "applications reach the bridge.",
        "--bridge vsock:8443=vsock:3:8000|--bridge \"vsock:8443=vsock:3:8000\" does not listen on TCP; a bridge "
                + "listens on a loopback TCP port, e.g. tcp:127.0.0.1:8443=vsock:3:8000.",
        "--bridge tcp:127.0.0.1:8443=vsock:8000|--bridge \"tcp:127.0.0.1:8443=vsock:8000\" has a destination to "
                + "listen on; give vsock:CID:PORT (the parent instance is CID 3) or tcp:HOST:PORT.",
        "--bridge tcp:127.0.0.1:8443=kms.us-east-1.amazonaws.com:443|--bridge: \"kms.us-east-1.amazonaws.com:443\" "
                + "is not an endpoint; use vsock:PORT, vsock:CID:PORT or tcp:HOST:PORT.",
        "--bridge tcp:127.0.0.1:8443=tcp:127.0.0.1:8443|--bridge \"tcp:127.0.0.1:8443=tcp:127.0.0.1:8443\" leads "
                + "to tcp:127.0.0.1:8443, where nothing can answer; give the destination's own port.",
        "--bridge tcp:127.0.0.1:8443=vsock:3:8000 --bridge tcp:127.0.0.1:8443=vsock:3:8001|--bridge listens on "
                + "tcp:127.0.0.1:8443 twice; give each bridge its own port.",
        "--bridge tcp:[::1]:8443=vsock:3:8000 --bridge tcp:[0:0:0:0:0:0:0:1]:8443=vsock:3:8001|--bridge listens on "
                + "tcp:[0:0:0:0:0:0:0:1]:8443 twice; give each bridge its own port.",
        "--bridge-max-connections 0|--bridge-max-connections must be between 1 and 4096; 0 was given.",
        "--bridge-idle-timeout later|--bridge-idle-timeout \"later\" is not a duration; write it like 30s, "
                + "500ms or 2m.",
        "--bridge-idle-timeout 2h|--bridge-idle-timeout must be positive and at most 1 hour; PT2H was given.",
        "--bridge-idle-timeout 0s|--bridge-idle-timeout must be positive and at most 1 hour; PT0S was given.",
    })
    void badBridgesAreRefusedAtStartWithOneSentenceAndStatus2(String bridge, String message) {
        Outcome outcome = run(("--listen tcp:127.0.0.1:0 --nsm emulated " + bridge).split(" "));
        assertEquals(2, outcome.status());
        assertEquals("enclave-agent: " + message + System.lineSeparator(), outcome.err());
    }

    @Test
    void aBridgeThatCannotListenIsAnEnvironmentFailureWithStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String bridge = "tcp:127.0.0.1:" + taken.getLocalPort() + "=vsock:3:8000";
            Outcome outcome = run("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--bridge", bridge);
            assertEquals(1, outcome.status());
            String[] lines = outcome.err().split(System.lineSeparator());
            String last = lines[lines.length - 1];
            assertTrue(last.startsWith("enclave-agent: --bridge " + bridge + ": Cannot listen on tcp:127.0.0.1:"
                    + taken.getLocalPort() + ": "), outcome.err());
        }
    }
}
