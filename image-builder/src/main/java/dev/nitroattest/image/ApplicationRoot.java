package dev.nitroattest.image;

import dev.nitroattest.image.ImageBuildException.Reason;
import dev.nitroattest.image.internal.RamdiskEntry;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The customer ramdisk's entries under {@code rootfs/}: the files given, each directory before what it holds and
 * the entries of a directory sorted by name, so that the order never depends on the file system's. Only the type
 * and the owner's execute bit of a file survive from the disk: directories become 0755, executables 0755, other
 * files 0644, symbolic links 0777 with their target's text; owners and times are the archive's own.
 */
final class ApplicationRoot {
    static final String PREFIX = "rootfs/";
    /** A newc header has 8 hex digits for a size. */
    private static final long MAX_FILE_SIZE = 0xFFFF_FFFFL;

    /** Every path below the root, mapped to its entry; sorted by path parts, so parents come first. */
    private final SortedMap<List<String>, RamdiskEntry> entries = new TreeMap<>(ApplicationRoot::comparePaths);

    /**
     * Adds a directory tree from disk at this path in the root ({@code opt/java}; the empty path for the root itself).
     * Directories may meet those of another tree; files may not.
     */
    void addTree(String at, Path source, String whatItIs) throws ImageBuildException {
        List<String> base = parts(at);
        BasicFileAttributes attributes = attributes(source);
        if (!attributes.isDirectory()) {
            throw new ImageBuildException(Reason.INVALID_INPUT, source + " is not a directory; give " + whatItIs
                    + ".");
        }
        if (!base.isEmpty()) {
            addParents(base);
            put(base, new RamdiskEntry.Directory(PREFIX + String.join("/", base)), source);
        }
        addChildren(base, source);
    }

    /** Adds one regular file from disk at this path in the root. */
    void addFile(String at, Path source) throws ImageBuildException {
        List<String> path = parts(at);
        BasicFileAttributes attributes = attributes(source);
        if (!attributes.isRegularFile()) {
            throw new ImageBuildException(Reason.INVALID_INPUT, source + " is not a regular file; give the path of "
                    + "the file itself.");
        }
        addParents(path);
        put(path, regularFile(path, source, attributes), source);
    }

    /** The entries in archive order, headed by the {@code rootfs} directory itself. */
    List<RamdiskEntry> entries() {
        List<RamdiskEntry> ordered = new ArrayList<>(entries.size() + 1);
        ordered.add(new RamdiskEntry.Directory("rootfs"));
        ordered.addAll(entries.values());
        return ordered;
    }

    private void addChildren(List<String> at, Path directory) throws ImageBuildException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(directory)) {
            children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw unreadable(directory, e);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            checkName(name, child);
            List<String> path = new ArrayList<>(at);
            path.add(name);
            BasicFileAttributes attributes = attributes(child);
            if (attributes.isSymbolicLink()) {
                put(path, new RamdiskEntry.Symlink(PREFIX + String.join("/", path), linkTarget(child)), child);
            } else if (attributes.isDirectory()) {
                put(path, new RamdiskEntry.Directory(PREFIX + String.join("/", path)), child);
                addChildren(path, child);
            } else if (attributes.isRegularFile()) {
                put(path, regularFile(path, child, attributes), child);
            } else {
                throw new ImageBuildException(Reason.INVALID_INPUT, child + " is neither a file, a directory nor a "
                        + "symbolic link; an image holds only those, so remove it from the input.");
            }
        }
    }

    private RamdiskEntry regularFile(List<String> path, Path source, BasicFileAttributes attributes)
            throws ImageBuildException {
        if (attributes.size() > MAX_FILE_SIZE) {
            throw new ImageBuildException(Reason.INVALID_INPUT, source + " is " + attributes.size() + " bytes; a "
                    + "ramdisk entry holds at most 4 GiB - 1.");
        }
        int permissions = ownerMayExecute(source) ? 0755 : 0644;
        return new RamdiskEntry.FileOnDisk(PREFIX + String.join("/", path), permissions, source, attributes.size());
    }

    /**
     * The owner's execute bit, read from the file's mode: not {@link Files#isExecutable}, whose answer depends on who
     * runs the build (root may execute any file with one execute bit, another user only by its group or other bits).
     */
    private static boolean ownerMayExecute(Path file) throws ImageBuildException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX modes: what the JDK says this user may do is all there is.
            return Files.isExecutable(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Puts an entry where none is, or a directory where a directory is. */
    private void put(List<String> path, RamdiskEntry entry, Path source) throws ImageBuildException {
        RamdiskEntry previous = entries.putIfAbsent(path, entry);
        if (previous != null && !(previous instanceof RamdiskEntry.Directory
                && entry instanceof RamdiskEntry.Directory)) {
            throw new ImageBuildException(Reason.INVALID_INPUT, source + " would go to /" + String.join("/", path)
                    + " in the image, where another input already is; give each input its own place.");
        }
    }

    private void addParents(List<String> path) {
        for (int i = 1; i < path.size(); i++) {
            List<String> parent = List.copyOf(path.subList(0, i));
            entries.putIfAbsent(parent, new RamdiskEntry.Directory(PREFIX + String.join("/", parent)));
        }
    }

    private static List<String> parts(String at) {
        return at.isEmpty() ? List.of() : List.of(at.split("/"));
    }

    /**
     * Printable ASCII only: Java decodes file names with the locale's character set, so any other name could
     * become different bytes under another locale.
     */
    static void checkName(String name, Path file) throws ImageBuildException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ImageBuildException(Reason.INVALID_INPUT, file + " has a name with characters other than "
                        + "printable ASCII, which would not be the same bytes under every locale; rename it.");
            }
        }
    }

    private static String linkTarget(Path link) throws ImageBuildException {
        try {
            String target = Files.readSymbolicLink(link).toString();
            checkName(target.replace('/', '_'), link);
            return target;
        } catch (IOException e) {
            throw unreadable(link, e);
        }
    }

    private static BasicFileAttributes attributes(Path file) throws ImageBuildException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static ImageBuildException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ImageBuildException(Reason.MISSING_INPUT, file + " does not exist; check the path.", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ImageBuildException(Reason.UNREADABLE_INPUT, "cannot read " + file + ": permission denied; "
                    + "check its permissions.", e);
        }
        return new ImageBuildException(Reason.UNREADABLE_INPUT, "cannot read " + file + " (" + e.getMessage()
                + "); check the file.", e);
    }

    private static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
