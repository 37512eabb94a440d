package dev.nitroattest.agent.binding;

import java.nio.file.Path;

/**
 * Where the agent takes what every document binds besides the caller's nonce: nowhere (documents carry the nonce
 * alone), or the enclave's binding file. Both are inside the enclave: nothing a caller sends over the agent's listener
 * reaches them.
 */
public sealed interface BindingSource permits BindingSource.Nothing, BindingFile {

    /** The binding to attach to the document being made now. */
    EnclaveBinding current() throws BindingFileException;

    /** What the agent's start-up line says about it. */
    String description();

    /** Documents carry the caller's nonce and nothing else. */
    static BindingSource nothing() {
        return new Nothing();
    }

    /** Documents carry what this file holds when each is made (see {@link BindingFile}). */
    static BindingSource file(Path path) {
        return new BindingFile(path);
    }

    /** Documents carry the caller's nonce and nothing else. */
    record Nothing() implements BindingSource {
        @Override
        public EnclaveBinding current() {
            return EnclaveBinding.none();
        }

        @Override
        public String description() {
            return "documents bind the caller's nonce only (no --binding-file)";
        }
    }
}
