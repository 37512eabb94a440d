package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;

/** A PCR as DescribePCR reports it: whether it is locked, and its value. */
public record PcrValue(boolean locked, Bytes data) {
    /** Checks that the value is present. */
    public PcrValue {
        Objects.requireNonNull(data, "data");
    }
}
