package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.der.StrictDer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder on the project's own DER reader against the one it replaced ({@link LegacyCertificateDecoder}, Bouncy
 * Castle's parser with its DER re-encoding check), on thousands of mutations of real and test-kit certificates:
 * byte changes, length edits, tag changes, truncations, insertions and deletions, each from a fixed seed. Both must
 * accept or both refuse; when both accept, every decoded field is the same; when both refuse, the fault is the same.
 * Where the new decoder refuses what the old one accepted, it is stricter by design, and {@link #stricterByDesign}
 * must name the rule and say why; the old one accepting what the new one refuses in any other way, or the new one
 * accepting anything the old one refused, fails the test.
 */
@DisplayName("The own DER reader decides mutated certificates as Bouncy Castle's strict check did")
class CertificateDecoderDifferentialTest {
    private static final int MUTATIONS_PER_KIND = 60;
    private static final CertificatePosition POSITION = CertificatePosition.inBundle(1);
    private static final LongAdder BOTH_ACCEPTED = new LongAdder();
    private static final LongAdder BOTH_REFUSED = new LongAdder();
    private static final Map<String, Integer> STRICTER = new ConcurrentSkipListMap<>();
    private static final Map<String, Integer> OTHER_FAULT = new ConcurrentSkipListMap<>();

    /** How the bytes are changed. */
    enum Mutation {
        BYTE_CHANGED, BIT_FLIPPED, LENGTH_EDITED, LENGTH_IN_BER, TAG_CHANGED, TRUNCATED, BYTE_INSERTED, BYTE_DELETED
    }

    static Stream<Arguments> certificatesAndMutations() {
        List<Arguments> cases = new ArrayList<>();
        for (Map.Entry<String, byte[]> certificate : CertificateCorpus.certificates().entrySet()) {
            for (Mutation mutation : Mutation.values()) {
                cases.add(Arguments.of(certificate.getKey(), certificate.getValue(), mutation));
            }
        }
        return cases.stream();
    }

    @Test
    @DisplayName("the corpus holds the real documents' distinct certificates and the test kit's five")
    void corpusIsWhole() {
        assertTrue(CertificateCorpus.certificates().size() >= 5 + 20, "" + CertificateCorpus.certificates().size());
    }

    @Tag("sweep")
    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("certificatesAndMutations")
    @DisplayName("unmutated and mutated, both decoders decide alike (or the new one is stricter by design)")
    void decidesAlike(String name, byte[] der, Mutation mutation) {
        assertAlike(der, "the certificate itself");
        Random random = new Random(name.hashCode() * 31L + mutation.ordinal());
        List<Element> elements = elements(der);
        for (int i = 0; i < MUTATIONS_PER_KIND; i++) {
            byte[] mutated = mutate(der, elements, mutation, random);
            assertAlike(mutated, mutation + " #" + i);
        }
    }

    /** Asserts that the two decoders decide the bytes alike, refusals with the same code; returns whether accepted. */
    static boolean assertAlike(byte[] der, String what) {
        return assertAlike(der, what, true);
    }

    /**
     * Asserts that the two decoders decide the bytes alike, and returns whether they were accepted.
     *
     * @param sameFault whether two refusals must have the same reason code (or differ by design); the fuzz target's
     *     inputs often have several faults, and which one a decoder meets first depends on the order of its checks
     */
    static boolean assertAlike(byte[] der, String what, boolean sameFault) {
        Object legacy = decide(der, true);
        Object own = decide(der, false);
        if (legacy instanceof DecodedCertificate expected && own instanceof DecodedCertificate actual) {
            assertSameFields(expected, actual, what);
            BOTH_ACCEPTED.increment();
            return true;
        }
        if (legacy instanceof Rejection expected && own instanceof Rejection actual) {
            if (sameFault && expected.fault() != actual.fault()) {
                String why = otherFaultByDesign(der);
                if (why == null) {
                    fail(what + ": refused for another reason code: " + expected.detail() + " / " + actual.detail()
                            + " for " + HexFormat.of().formatHex(der));
                }
                OTHER_FAULT.merge(why, 1, Integer::sum);
            }
            BOTH_REFUSED.increment();
            return false;
        }
        if (legacy instanceof DecodedCertificate && own instanceof Rejection refused) {
            String why = stricterByDesign(der);
            if (why == null) {
                fail(what + ": only the new decoder refuses, and not by a rule stricter by design: "
                        + refused.detail() + " for " + HexFormat.of().formatHex(der));
            }
            STRICTER.merge(why, 1, Integer::sum);
            return false;
        }
        fail(what + ": the new decoder accepts what Bouncy Castle's strict check refused ("
                + ((Rejection) legacy).detail() + ") for " + HexFormat.of().formatHex(der));
        return false;
    }

    /**
     * Why both refuse the bytes with different reason codes, or null when that is not by design. Bouncy Castle read
     * the key's parameters (ANY) and refused the whole certificate as not X.509 where it could not read a time there;
     * the new reader reads no time outside validity and refuses the key as not on P-384: refused either way. And a
     * parameter of a type the new reader refuses on purpose (stricter by design) makes the certificate malformed
     * rather than its key unsupported.
     */
    static String otherFaultByDesign(byte[] der) {
        String stricter = stricterByDesign(der);
        if (stricter != null) {
            return stricter;
        }
        try {
            CertificateLayout layout = CertificateLayout.parse(der);
            CertificateLabel label = CertificateLabel.of(POSITION);
            try {
                ValidityTime.decode(der, layout.notBefore(), label, "notBefore");
                ValidityTime.decode(der, layout.notAfter(), label, "notAfter");
            } catch (Rejection timeRefused) {
                return "a validity time not in RFC 5280's form and another fault: Bouncy Castle refused some such times"
                        + " while parsing, before every profile check; both decoders check times after the key and"
                        + " the extensions";
            }
            Element parameters = layout.keyAlgorithm().parameters();
            if (parameters != null && (parameters.tag() == DerReader.UTC_TIME
                    || parameters.tag() == DerReader.GENERALIZED_TIME)) {
                return "a time as the key's parameters: Bouncy Castle refused the certificate where it could not read"
                        + " the time, the new reader refuses the key as not on P-384";
            }
        } catch (DerException e) {
            return null;
        }
        return null;
    }

    @AfterAll
    static void summary() {
        System.out.println("Differential: both accepted " + BOTH_ACCEPTED + ", both refused " + BOTH_REFUSED
                + "; refused only by the new decoder, by design: " + STRICTER + "; other reason code, by design: "
                + OTHER_FAULT);
    }

    /**
     * Why the new reader refuses bytes that Bouncy Castle read as DER, or null when it is not one of the rules the
     * new reader adds on purpose.
     */
    static String stricterByDesign(byte[] der) {
        String fault;
        try {
            StrictDer.check(der);
            if (CertificateLayout.parse(der).subject().length() == 0) {
                return "an empty subject needs a critical subjectAltName (RFC 5280 4.1.2.6), which the profile refuses;"
                        + " Bouncy Castle's decoder took the empty name";
            }
            return null;
        } catch (DerException e) {
            fault = e.getMessage();
        }
        if (fault.contains("multi-byte tag")) {
            return "X.509 needs no tag number above 30; Bouncy Castle reads multi-byte tags";
        }
        if (fault.contains("universal type")) {
            return "a universal type no certificate carries (REAL, ObjectDescriptor, RELATIVE-OID...)";
        }
        if (fault.contains("time as an attribute value")) {
            return "no name attribute of a certificate holds a time; Bouncy Castle shows a valid one as hex";
        }
        if (fault.contains("UniqueID") || fault.contains("the last field of tbsCertificate")) {
            return "issuerUniqueID, subjectUniqueID and extensions in their order, each once; Bouncy Castle reads the"
                    + " tagged fields in any order";
        }
        if (fault.contains("bytes follow notAfter")) {
            return "validity is exactly two times; Bouncy Castle reads the first two of a longer sequence";
        }
        if (fault.contains("UTF8String that is not UTF-8")) {
            return "a UTF8String is UTF-8 wherever it is; Bouncy Castle refused it only when it formatted a name, after"
                    + " the key and extension checks, with a sentence naming an exception class";
        }
        if (fault.contains("4-byte characters")) {
            return "a UniversalString is 4 bytes a character; Bouncy Castle takes any length";
        }
        if (fault.contains("relative name without an attribute") || fault.contains("issuer is an empty name")) {
            return "a relative name holds an attribute (SET SIZE (1..MAX)) and the issuer is a name (RFC 5280"
                    + " 4.1.2.4), as the JDK's parser requires; Bouncy Castle reads empty ones";
        }
        if (fault.contains("version has tag") || fault.contains("serialNumber has tag")) {
            return "the version is [0]; Bouncy Castle takes any context-specific tag in its place";
        }
        return null;
    }

    private static Object decide(byte[] der, boolean legacy) {
        try {
            return legacy ? LegacyCertificateDecoder.decode(der.clone(), POSITION, null)
                    : CertificateDecoder.decode(der.clone(), POSITION, null);
        } catch (Rejection rejection) {
            return rejection;
        }
    }

    private static void assertSameFields(DecodedCertificate expected, DecodedCertificate actual, String what) {
        assertEquals(expected.label(), actual.label(), what);
        assertEquals(expected.info().subject(), actual.info().subject(), what);
        assertEquals(expected.info().issuer(), actual.info().issuer(), what);
        assertEquals(expected.info().serialNumber(), actual.info().serialNumber(), what);
        assertEquals(expected.info().notBefore(), actual.info().notBefore(), what);
        assertEquals(expected.info().notAfter(), actual.info().notAfter(), what);
        assertArrayEquals(expected.info().der(), actual.info().der(), what);
        assertArrayEquals(expected.subjectDer(), actual.subjectDer(), what);
        assertArrayEquals(expected.issuerDer(), actual.issuerDer(), what);
        assertArrayEquals(expected.tbsDigest(), actual.tbsDigest(), what);
        assertArrayEquals(expected.publicKey().encoded(), actual.publicKey().encoded(), what);
        assertEquals(expected.signatureR(), actual.signatureR(), what);
        assertEquals(expected.signatureS(), actual.signatureS(), what);
        assertEquals(expected.isCa(), actual.isCa(), what);
        assertEquals(expected.basicConstraintsCritical(), actual.basicConstraintsCritical(), what);
        assertEquals(expected.pathLength(), actual.pathLength(), what);
        assertEquals(expected.keyUsage(), actual.keyUsage(), what);
    }

    /** Every element of a DER tree, outermost first; tagged constructed elements are opened too. */
    static List<Element> elements(byte[] der) {
        List<Element> elements = new ArrayList<>();
        try {
            collect(der, DerReader.of(der), elements);
        } catch (DerException e) {
            throw new IllegalArgumentException("the corpus certificate is DER", e);
        }
        return elements;
    }

    private static void collect(byte[] der, DerReader reader, List<Element> elements) throws DerException {
        while (!reader.atEnd()) {
            Element element = reader.next();
            elements.add(element);
            if (element.isConstructed()) {
                collect(der, DerReader.contentOf(der, element), elements);
            }
        }
    }

    private static final int[] TAGS = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x09, 0x0a, 0x0c, 0x0d, 0x13,
        0x14, 0x16, 0x17, 0x18, 0x1c, 0x1e, 0x1f, 0x24, 0x23, 0x2c, 0x30, 0x31, 0x10, 0x11, 0x80, 0x81, 0x82, 0xa0,
        0xa1, 0xa2, 0xa3, 0xa4, 0x40, 0xc0, 0x33};

    static byte[] mutate(byte[] der, List<Element> elements, Mutation mutation, Random random) {
        byte[] bytes = der.clone();
        Element element = elements.get(random.nextInt(elements.size()));
        switch (mutation) {
            case BYTE_CHANGED -> {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255)));
            }
            case BIT_FLIPPED -> {
                // Half the flips fall in element headers, where encoding rules live, half anywhere.
                int at = random.nextBoolean() ? random.nextInt(bytes.length)
                        : element.start() + random.nextInt(element.contentStart() - element.start() + 1);
                at = Math.min(at, bytes.length - 1);
                bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
            }
            case LENGTH_EDITED -> {
                return withLength(der, element, random);
            }
            case LENGTH_IN_BER -> {
                return rewritten(der, DerReader.of(der), element, random.nextBoolean());
            }
            case TAG_CHANGED -> bytes[element.start()] = (byte) TAGS[random.nextInt(TAGS.length)];
            case TRUNCATED -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case BYTE_INSERTED -> {
                int at = random.nextBoolean() ? random.nextInt(bytes.length + 1) : element.contentStart();
                return splice(der, at, 0, new byte[] {(byte) random.nextInt(256)});
            }
            case BYTE_DELETED -> {
                return splice(der, random.nextInt(bytes.length), 1, new byte[0]);
            }
            default -> throw new IllegalStateException();
        }
        return bytes;
    }

    /** The element's length field rewritten: one more or less, a longer form than needed, or indefinite. */
    private static byte[] withLength(byte[] der, Element element, Random random) {
        int length = element.length();
        byte[] field = switch (random.nextInt(5)) {
            case 0 -> lengthField(length + 1);
            case 1 -> lengthField(Math.max(0, length - 1));
            case 2 -> new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
            case 3 -> new byte[] {(byte) 0x84, 0, 0, (byte) (length >> 8), (byte) length};
            default -> new byte[] {(byte) 0x80};
        };
        return splice(der, element.start() + 1, element.contentStart() - element.start() - 1, field);
    }

    /**
     * The tree written again with one element's length in a form BER allows and DER does not (the long form where
     * the short one does, or indefinite when constructed), every enclosing length adjusted: valid BER, not DER.
     */
    private static byte[] rewritten(byte[] der, DerReader reader, Element target, boolean indefinite) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            while (!reader.atEnd()) {
                Element element = reader.next();
                byte[] content = element.isConstructed()
                        ? rewritten(der, DerReader.contentOf(der, element), target, indefinite)
                        : element.content(der);
                out.write(element.tag());
                if (element.equals(target) && indefinite && element.isConstructed()) {
                    out.write(0x80);
                    out.write(content);
                    out.write(new byte[2]);
                } else if (element.equals(target)) {
                    out.write(new byte[] {(byte) 0x83, (byte) (content.length >> 16), (byte) (content.length >> 8),
                        (byte) content.length});
                    out.write(content);
                } else {
                    out.write(lengthField(content.length));
                    out.write(content);
                }
            }
        } catch (DerException | java.io.IOException e) {
            throw new IllegalArgumentException("the corpus certificate is DER", e);
        }
        return out.toByteArray();
    }

    private static byte[] lengthField(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        return length < 0x100 ? new byte[] {(byte) 0x81, (byte) length}
                : new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    private static byte[] splice(byte[] der, int at, int removed, byte[] inserted) {
        byte[] result = new byte[der.length - removed + inserted.length];
        System.arraycopy(der, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(der, at + removed, result, at + inserted.length, der.length - at - removed);
        return result;
    }
}
