package dev.nitroattest.proxy;

import dev.nitroattest.agent.protocol.AgentDefaults;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifierConfigurationException;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.text.DurationText;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line, as picocli fills it; {@link #plan()} checks it and says in one sentence what is wrong. */
@Command(name = "parent-proxy", mixinStandardHelpOptions = true, version = "parent-proxy 0.1.0",
        description = "The HTTP face of an enclave's attestation agent, and an allow-listed vsock-to-TCP forwarder.",
        sortOptions = false)
final class ProxyCommand {
    /**
     * The proxy verifies each document right after the agent made it for the request at hand, so it is seconds old;
     * a minute leaves room for a slow NSM and refuses a document an agent would serve from earlier.
     */
    static final Duration DOCUMENT_MAX_AGE = Duration.ofMinutes(1);

    private static final String PCR_FORM = "N=HEX (a PCR index from 0 to 31, then 96 hex digits)";

    @Option(names = "--enclave", required = true, paramLabel = "ENDPOINT",
            description = "The enclave agent: vsock:CID:PORT, or tcp:HOST:PORT in development.")
    String enclave;

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "Where the HTTP API listens (default: 127.0.0.1:8080; port 0 picks a free one).")
    String http = ProxySettings.DEFAULT_HTTP.toString();

    @Option(names = "--trust-anchor", paramLabel = "PEM",
            description = "The root certificate documents must chain to (default: the AWS Nitro Enclaves root).")
    Path trustAnchor;

    @Option(names = "--expected-pcr", paramLabel = "N=HEX",
            description = "Accept only documents whose PCR N has this value. Repeatable; several values for one "
                    + "index accept any of them.")
    List<String> expectedPcrs = new ArrayList<>();

    @Option(names = "--accept-any-image",
            description = "Serve documents from any enclave image (no --expected-pcr); for development only.")
    boolean acceptAnyImage;

    @Option(names = "--allow-debug",
            description = "Accept documents from debug-mode enclaves (PCR0, 1 and 2 all zero).")
    boolean allowDebug;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Attestation requests served at once; more get 503 (default: "
                    + ProxySettings.DEFAULT_MAX_IN_FLIGHT + ").")
    int maxInFlight = ProxySettings.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--max-http-connections", paramLabel = "N",
            description = "HTTP connections open at once; past it new ones wait until one closes (default: "
                    + ProxySettings.DEFAULT_MAX_HTTP_CONNECTIONS + ").")
    int maxHttpConnections = ProxySettings.DEFAULT_MAX_HTTP_CONNECTIONS;

    @Option(names = "--request-timeout", paramLabel = "DURATION",
            description = "An attestation not answered in this time gets 504, e.g. 10s, 500ms (default: 10s).")
    String requestTimeout = "10s";

    @Option(names = "--forward", paramLabel = "LISTEN=HOST:PORT",
            description = "Copy connections to LISTEN (vsock:PORT, or tcp:HOST:PORT) to this one destination. "
                    + "Repeatable.")
    List<String> forwards = new ArrayList<>();

    @Option(names = "--allow-cid", paramLabel = "CID",
            description = "Forward only connections from this enclave CID to the vsock listeners (nitro-cli "
                    + "describe-enclaves shows it). Repeatable; without it any CID is accepted.")
    List<Long> allowedCids = new ArrayList<>();

    @Option(names = "--allow-non-loopback-listener",
            description = "Let a --forward tcp:HOST:PORT listen on an address other than loopback, where others than "
                    + "the enclave may reach the parent's network through it.")
    boolean allowNonLoopbackListener;

    @Option(names = "--forward-max-connections", paramLabel = "N",
            description = "Connections each forwarder listener serves at once (default: "
                    + ForwardLimits.DEFAULT_MAX_CONNECTIONS + ").")
    int forwardMaxConnections = ForwardLimits.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--forward-idle-timeout", paramLabel = "DURATION",
            description = "Close a forwarded connection idle this long in both directions (default: 5m).")
    String forwardIdleTimeout = "5m";

    @Option(names = "--ingress", paramLabel = "tcp:HOST:PORT=ENCLAVE",
            description = "Copy connections to this TCP port, byte for byte, to the enclave application's port "
                    + "(vsock:CID:PORT, or tcp:HOST:PORT in development); TLS passes through untouched. Repeatable.")
    List<String> ingresses = new ArrayList<>();

    @Option(names = "--ingress-max-connections", paramLabel = "N",
            description = "Connections each ingress listener serves at once (default: "
                    + IngressSettings.DEFAULT_MAX_CONNECTIONS + ").")
    int ingressMaxConnections = IngressSettings.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--ingress-idle-timeout", paramLabel = "DURATION",
            description = "Close an ingress connection idle this long in both directions (default: 5m).")
    String ingressIdleTimeout = "5m";

    @Option(names = "--allow-non-loopback-ingress",
            description = "Let an --ingress listen off loopback (0.0.0.0, an interface's address), so that relying "
                    + "services on other machines reach the enclave.")
    boolean allowNonLoopbackIngress;

    /** The checked command line, and what the log should warn about. */
    record Plan(ProxySettings settings, List<String> warnings) {}

    Plan plan() throws StartupFailure {
        List<String> warnings = new ArrayList<>();
        ConnectEndpoint agent = parse("--enclave", () -> ConnectEndpoint.parse(enclave));
        HttpAddress address = parse("--http", () -> HttpAddress.parse(http));
        AttestationVerifier verifier = verifier(warnings);
        List<ForwardRule> rules = new ArrayList<>();
        for (String forward : forwards) {
            rules.add(parse("--forward", () -> ForwardRule.parse(forward)));
        }
        ForwardAccess access = parse("--allow-cid", () -> new ForwardAccess(allowNonLoopbackListener,
                Set.copyOf(allowedCids)));
        ForwardLimits limits = parse("--forward-max-connections", () -> new ForwardLimits(forwardMaxConnections,
                DurationText.parsePositive("--forward-idle-timeout", forwardIdleTimeout),
                ForwardLimits.DEFAULT_CONNECT_TIMEOUT));
        ProxySettings.Builder settings = ProxySettings.builder(agent, verifier)
                .http(address)
                .maxInFlight(maxInFlight)
                .maxHttpConnections(maxHttpConnections)
                .forwardLimits(limits)
                .forwardAccess(access);
        rules.forEach(settings::forward);
        settings.ingress(ingress());
        ProxySettings built = parse("--request-timeout", () -> settings
                .requestTimeout(DurationText.parsePositive("--request-timeout", requestTimeout))
                .build());
        if (allowNonLoopbackListener) {
            warnings.add("--allow-non-loopback-listener: a --forward tcp: listener off loopback relays for whoever "
                    + "reaches its address");
        }
        if (allowedCids.isEmpty() && rules.stream().anyMatch(rule -> !(rule.listen() instanceof TcpEndpoint))) {
            warnings.add("the forwarder's vsock listeners take connections from any CID; give --allow-cid with the "
                    + "enclave's CID to refuse the others");
        }
        int agentConnections = built.maxInFlight() + 1;
        if (agentConnections > AgentDefaults.MAX_CONNECTIONS) {
            warnings.add("--max-in-flight " + built.maxInFlight() + " lets the proxy hold " + agentConnections
                    + " agent connections (one is the health check's), more than the agent's default limit of "
                    + AgentDefaults.MAX_CONNECTIONS + "; start the agent with --max-connections "
                    + agentConnections + " or more, or requests over its limit get 503");
        }
        return new Plan(built, warnings);
    }

    private IngressSettings ingress() throws StartupFailure {
        List<IngressRule> rules = new ArrayList<>();
        for (String ingress : ingresses) {
            rules.add(parse("--ingress", () -> IngressRule.parse(ingress)));
        }
        return parse("--ingress", () -> new IngressSettings(rules, ingressMaxConnections,
                DurationText.parsePositive("--ingress-idle-timeout", ingressIdleTimeout),
                IngressSettings.DEFAULT_CONNECT_TIMEOUT, allowNonLoopbackIngress));
    }

    private AttestationVerifier verifier(List<String> warnings) throws StartupFailure {
        if (acceptAnyImage && !expectedPcrs.isEmpty()) {
            throw StartupFailure.usage("--accept-any-image and --expected-pcr contradict each other; give one.");
        }
        if (!acceptAnyImage && expectedPcrs.isEmpty()) {
            throw StartupFailure.usage("Pin the enclave image with --expected-pcr N=HEX (repeatable), or give "
                    + "--accept-any-image to serve documents from any image.");
        }
        if (trustAnchor != null && !Files.isReadable(trustAnchor)) {
            throw StartupFailure.usage("--trust-anchor: " + trustAnchor + " is not a readable file; give the PEM "
                    + "file of the root certificate documents must chain to.");
        }
        AttestationVerifier.MeasurementStage trusted;
        try {
            trusted = trustAnchor == null ? AttestationVerifier.builder().trustAwsNitroEnclavesRoot()
                    : AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPemFile(trustAnchor));
        } catch (VerifierConfigurationException e) {
            throw StartupFailure.usage("--trust-anchor: " + e.getMessage());
        }
        if (trustAnchor != null) {
            warnings.add("documents are checked against the trust anchor " + trustAnchor
                    + ", not the AWS Nitro Enclaves root");
        }
        AttestationVerifier.Builder builder;
        if (acceptAnyImage) {
            warnings.add("--accept-any-image: documents from ANY enclave image are served as verified");
            builder = trusted.acceptAnyEnclaveImage();
        } else {
            builder = trusted.expectPcrs(expectedPcrs());
        }
        if (allowDebug) {
            warnings.add("--allow-debug: documents from debug-mode enclaves, which anyone can run, are accepted");
            builder.allowDebugEnclaves();
        }
        return builder.maxAge(DOCUMENT_MAX_AGE).build();
    }

    private ExpectedPcrs expectedPcrs() throws StartupFailure {
        ExpectedPcrs.Builder pins = ExpectedPcrs.builder();
        Set<Integer> pinned = new TreeSet<>();
        for (String entry : expectedPcrs) {
            int equals = entry.indexOf('=');
            String what = "--expected-pcr \"" + entry + "\"";
            int index;
            byte[] value;
            try {
                index = Integer.parseInt(entry.substring(0, Math.max(0, equals)));
                value = HexFormat.of().parseHex(entry.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage(what + " is not " + PCR_FORM + ".");
            }
            try {
                pins.accept(index, value);
            } catch (VerifierConfigurationException e) {
                throw StartupFailure.usage(what + ": " + e.getMessage());
            }
            pinned.add(index);
        }
        // PCR3 and PCR4 measure the parent's IAM role and instance, which any image started there shares; ExpectedPcrs
        // refuses such pins too, but this sentence names the option.
        if (pinned.stream().noneMatch(ExpectedPcrs.IMAGE_PCRS::contains)) {
            String only = pinned.stream().map(index -> "PCR" + index).collect(Collectors.joining(", "));
            throw StartupFailure.usage("--expected-pcr pins only " + only + ", none of which measures the enclave "
                    + "image, so any image would pass; pin PCR0, 1, 2 or 8 as well, or give --accept-any-image "
                    + "instead.");
        }
        return pins.build();
    }

    /** A value whose parser throws IllegalArgumentException with one sentence. */
    @FunctionalInterface
    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(String option, Parse<T> parser) throws StartupFailure {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw StartupFailure.usage(message.startsWith("--") ? message : option + ": " + message);
        }
    }
}
