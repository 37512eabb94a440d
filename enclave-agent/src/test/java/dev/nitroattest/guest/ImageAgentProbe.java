package dev.nitroattest.guest;

import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The guest's second part (issue 22, item 4): while the stand-in of AWS's init
 * ({@code src/test/guest/aws-init-stand-in})
 * runs the command of the customer ramdisk the image builder made, this serves that agent's {@code /dev/nsm} with
 * an emulated NSM whose PCR0, 1 and 2 are the image's (as {@code --emulated-eif} makes them), waits until the agent
 * listens on {@code vsock:1:PORT}, asks it for a document and prints it for the host to verify, then stops the agent
 * with SIGTERM, after which the stand-in reboots the guest. It runs from the guest's own root, outside the image's:
 * nothing of it is in the image.
 *
 * <p>Lines for the host: {@code image-root}, {@code image-module-id}, {@code image-document NONCE BASE64},
 * {@code image-pcr0 HEX} (what the agent answered for PCR0), {@code image-agent-sigterm PID}, and
 * {@code image-probe aborted: ...} if it could not get that far.
 */
public final class ImageAgentProbe {
    private static final Duration WAIT = Duration.ofSeconds(GuestAgent.WAIT_SECONDS);
    /** How the image's command is recognised among the guest's processes. */
    private static final String AGENT_JAR = "/opt/app/enclave-agent.jar";

    private ImageAgentProbe() {
    }

    /**
     * Serves /dev/nsm, fetches one document from the image's agent and stops it.
     *
     * @param args the CUSE server, the file with the image's PCR0, PCR1 and PCR2 in hex (one a line), the agent's port
     */
    public static void main(String[] args) throws Exception {
        Path cuseServer = Path.of(args[0]);
        List<String> pcrs = Files.readAllLines(Path.of(args[1]), StandardCharsets.US_ASCII);
        int port = Integer.parseInt(args[2]);
        HexFormat hex = HexFormat.of();
        try (EmulatedNsm emulator = EmulatedNsm.builder().authority(EmulatedAuthority.testPki("guest image"))
                        .pcr(0, hex.parseHex(pcrs.get(0))).pcr(1, hex.parseHex(pcrs.get(1)))
                        .pcr(2, hex.parseHex(pcrs.get(2))).build();
                CuseNsm cuse = CuseNsm.start(cuseServer, "nsm", emulator, Path.of("/tmp/image-nsm-cuse.log"))) {
            report("image-root " + Base64.getEncoder().encodeToString(emulator.rootCertificatePem()
                    .getBytes(StandardCharsets.US_ASCII)));
            report("image-module-id " + emulator.moduleId());
            ConnectEndpoint endpoint = ConnectEndpoint.parse("vsock:1:" + port);
            try (AgentClient client = connectOnceListening(endpoint)) {
                report("figure image-agent-answers " + GuestDriver.uptime() + " s-since-boot");
                AgentResponse.Pcr pcr0 = client.describePcr(0);
                report("image-pcr0 " + pcr0.data().toHex());
                byte[] nonce = "a document from the image's own agent".getBytes(StandardCharsets.US_ASCII);
                byte[] document = client.attestation(nonce);
                report("image-document " + hex.formatHex(nonce) + " " + Base64.getEncoder().encodeToString(document));
            }
            ProcessHandle agent = imageAgent().orElseThrow(() -> new IllegalStateException("no process runs "
                    + AGENT_JAR + ", though its agent answered"));
            // Said before the signal: once the agent ends, the stand-in init reboots the guest at once, and reports
            // the status it reaped.
            report("image-agent-sigterm " + agent.pid());
            agent.destroy();
            agent.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            report("image-probe aborted: " + String.valueOf(e).replace('\n', ' '));
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /** Connects as soon as the agent listens: it starts after this, in the stand-in's chroot, and its JVM is slow. */
    private static AgentClient connectOnceListening(ConnectEndpoint endpoint) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                AgentClient client = AgentClient.connect(endpoint, Duration.ofSeconds(30), WAIT);
                client.health();
                return client;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the image's agent did not answer on " + endpoint + " within "
                            + WAIT.toSeconds() + " s", e);
                }
                Thread.sleep(250);
            }
        }
    }

    private static Optional<ProcessHandle> imageAgent() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(AGENT_JAR)).orElse(false))
                .findFirst();
    }

    private static void report(String line) {
        GuestDriver.console(GuestDriver.PREFIX + line);
    }
}
