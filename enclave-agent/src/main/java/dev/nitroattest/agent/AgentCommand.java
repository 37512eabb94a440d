package dev.nitroattest.agent;

import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.relay.RelayLimits;
import dev.nitroattest.text.DurationText;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line, as picocli fills it; {@link #plan()} checks it and says in one sentence what is wrong. */
@Command(name = "enclave-agent", mixinStandardHelpOptions = true, version = "enclave-agent 0.1.0",
        description = "Answers attestation requests over vsock (or TCP) with the Nitro Secure Module.",
        sortOptions = false)
final class AgentCommand {
    static final String EMULATED = "emulated";

    @Option(names = "--listen", required = true, paramLabel = "ENDPOINT",
            description = "Where to listen: vsock:PORT (any CID) or tcp:HOST:PORT.")
    String listen;

    @Option(names = "--nsm", defaultValue = "/dev/nsm", paramLabel = "DEVICE|emulated",
            description = "The NSM device, or 'emulated' for a test emulation (default: ${DEFAULT-VALUE}).")
    String nsm;

    @Option(names = "--emulated-root-out", paramLabel = "FILE",
            description = "With --nsm emulated: write the emulator's root certificate (PEM) here.")
    Path emulatedRootOut;

    @Option(names = "--emulated-pcr", paramLabel = "N=HEX",
            description = "With --nsm emulated: PCR N (0 to 15) starts as these 48 bytes. Repeatable.")
    List<String> emulatedPcrs = new ArrayList<>();

    @Option(names = "--emulated-eif", paramLabel = "FILE",
            description = "With --nsm emulated: PCR0, 1, 2 (and 8) are measured from this enclave image.")
    Path emulatedEif;

    @Option(names = "--emulated-key", paramLabel = "FILE",
            description = "With --nsm emulated: sign with this P-384 private key (PEM) instead of a test PKI.")
    Path emulatedKey;

    @Option(names = "--emulated-chain", paramLabel = "FILE",
            description = "With --emulated-key: the certificates (PEM), the key's leaf first, the root last.")
    Path emulatedChain;

    @Option(names = "--binding-file", paramLabel = "FILE",
            description = "Every document carries the public key and user data the enclave application publishes in "
                    + "this file (inside the enclave), with the caller's nonce; without it, documents carry the nonce "
                    + "alone. Callers can never choose either.")
    Path bindingFile;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections served at once (default: " + AgentSettings.DEFAULT_MAX_CONNECTIONS + ").")
    int maxConnections = AgentSettings.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close a connection idle this long, or one that does not take its answer within this "
                    + "time, e.g. 30s, 500ms, 2m; at most 1h (default: 30s).")
    String idleTimeout = "30s";

    @Option(names = "--frame-timeout", paramLabel = "DURATION",
            description = "Close a connection whose request frame, once started, has not fully arrived within this "
                    + "time; at most 1h (default: 5s).")
    String frameTimeout = "5s";

    @Option(names = "--bridge", paramLabel = "tcp:127.0.0.1:PORT=DESTINATION",
            description = "Copy each connection to this loopback port, raw, to DESTINATION: vsock:CID:PORT (the "
                    + "parent is CID 3) or tcp:HOST:PORT; e.g. tcp:127.0.0.1:443=vsock:3:8000. Repeatable.")
    List<String> bridges = new ArrayList<>();

    @Option(names = "--bridge-max-connections", paramLabel = "N",
            description = "Connections each bridge copies at once; more are closed at once (default: "
                    + BRIDGE_MAX_CONNECTIONS + ").")
    int bridgeMaxConnections = BRIDGE_MAX_CONNECTIONS;

    @Option(names = "--bridge-idle-timeout", paramLabel = "DURATION",
            description = "Close a bridged connection with no byte moving either way for this long; at most 1h "
                    + "(default: 5m).")
    String bridgeIdleTimeout = "5m";

    /** As the parent's forwarder: a bridge usually leads to one of its listeners. */
    static final int BRIDGE_MAX_CONNECTIONS = 64;

    /** The checked command line. */
    record Plan(ListenEndpoint listen, AgentSettings settings, NsmChoice nsm, BindingSource binding,
            List<BridgeRule> bridges, RelayLimits bridgeLimits) {}

    /** Which NSM to open. */
    sealed interface NsmChoice {
        record Device(Path path) implements NsmChoice {}

        record Emulated(Map<Integer, byte[]> pcrs, Path eif, Path key, Path chain, Path rootOut)
                implements NsmChoice {}
    }

    Plan plan() throws StartupFailure {
        ListenEndpoint endpoint;
        try {
            endpoint = ListenEndpoint.parse(listen);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage("--listen: " + e.getMessage());
        }
        AgentSettings settings;
        try {
            settings = new AgentSettings(maxConnections, DurationText.parse("--idle-timeout", idleTimeout),
                    DurationText.parse("--frame-timeout", frameTimeout));
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage(e.getMessage());
        }
        return new Plan(endpoint, settings, nsmChoice(), binding(), bridgeRules(), bridgeLimits());
    }

    /**
     * The file may appear after the agent starts (the application publishes it when its key is made), but its
     * directory must exist: a missing one is a mistyped path, which would otherwise only show as every request failing.
     */
    private BindingSource binding() throws StartupFailure {
        if (bindingFile == null) {
            return BindingSource.nothing();
        }
        Path directory = bindingFile.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw StartupFailure.usage("--binding-file " + bindingFile + ": the directory " + directory + " does not "
                    + "exist; create it in the image, or name the file the enclave application publishes.");
        }
        if (Files.isDirectory(bindingFile)) {
            throw StartupFailure.usage("--binding-file " + bindingFile + " is a directory; name the file the enclave "
                    + "application publishes its binding in.");
        }
        return BindingSource.file(bindingFile);
    }

    /** The address of a bridge's listen endpoint, an IP literal that BridgeRule checked: no name is looked up. */
    private static InetSocketAddress address(TcpEndpoint endpoint) throws StartupFailure {
        try {
            return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
        } catch (UnknownHostException e) {
            throw StartupFailure.usage("--bridge listens on " + endpoint + ", which is not an address.");
        }
    }

    private List<BridgeRule> bridgeRules() throws StartupFailure {
        List<BridgeRule> rules = new ArrayList<>();
        // By address, not text: ::1 and 0:0:0:0:0:0:0:1 are one address.
        Set<InetSocketAddress> listening = new HashSet<>();
        for (String text : bridges) {
            BridgeRule rule;
            try {
                rule = BridgeRule.parse(text);
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage(e.getMessage());
            }
            // Port 0 lets the kernel pick a port each time; only fixed ports can collide.
            if (rule.listen().port() != 0 && !listening.add(address(rule.listen()))) {
                throw StartupFailure.usage("--bridge listens on " + rule.listen() + " twice; give each bridge its own "
                        + "port.");
            }
            rules.add(rule);
        }
        return rules;
    }

    private RelayLimits bridgeLimits() throws StartupFailure {
        try {
            RelayLimits.requireConnectionLimit(bridgeMaxConnections, "--bridge-max-connections");
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage(e.getMessage());
        }
        Duration idle;
        try {
            idle = DurationText.parse("--bridge-idle-timeout", bridgeIdleTimeout);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage(e.getMessage());
        }
        if (idle.isNegative() || idle.isZero() || idle.compareTo(AgentSettings.MAX_TIMEOUT) > 0) {
            throw StartupFailure.usage("--bridge-idle-timeout must be positive and at most 1 hour; " + idle
                    + " was given.");
        }
        return new RelayLimits(bridgeMaxConnections, idle);
    }

    private NsmChoice nsmChoice() throws StartupFailure {
        if (!EMULATED.equals(nsm)) {
            String emulatedOption = !emulatedPcrs.isEmpty() ? "--emulated-pcr" : emulatedEif != null ? "--emulated-eif"
                    : emulatedRootOut != null ? "--emulated-root-out" : emulatedKey != null ? "--emulated-key"
                    : emulatedChain != null ? "--emulated-chain" : null;
            if (emulatedOption != null) {
                throw StartupFailure.usage(emulatedOption + " applies only with --nsm emulated.");
            }
            return new NsmChoice.Device(Path.of(nsm));
        }
        if ((emulatedKey == null) != (emulatedChain == null)) {
            throw StartupFailure.usage("--emulated-key and --emulated-chain go together: give both or neither.");
        }
        return new NsmChoice.Emulated(pcrValues(), emulatedEif, emulatedKey, emulatedChain, emulatedRootOut);
    }

    private Map<Integer, byte[]> pcrValues() throws StartupFailure {
        Map<Integer, byte[]> values = new TreeMap<>();
        for (String entry : emulatedPcrs) {
            int equals = entry.indexOf('=');
            String what = "--emulated-pcr \"" + entry + "\"";
            if (equals < 1) {
                throw StartupFailure.usage(what + " is not N=HEX (a PCR index from 0 to 15, then 96 hex digits).");
            }
            int index;
            byte[] value;
            try {
                index = Integer.parseInt(entry.substring(0, equals));
                value = HexFormat.of().parseHex(entry.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage(what + " is not N=HEX (a PCR index from 0 to 15, then 96 hex digits).");
            }
            if (values.put(index, value) != null) {
                throw StartupFailure.usage("--emulated-pcr sets PCR" + index + " twice; set it once.");
            }
        }
        return values;
    }
}
