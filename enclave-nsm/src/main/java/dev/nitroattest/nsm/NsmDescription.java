package dev.nitroattest.nsm;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** What DescribeNSM reports about the module. */
public record NsmDescription(int versionMajor, int versionMinor, int versionPatch, String moduleId, int maxPcrs,
        SortedSet<Integer> lockedPcrs, String digest) {

    /** Checks that every component is present. */
    public NsmDescription {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(digest, "digest");
        lockedPcrs = Collections.unmodifiableSortedSet(new TreeSet<>(lockedPcrs));
    }

    /** The version as "major.minor.patch". */
    public String version() {
        return versionMajor + "." + versionMinor + "." + versionPatch;
    }
}
