package dev.nitroattest.attestation.internal;

/**
 * Where in a document a fault is: a payload key or a COSE element. The closed vocabulary a rejection's {@code field}
 * takes (docs/verification.md lists it); {@link #wireName()} is the name programs read, in the CLI's and the proxy's
 * JSON and in {@code DocumentRejectedException.field()}.
 */
public enum DocumentField {
    MODULE_ID("module_id"),
    DIGEST("digest"),
    TIMESTAMP("timestamp"),
    PCRS("pcrs"),
    NITROTPM_PCRS("nitrotpm_pcrs"),
    /** The leaf certificate. */
    CERTIFICATE("certificate"),
    /** A certificate of the bundle, with its index, or the bundle as a whole. */
    CABUNDLE("cabundle"),
    PUBLIC_KEY("public_key"),
    USER_DATA("user_data"),
    NONCE("nonce"),
    /** The envelope as a whole: its array, its items' count, its CBOR. */
    COSE_SIGN1("COSE_Sign1"),
    COSE_PROTECTED_HEADER("COSE protected header"),
    COSE_UNPROTECTED_HEADER("COSE unprotected header"),
    COSE_PAYLOAD("COSE payload"),
    COSE_SIGNATURE("COSE signature");

    private final String wireName;

    DocumentField(String wireName) {
        this.wireName = wireName;
    }

    /** @return the payload key as the document writes it, or the COSE element's name */
    public String wireName() {
        return wireName;
    }
}
