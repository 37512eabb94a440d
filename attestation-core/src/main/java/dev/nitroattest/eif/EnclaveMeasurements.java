package dev.nitroattest.eif;

import dev.nitroattest.bytes.Bytes;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The PCRs an enclave started from an image reports, as nitro-cli's describe-eif prints them.
 *
 * @param pcr0 the image: kernel, command line and every ramdisk
 * @param pcr1 the Linux kernel and bootstrap: kernel, command line and the first ramdisk
 * @param pcr2 the application: the remaining ramdisks
 * @param pcr8 the signing certificate, for signed images
 */
public record EnclaveMeasurements(Bytes pcr0, Bytes pcr1, Bytes pcr2, Optional<Bytes> pcr8) {

    /** Checks that every measurement is present. */
    public EnclaveMeasurements {
        Objects.requireNonNull(pcr0, "pcr0");
        Objects.requireNonNull(pcr1, "pcr1");
        Objects.requireNonNull(pcr2, "pcr2");
        Objects.requireNonNull(pcr8, "pcr8");
    }

    /** The measurements by PCR index: 0, 1, 2 and, for signed images, 8. */
    public SortedMap<Integer, Bytes> asMap() {
        SortedMap<Integer, Bytes> map = new TreeMap<>();
        map.put(0, pcr0);
        map.put(1, pcr1);
        map.put(2, pcr2);
        pcr8.ifPresent(value -> map.put(8, value));
        return Collections.unmodifiableSortedMap(map);
    }
}
