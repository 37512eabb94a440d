package dev.nitroattest.der;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An OBJECT IDENTIFIER, kept as its DER content (which DER makes unique, so equal identifiers have equal bytes) and
 * shown in dotted form ({@code 1.2.840.10045.4.3.3}). Immutable.
 */
public final class ObjectIdentifier {
    private final byte[] content;

    private ObjectIdentifier(byte[] content) {
        this.content = content;
    }

    /**
     * The identifier with this dotted form, for constants.
     *
     * @throws IllegalArgumentException if the text is not two or more decimal arcs, the first 0 to 2 and the second
     *     below 40 unless the first is 2
     */
    public static ObjectIdentifier of(String dotted) {
        String[] arcs = dotted.split("\\.", -1);
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OBJECT IDENTIFIER has two arcs or more: " + dotted);
        }
        BigInteger[] values = new BigInteger[arcs.length];
        for (int i = 0; i < arcs.length; i++) {
            if (!isDecimal(arcs[i])) {
                throw new IllegalArgumentException("not a dotted OBJECT IDENTIFIER: " + dotted);
            }
            values[i] = new BigInteger(arcs[i]);
        }
        if (values[0].compareTo(BigInteger.TWO) > 0
                || values[0].compareTo(BigInteger.TWO) < 0 && values[1].compareTo(BigInteger.valueOf(40)) >= 0) {
            throw new IllegalArgumentException("not a valid first and second arc: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, values[0].multiply(BigInteger.valueOf(40)).add(values[1]));
        for (int i = 2; i < values.length; i++) {
            writeArc(out, values[i]);
        }
        return new ObjectIdentifier(out.toByteArray());
    }

    private static boolean isDecimal(String arc) {
        if (arc.isEmpty()) {
            return false;
        }
        for (int i = 0; i < arc.length(); i++) {
            if (arc.charAt(i) < '0' || arc.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The identifier whose DER content this is.
     *
     * @param what what the identifier is, for the exception's phrase: "the signature algorithm"
     * @throws DerException if the content is empty, has an arc with a leading 0x80 or ends inside an arc
     */
    public static ObjectIdentifier fromContent(byte[] content, String what) throws DerException {
        DerContent.checkObjectIdentifier(content, 0, content.length, what);
        return new ObjectIdentifier(content.clone());
    }

    /** The DER content (without tag and length). */
    public byte[] content() {
        return content.clone();
    }

    /** Whether this element's content is this identifier's. */
    public boolean isContentOf(byte[] bytes, DerReader.Element element) {
        return Arrays.equals(content, 0, content.length, bytes, element.contentStart(), element.end());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectIdentifier that && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content);
    }

    /** The dotted form, such as {@code 2.5.29.19}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(content.length * 3);
        int arcStart = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] < 0) {
                continue;
            }
            appendArc(text, arcStart, i + 1, arcStart == 0);
            arcStart = i + 1;
        }
        return text.toString();
    }

    /**
     * Appends the arc in {@code content[from, to)}; the first holds the first two arcs. A long holds an arc of up to
     * eight base-128 digits (56 bits); a longer one is a BigInteger, which is rare and slow to meet cold.
     */
    private void appendArc(StringBuilder text, int from, int to, boolean first) {
        if (to - from <= 8) {
            long arc = 0;
            for (int i = from; i < to; i++) {
                arc = arc << 7 | content[i] & 0x7f;
            }
            if (first) {
                long top = Math.min(arc / 40, 2);
                text.append(top).append('.').append(arc - 40 * top);
            } else {
                text.append('.').append(arc);
            }
            return;
        }
        BigInteger arc = BigInteger.ZERO;
        for (int i = from; i < to; i++) {
            arc = arc.shiftLeft(7).or(BigInteger.valueOf(content[i] & 0x7f));
        }
        if (first) {
            text.append("2.").append(arc.subtract(BigInteger.valueOf(80)));
        } else {
            text.append('.').append(arc);
        }
    }

    private static void writeArc(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = value.shiftRight(7 * i).intValue() & 0x7f;
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
