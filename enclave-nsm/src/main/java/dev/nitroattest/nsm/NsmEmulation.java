package dev.nitroattest.nsm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An emulated NSM for development machines, found with {@link java.util.ServiceLoader}. The enclave agent asks for
 * one when started with {@code --nsm emulated}; the enclave image's jar contains none, so that option cannot work
 * inside an enclave. The implementation is in the {@code dev-nsm-emulator} module and signs with a test PKI.
 */
public interface NsmEmulation {
    /**
     * Starts an emulated NSM.
     *
     * @throws NsmEmulationException with one sentence saying what is wrong with the options (an unreadable enclave
     *     image, a key that does not match its chain, a PCR it cannot report)
     */
    EmulatedModule start(Options options) throws NsmEmulationException;

    /**
     * What the emulated NSM reports and signs with.
     *
     * @param pcrs PCR values by index, each 48 bytes, that override the defaults
     * @param eif an enclave image file whose PCR0, PCR1 and PCR2 the emulator reports, or null
     * @param key a PEM PKCS#8 P-384 private key to sign with instead of the test PKI's, or null (with chain)
     * @param chain the PEM certificates from the signing certificate up to its root, or null (with key)
     */
    record Options(Map<Integer, byte[]> pcrs, Path eif, Path key, Path chain) {
        /** Copies the PCR map; key and chain go together. */
        public Options {
            pcrs = Map.copyOf(Objects.requireNonNull(pcrs, "pcrs"));
            if ((key == null) != (chain == null)) {
                throw new IllegalArgumentException("an emulation key and its chain go together");
            }
        }
    }

    /** A started emulated NSM: a transport, plus what a development setup needs to trust its documents. */
    interface EmulatedModule extends NsmTransport {
        /** The module id its documents carry. */
        String moduleId();

        /** The root certificate its documents chain to, PEM: what stands in for the AWS root in development. */
        String rootCertificatePem();
    }
}
