package dev.nitroattest.cli.verify;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.input.InputFormat;
import dev.nitroattest.cli.options.PcrPin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The options of one {@code verify} command line, parsed: what {@link Verification} runs on, whether picocli parsed
 * them ({@link VerifyCommand}) or {@link PlainVerifyLine} did. A list is empty and any other option null or false
 * when the command line does not give it.
 */
record VerifyOptions(
        List<String> files,
        List<Path> trustAnchors,
        Instant at,
        boolean atDocumentTime,
        Duration maxAge,
        List<PcrPin> pcrs,
        Path pcrsFromEif,
        Bytes nonce,
        Bytes userData,
        Bytes publicKey,
        boolean allowDebug,
        boolean nitroTpm,
        InputFormat format,
        boolean json,
        boolean quiet) {
}
