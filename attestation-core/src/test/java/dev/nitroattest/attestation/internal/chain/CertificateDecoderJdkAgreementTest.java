package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An attacker's view of the decoder: every certificate of the corpus changed field by field with its lengths kept
 * right (so the change reaches the structure and the values, not only the length check), from fixed seeds. Whatever
 * the change, the decoder returns a decoding or a typed rejection; and whatever it accepts, the JDK's own X.509
 * parser reads the same way: the signed span (the TBSCertificate as received), the issuer and subject as exact DER,
 * the key, the validity, basicConstraints and keyUsage, and the signature's r and s. Two readings of one byte string,
 * one by the validator and one by everyone else, are what a forged chain would live in.
 */
@DisplayName("What the decoder accepts, the JDK reads the same way (seeded structural mutations)")
class CertificateDecoderJdkAgreementTest {
    private static final long SEED = 0x7276_3200L;
    private static final int MUTANTS_PER_CERTIFICATE = 400;

    @Test
    @DisplayName("the corpus's certificates, unchanged, read as the JDK reads them")
    void corpusAgrees() throws Exception {
        for (Map.Entry<String, byte[]> certificate : CertificateCorpus.certificates().entrySet()) {
            DecodedCertificate decoded = CertificateDecoder.decode(certificate.getValue().clone(),
                    CertificatePosition.inBundle(1));
            assertSameReading(certificate.getValue(), decoded, jdkParse(certificate.getValue()), certificate.getKey());
        }
    }

    @Test
    @DisplayName("mutants: a decoding or a typed rejection, and every decoding read as the JDK reads it")
    void mutantsAgree() throws Exception {
        Random random = new Random(SEED);
        int accepted = 0;
        int jdkRefusedAccepted = 0;
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, byte[]> certificate : CertificateCorpus.certificates().entrySet()) {
            for (int i = 0; i < MUTANTS_PER_CERTIFICATE; i++) {
                byte[] mutant = StructuralMutation.apply(DerTree.parse(certificate.getValue()), random);
                String where = certificate.getKey() + " mutant " + i + " " + HexFormat.of().formatHex(mutant);
                DecodedCertificate decoded;
                try {
                    decoded = CertificateDecoder.decode(mutant.clone(), CertificatePosition.inBundle(1));
                } catch (Rejection rejected) {
                    assertTrue(!rejected.detail().isBlank(), where);
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("not a typed rejection: " + where, e);
                }
                accepted++;
                X509Certificate jdk;
                try {
                    jdk = jdkParse(mutant);
                } catch (CertificateException e) {
                    jdkRefusedAccepted++;
                    disagreements.add("JDK refuses what the decoder accepts (" + e.getMessage() + "): " + where);
                    continue;
                }
                try {
                    assertSameReading(mutant, decoded, jdk, where);
                } catch (AssertionError e) {
                    disagreements.add(e.getMessage());
                }
            }
        }
        assertTrue(accepted > 100, "too few mutants accepted to compare anything: " + accepted);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " disagreements (" + jdkRefusedAccepted + " JDK refusals) of " + accepted
                    + " accepted, first:\n" + String.join("\n", disagreements.subList(0,
                    Math.min(5, disagreements.size()))));
        }
    }

    static X509Certificate jdkParse(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static void assertSameReading(byte[] der, DecodedCertificate decoded, X509Certificate jdk, String where)
            throws CertificateException, NoSuchAlgorithmException {
        assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(jdk.getTBSCertificate()), decoded.tbsDigest(),
                "signed span: " + where);
        assertArrayEquals(jdk.getSubjectX500Principal().getEncoded(), decoded.subjectDer(), "subject: " + where);
        assertArrayEquals(jdk.getIssuerX500Principal().getEncoded(), decoded.issuerDer(), "issuer: " + where);
        assertEquals(jdk.getNotBefore().toInstant(), decoded.notBefore(), "notBefore: " + where);
        assertEquals(jdk.getNotAfter().toInstant(), decoded.notAfter(), "notAfter: " + where);
        assertEquals(jdk.getSerialNumber(), decoded.info().serialNumber(), "serial: " + where);
        ECPublicKey key = (ECPublicKey) jdk.getPublicKey();
        assertArrayEquals(uncompressed(key), decoded.publicKey().encoded(), "key: " + where);
        int jdkPathLength = jdk.getBasicConstraints();
        assertEquals(jdkPathLength >= 0, decoded.isCa(), "cA: " + where);
        if (decoded.isCa()) {
            assertEquals(jdkPathLength, decoded.pathLength() < 0 ? Integer.MAX_VALUE : decoded.pathLength(),
                    "pathLen: " + where);
        }
        assertEquals(jdk.getCriticalExtensionOIDs() != null && jdk.getCriticalExtensionOIDs().contains("2.5.29.19"),
                decoded.basicConstraintsCritical(), "basicConstraints critical: " + where);
        boolean[] usage = jdk.getKeyUsage();
        assertEquals(usage == null, decoded.keyUsage() == -1, "keyUsage present: " + where);
        if (usage != null) {
            assertEquals(usage[0], decoded.hasKeyUsage(KeyUsageBit.DIGITAL_SIGNATURE), "digitalSignature: " + where);
            assertEquals(usage.length > 5 && usage[5], decoded.hasKeyUsage(KeyUsageBit.KEY_CERT_SIGN),
                    "keyCertSign: " + where);
        }
        BigInteger[] signature = DerEcdsaSignature.components(jdk.getSignature());
        assertEquals(signature[0], decoded.signatureR(), "r: " + where);
        assertEquals(signature[1], decoded.signatureS(), "s: " + where);
        assertEquals("1.2.840.10045.4.3.3", jdk.getSigAlgOID(), "signature algorithm: " + where);
        assertArrayEquals(der, decoded.info().der(), "bytes kept: " + where);
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[97];
        point[0] = 4;
        copyFixed(key.getW().getAffineX(), point, 1);
        copyFixed(key.getW().getAffineY(), point, 49);
        return point;
    }

    private static void copyFixed(BigInteger value, byte[] into, int at) {
        byte[] bytes = value.toByteArray();
        int from = Math.max(0, bytes.length - 48);
        System.arraycopy(bytes, from, into, at + 48 - (bytes.length - from), bytes.length - from);
    }

    /** Changes to one element of a DER tree, after which every enclosing length is encoded afresh. */
    static final class StructuralMutation {
        private static final int[] TAGS = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x14, 0x16, 0x17, 0x18,
            0x1e, 0x1c, 0x30, 0x31, 0x80, 0x81, 0x82, 0xa0, 0xa1, 0xa3, 0x40, 0xc0};
        private static final String[] INTERESTING = {"00", "01", "ff", "7f", "80", "0080", "00ff", "ff7f", "ffff",
            "2b8104000a", "2b81040022", "2a8648ce3d040303", "2a8648ce3d0201", "551d13", "551d0f", "551d11",
            "3236303330323130303030305a", "3439313233313233353935395a", "323035303031303130303030305a",
            "3139343931323331323335393539", "000000", "0101ff", "3003010100", "30030101ff", "3006010100020100",
            "03020204", "03020780", "0303070600", "0500"};

        private StructuralMutation() {
        }

        static byte[] apply(DerTree root, Random random) {
            int changes = 1 + random.nextInt(2);
            for (int i = 0; i < changes; i++) {
                List<DerTree[]> nodes = new ArrayList<>();
                collect(root, null, nodes);
                DerTree[] pick = nodes.get(random.nextInt(nodes.size()));
                mutate(pick[0], pick[1], random);
            }
            return root.encode();
        }

        private static void collect(DerTree node, DerTree parent, List<DerTree[]> into) {
            into.add(new DerTree[] {node, parent});
            if (node.children != null) {
                for (DerTree child : node.children) {
                    collect(child, node, into);
                }
            }
        }

        private static void mutate(DerTree node, DerTree parent, Random random) {
            int kind = random.nextInt(8);
            if (node.children == null && kind < 3) {
                byte[] content = node.content;
                switch (kind) {
                    case 0 -> {
                        if (content.length > 0) {
                            content[random.nextInt(content.length)] ^= (byte) (1 << random.nextInt(8));
                        }
                    }
                    case 1 -> replace(parent, node, DerTree.primitive(node.tag, randomHex(random)));
                    default -> replace(parent, node, DerTree.primitive(node.tag,
                            INTERESTING[random.nextInt(INTERESTING.length)]));
                }
                return;
            }
            if (parent == null) {
                return;
            }
            switch (kind) {
                case 3 -> parent.children.remove(node);
                case 4 -> parent.children.add(parent.children.indexOf(node), node);
                case 5 -> {
                    int a = parent.children.indexOf(node);
                    int b = random.nextInt(parent.children.size());
                    parent.children.set(a, parent.children.get(b));
                    parent.children.set(b, node);
                }
                case 6 -> replace(parent, node, retagged(node, TAGS[random.nextInt(TAGS.length)]));
                default -> parent.children.add(random.nextInt(parent.children.size() + 1),
                        DerTree.primitive(TAGS[random.nextInt(TAGS.length)] & ~0x20,
                                INTERESTING[random.nextInt(INTERESTING.length)]));
            }
        }

        private static DerTree retagged(DerTree node, int tag) {
            if (node.children == null) {
                return DerTree.primitive(tag & ~0x20, HexFormat.of().formatHex(node.content));
            }
            return DerTree.constructed(tag | 0x20, node.children.toArray(DerTree[]::new));
        }

        private static void replace(DerTree parent, DerTree node, DerTree by) {
            if (parent != null) {
                parent.children.set(parent.children.indexOf(node), by);
            }
        }

        private static String randomHex(Random random) {
            byte[] bytes = new byte[random.nextInt(6) == 0 ? random.nextInt(200) : random.nextInt(8)];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
