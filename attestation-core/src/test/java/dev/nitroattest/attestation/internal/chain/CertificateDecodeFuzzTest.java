package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.StrictDer;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property: the certificate decoder, on any bytes, returns a decoded certificate or a typed rejection with a sentence,
 * never another exception or a hang; and it accepts or refuses as the Bouncy Castle decoder it replaced did (with the
 * same fields when both accept), or is stricter by a rule {@link CertificateDecoderDifferentialTest#stricterByDesign}
 * names. The reason codes of two refusals are not compared here: a fuzzed input often has several faults, and the
 * decoders meet them in different orders. In the normal build this replays the seed corpus in {@code
 * CertificateDecodeFuzzTestInputs/decode} (the test kit's five certificates); {@code JAZZER_FUZZ=1} fuzzes (see
 * attestation-core/README.md).
 */
class CertificateDecodeFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        try {
            CertificateDecoder.decode(input.clone(), CertificatePosition.LEAF, null);
        } catch (Rejection rejected) {
            assertFalse(rejected.detail().isBlank(), "a rejection without a sentence");
        }
        if (nestsWithinBounds(input)) {
            // Bouncy Castle's parser recurses without a bound, so only inputs the new reader reads fully are compared.
            CertificateDecoderDifferentialTest.assertAlike(input, "the fuzzer's input", false);
        }
    }

    private static boolean nestsWithinBounds(byte[] input) {
        try {
            StrictDer.check(input);
            return true;
        } catch (DerException e) {
            return !e.getMessage().contains("nested");
        }
    }

    /** The seed corpus: the test kit's chain, by file name. */
    static Map<String, byte[]> seeds() {
        TestPki pki = TestPki.standard();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Map<String, IssuedCertificate> chain = new LinkedHashMap<>();
        chain.put("test-kit-root", pki.root());
        chain.put("test-kit-regional", pki.regional());
        chain.put("test-kit-zonal", pki.zonal());
        chain.put("test-kit-instance-ca", pki.instanceCa());
        chain.put("test-kit-leaf", pki.leaf());
        chain.forEach((name, certificate) -> seeds.put(name, certificate.der()));
        return seeds;
    }

    @Test
    @DisplayName("the committed fuzz seeds are the test kit's certificates as it issues them now")
    void seedsAreCurrent() throws IOException {
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            try (InputStream in = CertificateDecodeFuzzTest.class.getResourceAsStream(
                    "CertificateDecodeFuzzTestInputs/decode/" + seed.getKey())) {
                assertArrayEquals(seed.getValue(), in == null ? null : in.readAllBytes(), seed.getKey());
            }
        }
    }
}
