/**
 * What every other nitro-attest module builds on, with no dependency beyond the JDK: immutable byte strings
 * ({@code dev.nitroattest.bytes}), the strict CBOR profile the project reads and writes ({@code dev.nitroattest.cbor}),
 * the strict DER reader of certificates ({@code dev.nitroattest.der}) and the notation for untrusted text
 * ({@code dev.nitroattest.text}). The enclave agent's jar carries this module and not the verifier.
 */
module dev.nitroattest.foundation {
    exports dev.nitroattest.bytes;
    exports dev.nitroattest.cbor;
    exports dev.nitroattest.der;
    exports dev.nitroattest.text;
}
