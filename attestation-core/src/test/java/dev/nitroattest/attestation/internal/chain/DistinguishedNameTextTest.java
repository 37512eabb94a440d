package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.StrictDer;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names as text, with Bouncy Castle's {@code X500Name.toString()} (BCStyle) as the oracle: the text callers saw while
 * Bouncy Castle decoded certificates. Over the issuer and subject of every corpus certificate, every attribute type
 * BCStyle has a short name for, and thousands of seeded names with awkward values: RFC 4514's special characters,
 * leading and trailing spaces, a leading '#', values of spaces only, every string type, lone surrogates, non-string
 * values, unknown types, multi-valued relative names and empty ones.
 */
@DisplayName("Names as text, as Bouncy Castle's BCStyle wrote them")
class DistinguishedNameTextTest {
    private static final String AWKWARD = " ,\"\\+=<>;#aZ09-.\u00e9\u00ff\u0000\n\t";
    private static final int[] STRING_TAGS = {0x0c, 0x12, 0x13, 0x14, 0x15, 0x16, 0x19, 0x1a, 0x1b, 0x1c, 0x1e};
    private static final String[] OTHER_VALUES = {"020100", "0201ff", "0403414243", "0500", "06032a0304", "0101ff",
        "0303064142", "030203c0", "3003020101", "3100", "a003020101", "800141", "0a0101"};

    static Stream<String> corpus() {
        return CertificateCorpus.certificates().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("the issuer and subject of each real and test-kit certificate read as Bouncy Castle read them")
    void corpusNames(String name) throws DerException {
        byte[] der = CertificateCorpus.certificates().get(name);
        Certificate certificate = Certificate.getInstance(der);
        CertificateLayout layout = CertificateLayout.parse(der);
        assertEquals(certificate.getSubject().toString(), layout.subjectText());
        assertEquals(certificate.getIssuer().toString(), layout.issuerText());
    }

    @Test
    @DisplayName("every attribute type BCStyle has a short name for has the same one here, and no other has one")
    void sameSymbols() throws ReflectiveOperationException, DerException {
        Field field = BCStyle.class.getDeclaredField("DefaultSymbols");
        field.setAccessible(true);
        Map<?, ?> symbols = (Map<?, ?>) field.get(null);
        assertEquals(symbols.size(), AttributeTypeSymbols.count());
        for (Map.Entry<?, ?> symbol : symbols.entrySet()) {
            assertEquals(symbol.getValue(), AttributeTypeSymbols.of(symbol.getKey().toString()));
            assertSame(name(List.of(List.of(atv(symbol.getKey().toString(), "1303414243")))));
        }
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @Tag("sweep")
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("seeded names with awkward values read as Bouncy Castle read them, an empty relative name refused "
            + "(100 a seed)")
    void awkwardNames(int seed) throws DerException {
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            List<List<byte[]>> relativeNames = new ArrayList<>();
            int count = random.nextInt(5);
            for (int r = 0; r < count; r++) {
                List<byte[]> attributes = new ArrayList<>();
                int values = random.nextInt(10) == 0 ? random.nextInt(4) : 1;
                for (int a = 0; a < values; a++) {
                    attributes.add(atv(type(random), value(random)));
                }
                relativeNames.add(attributes);
            }
            byte[] name = name(relativeNames);
            if (relativeNames.stream().anyMatch(List::isEmpty)) {
                // RelativeDistinguishedName ::= SET SIZE (1..MAX); Bouncy Castle read an empty one.
                assertEquals("subject has a relative name without an attribute", assertThrows(DerException.class,
                        () -> DistinguishedNameText.of(name, DerReader.of(name).next(), "subject")).getMessage());
            } else {
                assertSame(name);
            }
        }
    }

    @Test
    @DisplayName("escaping at the edges: spaces only, a single space, a leading '#', a trailing space, empty")
    void escapingEdges() throws DerException {
        for (String value : new String[] {" ", "  ", "   ", "#", "# ", " #", "a ", " a", "\\", "#abc,", "", " , "}) {
            byte[] content = value.getBytes(StandardCharsets.UTF_8);
            assertSame(name(List.of(List.of(atv("2.5.4.3", "0c" + hexLength(content.length) + hex(content))))));
        }
    }

    @Test
    @DisplayName("the forms by name: a multi-valued name, a BMPString, a BIT STRING, other values as hex, a lone '#'")
    void formsByName() throws DerException {
        assertText("CN=a+O=b", name(List.of(List.of(atv("2.5.4.3", "0c0161"), atv("2.5.4.10", "0c0162")))));
        assertText("O=A\u00e9", name(List.of(List.of(atv("2.5.4.10", "1e04004100e9")))));
        assertText("O=\u20ac", name(List.of(List.of(atv("2.5.4.10", "1e0220ac")))));
        assertText("CN=\\#0303064140", name(List.of(List.of(atv("2.5.4.3", "0303064140")))));
        assertText("CN=#02012a,1.1.1.2.3=\\#", name(List.of(List.of(atv("2.5.4.3", "02012a")),
                List.of(atv("1.1.1.2.3", "130123")))));
        assertText("", name(List.of()));
    }

    @Test
    @DisplayName("an attribute of three elements is refused")
    void attributeOfThreeElements() {
        byte[] name = bytes("300e310c300a0603550403130141 0500".replace(" ", ""));
        assertThrows(DerException.class, () -> DistinguishedNameText.of(name, DerReader.of(name).next(), "subject"));
    }

    @Test
    @DisplayName("a time as an attribute value is refused: no certificate's name holds one")
    void timeValuesAreRefused() {
        byte[] name = name(List.of(List.of(atv("2.5.4.3", "170d3236303330323130303030305a"))));
        DerException refused = assertThrows(DerException.class,
                () -> DistinguishedNameText.of(name, DerReader.of(name).next(), "subject"));
        assertTrue(refused.getMessage().contains("time"), refused.getMessage());
    }

    private static void assertText(String expected, byte[] name) throws DerException {
        assertEquals(expected, DistinguishedNameText.of(name, DerReader.of(name).next(), "subject"));
        assertSame(name);
    }

    private static void assertSame(byte[] name) throws DerException {
        String expected = X500Name.getInstance(fromBytes(name)).toString();
        StrictDer.check(name);
        assertEquals(expected, DistinguishedNameText.of(name, DerReader.of(name).next(), "subject"), hex(name));
    }

    private static String type(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "2.5.4." + random.nextInt(100);
            case 1 -> "1.2.840.113549.1.9." + random.nextInt(10);
            case 2 -> "2." + random.nextInt(2000) + "." + Math.abs(random.nextLong());
            default -> List.of("2.5.4.3", "2.5.4.6", "2.5.4.10", "2.5.4.11", "0.9.2342.19200300.100.1.25")
                    .get(random.nextInt(5));
        };
    }

    private static String value(Random random) {
        if (random.nextInt(6) == 0) {
            return OTHER_VALUES[random.nextInt(OTHER_VALUES.length)];
        }
        int tag = STRING_TAGS[random.nextInt(STRING_TAGS.length)];
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
        }
        byte[] content = switch (tag) {
            case 0x0c -> (text + (random.nextBoolean() ? "\ud83d\ude00\u20ac" : "")).getBytes(StandardCharsets.UTF_8);
            case 0x1e -> {
                byte[] bmp = new byte[2 * length];
                for (int i = 0; i < bmp.length; i++) {
                    bmp[i] = (byte) (random.nextInt(4) == 0 ? 0xd8 + random.nextInt(8)
                            : text.charAt(i / 2) >> 8 * (1 - i % 2));
                }
                yield bmp;
            }
            case 0x1c -> new byte[4 * random.nextInt(3)];
            default -> text.toString().getBytes(StandardCharsets.ISO_8859_1);
        };
        return String.format("%02x", tag) + hexLength(content.length) + hex(content);
    }

    /** An AttributeTypeAndValue. */
    private static byte[] atv(String type, String valueHex) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(type), fromBytes(bytes(valueHex))})
                    .getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Name of these relative names, each a SET OF its attributes in DER order (Bouncy Castle sorts them). */
    private static byte[] name(List<List<byte[]>> relativeNames) {
        try {
            ASN1Encodable[] sets = new ASN1Encodable[relativeNames.size()];
            for (int i = 0; i < sets.length; i++) {
                sets[i] = new DERSet(relativeNames.get(i).stream().map(DistinguishedNameTextTest::fromBytes)
                        .toArray(ASN1Encodable[]::new));
            }
            return new DERSequence(sets).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1Primitive fromBytes(byte[] bytes) {
        try {
            return ASN1Primitive.fromByteArray(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hexLength(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (length < 0x80) {
            out.write(length);
        } else {
            out.write(0x81);
            out.write(length);
        }
        return hex(out.toByteArray());
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
