package dev.nitroattest.proxy.testing;

import dev.nitroattest.agent.AgentServer;
import dev.nitroattest.agent.AgentSettings;
import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An in-process enclave agent on 127.0.0.1 with the emulated NSM and fixed PCRs 0, 1 and 2; it can be stopped and
 * restarted on the same port, keeping its emulator (and so its root certificate).
 */
public final class TestAgent implements AutoCloseable {
    public static final byte[] PCR0 = filled(0xa0);
    public static final byte[] PCR1 = filled(0xa1);
    public static final byte[] PCR2 = filled(0xa2);
    /** What a debug-mode enclave reports for PCR0, 1 and 2. */
    public static final byte[] ZERO = new byte[48];

    private final EmulatedNsm emulator;
    private final NsmClient client;
    private final ScriptedNsm nsm;
    private final AgentSettings settings;
    private final byte[][] pcrs;
    /** The enclave's binding file, in a directory of its own, or null for documents that bind the nonce alone. */
    private Path bindingFile;
    private AgentServer server;
    private TcpEndpoint endpoint;

    private TestAgent(AgentSettings settings, byte[]... pcrs) throws NsmEmulationException {
        this.emulator = EmulatedNsm.builder().pcr(0, pcrs[0]).pcr(1, pcrs[1]).pcr(2, pcrs[2]).build();
        this.client = new NsmClient(emulator);
        this.nsm = new ScriptedNsm(client);
        this.settings = settings;
        this.pcrs = pcrs;
    }

    /** Starts on a free port with the agent's default limits. */
    public static TestAgent start() throws Exception {
        return start(AgentSettings.defaults());
    }

    public static TestAgent start(AgentSettings settings) throws Exception {
        return listening(new TestAgent(settings, PCR0, PCR1, PCR2));
    }

    /**
     * An agent whose documents carry this binding, published as the enclave application would: in the agent's
     * binding file.
     */
    public static TestAgent withBinding(EnclaveBinding binding) throws Exception {
        TestAgent agent = new TestAgent(AgentSettings.defaults(), PCR0, PCR1, PCR2);
        agent.bindingFile = Files.createTempDirectory("test-agent-binding").resolve("binding.cbor");
        binding.publish(agent.bindingFile);
        return listening(agent);
    }

    /** An agent whose documents look like a debug-mode enclave's: PCR0, 1 and 2 all zero. */
    public static TestAgent debugEnclave() throws Exception {
        return listening(new TestAgent(AgentSettings.defaults(), ZERO, ZERO, ZERO));
    }

    private static TestAgent listening(TestAgent agent) throws IOException {
        agent.listen(new TcpEndpoint("127.0.0.1", 0));
        return agent;
    }

    /** Where it listens. */
    public TcpEndpoint endpoint() {
        return endpoint;
    }

    /** The NSM the agent answers with, for making it misbehave. */
    public ScriptedNsm nsm() {
        return nsm;
    }

    /** The emulator's root certificate (PEM). */
    public String rootPem() {
        return emulator.rootCertificatePem();
    }

    /** A verifier that trusts the emulator's root and pins its PCRs 0, 1 and 2. */
    public AttestationVerifier verifier() {
        return AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(rootPem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, pcrs[0]).accept(1, pcrs[1]).accept(2, pcrs[2]).build()).anyAge()
                .build();
    }

    /** Stops the agent: its connections are closed and its port is free. */
    public void stop() {
        server.close();
    }

    /** Starts the agent again on the same port. */
    public void restart() throws IOException {
        listen(endpoint);
    }

    @Override
    public void close() {
        server.close();
        nsm.close();
        client.close();
        if (bindingFile != null) {
            try {
                Files.deleteIfExists(bindingFile);
                Files.deleteIfExists(bindingFile.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void listen(TcpEndpoint at) throws IOException {
        BindingSource binding = bindingFile == null ? BindingSource.nothing() : BindingSource.file(bindingFile);
        server = AgentServer.start(at, nsm, binding, settings, line -> { });
        endpoint = (TcpEndpoint) server.endpoint();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
