package dev.nitroattest.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An uncompressed cpio archive in the "newc" format, written with the entry rules of linuxkit's cpio writer, which
 * makes nitro-cli's ramdisks (surma/gocpio {@code writer.go}, see docs/enclave-image.md): magic {@code 070701}, inode
 * numbers counting up from 721 in entry order, owner and group 0, one link (two for a directory), every entry at
 * linuxkit's time, device 3:1, no check sum; each header-and-name and each content padded with zeros to a multiple
 * of 4 bytes; the trailer {@code TRAILER!!!}; the whole archive padded with zeros to a multiple of 512 bytes.
 * Nothing of the machine that writes it reaches the bytes: only the entries' names, modes and contents do.
 */
public final class NewcArchive {
    /** linuxkit's time for the files it adds, 2017-04-18T16:30:00Z, which this writer gives every entry. */
    public static final long LINUXKIT_TIME = 1492533000L;
    static final int FIRST_INODE = 721;
    static final String TRAILER = "TRAILER!!!";
    private static final int HEADER_LENGTH = 110;
    private static final int ALIGNMENT = 4;
    private static final int BLOCK = 512;
    private static final int DEVICE_MAJOR = 3;
    private static final int DEVICE_MINOR = 1;

    private final List<RamdiskEntry> entries;

    /** An archive of these entries, in this order; the caller puts each directory before what it holds. */
    public NewcArchive(List<RamdiskEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The entries in archive order. */
    public List<RamdiskEntry> entries() {
        return entries;
    }

    /** The archive's length in bytes, known before it is written, so that the image's header comes first. */
    public long size() {
        long size = 0;
        for (RamdiskEntry entry : entries) {
            size += headerAndName(entry.name()) + padded(entry.size());
        }
        size += headerAndName(TRAILER);
        return padded(size, BLOCK);
    }

    /**
     * Writes the archive.
     *
     * @throws IOException if a file's content cannot be read, or is not as long as it was when its entry was made
     */
    public void writeTo(OutputStream out) throws IOException {
        long written = 0;
        int inode = FIRST_INODE;
        for (RamdiskEntry entry : entries) {
            boolean directory = entry instanceof RamdiskEntry.Directory;
            written += writeHeader(out, inode++, entry.mode(), directory ? 2 : 1, entry.size(), entry.name());
            try (InputStream content = entry.open()) {
                long copied = content.transferTo(out);
                if (copied != entry.size()) {
                    throw new IOException(entry.name() + " was " + entry.size() + " bytes long when the image was "
                            + "planned and is " + copied + " now: something changed it during the build");
                }
            }
            written += entry.size();
            written += zeros(out, padded(entry.size()) - entry.size());
        }
        written += writeHeader(out, inode, 0, 1, 0, TRAILER);
        zeros(out, padded(written, BLOCK) - written);
    }

    private static long writeHeader(OutputStream out, int inode, int mode, int links, long size, String name)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(HEADER_LENGTH).append("070701");
        for (long field : new long[] {inode, mode, 0, 0, links, LINUXKIT_TIME, size, DEVICE_MAJOR, DEVICE_MINOR, 0, 0,
                nameBytes.length + 1L, 0}) {
            header.append(String.format(Locale.ROOT, "%08X", field));
        }
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(nameBytes);
        out.write(0);
        long length = HEADER_LENGTH + nameBytes.length + 1L;
        return length + zeros(out, padded(length) - length);
    }

    private static long headerAndName(String name) {
        return padded(HEADER_LENGTH + name.getBytes(StandardCharsets.UTF_8).length + 1L);
    }

    private static long padded(long length) {
        return padded(length, ALIGNMENT);
    }

    private static long padded(long length, int unit) {
        return (length + unit - 1) / unit * unit;
    }

    private static long zeros(OutputStream out, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            out.write(0);
        }
        return count;
    }
}
