package dev.nitroattest.kms.emulated;

import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.secrets.RecipientKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;

/** An emulated enclave for the tests: an NSM with fixed PCR0, 1, 2 and a recipient key. */
final class Enclave implements AutoCloseable {
    /** One key for all tests: RSA key generation is slow, and nothing here needs two. */
    static final RecipientKey KEY = RecipientKey.generate();
    /** One signer for the tests' enclaves, as one AWS root signs every enclave's documents. */
    static final EmulatedAuthority AUTHORITY = EmulatedAuthority.freshTestPki();

    private final EmulatedNsm nsm;
    private final NsmClient client;
    private final byte[][] pcrs = new byte[3][];

    Enclave(int measurementSeed, Clock clock) throws Exception {
        this(measurementSeed, clock, AUTHORITY);
    }

    /** An enclave whose documents chain to another root than the others'. */
    static Enclave underAnotherRoot() throws Exception {
        return new Enclave(1, Clock.systemUTC(), EmulatedAuthority.freshTestPki());
    }

    private Enclave(int measurementSeed, Clock clock, EmulatedAuthority authority) throws Exception {
        EmulatedNsm.Builder builder = EmulatedNsm.builder().clock(clock).authority(authority);
        for (int index = 0; index < 3 && measurementSeed >= 0; index++) {
            pcrs[index] = new byte[48];
            Arrays.fill(pcrs[index], (byte) (measurementSeed * 16 + index + 1));
            builder.pcr(index, pcrs[index]);
        }
        this.nsm = builder.build();
        this.client = new NsmClient(nsm);
    }

    Enclave(int measurementSeed) throws Exception {
        this(measurementSeed, Clock.systemUTC());
    }

    /** A debug-mode enclave: PCR0, 1 and 2 are zero. */
    static Enclave debug() throws Exception {
        return new Enclave(-1, Clock.systemUTC());
    }

    String pcrHex(int index) {
        return HexFormat.of().formatHex(pcrs[index]);
    }

    String rootPem() {
        return nsm.rootCertificatePem();
    }

    TrustAnchor root() {
        return TrustAnchor.fromPem(nsm.rootCertificatePem());
    }

    /** A document carrying the shared recipient key. */
    byte[] document() throws Exception {
        return document(KEY.publicKey().toByteArray());
    }

    byte[] documentWithoutKey() throws Exception {
        return client.attestation(NsmRequest.Attestation.of(null, null, null)).toByteArray();
    }

    byte[] document(byte[] publicKey) throws Exception {
        return client.attestation(NsmRequest.Attestation.of(null, null, publicKey)).toByteArray();
    }

    @Override
    public void close() {
        client.close();
    }
}
