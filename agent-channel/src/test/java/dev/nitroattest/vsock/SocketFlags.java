package dev.nitroattest.vsock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The file status flags of this process's sockets, read from /proc/self/fdinfo, so that tests can see whether a
 * socket the code under test made is non-blocking and close-on-exec without reaching into it.
 */
final class SocketFlags {
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    private SocketFlags() {}

    /** The descriptor numbers of the process's open sockets. */
    static Set<Integer> sockets() throws IOException {
        Set<Integer> sockets = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets.add(Integer.parseInt(fd.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // The descriptor was closed while being listed (the listing's own, for one): not a socket here.
                }
            }
        }
        return sockets;
    }

    /** The flags of each socket opened since {@code before} was taken. */
    static Map<Integer, Integer> flagsOfSocketsSince(Set<Integer> before) throws IOException {
        Map<Integer, Integer> flags = new HashMap<>();
        for (int fd : sockets()) {
            if (!before.contains(fd)) {
                flags.put(fd, flags(fd));
            }
        }
        return flags;
    }

    private static int flags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new IOException("no flags in /proc/self/fdinfo/" + fd);
    }
}
