package dev.nitroattest.agent.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nitroattest.testkit.CborWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The binding file's format, its atomic publication, and every way the agent finds it unusable, each typed. */
class EnclaveBindingTest {
    @TempDir
    Path directory;

    @Test
    void theFileIsOneCborMapOfTheFieldsPresent() throws Exception {
        EnclaveBinding both = EnclaveBinding.of(new byte[] {1, 2}, new byte[] {3});
        assertEquals("a2" + "6a7075626c69635f6b6579" + "420102" + "69757365725f64617461" + "4103",
                HexFormat.of().formatHex(both.encode()));
        assertEquals("a0", HexFormat.of().formatHex(EnclaveBinding.none().encode()));
        for (EnclaveBinding binding : new EnclaveBinding[] {both, EnclaveBinding.none(),
                EnclaveBinding.of(new byte[1024], null), EnclaveBinding.of(null, new byte[0])}) {
            assertEquals(binding, EnclaveBinding.decode(binding.encode()));
        }
    }

    @Test
    void theExampleOfTheProtocolDocumentReads() throws Exception {
        assertEquals(EnclaveBinding.of(new byte[] {1, 2, 3}, null),
                EnclaveBinding.decode(HexFormat.of().parseHex("a16a7075626c69635f6b657943010203")));
    }

    @Test
    void aFieldOverTheNsmsLimitCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> EnclaveBinding.of(new byte[1025], null));
        assertThrows(IllegalArgumentException.class, () -> EnclaveBinding.of(null, new byte[1025]));
    }

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                Arguments.of("an empty file", ""),
                Arguments.of("not CBOR", "68656c6c6f"),
                Arguments.of("cut short", new CborWriter().rawHex("a2").text("public_key").rawHex("420102").toHex()),
                Arguments.of("an array", "80"),
                Arguments.of("an indefinite map", new CborWriter().rawHex("bf").text("user_data").rawHex("4101")
                        .rawHex("ff").toHex()),
                Arguments.of("an unknown key", new CborWriter().rawHex("a1").text("nonce").rawHex("4101").toHex()),
                Arguments.of("a key twice", new CborWriter().rawHex("a2").text("user_data").rawHex("4101")
                        .text("user_data").rawHex("4102").toHex()),
                Arguments.of("a text value", new CborWriter().rawHex("a1").text("public_key").text("key").toHex()),
                Arguments.of("a null value", new CborWriter().rawHex("a1").text("public_key").rawHex("f6").toHex()),
                Arguments.of("a field of 1025 bytes", new CborWriter().rawHex("a1").text("public_key")
                        .rawHex("590401" + "00".repeat(1025)).toHex()),
                Arguments.of("bytes after the map", "a000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void aMalformedFileIsRefusedAsMalformed(String what, String hex) throws Exception {
        Path file = directory.resolve("binding.cbor");
        Files.write(file, HexFormat.of().parseHex(hex));
        BindingFileException e = assertThrows(BindingFileException.class, () -> BindingSource.file(file).current());
        assertEquals(BindingFileException.Reason.MALFORMED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("The enclave's binding file " + file + " is not one CBOR map of "
                + "public_key and user_data byte strings ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); the enclave application must publish it again."), e.getMessage());
    }

    @Test
    void aByteAfterAnyBindingIsRefused() {
        // One rule for every message a peer sends (CborDecoder.readMessage): the map, and nothing after it.
        for (EnclaveBinding binding : List.of(EnclaveBinding.none(), EnclaveBinding.of(new byte[] {1}, null),
                EnclaveBinding.of(null, new byte[] {2}), EnclaveBinding.of(new byte[1024], new byte[1024]))) {
            byte[] encoded = binding.encode();
            BindingFileException e = assertThrows(BindingFileException.class,
                    () -> EnclaveBinding.decode(Arrays.copyOf(encoded, encoded.length + 1)));
            assertEquals(BindingFileException.Reason.MALFORMED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("1 trailing byte(s) after the data item"), e.getMessage());
        }
    }

    @Test
    void aMissingFileSaysTheApplicationHasNotPublishedYet() {
        Path file = directory.resolve("binding.cbor");
        BindingFileException e = assertThrows(BindingFileException.class, () -> BindingSource.file(file).current());
        assertEquals(BindingFileException.Reason.MISSING, e.reason());
        assertEquals("The enclave's binding file " + file + " does not exist yet: the enclave application has not "
                + "published its binding, so retry once it has.", e.getMessage());
    }

    @Test
    void aFileOver4KibIsNotRead() throws Exception {
        Path file = directory.resolve("binding.cbor");
        Files.write(file, new byte[4097]);
        BindingFileException e = assertThrows(BindingFileException.class, () -> BindingSource.file(file).current());
        assertEquals(BindingFileException.Reason.TOO_LARGE, e.reason());
        assertEquals("The enclave's binding file " + file + " has 4097 bytes; at most 4096 are read, so the enclave "
                + "application must publish a smaller one.", e.getMessage());
    }

    @Test
    void aDirectoryIsNotARegularFile() {
        BindingFileException e = assertThrows(BindingFileException.class,
                () -> BindingSource.file(directory).current());
        assertEquals(BindingFileException.Reason.NOT_A_REGULAR_FILE, e.reason());
    }

    @Test
    void aPipeAtThePathIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = directory.resolve("binding.cbor");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo on this machine");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        BindingFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(BindingFileException.class, () -> BindingSource.file(fifo).current()));
        assertEquals(BindingFileException.Reason.NOT_A_REGULAR_FILE, e.reason());
    }

    @Test
    void publishingReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = directory.resolve("binding.cbor");
        BindingSource source = BindingSource.file(file);
        EnclaveBinding first = EnclaveBinding.of(new byte[] {1}, new byte[] {2});
        first.publish(file);
        assertEquals(first, source.current());
        EnclaveBinding second = EnclaveBinding.of(new byte[300], null);
        second.publish(file);
        assertEquals(second, source.current());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count(), "only the binding file is left");
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "public content, readable by an agent running as another user");
    }

    @Test
    void withoutAFileDocumentsBindNothing() throws Exception {
        assertEquals(EnclaveBinding.none(), BindingSource.nothing().current());
    }
}
