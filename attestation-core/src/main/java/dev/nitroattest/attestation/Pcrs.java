package dev.nitroattest.attestation;

import dev.nitroattest.bytes.Bytes;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The platform configuration registers of a document, by index. Immutable. */
public final class Pcrs {
    private final Bytes[] values;
    private final int size;

    private Pcrs(Bytes[] values, int size) {
        this.values = values;
        this.size = size;
    }

    /** Wraps decoded values (index to value, null where absent), each copied into {@code Bytes}. */
    static Pcrs wrap(byte[][] decoded) {
        Bytes[] values = new Bytes[decoded.length];
        int size = 0;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] != null) {
                values[i] = Bytes.of(decoded[i]);
                size++;
            }
        }
        return new Pcrs(values, size);
    }

    /** The value at {@code index}, if the document has that PCR. */
    public Optional<Bytes> get(int index) {
        return Optional.ofNullable(valueOrNull(index));
    }

    /** Whether the document has a PCR at {@code index}. */
    public boolean contains(int index) {
        return valueOrNull(index) != null;
    }

    /** How many PCRs the document has. */
    public int size() {
        return size;
    }

    /** Every PCR, ordered by index. */
    public SortedMap<Integer, Bytes> asMap() {
        SortedMap<Integer, Bytes> map = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                map.put(i, values[i]);
            }
        }
        return Collections.unmodifiableSortedMap(map);
    }

    Bytes valueOrNull(int index) {
        return index >= 0 && index < values.length ? values[index] : null;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
