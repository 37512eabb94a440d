package dev.nitroattest.agent.binding;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cbor.CborDecoder;
import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * What the code inside the enclave has every document the agent answers carry besides the caller's nonce: its public
 * key (for example an RSA recipient key for KMS, or a key it signs or agrees keys with) and its user data. No caller
 * of the agent chooses either (docs/protocol.md); the enclave application publishes them in the agent's binding file,
 * which only code inside the enclave can write.
 *
 * <p>The binding file holds one CBOR map, {@code {"public_key": bstr?, "user_data": bstr?}}: a definite length, each
 * key at most once, no other key, each value a byte string of at most {@value #MAX_FIELD_BYTES} bytes, nothing after
 * the map, at most {@value #MAX_FILE_BYTES} bytes in all. {@code a0} (the empty map) binds nothing. CBOR because a
 * file cut short is never a valid map, so a binding written without {@link #publish(Path)}'s atomic replace is
 * refused rather than half-read.
 *
 * @param publicKey the document's {@code public_key}, if any
 * @param userData the document's {@code user_data}, if any
 */
public record EnclaveBinding(Optional<Bytes> publicKey, Optional<Bytes> userData) {
    /** The NSM's limit for each of public_key and user_data. */
    public static final int MAX_FIELD_BYTES = 1024;
    /** Two full fields and their keys take 2,076 bytes: the file's cap, well above that, bounds every read. */
    public static final int MAX_FILE_BYTES = 4096;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException for a field over {@value #MAX_FIELD_BYTES} bytes
     */
    public EnclaveBinding {
        check(publicKey, "public_key");
        check(userData, "user_data");
    }

    /** Documents carry the nonce alone. */
    public static EnclaveBinding none() {
        return new EnclaveBinding(Optional.empty(), Optional.empty());
    }

    /** From nullable arrays; null leaves the field out. */
    public static EnclaveBinding of(byte[] publicKey, byte[] userData) {
        return new EnclaveBinding(optional(publicKey), optional(userData));
    }

    /** The binding file's bytes for this binding. */
    public byte[] encode() {
        CborEncoder out = new CborEncoder();
        out.map((publicKey.isPresent() ? 1 : 0) + (userData.isPresent() ? 1 : 0));
        publicKey.ifPresent(value -> out.text("public_key").bytes(value.toByteArray()));
        userData.ifPresent(value -> out.text("user_data").bytes(value.toByteArray()));
        return out.toByteArray();
    }

    /**
     * Reads a binding file's bytes, strictly (see the class description).
     *
     * @throws BindingFileException ({@link BindingFileException.Reason#TOO_LARGE} or
     *     {@link BindingFileException.Reason#MALFORMED}) naming what is wrong
     */
    public static EnclaveBinding decode(byte[] file) throws BindingFileException {
        return decode(file, "The binding file");
    }

    /** As {@link #decode(byte[])}, naming the file in messages so: "The enclave's binding file /run/binding". */
    static EnclaveBinding decode(byte[] file, String named) throws BindingFileException {
        if (file.length > MAX_FILE_BYTES) {
            throw new BindingFileException(BindingFileException.Reason.TOO_LARGE, named + " has " + file.length
                    + " bytes; at most " + MAX_FILE_BYTES + " are read, so the enclave application must publish a "
                    + "smaller one.");
        }
        Fields fields = new Fields();
        try {
            CborDecoder.readMessage(file, 1, in -> {
                in.readMap(2, true, key -> fields.read(in, key));
                return fields;
            });
        } catch (CborException e) {
            throw new BindingFileException(BindingFileException.Reason.MALFORMED, named + " is not one CBOR map of "
                    + "public_key and user_data byte strings (" + e.getMessage() + "); the enclave application "
                    + "must publish it again.");
        }
        return new EnclaveBinding(fields.publicKey, fields.userData);
    }

    /**
     * Writes this binding to the file so that the agent reads either the old binding or the new one, never a mix:
     * to a temporary file in the same directory, flushed to the device, then renamed over the file. Readable by all
     * (what it holds is public: it goes into every document), so that an agent running as another user can read it.
     *
     * @throws IOException if it cannot be written or renamed; the file is then unchanged
     */
    public void publish(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(encode());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The binding file " + target + " cannot be replaced atomically on its file "
                        + "system; put it on one that renames atomically, such as tmpfs or ext4.", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Sizes only, for logs: {@code public_key 294 B, user_data -}. */
    public String summary() {
        return "public_key " + size(publicKey) + ", user_data " + size(userData);
    }

    private static String size(Optional<Bytes> value) {
        return value.map(bytes -> bytes.length() + " B").orElse("-");
    }

    private static Optional<Bytes> optional(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(Bytes.of(value));
    }

    private static void check(Optional<Bytes> value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.get().length() > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException("The " + name + " is " + value.get().length() + " bytes; the NSM "
                    + "takes at most " + MAX_FIELD_BYTES + ".");
        }
    }

    /** The map's two fields as they are read. */
    private static final class Fields {
        Optional<Bytes> publicKey = Optional.empty();
        Optional<Bytes> userData = Optional.empty();

        void read(CborDecoder in, String key) throws CborException {
            switch (key) {
                case "public_key" -> publicKey = Optional.of(field(in, key));
                case "user_data" -> userData = Optional.of(field(in, key));
                default -> throw new CborException("The key \"" + key + "\" is neither public_key nor user_data.");
            }
        }

        private static Bytes field(CborDecoder in, String key) throws CborException {
            CborToken type = in.peek();
            if (type != CborToken.BYTES) {
                throw new CborException("The " + key + " is " + type.description() + ", not a byte string.");
            }
            byte[] value = in.readBytes(MAX_FILE_BYTES);
            if (value.length > MAX_FIELD_BYTES) {
                throw new CborException("The " + key + " is " + value.length + " bytes; the NSM takes at most "
                        + MAX_FIELD_BYTES + ".");
            }
            return Bytes.of(value);
        }
    }
}
