package dev.nitroattest.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a ramdisk archive. Owners, times and inode numbers are not here: the archive gives every entry the
 * same ones, so that nothing of the machine that built it (user, clock, file system) reaches the bytes.
 */
public sealed interface RamdiskEntry {
    /** The entry's path inside the archive, relative, with {@code /} between its parts. */
    String name();

    /** The entry's mode: file type bits and permissions, as in {@code st_mode}. */
    int mode();

    /** How many bytes of content follow the entry's header. */
    long size();

    /** Opens the content; it must yield exactly {@link #size()} bytes. */
    InputStream open() throws IOException;

    /** A directory (mode 040755, as linuxkit makes them). */
    record Directory(String name) implements RamdiskEntry {
        public Directory {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int mode() {
            return 040755;
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public InputStream open() {
            return InputStream.nullInputStream();
        }
    }

    /** A regular file whose content is in memory. */
    record SmallFile(String name, int permissions, byte[] content) implements RamdiskEntry {
        public SmallFile {
            Objects.requireNonNull(name, "name");
            content = content.clone();
        }

        @Override
        public int mode() {
            return 0100000 | permissions;
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(content);
        }
    }

    /**
     * A regular file read from disk when the archive is written. Its size is taken when the entry is made; a file that
     * changes size in between makes the write fail rather than write an archive its header does not describe.
     */
    record FileOnDisk(String name, int permissions, Path source, long size) implements RamdiskEntry {
        public FileOnDisk {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public int mode() {
            return 0100000 | permissions;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(source);
        }
    }

    /** A symbolic link: its content is the target's text (mode 0120777). */
    record Symlink(String name, String target) implements RamdiskEntry {
        public Symlink {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public int mode() {
            return 0120777;
        }

        @Override
        public long size() {
            return target.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(target.getBytes(StandardCharsets.UTF_8));
        }
    }
}
