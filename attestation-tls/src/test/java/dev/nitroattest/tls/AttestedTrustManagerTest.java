package dev.nitroattest.tls;

import static dev.nitroattest.tls.TestEnclave.KEY;
import static dev.nitroattest.tls.TestEnclave.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EngineHandshake;
import dev.nitroattest.testkit.MutableClock;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The relying side's judge: what it accepts, and each way a certificate is refused, with its reason, both when the
 * trust manager is asked directly and through a real TLS 1.3 handshake.
 */
class AttestedTrustManagerTest {
    private static AttestedTrustManager trustManager() throws Exception {
        return AttestedTrustManager.of(TestEnclave.verifier());
    }

    /** The refusal's cause, checked to be the CertificateException's cause as the issue requires. */
    private static Exception refusal(X509Certificate certificate) throws Exception {
        CertificateException refused = assertThrows(CertificateException.class,
                () -> trustManager().checkServerTrusted(new X509Certificate[] {certificate}, "EC"));
        assertTrue(refused.getMessage().startsWith("The peer is not an accepted attested enclave: "),
                refused.getMessage());
        return (Exception) refused.getCause();
    }

    private static void assertRefused(TlsBindingReason expected, X509Certificate certificate) throws Exception {
        TlsBindingException cause = assertInstanceOf(TlsBindingException.class, refusal(certificate));
        assertEquals(expected, cause.reason(), cause.getMessage());
    }

    private static void assertRefused(RejectionReason expected, X509Certificate certificate) throws Exception {
        DocumentRejectedException cause = assertInstanceOf(DocumentRejectedException.class, refusal(certificate));
        assertEquals(expected, cause.reason(), cause.getMessage());
    }

    @Test
    void aCertificateWhoseDocumentBindsItsKeyIsAcceptedAndItsDocumentReturned() throws Exception {
        X509Certificate certificate = TestEnclave.genuine();
        VerifiedAttestation attestation = trustManager().verify(certificate);
        assertArrayEquals(KEY.subjectPublicKeyInfo(), attestation.publicKey().orElseThrow().toByteArray());
        assertEquals(0, trustManager().getAcceptedIssuers().length);
    }

    @Test
    void aHandshakeWithTheEnclaveSucceedsOverTls13() throws Exception {
        AttestedTrustManager trustManager = trustManager();
        SSLSession session = EngineHandshake.run(AttestedTls.context(null, trustManager),
                TestEnclave.server(TestEnclave.genuine(), TestEnclave.privateKey(KEY)), false);
        assertEquals("TLSv1.3", session.getProtocol());
        assertArrayEquals(KEY.subjectPublicKeyInfo(),
                trustManager.attestationOf(session).publicKey().orElseThrow().toByteArray());
    }

    @Test
    void anOrdinaryCertificateWithoutTheExtensionIsRefused() throws Exception {
        assertRefused(TlsBindingReason.NO_ATTESTATION_EXTENSION, TestEnclave.x509(TestEnclave.bare(KEY)));
    }

    @Test
    void theExtensionMarkedCriticalIsRefused() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        assertRefused(TlsBindingReason.EXTENSION_CRITICAL, TestEnclave.x509(TestEnclave.bare(KEY)
                .extraExtension(AttestationExtension.OID, true, AttestationExtension.value(document))));
    }

    @Test
    void theExtensionTwiceIsRefused() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        byte[] der = TestCertificates.issue(TestEnclave.certificate(KEY, document)
                .extraExtension(AttestationExtension.OID, false, AttestationExtension.value(document)).build()).der();
        // The JDK's own parser refuses duplicated extensions, so a JSSE peer never gets this far with one; a
        // certificate from another parser (or a library's own X509Certificate) must still be refused by name.
        assertRefused(TlsBindingReason.EXTENSION_DUPLICATED, new EncodedCertificate(der, TestEnclave.genuine()));
    }

    @Test
    void aMalformedExtensionValueIsRefused() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        byte[] integer = {0x02, 0x01, 0x01};
        byte[] trailing = new byte[AttestationExtension.value(document).length + 1];
        System.arraycopy(AttestationExtension.value(document), 0, trailing, 0, trailing.length - 1);
        byte[] longForm = {0x04, (byte) 0x81, 0x01, 0x00};
        for (byte[] value : new byte[][] {integer, trailing, longForm, {}}) {
            assertRefused(TlsBindingReason.EXTENSION_MALFORMED, TestEnclave.x509(TestEnclave.bare(KEY)
                    .extraExtension(AttestationExtension.OID, false, value)));
        }
    }

    @Test
    void anOversizedDocumentIsRefusedBeforeItIsParsed() throws Exception {
        byte[] huge = new byte[17 * 1024];
        assertRefused(RejectionReason.TOO_LARGE, TestEnclave.x509(TestEnclave.certificate(KEY, huge)));
    }

    @Test
    void notADocumentInTheExtensionIsRefusedAsMalformed() throws Exception {
        assertRefused(RejectionReason.MALFORMED, TestEnclave.x509(TestEnclave.certificate(KEY, new byte[] {1, 2})));
    }

    @Test
    void aGenuineDocumentCopiedFromTheEnclavesCertificateIntoAnotherKeysIsRefused() throws Exception {
        byte[] genuineDocument = AttestedCertificate.of(TestEnclave.genuine()).document();
        EcKeyPair mitm = TestEnclave.key("a man in the middle");
        assertRefused(RejectionReason.PUBLIC_KEY_MISMATCH, TestEnclave.x509(TestEnclave.certificate(mitm,
                genuineDocument)));
    }

    @Test
    void aDocumentWithoutAPublicKeyIsRefused() throws Exception {
        assertRefused(RejectionReason.PUBLIC_KEY_MISMATCH, TestEnclave.x509(TestEnclave.certificate(KEY,
                DocumentBuilder.forPki(TestEnclave.PKI).build())));
    }

    @Test
    void aDocumentForAnotherImageIsRefused() throws Exception {
        byte[] otherImage = TestEnclave.document(KEY).pcr(0, new byte[48]).pcr(1, filled(48, 7)).build();
        assertRefused(RejectionReason.PCR_MISMATCH, TestEnclave.x509(TestEnclave.certificate(KEY, otherImage)));
    }

    @Test
    void aDebugEnclavesDocumentIsRefused() throws Exception {
        byte[] debug = TestEnclave.document(KEY).debugMode().build();
        assertRefused(RejectionReason.DEBUG_ENCLAVE, TestEnclave.x509(TestEnclave.certificate(KEY, debug)));
    }

    @Test
    void aDocumentOlderThanTheLimitIsRefused() throws Exception {
        byte[] old = TestEnclave.document(KEY).timestamp(NOW.minus(TestEnclave.MAX_AGE).minusSeconds(1)).build();
        assertRefused(RejectionReason.DOCUMENT_TOO_OLD, TestEnclave.x509(TestEnclave.certificate(KEY, old)));
    }

    @Test
    void aStaleDocumentIsRefusedInAHandshakeWithItsReason() throws Exception {
        // An enclave's genuine certificate and key, recorded: the handshake itself succeeds, so only the document's
        // age stops the replay.
        byte[] old = TestEnclave.document(KEY).timestamp(NOW.minus(TestEnclave.MAX_AGE).minusSeconds(1)).build();
        SSLContext replayed = TestEnclave.server(TestEnclave.x509(TestEnclave.certificate(KEY, old)),
                TestEnclave.privateKey(KEY));
        AttestedTrustManager trustManager = trustManager();
        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class,
                () -> EngineHandshake.run(AttestedTls.context(null, trustManager), replayed, false));
        assertEquals("DOCUMENT_TOO_OLD", AttestedTls.refusal(failed).orElseThrow().reason());
        assertEquals(0, trustManager.cachedCertificates(), "a refused certificate is not remembered");
    }

    @Test
    void aVerifierThatAcceptsDocumentsOfAnyAgeIsRefusedAtConstruction() throws Exception {
        AttestationVerifier anyAge = TestEnclave.pinningTheTestImage().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .anyAge().build();
        for (Executable construction : List.<Executable>of(() -> AttestedTrustManager.of(anyAge),
                () -> AttestedTrustManager.of(anyAge, 0), () -> AttestedTls.clientContext(anyAge))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, construction);
            assertTrue(refused.getMessage().startsWith("The verifier accepts documents of any age (anyAge())")
                    && refused.getMessage().contains("maxAge(...)"), refused.getMessage());
        }
    }

    @Test
    void aDocumentUnderAnotherRootIsRefused() throws Exception {
        TestPki other = TestPki.create("another root", TestPki.STANDARD_LEAF_NOT_BEFORE);
        byte[] foreign = DocumentBuilder.forPki(other).publicKey(KEY.subjectPublicKeyInfo()).build();
        assertRefused(RejectionReason.UNTRUSTED_CHAIN, TestEnclave.x509(TestEnclave.certificate(KEY, foreign)));
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        assertRefused(TlsBindingReason.CERTIFICATE_EXPIRED, TestEnclave.x509(TestEnclave.certificate(KEY, document)
                .validity(NOW.minus(Duration.ofHours(2)), NOW.minusSeconds(1))));
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        assertRefused(TlsBindingReason.CERTIFICATE_NOT_YET_VALID, TestEnclave.x509(TestEnclave.certificate(KEY,
                document).validity(NOW.plusSeconds(1), NOW.plus(Duration.ofHours(2)))));
    }

    @Test
    void noCertificateAtAllIsRefused() {
        for (X509Certificate[] chain : new X509Certificate[][] {null, {}}) {
            CertificateException refused = assertThrows(CertificateException.class,
                    () -> trustManager().checkClientTrusted(chain, "EC"));
            assertEquals(TlsBindingReason.NO_CERTIFICATE,
                    assertInstanceOf(TlsBindingException.class, refused.getCause()).reason());
        }
    }

    @Test
    void aCertificateThatIsNotDerIsRefusedAsMalformed() throws Exception {
        byte[] der = TestEnclave.genuine().getEncoded();
        byte[] cut = java.util.Arrays.copyOf(der, der.length - 1);
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
        for (byte[] bytes : new byte[][] {cut, longer, {0x30, (byte) 0x80, 0, 0}, {}}) {
            assertRefused(TlsBindingReason.MALFORMED_CERTIFICATE, new EncodedCertificate(bytes,
                    TestEnclave.genuine()));
        }
    }

    @Test
    void aKeyEncodedOtherwiseThanTheKeyTheHandshakeIsVerifiedWithIsRefused() throws Exception {
        // The certificate's own bytes say one key; the X509Certificate object (what JSSE verifies the handshake
        // with) holds another. However that came about, the document must not vouch for the handshake.
        X509Certificate other = TestEnclave.x509(TestEnclave.bare(TestEnclave.key("another key")));
        assertRefused(TlsBindingReason.MALFORMED_CERTIFICATE,
                new EncodedCertificate(TestEnclave.genuine().getEncoded(), other));
    }

    @Test
    void aCertificateWhoseKeyDoesNotSignTheHandshakeFailsTheHandshake() throws Exception {
        // A man in the middle on the parent relays the enclave's genuine certificate and document, but cannot sign
        // the handshake with the enclave's key: it signs with its own. The trust manager accepts the certificate
        // (it is genuine); TLS 1.3's CertificateVerify check, which JSSE does after it, refuses the handshake.
        AttestedTrustManager trustManager = trustManager();
        SSLContext mitm = TestEnclave.server(TestEnclave.genuine(),
                TestEnclave.privateKey(TestEnclave.key("a man in the middle")));
        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class,
                () -> EngineHandshake.run(AttestedTls.context(null, trustManager), mitm, false));
        assertTrue(AttestedTls.refusal(failed).isEmpty(), "not the trust manager's refusal: " + failed);
        assertTrue(failed.getMessage().contains("CertificateVerify"), failed.getMessage());
        assertEquals(1, trustManager.cachedCertificates(), "the genuine certificate itself was accepted");
    }

    @Test
    void aDocumentWithoutAPublicKeyCannotBePinned() throws Exception {
        byte[] keyless = DocumentBuilder.forPki(TestEnclave.PKI).publicKey(null).build();
        VerifiedAttestation verified = TestEnclave.verifier().verify(keyless, Expectations.withoutNonce());
        TlsBindingException refused = assertThrows(TlsBindingException.class,
                () -> AttestedTrustManager.pinnedTo(verified));
        assertEquals(TlsBindingReason.DOCUMENT_WITHOUT_KEY, refused.reason());
    }

    @Test
    void nonceModeTrustsExactlyThePinnedKeyWhateverTheCertificateHolds() throws Exception {
        VerifiedAttestation fetched = TestEnclave.verifier().verify(TestEnclave.document(KEY).build(),
                Expectations.withoutNonce());
        AttestedTrustManager pinned = AttestedTrustManager.pinnedTo(fetched);
        // The pinned key is the identity: a certificate without the extension, holding that key, is the enclave.
        assertSame(fetched, pinned.verify(TestEnclave.x509(TestEnclave.bare(KEY))));
        SSLSession session = EngineHandshake.run(AttestedTls.context(null, pinned),
                TestEnclave.server(TestEnclave.genuine(), TestEnclave.privateKey(KEY)), false);
        assertSame(fetched, pinned.attestationOf(session));

        EcKeyPair rotated = TestEnclave.key("the enclave's next TLS key");
        X509Certificate other = TestEnclave.x509(TestEnclave.certificate(rotated, TestEnclave.document(rotated)
                .build()));
        CertificateException refused = assertThrows(CertificateException.class, () -> pinned.verify(other));
        assertEquals(TlsBindingReason.KEY_NOT_PINNED,
                assertInstanceOf(TlsBindingException.class, refused.getCause()).reason());
        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class, () -> EngineHandshake.run(
                AttestedTls.context(null, pinned), TestEnclave.server(other, TestEnclave.privateKey(rotated)), false));
        assertEquals("KEY_NOT_PINNED", AttestedTls.refusal(failed).orElseThrow().reason());
    }

    @Test
    void aHandshakeRefusedByTheTrustManagerNamesItsReason() throws Exception {
        byte[] debug = TestEnclave.document(KEY).debugMode().build();
        SSLContext server = TestEnclave.server(TestEnclave.x509(TestEnclave.certificate(KEY, debug)),
                TestEnclave.privateKey(KEY));
        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class,
                () -> EngineHandshake.run(AttestedTls.context(null, trustManager()), server, false));
        AttestedTls.Refusal refusal = AttestedTls.refusal(failed).orElseThrow();
        assertEquals("DEBUG_ENCLAVE", refusal.reason());
        Throwable cause = failed;
        while (!(cause instanceof DocumentRejectedException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // The sentence alone: the reason code is the refusal's other half, not a prefix of its message.
        assertEquals(assertInstanceOf(DocumentRejectedException.class, cause).detail(), refusal.message());
    }

    @Test
    void aHandshakeOnTls12IsRefused() throws Exception {
        SSLContext server = TestEnclave.server(TestEnclave.genuine(), TestEnclave.privateKey(KEY));
        var serverEngine = server.createSSLEngine();
        serverEngine.setUseClientMode(false);
        serverEngine.setEnabledProtocols(new String[] {"TLSv1.2"});
        var clientEngine = AttestedTls.context(null, trustManager()).createSSLEngine();
        clientEngine.setUseClientMode(true);
        clientEngine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class,
                () -> EngineHandshake.run(clientEngine, serverEngine));
        assertEquals("NOT_TLS_1_3", AttestedTls.refusal(failed).orElseThrow().reason());
    }

    @Test
    void aRepeatedCertificateIsServedFromTheCacheWithoutVerifyingAgain() throws Exception {
        AttestedTrustManager trustManager = trustManager();
        X509Certificate certificate = TestEnclave.genuine();
        VerifiedAttestation first = trustManager.verify(certificate);
        assertSame(first, trustManager.verify(TestEnclave.x509(certificate.getEncoded())),
                "the same bytes give the remembered result, with no new verification");
        assertEquals(1, trustManager.cachedCertificates());
        AttestedTrustManager uncached = AttestedTrustManager.of(TestEnclave.verifier(), 0);
        assertTrue(uncached.verify(certificate) != uncached.verify(certificate), "cache size 0 verifies each time");
        assertEquals(0, uncached.cachedCertificates());
    }

    @Test
    void aRememberedCertificateIsRefusedOnceItsDocumentIsOlderThanTheLimit() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        AttestedTrustManager trustManager = AttestedTrustManager.of(TestEnclave.verifier(clock));
        X509Certificate certificate = TestEnclave.genuine();
        trustManager.verify(certificate);
        clock.set(TestEnclave.PKI.documentTime().plus(TestEnclave.MAX_AGE));
        trustManager.verify(certificate);
        clock.advance(Duration.ofSeconds(1));
        CertificateException refused = assertThrows(CertificateException.class, () -> trustManager.verify(certificate));
        assertEquals(RejectionReason.DOCUMENT_TOO_OLD,
                assertInstanceOf(DocumentRejectedException.class, refused.getCause()).reason());
    }

    @Test
    void theCacheHoldsAtMostItsSize() throws Exception {
        AttestedTrustManager trustManager = AttestedTrustManager.of(TestEnclave.verifier(), 2);
        for (int i = 0; i < 5; i++) {
            EcKeyPair key = TestEnclave.key("enclave " + i);
            trustManager.verify(TestEnclave.x509(TestEnclave.certificate(key, TestEnclave.document(key).build())));
        }
        assertTrue(trustManager.cachedCertificates() <= 2, "at most 2: " + trustManager.cachedCertificates());
    }

    @Test
    void aNegativeCacheSizeIsRefused() throws Exception {
        AttestationVerifier verifier = TestEnclave.verifier();
        assertThrows(IllegalArgumentException.class, () -> AttestedTrustManager.of(verifier, -1));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
