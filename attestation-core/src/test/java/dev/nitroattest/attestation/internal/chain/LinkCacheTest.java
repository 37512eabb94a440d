package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The link cache counted in signature checks, not in time: once a chain's intermediates are verified, a new leaf
 * under them, genuine or forged, costs exactly one certificate signature check.
 */
@DisplayName("Verified links: a new leaf under known intermediates costs one certificate signature check")
class LinkCacheTest {
    private static final TestPki PKI = TestPki.standard();
    private static final Instant AT = PKI.documentTime();

    private static ChainValidator validator() throws Rejection {
        return new ChainValidator(List.of(CertificateDecoder.decode(PKI.root().der(),
                CertificatePosition.PINNED_ANCHOR)), true);
    }

    private static byte[] newLeaf(int serial) {
        return TestCertificates.issue(PKI.leaf().spec().toBuilder().serial(BigInteger.valueOf(1000 + serial))
                .subjectKey(EcKeyPair.derive(EcCurve.P384, "link cache leaf " + serial)).build()).der();
    }

    /** A leaf that names the real instance CA as its issuer but is signed by another key. */
    private static byte[] forgedLeaf(int serial) {
        return TestCertificates.issue(PKI.leaf().spec().toBuilder().serial(BigInteger.valueOf(2000 + serial))
                .subjectKey(EcKeyPair.derive(EcCurve.P384, "forged leaf " + serial))
                .issuerKey(EcKeyPair.derive(EcCurve.P384, "not the instance CA")).build()).der();
    }

    @Test
    @DisplayName("the first chain costs one check per certificate; each new leaf afterwards costs one")
    void newLeavesCostOneCheck() throws Exception {
        ChainValidator validator = validator();
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        assertEquals(4, validator.signatureChecks(), "regional, zonal, instance CA and leaf");
        for (int i = 1; i <= 5; i++) {
            validator.validate(newLeaf(i), PKI.cabundle(), AT);
            assertEquals(4 + i, validator.signatureChecks(), "new leaf " + i);
        }
        validator.validate(newLeaf(1), PKI.cabundle(), AT);
        assertEquals(9, validator.signatureChecks(), "a leaf seen before costs none");
    }

    @Test
    @DisplayName("a validator that remembers keeps one link per verified signature, and a new leaf adds one")
    void remembersEachVerifiedLink() throws Exception {
        ChainValidator validator = validator();
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        assertEquals(4, validator.cachedLinkCount(), "regional, zonal, instance CA and leaf");
        validator.validate(newLeaf(1), PKI.cabundle(), AT);
        assertEquals(5, validator.cachedLinkCount());
    }

    @Test
    @DisplayName("a validator told to remember nothing checks every signature of every chain")
    void withoutCachesEveryCheckRuns() throws Exception {
        ChainValidator validator = new ChainValidator(
                List.of(CertificateDecoder.decode(PKI.root().der(), CertificatePosition.PINNED_ANCHOR)), false);
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        validator.validate(newLeaf(1), PKI.cabundle(), AT);
        assertEquals(12, validator.signatureChecks());
        assertEquals(0, validator.cachedLinkCount());
    }

    @Test
    @DisplayName("a forged leaf under real intermediates costs one check, and is refused every time")
    void forgedLeavesCostOneCheck() throws Exception {
        ChainValidator validator = validator();
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        for (int i = 1; i <= 5; i++) {
            byte[] forged = forgedLeaf(i);
            for (int attempt = 0; attempt < 2; attempt++) {
                Rejection rejection = assertThrows(Rejection.class,
                        () -> validator.validate(forged, PKI.cabundle(), AT));
                assertEquals(Fault.UNTRUSTED_CHAIN, rejection.fault());
            }
        }
        assertEquals(4 + 10, validator.signatureChecks(), "a failed check is never remembered");
    }

    @Test
    @DisplayName("a link serves only inside its certificate's validity; every other check still runs")
    void linksExpireWithTheirCertificates() throws Exception {
        ChainValidator validator = validator();
        validator.validate(PKI.leaf().der(), PKI.cabundle(), AT);
        Rejection expired = assertThrows(Rejection.class,
                () -> validator.validate(PKI.leaf().der(), PKI.cabundle(), PKI.chainValidUntil().plusSeconds(1)));
        assertEquals(Fault.CERTIFICATE_EXPIRED, expired.fault());
        LinkCache links = new LinkCache(8);
        byte[] key = {4, 1};
        byte[] certificate = {48, 0};
        links.remember(key, certificate, AT, AT.plusSeconds(60), AT);
        assertTrue(links.verified(key, certificate, AT.plusSeconds(60)));
        assertTrue(!links.verified(key, certificate, AT.plusSeconds(61)), "after the certificate's notAfter");
        assertTrue(!links.verified(key, certificate, AT.minusSeconds(1)), "before its notBefore");
        assertTrue(!links.verified(new byte[] {4, 2}, certificate, AT), "another issuer key");
        assertTrue(!links.verified(key, new byte[] {48, 1}, AT), "other bytes");
    }

    @Test
    @DisplayName("a certificate or issuer key that collides on the hash with a remembered link is not verified")
    void linksThatCollideOnTheHashAreNotEqual() {
        LinkCache links = new LinkCache(8);
        byte[] key = {4, 1};
        // Arrays.hashCode({0, 31}) == Arrays.hashCode({1, 0}): the same bucket, other bytes.
        links.remember(key, new byte[] {0, 31}, AT, AT.plusSeconds(60), AT);
        links.remember(new byte[] {0, 31}, new byte[] {48, 0}, AT, AT.plusSeconds(60), AT);
        assertTrue(links.verified(key, new byte[] {0, 31}, AT));
        assertTrue(!links.verified(key, new byte[] {1, 0}, AT), "another certificate with the same hash");
        assertTrue(!links.verified(new byte[] {1, 0}, new byte[] {48, 0}, AT), "another issuer key with the same hash");
    }

    @Test
    @DisplayName("the cache is bounded, expired links going first")
    void bounded() {
        LinkCache links = new LinkCache(4);
        for (int i = 0; i < 20; i++) {
            links.remember(new byte[] {4}, new byte[] {48, (byte) i}, AT, AT.plusSeconds(i), AT.plusSeconds(10));
            assertTrue(links.size() <= 4, "size " + links.size());
        }
        assertTrue(links.verified(new byte[] {4}, new byte[] {48, 19}, AT), "the newest link is kept");
    }

    @Test
    @DisplayName("threads validating new and forged leaves at once get the verdicts one thread gets")
    void concurrent() throws Exception {
        ChainValidator validator = validator();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    byte[] leaf = n % 2 == 0 ? newLeaf(n % 6) : forgedLeaf(n % 6);
                    try {
                        validator.validate(leaf, PKI.cabundle(), AT);
                        return true;
                    } catch (Rejection e) {
                        return false;
                    }
                }));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                assertEquals(i % 2 == 0, outcomes.get(i).get(), "leaf " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(validator.cachedLinkCount() <= ChainValidator.LINK_CACHE_SIZE);
    }
}
