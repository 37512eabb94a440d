package dev.nitroattest.testkit;

import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.CRL_SIGN;
import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.DIGITAL_SIGNATURE;
import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.KEY_CERT_SIGN;
import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.NON_REPUDIATION;

import dev.nitroattest.testkit.internal.Digests;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A five-certificate chain shaped like AWS's (root, regional CA, zonal CA, instance CA, leaf), with test names and
 * keys derived from a seed. All keys are P-384 and all signatures ecdsa-with-SHA384. The windows nest so that the
 * whole chain is valid exactly while the leaf is: [leafNotBefore, leafNotBefore + 3 hours].
 * <p>For tests only: every private key follows from the seed, which is public.
 */
public final class TestPki {
    /** The leaf's notBefore in {@link #standard()}. */
    public static final Instant STANDARD_LEAF_NOT_BEFORE = Instant.parse("2026-03-02T10:00:00Z");
    /** The seed of {@link #standard()}. */
    public static final String STANDARD_SEED = "nitro-attest standard test PKI";

    private static final String ROOT_DN = "C=US, O=nitro-attest, OU=TEST ONLY, CN=test-root.nitro-enclaves";
    private static final String REGIONAL_DN =
            "C=US, O=nitro-attest, OU=TEST ONLY, CN=0123456789abcdef.us-test-1.test.nitro-enclaves";
    // The zonal CA's RDNs run the other way round, CN first, as in AWS's chains.
    private static final String ZONAL_DN = "CN=fedcba9876543210.zonal.us-test-1.test.nitro-enclaves, "
            + "OU=TEST ONLY, O=nitro-attest, C=US, ST=WA, L=Seattle";
    private static final String INSTANCE_DN = "C=US, ST=Washington, L=Seattle, O=nitro-attest, OU=TEST ONLY, "
            + "CN=i-0123456789abcdef0.us-test-1.test.nitro-enclaves";
    private static final String LEAF_DN = "C=US, ST=Washington, L=Seattle, O=nitro-attest, OU=TEST ONLY, "
            + "CN=i-0123456789abcdef0-enc0123456789abcdef.us-test-1.test";
    static final String MODULE_ID = "i-0123456789abcdef0-enc0123456789abcdef";
    private static final String CRL_BASE = "http://crl.us-test-1.test.nitro-enclaves.invalid/crl/";

    private final IssuedCertificate root;
    private final IssuedCertificate regional;
    private final IssuedCertificate zonal;
    private final IssuedCertificate instanceCa;
    private final IssuedCertificate leaf;

    private TestPki(String seed, Instant leafNotBefore) {
        Instant lnb = leafNotBefore;
        EcKeyPair rootKey = key(seed, "root");
        EcKeyPair regionalKey = key(seed, "regional");
        EcKeyPair zonalKey = key(seed, "zonal");
        EcKeyPair instanceKey = key(seed, "instance");
        EcKeyPair leafKey = key(seed, "leaf");

        root = TestCertificates.issue(CertificateSpec.builder()
                .subject(ROOT_DN)
                .subjectKey(rootKey)
                .serial(serial(seed, "root"))
                .validity(lnb.atOffset(ZoneOffset.UTC).minusYears(5).toInstant(),
                        lnb.atOffset(ZoneOffset.UTC).plusYears(25).toInstant())
                .certificateAuthority(true)
                .keyUsage(true, DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN)
                .subjectKeyIdentifier(true)
                .build());
        regional = TestCertificates.issue(intermediate(seed, "regional", REGIONAL_DN, regionalKey, root, 2)
                .validity(lnb.minus(Duration.ofDays(5)), lnb.plus(Duration.ofDays(15)))
                .build());
        zonal = TestCertificates.issue(intermediate(seed, "zonal", ZONAL_DN, zonalKey, regional, 1)
                .validity(lnb.minus(Duration.ofDays(1)), lnb.plus(Duration.ofDays(5)))
                .build());
        instanceCa = TestCertificates.issue(issuedBy(seed, "instance", INSTANCE_DN, instanceKey, zonal)
                .validity(lnb.minus(Duration.ofHours(2)), lnb.plus(Duration.ofHours(22)))
                .certificateAuthority(0, true)
                .keyUsage(true, KEY_CERT_SIGN)
                .subjectKeyIdentifier(true)
                .authorityKeyIdentifier(true)
                .build());
        leaf = TestCertificates.issue(issuedBy(seed, "leaf", LEAF_DN, leafKey, instanceCa)
                .validity(lnb, lnb.plus(Duration.ofHours(3)))
                .endEntity(true)
                .keyUsage(false, DIGITAL_SIGNATURE, NON_REPUDIATION)
                .build());
    }

    private static final class Standard {
        static final TestPki INSTANCE = new TestPki(STANDARD_SEED, STANDARD_LEAF_NOT_BEFORE);
    }

    /** The PKI of seed {@link #STANDARD_SEED} and leaf notBefore {@link #STANDARD_LEAF_NOT_BEFORE}, built once. */
    public static TestPki standard() {
        return Standard.INSTANCE;
    }

    /**
     * A PKI whose keys and serials follow from the seed, with windows relative to leafNotBefore (whole seconds):
     * root [-5 years, +25 years], regional [-5 days, +15 days], zonal [-1 day, +5 days], instance CA
     * [-2 hours, +22 hours], leaf [0, +3 hours]. Two PKIs of different seeds share every name but no key.
     */
    public static TestPki create(String seed, Instant leafNotBefore) {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(leafNotBefore, "leafNotBefore");
        return new TestPki(seed, leafNotBefore);
    }

    private static CertificateSpec.Builder intermediate(
            String seed, String role, String dn, EcKeyPair key, IssuedCertificate issuer, int pathLen) {
        return issuedBy(seed, role, dn, key, issuer)
                .certificateAuthority(pathLen, true)
                .keyUsage(true, DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN)
                .subjectKeyIdentifier(true)
                .authorityKeyIdentifier(true)
                .crlDistributionPoint(CRL_BASE + role + ".crl");
    }

    private static CertificateSpec.Builder issuedBy(
            String seed, String role, String dn, EcKeyPair key, IssuedCertificate issuer) {
        return CertificateSpec.builder()
                .subject(dn)
                .subjectKey(key)
                .issuer(issuer.subject())
                .issuerKey(issuer.key())
                .serial(serial(seed, role));
    }

    private static EcKeyPair key(String seed, String role) {
        return EcKeyPair.derive(EcCurve.P384, seed + "/" + role);
    }

    // 16 bytes like AWS's serials, positive, derived so that re-running gives the same certificates.
    private static BigInteger serial(String seed, String role) {
        byte[] hash = Digests.hash("SHA-256", (seed + "/serial/" + role).getBytes(StandardCharsets.UTF_8));
        hash[0] &= 0x7f;
        return new BigInteger(1, Arrays.copyOf(hash, 16));
    }

    /** The self-signed root: the only trust anchor a verifier should be given. */
    public IssuedCertificate root() {
        return root;
    }

    /** The regional CA (pathLen 2), issued by the root. */
    public IssuedCertificate regional() {
        return regional;
    }

    /** The zonal CA (pathLen 1), issued by the regional CA. */
    public IssuedCertificate zonal() {
        return zonal;
    }

    /** The instance CA (pathLen 0), issued by the zonal CA. */
    public IssuedCertificate instanceCa() {
        return instanceCa;
    }

    /** The leaf that signs documents, issued by the instance CA. */
    public IssuedCertificate leaf() {
        return leaf;
    }

    /** The DERs of root, regional, zonal and instance CA, in the document's cabundle order (fresh copies). */
    public List<byte[]> cabundle() {
        return List.of(root.der(), regional.der(), zonal.der(), instanceCa.der());
    }

    /** The root in PEM form, as a relying service would configure its trust anchor. */
    public String rootPem() {
        return root.pem();
    }

    /** The latest notBefore in the chain: the first instant at which the whole chain is valid. */
    public Instant chainValidFrom() {
        return chain().map(IssuedCertificate::notBefore).max(Instant::compareTo).orElseThrow();
    }

    /** The earliest notAfter in the chain: the last instant at which the whole chain is valid. */
    public Instant chainValidUntil() {
        return chain().map(IssuedCertificate::notAfter).min(Instant::compareTo).orElseThrow();
    }

    /** The leaf's notBefore plus one hour: the default document timestamp and the time to verify at. */
    public Instant documentTime() {
        return leaf.notBefore().plus(Duration.ofHours(1));
    }

    /** The module_id of documents signed by this PKI's leaf. */
    public String moduleId() {
        return MODULE_ID;
    }

    private Stream<IssuedCertificate> chain() {
        return Stream.of(root, regional, zonal, instanceCa, leaf);
    }
}
