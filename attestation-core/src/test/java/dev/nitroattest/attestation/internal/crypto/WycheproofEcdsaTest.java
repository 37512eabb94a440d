package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nitroattest.attestation.internal.chain.DerEcdsaSignature;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Project Wycheproof's ECDSA P-384/SHA-384 vectors (test resources, folder wycheproof, with their licence) against the
 * project's own ECDSA: every "valid" case verifies and every "invalid" one is refused, on both paths of
 * {@link P384PublicKey} (a key used once, and a key verifying with its precomputed tables), for raw r‖s signatures as
 * COSE carries them and for DER signatures as certificates carry them (decoded by {@link DerEcdsaSignature}, the
 * certificate path's decoder). The two files hold no "acceptable" case; a copy that brings one fails here until it
 * is decided and documented in docs/verification.md.
 */
@DisplayName("Wycheproof ECDSA P-384/SHA-384")
class WycheproofEcdsaTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Each of r and s in COSE's raw form: the size of a P-384 field element. */
    private static final int COMPONENT_BYTES = 48;

    record Vector(int id, String comment, byte[] message, byte[] signature, String result) {
    }

    record Group(byte[] publicKey, List<Vector> tests) {
    }

    @Test
    @DisplayName("raw r||s (COSE): 280 cases, valid ones verify and invalid ones are refused on both key paths")
    void p1363() throws Exception {
        List<Group> groups = read("ecdsa_secp384r1_sha384_p1363_test.json");
        Map<String, Integer> counts = check(groups, WycheproofEcdsaTest::rawComponents);
        assertEquals(Map.of("valid", 193, "invalid", 87), counts);
    }

    @Test
    @DisplayName("DER (certificates): 504 cases, valid ones verify and invalid ones are refused on both key paths")
    void der() throws Exception {
        List<Group> groups = read("ecdsa_secp384r1_sha384_test.json");
        Map<String, Integer> counts = check(groups, DerEcdsaSignature::components);
        assertEquals(Map.of("valid", 194, "invalid", 310), counts);
    }

    /** COSE's fixed-length r‖s: exactly 96 bytes, as CoseSign1Decoder requires. */
    private static BigInteger[] rawComponents(byte[] signature) {
        if (signature.length != 2 * COMPONENT_BYTES) {
            throw new IllegalArgumentException("not 96 bytes");
        }
        return new BigInteger[] {new BigInteger(1, signature, 0, COMPONENT_BYTES),
            new BigInteger(1, signature, COMPONENT_BYTES, COMPONENT_BYTES)};
    }

    private interface Decoder {
        BigInteger[] components(byte[] signature);
    }

    private static Map<String, Integer> check(List<Group> groups, Decoder decoder) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (Group group : groups) {
            P384PublicKey reused = P384PublicKey.fromEncodedPoint(group.publicKey());
            for (int i = 0; i < 3 && !reused.hasSplitTables(); i++) {
                reused.verifyDigest(new byte[48], BigInteger.ONE, BigInteger.ONE);
            }
            assertTrue(reused.hasSplitTables(), "the reused key verifies with its tables");
            for (Vector test : group.tests()) {
                counts.merge(test.result(), 1, Integer::sum);
                byte[] digest = MessageDigest.getInstance("SHA-384").digest(test.message());
                boolean once = verifies(P384PublicKey.fromEncodedPoint(group.publicKey()), decoder, test, digest);
                boolean withTables = verifies(reused, decoder, test, digest);
                String name = "tcId " + test.id() + " (" + test.comment() + ")";
                switch (test.result()) {
                    case "valid" -> {
                        assertTrue(once, name + ": a valid signature must verify with a key used once");
                        assertTrue(withTables, name + ": a valid signature must verify with a key's tables");
                    }
                    case "invalid" -> {
                        assertTrue(!once, name + ": an invalid signature must be refused with a key used once");
                        assertTrue(!withTables, name + ": an invalid signature must be refused with a key's tables");
                    }
                    default -> fail(name + " is '" + test.result() + "': decide it and document the decision");
                }
            }
        }
        return counts;
    }

    /** False when the decoder refuses the signature or the verification fails; any other exception fails the test. */
    private static boolean verifies(P384PublicKey key, Decoder decoder, Vector test, byte[] digest) {
        BigInteger[] rs;
        try {
            rs = decoder.components(test.signature());
        } catch (IllegalArgumentException refused) {
            return false;
        }
        return key.verifyDigest(digest, rs[0], rs[1]);
    }

    private static List<Group> read(String file) throws IOException {
        try (InputStream in = WycheproofEcdsaTest.class.getResourceAsStream("/wycheproof/" + file);
                JsonParser parser = new JsonFactory().createParser(in)) {
            List<Group> groups = new ArrayList<>();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("testGroups")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        groups.add(readGroup(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return groups;
        }
    }

    private static Group readGroup(JsonParser parser) throws IOException {
        byte[] publicKey = null;
        List<Vector> tests = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("publicKey")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("uncompressed")) {
                        publicKey = HEX.parseHex(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (field.equals("tests")) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    tests.add(readVector(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
        if (publicKey == null || tests.isEmpty()) {
            throw new IOException("a test group without a public key or tests");
        }
        return new Group(publicKey, tests);
    }

    private static Vector readVector(JsonParser parser) throws IOException {
        int id = -1;
        String comment = "";
        byte[] message = null;
        byte[] signature = null;
        String result = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "tcId" -> id = parser.getIntValue();
                case "comment" -> comment = parser.getText();
                case "msg" -> message = HEX.parseHex(parser.getText());
                case "sig" -> signature = HEX.parseHex(parser.getText());
                case "result" -> result = parser.getText();
                default -> parser.skipChildren();
            }
        }
        if (id < 0 || message == null || signature == null || result == null) {
            throw new IOException("an incomplete test case after tcId " + id);
        }
        return new Vector(id, comment, message, signature, result);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
