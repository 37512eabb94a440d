package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.Forgeries;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fuzz targets' seed corpus: documents of the test kit (never third-party data), committed under
 * src/test/resources so that the regression run replays them. The test below keeps them identical to what
 * the kit builds now.
 */
class FuzzSeeds {
    /** The seed documents by file name: genuine variants, and a few forgeries to start the fuzzer off. */
    static Map<String, byte[]> documents() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("nsm-2024-definite", Fixtures.document().build());
        seeds.put("nsm-2026-indefinite", Fixtures.document().indefiniteLengths(true).build());
        seeds.put("tagged-17-pcrs", Fixtures.document().tagged(true).pcrCount(17).build());
        seeds.put("optional-fields-1024", Fixtures.document().nonce(new byte[1024]).userData(new byte[1024])
                .publicKey(new byte[1024]).build());
        seeds.put("debug-enclave", Fixtures.document().debugMode().build());
        seeds.put("nitrotpm", Fixtures.document().nitroTpm().build());
        seeds.put("unknown-field", Fixtures.document().extraField("x", new byte[] {(byte) 0x82, 0x01, 0x02}).build());
        seeds.put("forged-anchor-in-bundle", Forgeries.selfSignedAnchorInBundle(Fixtures.PKI).bytes());
        seeds.put("forged-leaf-never-chained", Forgeries.leafNeverChained(Fixtures.PKI).bytes());
        return seeds;
    }

    static Set<Bytes> signedPayloads() {
        Set<Bytes> payloads = new HashSet<>();
        for (byte[] document : documents().values()) {
            try {
                payloads.add(AttestationDocument.parse(document).payload());
            } catch (DocumentRejectedException e) {
                throw new AssertionError(e);
            }
        }
        return payloads;
    }

    @Test
    @DisplayName("the committed fuzz seeds are what the test kit builds")
    void seedsAreCurrent() throws IOException {
        for (String target : new String[] {"ParseFuzzTestInputs/parse/", "VerifyFuzzTestInputs/verify/"}) {
            for (Map.Entry<String, byte[]> seed : documents().entrySet()) {
                try (InputStream in = FuzzSeeds.class.getResourceAsStream(target + seed.getKey())) {
                    assertArrayEquals(seed.getValue(), in == null ? null : in.readAllBytes(), target + seed.getKey());
                }
            }
        }
    }
}
