package dev.nitroattest.testkit.internal;

import dev.nitroattest.testkit.CborWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The kit's default PCR values and the CBOR form of a PCR map. */
public final class Pcrs {
    /** The length of a SHA-384 PCR. */
    public static final int LENGTH = 48;
    private static final int EXTENDED_INDEX = 16;

    private Pcrs() {}

    /**
     * PCR0 to PCR4 are SHA-384 of "test PCR&lt;i&gt;" (distinct, like measured values), PCR16 is 48 zero bytes
     * extended once with SHA-384 of "test PCR16" (like an enclave that extended it), every other PCR is zero.
     */
    public static byte[] defaultValue(int index) {
        if (index <= 4) {
            return Digests.hash("SHA-384", label(index));
        }
        if (index == EXTENDED_INDEX) {
            return Digests.hash("SHA-384", new byte[LENGTH], Digests.hash("SHA-384", label(index)));
        }
        return new byte[LENGTH];
    }

    /** Indexes 0..count-1 with their default values. */
    public static SortedMap<Integer, byte[]> defaults(int count) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int index = 0; index < count; index++) {
            pcrs.put(index, defaultValue(index));
        }
        return pcrs;
    }

    /** The map as CBOR, uint keys in the map's order, definite or indefinite length. */
    public static byte[] encode(Map<Integer, byte[]> pcrs, boolean indefinite) {
        CborWriter writer = new CborWriter();
        if (indefinite) {
            writer.startIndefiniteMap();
        } else {
            writer.startMap(pcrs.size());
        }
        pcrs.forEach((index, value) -> writer.uint(index).bytes(value));
        if (indefinite) {
            writer.breakIndefinite();
        }
        return writer.toByteArray();
    }

    private static byte[] label(int index) {
        return ("test PCR" + index).getBytes(StandardCharsets.UTF_8);
    }
}
