package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.cose.CoseSign1;
import dev.nitroattest.attestation.internal.cose.CoseSign1Decoder;
import dev.nitroattest.attestation.internal.cose.SigStructure;
import dev.nitroattest.attestation.internal.payload.DecodedPayload;
import dev.nitroattest.attestation.internal.payload.PayloadDecoder;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cbor.CborReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed attestation document whose authenticity has NOT been checked. Parsing proves only that
 * the bytes have the shape of a Nitro attestation document; nothing read from it may be trusted before
 * {@link AttestationVerifier} has verified it.
 */
public final class AttestationDocument {
    /** The default and usual bound: real documents are 4.4 to 5 KB. */
    public static final int DEFAULT_MAX_SIZE = 16 * 1024;
    /**
     * The largest size limit that may be configured (1 MiB): the decoder reads no longer input, so a larger
     * limit would let oversized documents through as MALFORMED instead of TOO_LARGE.
     */
    public static final int MAX_SIZE_LIMIT = CborReader.MAX_INPUT_LENGTH;
    static final String UNEXPECTED_FAILURE = "The document could not be decoded because of an unexpected internal failure";

    private final CoseSign1 envelope;
    private final DecodedPayload payload;
    private final Pcrs pcrs;

    private AttestationDocument(CoseSign1 envelope, DecodedPayload payload) {
        this.envelope = envelope;
        this.payload = payload;
        this.pcrs = Pcrs.wrap(payload.pcrs());
    }

    /** Parses a document of at most {@value #DEFAULT_MAX_SIZE} bytes. */
    public static AttestationDocument parse(byte[] document) throws DocumentRejectedException {
        return parse(document, DEFAULT_MAX_SIZE);
    }

    /**
     * Parses a document, refusing it before any decoding if it is larger than {@code maxSize} bytes.
     *
     * @throws DocumentRejectedException with a reason of category {@link RejectionReason.Category#STRUCTURE}
     * @throws VerifierConfigurationException if {@code maxSize} is not between 1 and {@link #MAX_SIZE_LIMIT}
     */
    public static AttestationDocument parse(byte[] document, int maxSize) throws DocumentRejectedException {
        Objects.requireNonNull(document, "document");
        checkMaxSize(maxSize);
        if (document.length > maxSize) {
            throw new DocumentRejectedException(RejectionReason.TOO_LARGE, null, "The document is " + document.length
                    + " bytes, more than the limit of " + maxSize + " bytes.");
        }
        if (document.length == 0) {
            throw new DocumentRejectedException(RejectionReason.MALFORMED, null, "The document is empty.");
        }
        try {
            CoseSign1 envelope = CoseSign1Decoder.decode(document);
            return new AttestationDocument(envelope, PayloadDecoder.decode(envelope.payload()));
        } catch (Rejection e) {
            throw DocumentRejectedException.of(e);
        } catch (RuntimeException e) {
            // A decoder bug must still reject the input rather than escape as another exception; the fuzz
            // tests fail whenever this line is reached.
            throw new DocumentRejectedException(RejectionReason.MALFORMED, null, UNEXPECTED_FAILURE + " ("
                    + e.getClass().getSimpleName() + "); please report it.");
        }
    }

    static void checkMaxSize(int maxSize) {
        if (maxSize < 1 || maxSize > MAX_SIZE_LIMIT) {
            throw new VerifierConfigurationException("The maximum document size must be between 1 and "
                    + MAX_SIZE_LIMIT + " bytes; " + maxSize + " was given.");
        }
    }

    /** Enclave (pcrs) or NitroTPM (nitrotpm_pcrs) document. */
    public DocumentKind kind() {
        return payload.nitroTpm() ? DocumentKind.NITRO_TPM : DocumentKind.ENCLAVE;
    }

    /**
     * The NSM's module_id: which instance and enclave the document comes from.
     *
     * @return the module id, never empty
     */
    public String moduleId() {
        return payload.moduleId();
    }

    /** Always "SHA384": documents naming another digest are not parsed. */
    public String digest() {
        return payload.digest();
    }

    /**
     * When the NSM signed the document (its timestamp field, UTC milliseconds).
     *
     * @return the instant
     */
    public Instant timestamp() {
        return Instant.ofEpochMilli(payload.timestampMillis());
    }

    /** The PCRs: from {@code pcrs} for enclave documents, from {@code nitrotpm_pcrs} for NitroTPM ones. */
    public Pcrs pcrs() {
        return pcrs;
    }

    /** The leaf certificate, DER. */
    public Bytes certificate() {
        return Bytes.of(payload.certificate());
    }

    /** The CA bundle as it appears: root first. */
    public List<Bytes> cabundle() {
        List<Bytes> bundle = new ArrayList<>(payload.cabundle().size());
        for (byte[] certificate : payload.cabundle()) {
            bundle.add(Bytes.of(certificate));
        }
        return Collections.unmodifiableList(bundle);
    }

    /**
     * The public_key field, when the enclave put one in (absent and null are the same).
     *
     * @return the key bytes, or empty
     */
    public Optional<Bytes> publicKey() {
        return optional(payload.publicKey());
    }

    /**
     * The user_data field, when the enclave put one in (absent and null are the same).
     *
     * @return the bytes, or empty
     */
    public Optional<Bytes> userData() {
        return optional(payload.userData());
    }

    /**
     * The nonce field, when the enclave's caller gave one (absent and null are the same).
     *
     * @return the nonce, or empty
     */
    public Optional<Bytes> nonce() {
        return optional(payload.nonce());
    }

    /** Payload keys this library does not know, with each value's raw CBOR encoding. */
    public Map<String, Bytes> unknownFields() {
        Map<String, Bytes> fields = new LinkedHashMap<>();
        payload.unknownFields().forEach((key, value) -> fields.put(key, Bytes.of(value)));
        return Collections.unmodifiableMap(fields);
    }

    /** Whether the COSE_Sign1 carried tag 18. */
    public boolean isTagged() {
        return envelope.tagged();
    }

    /**
     * Whether this is an enclave document from a debug-mode enclave: PCR0, PCR1 and PCR2 all zero.
     * Such documents are genuinely signed by AWS but prove nothing about the code that runs.
     */
    public boolean isDebugEnclave() {
        if (kind() != DocumentKind.ENCLAVE) {
            return false;
        }
        for (int index = 0; index <= 2; index++) {
            Bytes value = pcrs.valueOrNull(index);
            if (value == null || !value.isAllZero()) {
                return false;
            }
        }
        return true;
    }

    /** The 96-byte signature r || s. */
    public Bytes signature() {
        return Bytes.of(envelope.signature());
    }

    /** The payload bytes exactly as signed. */
    public Bytes payload() {
        return Bytes.of(envelope.payload());
    }

    /**
     * What the signature covers: the COSE Sig_structure of RFC 9052 section 4.4, {@code ["Signature1",
     * h'a1013822', h'', payload]}, built around the payload exactly as received.
     */
    public Bytes signedBytes() {
        return Bytes.of(SigStructure.encode(envelope.payload()));
    }

    CoseSign1 envelope() {
        return envelope;
    }

    DecodedPayload decodedPayload() {
        return payload;
    }

    private static Optional<Bytes> optional(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(Bytes.of(value));
    }

    @Override
    public String toString() {
        return "AttestationDocument[NOT VERIFIED, " + kind() + ", module_id=" + moduleId() + ", timestamp="
                + timestamp() + "]";
    }
}
