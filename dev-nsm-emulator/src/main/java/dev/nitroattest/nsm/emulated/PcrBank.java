package dev.nitroattest.nsm.emulated;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmResponse;
import dev.nitroattest.nsm.PcrValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The NSM's 32 SHA-384 PCRs with the real module's rules: 0 to 15 are locked from the start, extending sets
 * SHA-384(old || data), a locked PCR refuses extension and locking (ReadOnlyIndex), an index of 32 or more is
 * InvalidIndex. Not thread-safe; {@link EmulatedNsm} serialises access.
 */
final class PcrBank {
    static final int COUNT = 32;
    static final int LOCKED_AT_START = 16;
    static final int LENGTH = 48;

    private final byte[][] values = new byte[COUNT][LENGTH];
    private final boolean[] locked = new boolean[COUNT];
    private final boolean[] extended = new boolean[COUNT];

    /** A bank whose PCRs 0 to 15 hold the given values (zero where none is given) and are locked. */
    PcrBank(Map<Integer, byte[]> initialValues) {
        initialValues.forEach((index, value) -> {
            if (index < 0 || index >= LOCKED_AT_START || value.length != LENGTH) {
                throw new IllegalArgumentException("Initial values are for PCRs 0 to 15 and 48 bytes long.");
            }
            values[index] = value.clone();
        });
        for (int index = 0; index < LOCKED_AT_START; index++) {
            locked[index] = true;
        }
    }

    NsmResponse describe(int index) {
        if (index >= COUNT) {
            return new NsmResponse.Failed(NsmError.INVALID_INDEX);
        }
        return new NsmResponse.DescribePcr(new PcrValue(locked[index], Bytes.of(values[index])));
    }

    NsmResponse extend(int index, byte[] data) {
        if (index >= COUNT) {
            return new NsmResponse.Failed(NsmError.INVALID_INDEX);
        }
        if (locked[index]) {
            return new NsmResponse.Failed(NsmError.READ_ONLY_INDEX);
        }
        MessageDigest sha384 = sha384();
        sha384.update(values[index]);
        sha384.update(data);
        values[index] = sha384.digest();
        extended[index] = true;
        return new NsmResponse.ExtendPcr(Bytes.of(values[index]));
    }

    NsmResponse lock(int index) {
        if (index >= COUNT) {
            return new NsmResponse.Failed(NsmError.INVALID_INDEX);
        }
        if (locked[index]) {
            return new NsmResponse.Failed(NsmError.READ_ONLY_INDEX);
        }
        locked[index] = true;
        return new NsmResponse.LockPcr();
    }

    /** Locks [0, range); PCRs already locked stay locked. */
    NsmResponse lockRange(int range) {
        if (range > COUNT) {
            return new NsmResponse.Failed(NsmError.INVALID_INDEX);
        }
        for (int index = 0; index < range; index++) {
            locked[index] = true;
        }
        return new NsmResponse.LockPcrs();
    }

    SortedSet<Integer> lockedIndexes() {
        SortedSet<Integer> indexes = new TreeSet<>();
        for (int index = 0; index < COUNT; index++) {
            if (locked[index]) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    /** What a document carries, as on the real NSM: PCRs 0 to 15, and every higher PCR that was extended. */
    SortedMap<Integer, byte[]> forDocument() {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int index = 0; index < COUNT; index++) {
            if (index < LOCKED_AT_START || extended[index]) {
                pcrs.put(index, values[index].clone());
            }
        }
        return pcrs;
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-384.", e);
        }
    }
}
