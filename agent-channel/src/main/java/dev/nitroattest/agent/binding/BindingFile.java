package dev.nitroattest.agent.binding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The enclave's binding file, read afresh for every document: a binding published with
 * {@link EnclaveBinding#publish(Path)} (an atomic rename) is in every document made after the rename, and no document
 * ever mixes an old field with a new one. A read costs a stat and one read of at most
 * {@value EnclaveBinding#MAX_FILE_BYTES} bytes, and there is no cache to go stale.
 * Only a regular file is opened, so a pipe or a device put at the path cannot make a request wait or read without
 * end.
 */
public final class BindingFile implements BindingSource {
    private final Path path;

    BindingFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    @Override
    public EnclaveBinding current() throws BindingFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw missing();
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (!attributes.isRegularFile()) {
            throw new BindingFileException(BindingFileException.Reason.NOT_A_REGULAR_FILE, named()
                    + " is not a regular file; the enclave application must publish its binding there as a file.");
        }
        if (attributes.size() > EnclaveBinding.MAX_FILE_BYTES) {
            throw tooLarge(attributes.size());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(EnclaveBinding.MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw missing();
        } catch (IOException e) {
            throw unreadable(e);
        }
        return EnclaveBinding.decode(bytes, named());
    }

    @Override
    public String description() {
        return "documents bind the caller's nonce and the enclave's binding from " + path;
    }

    private String named() {
        return "The enclave's binding file " + path;
    }

    private BindingFileException missing() {
        return new BindingFileException(BindingFileException.Reason.MISSING, named()
                + " does not exist yet: the enclave application has not published its binding, so retry once it has.");
    }

    private BindingFileException tooLarge(long size) {
        return new BindingFileException(BindingFileException.Reason.TOO_LARGE, named() + " has " + size
                + " bytes; at most " + EnclaveBinding.MAX_FILE_BYTES + " are read, so the enclave application must "
                + "publish a smaller one.");
    }

    private BindingFileException unreadable(IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
        return new BindingFileException(BindingFileException.Reason.UNREADABLE, named()
                + " cannot be read (" + why + "); make it readable by the agent.");
    }
}
