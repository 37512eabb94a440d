package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a newc cpio archive with code of the test's own, checking its padding on the way. */
final class NewcEntries {
    record Entry(long inode, long mode, long uid, long gid, long links, long mtime, long devMajor, long devMinor,
            long rdevMajor, long rdevMinor, long check, String name, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private NewcEntries() {
    }

    /** Every entry, the trailer included. */
    static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (true) {
            String header = new String(archive, at, 110, StandardCharsets.US_ASCII);
            assertEquals("070701", header.substring(0, 6), "magic at offset " + at);
            long[] fields = new long[13];
            for (int i = 0; i < 13; i++) {
                fields[i] = Long.parseLong(header.substring(6 + 8 * i, 14 + 8 * i), 16);
            }
            int nameSize = (int) fields[11];
            String name = new String(archive, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertEquals(0, archive[at + 110 + nameSize - 1], "the name ends in NUL");
            int contentStart = align(at + 110 + nameSize);
            for (int i = at + 110 + nameSize; i < contentStart; i++) {
                assertEquals(0, archive[i], "padding after " + name + "'s name is zeros");
            }
            int size = (int) fields[6];
            byte[] content = Arrays.copyOfRange(archive, contentStart, contentStart + size);
            entries.add(new Entry(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[7],
                    fields[8], fields[9], fields[10], fields[12], name, content));
            at = align(contentStart + size);
            if (name.equals("TRAILER!!!")) {
                int end = contentStart + size;
                assertEquals(0, archive.length % 512, "the archive is padded to 512 bytes");
                assertEquals(align512(end), archive.length, "no more than the padding follows the trailer");
                for (int i = end; i < archive.length; i++) {
                    assertEquals(0, archive[i], "the padding is zeros");
                }
                return entries;
            }
        }
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }

    private static int align512(int offset) {
        return (offset + 511) / 512 * 512;
    }
}
