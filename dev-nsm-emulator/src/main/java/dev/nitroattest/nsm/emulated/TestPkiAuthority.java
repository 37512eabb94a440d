package dev.nitroattest.nsm.emulated;

import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestPki;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Signs with the test kit's AWS-shaped PKI. The root is made once and kept; the regional, zonal and instance CAs and
 * the 3-hour leaf are issued again (under the same root key and names) before the leaf expires, so documents verify
 * at the present time for as long as the emulator runs.
 */
public final class TestPkiAuthority implements EmulatedAuthority {
    /** Leaves start a little in the past so that a verifier whose clock is slightly behind still accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    /** A leaf is replaced this long before it expires, so that a document is never signed by a dying leaf. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(30);

    private final String seed;
    private final IssuedCertificate root;
    private SigningCredentials current;

    TestPkiAuthority(String seed) {
        this.seed = Objects.requireNonNull(seed, "seed");
        this.root = TestPki.create(seed, leafNotBefore(Instant.now())).root();
    }

    static TestPkiAuthority withRandomSeed() {
        byte[] seed = new byte[16];
        new SecureRandom().nextBytes(seed);
        return new TestPkiAuthority("emulated NSM " + HexFormat.of().formatHex(seed));
    }

    @Override
    public byte[] rootCertificateDer() {
        return root.der();
    }

    @Override
    public String rootCertificatePem() {
        return root.pem();
    }

    @Override
    public synchronized SigningCredentials credentialsAt(Instant now) {
        if (current == null || now.isBefore(current.leafNotBefore())
                || !now.isBefore(current.leafNotAfter().minus(RENEW_BEFORE_EXPIRY))) {
            current = issue(now);
        }
        return current;
    }

    private SigningCredentials issue(Instant now) {
        // The same seed gives the same keys and names, so the new CAs chain to the root made at the start.
        TestPki pki = TestPki.create(seed, leafNotBefore(now));
        return new SigningCredentials(pki.leaf().key(), pki.leaf().der(),
                List.of(root.der(), pki.regional().der(), pki.zonal().der(), pki.instanceCa().der()),
                pki.leaf().notBefore(), pki.leaf().notAfter());
    }

    private static Instant leafNotBefore(Instant now) {
        return now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
    }
}
