package dev.nitroattest.cli.tls;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.cli.verify.VerifierSetup;
import dev.nitroattest.tls.AttestedCertificate;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import dev.nitroattest.tls.TlsBindingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * One run of {@code tls}: builds the verifier from the options, connects, lets the attested trust manager judge the
 * server's certificate inside a real TLS 1.3 handshake, and reports what it came to. The handshake is the proof: a
 * certificate whose document verifies is only the enclave's if the server also signs the handshake with its key.
 */
final class TlsCheck {
    private final TlsOptions options;
    private final Terminal terminal;

    TlsCheck(TlsOptions options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() {
        if (options.json() && options.quiet()) {
            throw UserError.usage("--json and --quiet cannot be combined; give one of them.");
        }
        Target target = Target.parse(options.target());
        AttestationVerifier verifier = VerifierSetup.verifier(options.trustAnchors(), options.pcrs(),
                options.pcrsFromEif(), options.allowDebug(), options.maxAge(), terminal.clock());
        if (!options.pinsPcrs() && !options.quiet()) {
            terminal.error("warning: no PCR is pinned (--pcr, --pcrs-from-eif), so the document's authenticity is "
                    + "checked but not which enclave image made it.");
        }
        TlsOutcome outcome = check(target, verifier);
        if (outcome instanceof TlsOutcome.Unreachable unreachable) {
            terminal.error(unreachable.detail());
        }
        if (!options.quiet()) {
            TlsReport.write(terminal.out(), outcome, options.json());
        }
        return outcome.status();
    }

    private TlsOutcome check(Target target, AttestationVerifier verifier) {
        AttestedTrustManager judge = AttestedTrustManager.of(verifier);
        RecordingTrustManager recorder = new RecordingTrustManager(judge);
        int timeout = Math.toIntExact(Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(target.host(), target.port()), timeout);
        } catch (IOException | IllegalArgumentException e) {
            close(tcp);
            return new TlsOutcome.Unreachable(target, "Cannot connect to " + target + " (" + message(e) + "); check "
                    + "the address, and that the server (the parent proxy's --ingress, or the enclave application) "
                    + "is up.");
        }
        try (SSLSocket tls = (SSLSocket) AttestedTls.context(null, recorder).getSocketFactory()
                .createSocket(tcp, target.host(), target.port(), true)) {
            tls.setSoTimeout(timeout);
            tls.startHandshake();
            // The session's peer is the certificate whose key the handshake proved; its verification is cached.
            VerifiedAttestation attestation = judge.attestationOf(tls.getSession());
            X509Certificate certificate = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            return new TlsOutcome.Verified(target, attestation, tls.getSession().getProtocol(), certificate);
        } catch (IOException | CertificateException e) {
            return failed(target, e, recorder, verifier);
        } finally {
            close(tcp);
        }
    }

    private static TlsOutcome failed(Target target, Exception failure, RecordingTrustManager recorder,
            AttestationVerifier verifier) {
        X509Certificate certificate = recorder.presented();
        if (certificate == null) {
            return new TlsOutcome.Unreachable(target, target + " completed no TLS handshake as far as a certificate ("
                    + message(failure) + "); check that it serves TLS 1.3 on that port.");
        }
        Optional<AttestedTls.Refusal> refusal = AttestedTls.refusal(failure);
        if (refusal.isPresent()) {
            return new TlsOutcome.Refused(target, refusal.get().reason(), refusal.get().message(), certificate,
                    documentOf(certificate, verifier));
        }
        if (!recorder.accepted()) {
            // The attested trust manager refuses a certificate only with a reason code, found above; a certificate
            // it neither accepted nor refused so means it threw something else, a defect to report (status 4).
            throw new IllegalStateException("The attested trust manager failed on " + target + "'s certificate "
                    + "without a reason code.", failure);
        }
        String detail = "The server's certificate and its document verified, but the handshake then failed ("
                + message(failure) + "): the server did not prove it holds the certificate's key, as a man in the "
                + "middle replaying an enclave's certificate cannot; connect to the enclave itself.";
        return new TlsOutcome.Refused(target, TlsOutcome.Refused.KEY_NOT_PROVEN, detail, certificate,
                documentOf(certificate, verifier));
    }


    /** The certificate's document as parsed, unverified, for the report; empty when there is none or it is broken. */
    private static Optional<AttestationDocument> documentOf(X509Certificate certificate,
            AttestationVerifier verifier) {
        try {
            return Optional.of(verifier.parse(AttestedCertificate.of(certificate).document()));
        } catch (TlsBindingException | DocumentRejectedException e) {
            return Optional.empty();
        }
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to read from it; the outcome is already known.
        }
    }
}
