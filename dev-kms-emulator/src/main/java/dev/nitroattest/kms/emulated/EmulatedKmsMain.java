package dev.nitroattest.kms.emulated;

import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.process.CommandLineProcess;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.text.DurationText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp dev-tools.jar dev.nitroattest.kms.emulated.EmulatedKmsMain --trust-anchor ROOT.pem --key alias/NAME
 * [--require alias/NAME:ImageSha384=HEX ...]}: the emulated KMS on 127.0.0.1, over KMS's JSON protocol, until
 * SIGTERM. Exit status 2: the command line or a file it names is wrong; 1: the address cannot be listened on.
 */
@Command(name = "emulated-kms", mixinStandardHelpOptions = true, version = "emulated-kms 0.1.0", sortOptions = false,
        description = "A KMS-shaped recipient for development: KMS's JSON protocol on a loopback address, keys whose "
                + "policies release only to attested enclaves with the given measurements.")
public final class EmulatedKmsMain {
    @Option(names = "--listen", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
            description = "A loopback address to listen on (default ${DEFAULT-VALUE}; port 0 picks a free one).")
    private String listen;

    @Option(names = "--trust-anchor", required = true, paramLabel = "PEM",
            description = "The root certificate recipients' documents must chain to (the emulated NSM's root).")
    private Path trustAnchor;

    @Option(names = "--key", required = true, paramLabel = "alias/NAME",
            description = "A key, by its alias. Repeatable.")
    private List<String> keys = new ArrayList<>();

    @Option(names = "--require", paramLabel = "alias/NAME:CONDITION=HEX",
            description = "A key policy condition: ImageSha384=HEX or PCR<n>=HEX (kms:RecipientAttestation:...). "
                    + "A key with conditions releases only to an attested recipient that meets them all. Repeatable.")
    private List<String> conditions = new ArrayList<>();

    @Option(names = "--max-document-age", defaultValue = "5m", paramLabel = "DURATION",
            description = "The oldest attestation document accepted (default ${DEFAULT-VALUE}; also 30s, PT5M).")
    private String maxDocumentAge;

    private EmulatedKmsMain() {}

    /**
     * Serves until SIGTERM; exits non-zero after one sentence on standard error when it cannot start.
     *
     * @param args the command line (see {@code --help})
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the emulator; returns after --help or --version, on a startup failure, or once it has stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProcess.run("emulated-kms", new EmulatedKmsMain(), args, out, err, command -> {
            command.serve(err);
            return 0;
        });
    }

    private void serve(PrintStream err) throws StartupFailure {
        EmulatedKms kms = kms();
        InetSocketAddress address = address();
        KmsJsonServer server;
        try {
            server = KmsJsonServer.start(kms, address, line -> err.println("emulated-kms: " + line));
        } catch (IOException e) {
            throw StartupFailure.environment("Cannot listen on " + listen + " (" + e.getMessage() + "); choose "
                    + "another port.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("emulated-kms: stopped");
            stopped.countDown();
        }, "emulated-kms-shutdown"));
        for (String alias : keys) {
            try {
                err.println("emulated-kms: key " + alias + " is " + kms.keyArn(alias));
            } catch (KmsErrorException e) {
                throw new IllegalStateException("a declared key is always found", e);
            }
        }
        err.println("emulated-kms: listening on " + server.endpoint() + " (KMS's JSON protocol; no request "
                + "signature is checked)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EmulatedKms kms() throws StartupFailure {
        TrustAnchor anchor;
        try {
            anchor = TrustAnchor.fromPemFile(trustAnchor);
        } catch (RuntimeException e) {
            throw StartupFailure.usage("--trust-anchor " + trustAnchor + ": " + e.getMessage());
        }
        Map<String, RecipientConditions> policies = new LinkedHashMap<>();
        for (String alias : keys) {
            if (policies.put(alias, RecipientConditions.none()) != null) {
                throw StartupFailure.usage("--key " + alias + " is given twice; give each key once.");
            }
        }
        for (String condition : conditions) {
            int colon = condition.indexOf(':');
            String alias = colon < 0 ? condition : condition.substring(0, colon);
            if (!policies.containsKey(alias)) {
                throw StartupFailure.usage("--require \"" + condition + "\" names no key given with --key; write "
                        + "alias/NAME:ImageSha384=HEX for a key alias/NAME.");
            }
            try {
                policies.put(alias, policies.get(alias).parse(condition.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage("--require: " + e.getMessage());
            }
        }
        try {
            EmulatedKms.Builder builder = EmulatedKms.builder(anchor).maxDocumentAge(duration());
            policies.forEach(builder::key);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage(e.getMessage());
        }
    }

    private Duration duration() throws StartupFailure {
        try {
            return DurationText.parsePositive("--max-document-age", maxDocumentAge);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.usage(e.getMessage());
        }
    }

    private InetSocketAddress address() throws StartupFailure {
        int colon = listen.lastIndexOf(':');
        try {
            InetAddress host = InetAddress.getByName(listen.substring(0, Math.max(colon, 0)));
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65_535 || !host.isLoopbackAddress()) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException | UnknownHostException e) {
            throw StartupFailure.usage("--listen \"" + listen + "\" is not a loopback HOST:PORT such as "
                    + "127.0.0.1:8443; the emulated KMS authenticates nobody, so it listens on loopback only.");
        }
    }
}
