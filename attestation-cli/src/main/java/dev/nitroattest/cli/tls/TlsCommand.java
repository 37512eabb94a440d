package dev.nitroattest.cli.tls;

import static dev.nitroattest.cli.CommandModel.flag;
import static dev.nitroattest.cli.CommandModel.isSet;
import static dev.nitroattest.cli.CommandModel.valueOr;

import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.options.DurationConverter;
import dev.nitroattest.cli.options.PathConverter;
import dev.nitroattest.cli.options.PcrPin;
import dev.nitroattest.cli.options.PcrPinConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code nitro-attest tls}: the options and their help, built with picocli's programmatic API (no annotations). The
 * work is done by {@link TlsCheck}, which this class only hands its options to.
 */
public final class TlsCommand implements Callable<Integer> {
    /**
     * The default oldest a certificate's document may be: the client age enclave-tls renews its document within by
     * default. An older one comes from a server that has stopped renewing, or from a recording.
     */
    static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
    /** How long connecting, and then the handshake, may each take by default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Terminal terminal;

    private final PositionalParamSpec targetParameter = PositionalParamSpec.builder()
            .paramLabel("HOST:PORT").arity("1").required(true).type(String.class)
            .description("The attested server, e.g. enclave.example:8443 or [2001:db8::1]:8443: the parent proxy's "
                    + "--ingress, or the enclave application itself.").build();
    private final OptionSpec trustAnchorOption = OptionSpec.builder("--trust-anchor").paramLabel("PEM")
            .type(List.class).auxiliaryTypes(Path.class).converters(new PathConverter())
            .description("Trust this root CA certificate (a PEM file) instead of the embedded AWS Nitro Enclaves "
                    + "root. Repeat to trust several.").build();
    private final OptionSpec maxAgeOption = OptionSpec.builder("--max-age").paramLabel("DURATION")
            .type(Duration.class).converters(new DurationConverter())
            .description("Reject a document older than this: 30s, 5m, 2h, 1d or PT5M. Default: 10m, the age "
                    + "enclave-tls renews its document within by default.").build();
    private final OptionSpec pcrOption = OptionSpec.builder("--pcr").paramLabel("INDEX=HEX")
            .type(List.class).auxiliaryTypes(PcrPin.class).converters(new PcrPinConverter())
            .description("Require PCR INDEX (0-31) to be HEX (96 hex digits). Repeat for more PCRs; the same index "
                    + "several times accepts any of those values.").build();
    private final OptionSpec pcrsFromEifOption = OptionSpec.builder("--pcrs-from-eif").paramLabel("IMAGE.eif")
            .type(Path.class).converters(new PathConverter())
            .description("Require the PCR0, PCR1 and PCR2 of this enclave image file, and its PCR8 if it is signed. "
                    + "Combines with --pcr: a PCR pinned by both accepts either value.").build();
    private final OptionSpec allowDebugOption = flag("--allow-debug",
            "Accept debug-mode enclaves (PCR0, PCR1 and PCR2 all zero), which prove nothing about the code that "
                    + "runs. Default: rejected as DEBUG_ENCLAVE.");
    private final OptionSpec timeoutOption = OptionSpec.builder("--timeout").paramLabel("DURATION")
            .type(Duration.class).converters(new DurationConverter())
            .description("How long connecting, and then the handshake, may each take. Default: 10s.").build();
    private final OptionSpec jsonOption = flag("--json", "Print the result as one JSON object on one line.");
    private final OptionSpec quietOption = flag("--quiet",
            "Print no result line and no warning: only the exit status and errors tell the result.");

    public TlsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.command("tls", this)
                .addPositional(targetParameter)
                .addOption(trustAnchorOption)
                .addOption(maxAgeOption)
                .addOption(pcrOption)
                .addOption(pcrsFromEifOption)
                .addOption(allowDebugOption)
                .addOption(timeoutOption)
                .addOption(jsonOption)
                .addOption(quietOption)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Verify an attested TLS server's certificate from a real handshake.")
                .descriptionHeading("%n")
                .description(
                        "Connects to HOST:PORT, completes a TLS 1.3 handshake and verifies the attestation document "
                                + "the server's certificate carries, as the attested trust manager of "
                                + "attestation-tls does: its certificate chain up to a trusted root, its signature, "
                                + "its age and the PCRs you pin, and that its public_key is the certificate's own "
                                + "key, which the handshake proves the server holds. Host names are not checked: "
                                + "the document is the server's identity, so pin the image's PCRs.",
                        "",
                        "Prints one line on standard output:",
                        "  VERIFIED <host:port> module=<module_id> time=<document timestamp> protocol=TLSv1.3",
                        "  REJECTED <host:port> <REASON_CODE>: <detail>",
                        "REASON_CODE is the library's rejection reason (PCR_MISMATCH, DOCUMENT_TOO_OLD...), a TLS "
                                + "binding reason (NO_ATTESTATION_EXTENSION, NOT_TLS_1_3...), or KEY_NOT_PROVEN when "
                                + "the certificate was accepted but the server did not prove it holds its key.",
                        "",
                        "With --json, one JSON object with the keys target, verified, reason, detail, protocol, "
                                + "tls_certificate_sha256, then those of verify --json from kind to "
                                + "verification_time (null where there is no document to show).",
                        "",
                        "With no PCR pinned, only the document's authenticity is checked, not which enclave image "
                                + "made it; a warning on standard error says so.")
                .parameterListHeading("%nServer:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExamples:%n")
                .footer("  nitro-attest tls --pcrs-from-eif app.eif enclave.example:8443",
                        "  nitro-attest tls --trust-anchor root.pem --pcr 0=<96 hex digits> --json 127.0.0.1:8443");
        CommandModel.exitCodes(spec,
                "0:the server's document verified and it proved it holds the certificate's key",
                "1:the server was refused: its certificate or document, or its proof of the key",
                "2:usage error: a bad option or value, or an unusable trust anchor or image",
                "3:no certificate to judge: the server could not be reached or completed no TLS handshake",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() {
        TlsOptions options = new TlsOptions(targetParameter.getValue(), valueOr(trustAnchorOption, List.of()),
                valueOr(pcrOption, List.of()), pcrsFromEifOption.getValue(),
                valueOr(maxAgeOption, DEFAULT_MAX_AGE), isSet(allowDebugOption),
                valueOr(timeoutOption, DEFAULT_TIMEOUT), isSet(jsonOption), isSet(quietOption));
        return new TlsCheck(options, terminal).run().code();
    }
}
