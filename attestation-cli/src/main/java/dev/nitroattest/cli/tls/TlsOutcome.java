package dev.nitroattest.cli.tls;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cli.ExitStatus;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** What checking one server came to. */
sealed interface TlsOutcome {

    /** The server as the user named it. */
    Target target();

    ExitStatus status();

    /**
     * The handshake completed, and the certificate's document verified: the server is the attested enclave.
     *
     * @param protocol the negotiated protocol (TLSv1.3)
     * @param certificate the server's certificate
     */
    record Verified(Target target, VerifiedAttestation attestation, String protocol, X509Certificate certificate)
            implements TlsOutcome {
        public Verified {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(attestation, "attestation");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.SUCCESS;
        }
    }

    /**
     * The server was refused: its certificate or document, or its proof of the key.
     *
     * @param reason the stable code
     * @param detail one sentence saying what is wrong
     * @param certificate the certificate the server presented
     * @param document its document as parsed, unverified; empty when there is none or it did not parse
     */
    record Refused(Target target, String reason, String detail, X509Certificate certificate,
            Optional<AttestationDocument> document) implements TlsOutcome {
        /** The server's certificate verified, but the handshake failed after it: the server did not prove the key. */
        static final String KEY_NOT_PROVEN = "KEY_NOT_PROVEN";

        public Refused {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(document, "document");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.REJECTED;
        }
    }

    /**
     * No certificate to judge: the server could not be reached, or no handshake got as far as its certificate.
     *
     * @param detail the sentence that says why, as printed on standard error
     */
    record Unreachable(Target target, String detail) implements TlsOutcome {
        /** The reason code JSON output gives it. */
        static final String REASON = "UNREACHABLE";

        public Unreachable {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.UNREADABLE;
        }
    }
}
