package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.HelpOption;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import dev.nitroattest.cli.options.DurationConverter;
import dev.nitroattest.cli.options.HexConverter;
import dev.nitroattest.cli.options.InstantConverter;
import dev.nitroattest.cli.options.PcrPin;
import dev.nitroattest.cli.options.PcrPinConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nitro-attest verify}: the options and their help. The work is done by {@link Verification}, which this class
 * only hands its options to, so that printing help loads none of the verifier.
 */
@Command(
        name = "verify",
        sortOptions = false,
        header = "Verify attestation documents.",
        descriptionHeading = "%n",
        description = {
            "Checks each document's certificate chain up to a trusted root (by default the AWS Nitro Enclaves root "
                    + "embedded in the tool), its ES384 signature, its freshness, and the enclave measurements (PCRs) "
                    + "you pin, at the current time unless told otherwise.",
            "",
            "Prints one line per file on standard output:",
            "  VERIFIED <file> module=<module_id> time=<document timestamp>",
            "  REJECTED <file> <REASON_CODE>: <detail>",
            "A file that cannot be read gets a message on standard error instead. In <file> and <module_id> a "
                    + "space is written \\x20 and a backslash \\\\, so that each is one word; there and in "
                    + "<detail>, control and other non-printable characters are written as escapes such as \\n, "
                    + "\\x1b or \\u202e.",
            "",
            "With --json, one JSON object per file and line, in order, with the keys file, verified, reason, "
                    + "detail, kind, module_id, timestamp, digest, debug_enclave, pcrs, public_key, user_data, "
                    + "nonce, certificate and verification_time. A file that cannot be read gets an object too, "
                    + "with verified false, reason UNREADABLE, its message as detail, and null for the rest.",
            "",
            "With no PCR pinned, only the documents' authenticity is checked, not which enclave image made them; a "
                    + "warning on standard error says so."
        },
        parameterListHeading = "%nFiles:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every document verified",
            "1:at least one document was rejected, and every file could be read",
            "2:usage error: a bad option or value, or an unusable trust anchor or image (nothing is verified)",
            "3:at least one file could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
            "4:internal error: please report it"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  nitro-attest verify --pcrs-from-eif app.eif --nonce 6e6f6e6365 document.cbor",
            "  nitro-attest verify --trust-anchor test-root.pem --at-document-time --json document.b64"
        })
public final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Document files: raw CBOR, base64 or hex (detected), or - for standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--trust-anchor", paramLabel = "PEM",
            description = "Trust this root CA certificate (a PEM file) instead of the embedded AWS Nitro Enclaves "
                    + "root. Repeat to trust several.")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Verify as of this time instead of now: ISO-8601 (2025-04-04T18:39:07Z) or milliseconds "
                    + "since the epoch.")
    Instant at;

    @Option(names = "--at-document-time",
            description = "Verify each document as of its own timestamp. This proves it was authentic when it was "
                    + "made, not that it is fresh now.")
    boolean atDocumentTime;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Reject documents older than this at the verification time: 30s, 5m, 2h, 1d or PT5M. "
                    + "Not with --at-document-time, at which every document's age is 0. Default: no limit (files are "
                    + "often archived documents), as a library caller gets with anyAge().")
    Duration maxAge;

    @Option(names = "--pcr", paramLabel = "INDEX=HEX", converter = PcrPinConverter.class,
            description = "Require PCR INDEX (0-31) to be HEX (96 hex digits). Repeat for more PCRs; the same "
                    + "index several times accepts any of those values.")
    List<PcrPin> pcrs = new ArrayList<>();

    @Option(names = "--pcrs-from-eif", paramLabel = "IMAGE.eif",
            description = "Require the PCR0, PCR1 and PCR2 of this enclave image file, and its PCR8 if it is signed. "
                    + "Combines with --pcr: a PCR pinned by both accepts either value. Not with --nitrotpm.")
    Path pcrsFromEif;

    @Option(names = "--nonce", paramLabel = "HEX", converter = HexConverter.class,
            description = "Require exactly this nonce. Default: the nonce is not checked (a file comes with no "
                    + "challenge of ours), as a library caller gets with Expectations.withoutNonce().")
    Bytes nonce;

    @Option(names = "--user-data", paramLabel = "HEX", converter = HexConverter.class,
            description = "Require exactly this user_data.")
    Bytes userData;

    @Option(names = "--public-key", paramLabel = "HEX", converter = HexConverter.class,
            description = "Require exactly this public_key.")
    Bytes publicKey;

    @Option(names = "--allow-debug",
            description = "Accept documents from debug-mode enclaves (PCR0, PCR1 and PCR2 all zero), which prove "
                    + "nothing about the code that runs. Default: rejected as DEBUG_ENCLAVE.")
    boolean allowDebug;

    @Option(names = "--nitrotpm",
            description = "Verify NitroTPM documents (from EC2 instances) instead of enclave documents; --pcr then "
                    + "refers to nitrotpm_pcrs (0-23).")
    boolean nitroTpm;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Read every file as cbor, base64 or hex instead of detecting each file's format.")
    InputFormat format;

    @Option(names = "--json", description = "Print one JSON object per file and line (JSON Lines).")
    boolean json;

    @Option(names = "--quiet",
            description = "Print no result lines and no warning: only the exit status and errors tell the result.")
    boolean quiet;

    @Mixin
    HelpOption help;

    public VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ExitStatus status = new Verification(this, terminal).run();
        return status.code();
    }
}
