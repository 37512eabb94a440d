package dev.nitroattest.cli.tls;

import dev.nitroattest.cli.options.PcrPin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parsed command line of {@code tls}.
 *
 * @param target HOST:PORT as given
 * @param trustAnchors {@code --trust-anchor} files; empty for the AWS Nitro Enclaves root
 * @param pcrs {@code --pcr} pins
 * @param pcrsFromEif {@code --pcrs-from-eif}, or null
 * @param maxAge the oldest a document may be
 * @param allowDebug {@code --allow-debug}
 * @param timeout for connecting, and then for the handshake
 * @param json {@code --json}
 * @param quiet {@code --quiet}
 */
record TlsOptions(String target, List<Path> trustAnchors, List<PcrPin> pcrs, Path pcrsFromEif, Duration maxAge,
        boolean allowDebug, Duration timeout, boolean json, boolean quiet) {

    /** Whether an image is pinned, so that the check says which enclave image made the document. */
    boolean pinsPcrs() {
        return !pcrs.isEmpty() || pcrsFromEif != null;
    }
}
