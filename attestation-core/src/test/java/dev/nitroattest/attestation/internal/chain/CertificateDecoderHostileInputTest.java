package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.testkit.TestPki;
import dev.nitroattest.text.PrintableText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Certificates an attacker writes to break the decoder rather than to pass it: lengths near and past int's range in
 * every element of a certificate, nesting far deeper than any parser's stack, and names built to forge or garble the
 * rejection sentences that quote them. Each ends in a typed rejection with a one-line, printable, bounded sentence.
 */
@DisplayName("Hostile certificates end in a typed rejection with a printable, bounded sentence")
class CertificateDecoderHostileInputTest {
    private static final int TBS = 0;
    private static final int ISSUER = 3;
    private static final int SUBJECT = 5;
    private static final int SPKI = 6;
    /** A label's subject is cut at 256 characters; the rest of any sentence is the decoder's own words. */
    private static final int MAX_DETAIL = 256 + 400;
    private static final String[] HOSTILE_LENGTHS = {"847fffffff", "84ffffffff", "8480000000", "8400ffffff",
        "8880000000000000ff", "88ffffffffffffffff", "85ffffffffff", "80", "8100", "817f", "82007f", "83ffffff", "ff"};

    @Test
    @DisplayName("every element's length replaced by lengths of 4 to 8 bytes, near 2^31 or 2^32, indefinite or BER")
    void hostileLengthsInEveryElement() {
        byte[] der = TestPki.standard().leaf().der();
        List<Integer> lengthOffsets = new ArrayList<>();
        collectLengthOffsets(der, 0, der.length, lengthOffsets);
        assertTrue(lengthOffsets.size() > 40, "the leaf's elements: " + lengthOffsets.size());
        for (int offset : lengthOffsets) {
            int lengthBytes = (der[offset] & 0x80) == 0 ? 1 : 1 + (der[offset] & 0x7f);
            for (String hostile : HOSTILE_LENGTHS) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(der, 0, offset);
                out.writeBytes(HexFormat.of().parseHex(hostile));
                out.write(der, offset + lengthBytes, der.length - offset - lengthBytes);
                assertTypedRejection(out.toByteArray(), "length " + hostile + " at " + offset);
                assertPointOrIllegalArgument(out.toByteArray(), "length " + hostile + " at " + offset);
            }
        }
    }

    @Test
    @DisplayName("a few bytes claiming gigabytes, or a length of more bytes than exist, are refused at once")
    void hugeClaimsOnSmallInput() {
        for (String hex : new String[] {"30847fffffff", "3084ffffffff30", "3088ffffffffffffffff", "3080", "30",
            "3081", "308180", "30847fffffff02847fffffff", "", "00", "1f8101", "3f00"}) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertTypedRejection(bytes, hex);
            assertPointOrIllegalArgument(bytes, hex);
            assertThrows(DerException.class, () -> DerReader.of(bytes).next(), hex);
        }
    }

    @Test
    @DisplayName("nesting 300,000 deep as the certificate, and 10,000 deep inside an extension and the signature")
    void deepNesting() {
        assertTypedRejection(nested(300_000, new byte[0]), "the certificate nested");
        byte[] deep = nested(10_000, HexFormat.of().parseHex("020101"));
        DerTree inExtension = DerTree.parse(TestPki.standard().root().der());
        // The root's extensions: basicConstraints first; its extnValue is the last element of the extension.
        DerTree basicConstraints = inExtension.at(TBS, 7, 0, 0);
        assertEquals("551d13", HexFormat.of().formatHex(basicConstraints.at(0).content));
        basicConstraints.children.set(basicConstraints.children.size() - 1,
                DerTree.primitive(DerReader.OCTET_STRING, HexFormat.of().formatHex(deep)));
        assertTypedRejection(inExtension.encode(), "basicConstraints nested");
        DerTree inSignature = DerTree.parse(TestPki.standard().leaf().der());
        inSignature.children.set(2, DerTree.primitive(DerReader.BIT_STRING, "00" + HexFormat.of().formatHex(deep)));
        assertTypedRejection(inSignature.encode(), "signature nested");
    }

    @Test
    @DisplayName("a subject of every string type with controls, bidi overrides, C1 bytes and 900 characters is quoted "
            + "escaped and cut")
    void hostileSubjectInRejection() throws Exception {
        String forged = "\n[VERIFIED] ok\r\u001b[2J\u202eevil\u2028\u200b\u0085";
        List<String> values = new ArrayList<>();
        values.add(attribute("0c", forged.getBytes(StandardCharsets.UTF_8)));
        values.add(attribute("13", "a\nb\u0000c".getBytes(StandardCharsets.ISO_8859_1)));
        values.add(attribute("14", HexFormat.of().parseHex("1b5b3231309b3232")));
        values.add(attribute("16", "\r\nVERIFIED".getBytes(StandardCharsets.US_ASCII)));
        values.add(attribute("1e", "\u202e\ud800x\n".getBytes(StandardCharsets.UTF_16BE)));
        values.add(attribute("1c", HexFormat.of().parseHex("0000202e0000000a")));
        values.add(attribute("1a", "x".repeat(200).getBytes(StandardCharsets.US_ASCII)));
        values.add(attribute("0c", "\u05d0".repeat(300).getBytes(StandardCharsets.UTF_8)));
        DerTree certificate = DerTree.parse(TestPki.standard().leaf().der());
        DerTree subject = certificate.at(TBS, SUBJECT);
        for (String value : values) {
            subject.children.add(DerTree.of(wrapped("31", value)));
        }
        // A P-256 key: refused after the subject has become the label.
        DerTree keyAlgorithm = certificate.at(TBS, SPKI, 0);
        keyAlgorithm.children.set(1, DerTree.of("06082a8648ce3d030107"));
        Rejection rejected = assertThrows(Rejection.class,
                () -> CertificateDecoder.decode(certificate.encode(), CertificatePosition.LEAF));
        assertEquals(Fault.UNSUPPORTED_ALGORITHM, rejected.fault(), rejected.detail());
        assertTrue(rejected.detail().contains("\\n[VERIFIED] ok\\r\\x1b[2J\\u202eevil"), rejected.detail());
        assertPrintableAndBounded(rejected.detail());
    }

    @Test
    @DisplayName("a leaf naming a hostile issuer is refused with that issuer quoted escaped and cut")
    void hostileIssuerInChainRejection() throws Exception {
        TestPki pki = TestPki.standard();
        DerTree leaf = DerTree.parse(pki.leaf().der());
        String relativeName = wrapped("31", attribute("0c",
                ("\n\u202e" + "\u0000".repeat(598)).getBytes(StandardCharsets.UTF_8)));
        leaf.at(TBS).children.set(ISSUER, DerTree.of(wrapped("30", relativeName)));
        ChainValidator validator = new ChainValidator(
                List.of(CertificateDecoder.decode(pki.root().der(), CertificatePosition.PINNED_ANCHOR)), false);
        Rejection rejected = assertThrows(Rejection.class,
                () -> validator.validate(leaf.encode(), pki.cabundle(), pki.documentTime()));
        assertEquals(Fault.UNTRUSTED_CHAIN, rejected.fault(), rejected.detail());
        assertTrue(rejected.detail().contains("names the issuer CN=\\n\\u202e\\x00"), rejected.detail());
        assertPrintableAndBounded(rejected.detail());
    }

    @Test
    @DisplayName("object identifiers of 900 bytes (some 2,000 digits) quoted in a rejection are cut like names")
    void longIdentifiersInRejection() {
        String longArc = "ff".repeat(899) + "7f";
        DerTree criticalUnknown = DerTree.parse(TestPki.standard().leaf().der());
        criticalUnknown.at(TBS, 7, 0).children.add(DerTree.of(wrapped("30", wrapped("06", "551d" + longArc)
                + "0101ff" + "0400")));
        DerTree unknownWrittenFalse = DerTree.parse(TestPki.standard().leaf().der());
        unknownWrittenFalse.at(TBS, 7, 0).children.add(DerTree.of(wrapped("30", wrapped("06", "551d" + longArc)
                + "010100" + "0400")));
        DerTree signedWithUnknown = DerTree.parse(TestPki.standard().leaf().der());
        signedWithUnknown.children.set(1, DerTree.of(wrapped("30", wrapped("06", "2a" + longArc))));
        DerTree keyOfUnknownType = DerTree.parse(TestPki.standard().leaf().der());
        keyOfUnknownType.at(TBS, SPKI, 0).children.set(0, DerTree.of(wrapped("06", "2a" + longArc)));
        for (DerTree certificate : List.of(criticalUnknown, unknownWrittenFalse, signedWithUnknown,
                keyOfUnknownType)) {
            Rejection rejected = assertThrows(Rejection.class,
                    () -> CertificateDecoder.decode(certificate.encode(), CertificatePosition.LEAF));
            assertTrue(rejected.detail().contains("..."), rejected.detail());
            assertPrintableAndBounded(rejected.detail());
        }
    }

    private static void assertPrintableAndBounded(String detail) {
        assertTrue(detail.length() <= MAX_DETAIL, detail.length() + ": " + detail);
        detail.codePoints().forEach(c -> assertTrue(!PrintableText.isNonPrintable(c),
                "U+" + Integer.toHexString(c) + " in " + detail));
    }

    /** {@code SEQUENCE { CN, value }} of a string type, as hex. */
    private static String attribute(String tag, byte[] value) {
        String inner = "0603550403" + tag + lengthHex(value.length) + HexFormat.of().formatHex(value);
        return "30" + lengthHex(inner.length() / 2) + inner;
    }

    private static String wrapped(String tag, String contentHex) {
        return tag + lengthHex(contentHex.length() / 2) + contentHex;
    }

    private static String lengthHex(int length) {
        if (length < 0x80) {
            return String.format("%02x", length);
        }
        if (length < 0x100) {
            return String.format("81%02x", length);
        }
        return length < 0x10000 ? String.format("82%04x", length) : String.format("83%06x", length);
    }

    /** {@code depth} SEQUENCEs around {@code innermost}, each length in DER, written outside in. */
    private static byte[] nested(int depth, byte[] innermost) {
        int[] contentLengths = new int[depth];
        int length = innermost.length;
        for (int level = depth - 1; level >= 0; level--) {
            contentLengths[level] = length;
            length += 1 + lengthHex(length).length() / 2;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int level = 0; level < depth; level++) {
            out.write(0x30);
            out.writeBytes(HexFormat.of().parseHex(lengthHex(contentLengths[level])));
        }
        out.writeBytes(innermost);
        return out.toByteArray();
    }

    private static void collectLengthOffsets(byte[] der, int start, int end, List<Integer> into) {
        DerReader reader = DerReader.of(java.util.Arrays.copyOfRange(der, start, end));
        try {
            while (!reader.atEnd()) {
                Element element = reader.next();
                into.add(start + element.start() + 1);
                if (element.isConstructed()) {
                    collectLengthOffsets(der, start + element.contentStart(), start + element.end(), into);
                }
            }
        } catch (DerException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code Es384PublicKey.of} reads a {@code CertificateInfo}'s DER, a public record anyone can build, with the
     * layout alone: it too ends in its one documented exception.
     */
    private static void assertPointOrIllegalArgument(byte[] der, String what) {
        try {
            CertificateDecoder.publicKeyPoint(der);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().startsWith("not an X.509 certificate"), what);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("not an IllegalArgumentException: " + what, e);
        }
    }

    private static void assertTypedRejection(byte[] der, String what) {
        try {
            CertificateDecoder.decode(der, CertificatePosition.inBundle(1));
            throw new AssertionError("accepted: " + what);
        } catch (Rejection rejected) {
            assertTrue(!rejected.detail().isBlank(), what);
            assertPrintableAndBounded(rejected.detail());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("not a typed rejection: " + what, e);
        }
    }
}
