package dev.nitroattest.testkit;

import dev.nitroattest.cbor.CoseSigStructure;
import dev.nitroattest.testkit.internal.CoseParts;
import dev.nitroattest.testkit.internal.Pcrs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Builds attestation documents byte by byte. The defaults reproduce a 2024-era NSM document: an untagged
 * COSE_Sign1 {@code 84}, protected header {@code {1: -35}} (ES384), an empty unprotected header, and a
 * definite-length payload map with the nine NSM keys in the NSM's order (module_id, digest "SHA384", timestamp as
 * {@code 1b} + 8 bytes, 16 PCRs of 48 bytes, certificate, cabundle, and null public_key, user_data and nonce),
 * signed with ECDSA P-384 over the COSE Sig_structure.
 * <p>Every setter changes exactly one thing, so a test (or {@link Forgeries}) can make a document that is wrong in
 * one way only. Setters return this; {@link #copy()} forks a builder. Not thread-safe.
 */
public final class DocumentBuilder {

    /** Computes the bytes to sign from the protected header (the content of its byte string) and the payload. */
    @FunctionalInterface
    public interface SigStructureEncoder {
        /** The to-be-signed bytes for this protected header content and payload. */
        byte[] encode(byte[] protectedHeaderContent, byte[] payload);
    }

    static final String MODULE_ID = "module_id";
    static final String DIGEST = "digest";
    static final String TIMESTAMP = "timestamp";
    static final String PCRS = "pcrs";
    static final String NITROTPM_PCRS = "nitrotpm_pcrs";
    static final String CERTIFICATE = "certificate";
    static final String CABUNDLE = "cabundle";
    static final String PUBLIC_KEY = "public_key";
    static final String USER_DATA = "user_data";
    static final String NONCE = "nonce";
    private static final Set<String> KNOWN_KEYS = Set.of(
            MODULE_ID, DIGEST, TIMESTAMP, PCRS, NITROTPM_PCRS, CERTIFICATE, CABUNDLE, PUBLIC_KEY, USER_DATA, NONCE);

    private static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};
    private static final byte[] EMPTY_MAP = {(byte) 0xa0};
    private static final byte[] NULL = {(byte) 0xf6};
    private static final String NITRO_TPM_MODULE_ID = "i-0123456789abcdef0-tpm0000000000000000";
    private static final int NITRO_TPM_PCR_COUNT = 24;
    private static final int ENCLAVE_PCR_COUNT = 16;

    // Immutable once added: the arrays are copies nobody else holds.
    private record ExtraEntry(byte[] encodedKey, byte[] encodedValue) {}

    private EcKeyPair signingKey;
    private byte[] certificate;
    private List<byte[]> cabundle;
    private byte[] protectedHeader = ES384_PROTECTED_HEADER;
    private byte[] unprotectedHeader = EMPTY_MAP;
    private boolean tagged;
    private boolean indefiniteLengths;
    private String moduleId = TestPki.MODULE_ID;
    private String digest = "SHA384";
    private long timestampMillis;
    private String pcrsKey = PCRS;
    private TreeMap<Integer, byte[]> pcrs = new TreeMap<>(Pcrs.defaults(ENCLAVE_PCR_COUNT));
    private byte[] publicKey;
    private byte[] userData;
    private byte[] nonce;
    private final Set<String> omitted = new HashSet<>();
    private final Map<String, byte[]> rawValues = new HashMap<>();
    private final List<ExtraEntry> extraEntries = new ArrayList<>();
    private List<String> keyOrder;
    private byte[] payloadOverride;
    private byte[] signatureOverride;
    private SigStructureEncoder toBeSigned = DocumentBuilder::sigStructure;

    private DocumentBuilder(EcKeyPair signingKey, byte[] certificate, List<byte[]> cabundle) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.certificate = certificate.clone();
        this.cabundle = copies(cabundle);
    }

    private DocumentBuilder(DocumentBuilder other) {
        signingKey = other.signingKey;
        certificate = other.certificate;
        cabundle = other.cabundle;
        protectedHeader = other.protectedHeader;
        unprotectedHeader = other.unprotectedHeader;
        tagged = other.tagged;
        indefiniteLengths = other.indefiniteLengths;
        moduleId = other.moduleId;
        digest = other.digest;
        timestampMillis = other.timestampMillis;
        pcrsKey = other.pcrsKey;
        pcrs = new TreeMap<>(other.pcrs);
        publicKey = other.publicKey;
        userData = other.userData;
        nonce = other.nonce;
        omitted.addAll(other.omitted);
        rawValues.putAll(other.rawValues);
        extraEntries.addAll(other.extraEntries);
        keyOrder = other.keyOrder;
        payloadOverride = other.payloadOverride;
        signatureOverride = other.signatureOverride;
        toBeSigned = other.toBeSigned;
    }

    /**
     * A document signed by the PKI's leaf, carrying its cabundle, its module_id and the timestamp
     * {@link TestPki#documentTime()}.
     */
    public static DocumentBuilder forPki(TestPki pki) {
        return withSigner(pki.leaf().key(), pki.leaf().der(), pki.cabundle())
                .moduleId(pki.moduleId())
                .timestamp(pki.documentTime());
    }

    /**
     * A document signed with leafKey, carrying the given leaf certificate and cabundle (root first). The timestamp
     * defaults to the leaf certificate's notBefore plus one hour, as in {@link #forPki}.
     */
    public static DocumentBuilder withSigner(EcKeyPair leafKey, byte[] leafCertificateDer, List<byte[]> cabundle) {
        DocumentBuilder builder = new DocumentBuilder(leafKey, leafCertificateDer, cabundle);
        Instant leafNotBefore = Certificate.getInstance(leafCertificateDer).getStartDate().getDate().toInstant();
        return builder.timestamp(leafNotBefore.plus(Duration.ofHours(1)));
    }

    /** An independent builder with the same settings. */
    public DocumentBuilder copy() {
        return new DocumentBuilder(this);
    }

    /** The module_id, written as a text string. */
    public DocumentBuilder moduleId(String moduleId) {
        this.moduleId = Objects.requireNonNull(moduleId, "moduleId");
        return this;
    }

    /** The payload's digest name; "SHA384" by default and on every real document. */
    public DocumentBuilder digest(String digest) {
        this.digest = Objects.requireNonNull(digest, "digest");
        return this;
    }

    /** The timestamp, written as milliseconds since the epoch. */
    public DocumentBuilder timestamp(Instant timestamp) {
        return timestampMillis(timestamp.toEpochMilli());
    }

    /** The timestamp in milliseconds; written as {@code 1b} + 8 bytes whatever its value, 0 and negatives included. */
    public DocumentBuilder timestampMillis(long millis) {
        this.timestampMillis = millis;
        return this;
    }

    /** Sets one PCR; the value may have any length. */
    public DocumentBuilder pcr(int index, byte[] value) {
        if (index < 0) {
            throw new IllegalArgumentException("PCR indexes are unsigned: " + index);
        }
        pcrs.put(index, value.clone());
        return this;
    }

    /** Leaves one PCR out of the PCR map. */
    public DocumentBuilder removePcr(int index) {
        pcrs.remove(index);
        return this;
    }

    /**
     * Resets the PCRs to entries 0..n-1 with the default values: PCR0..4 distinct, PCR16 extended once
     * (SHA384(48 zero bytes || SHA384("test PCR16"))), every other one 48 zero bytes.
     */
    public DocumentBuilder pcrCount(int n) {
        pcrs = new TreeMap<>(Pcrs.defaults(n));
        return this;
    }

    /** PCR0, PCR1 and PCR2 all zero, as in documents from enclaves started with --debug-mode. */
    public DocumentBuilder debugMode() {
        for (int index = 0; index <= 2; index++) {
            pcrs.put(index, new byte[Pcrs.LENGTH]);
        }
        return this;
    }

    /** The nonce; null writes null. */
    public DocumentBuilder nonce(byte[] nonce) {
        this.nonce = nonce == null ? null : nonce.clone();
        return this;
    }

    /** The user_data; null writes null. */
    public DocumentBuilder userData(byte[] userData) {
        this.userData = userData == null ? null : userData.clone();
        return this;
    }

    /** The public_key; null writes null. */
    public DocumentBuilder publicKey(byte[] publicKey) {
        this.publicKey = publicKey == null ? null : publicKey.clone();
        return this;
    }

    /** Leaves the standard key out of the payload. */
    public DocumentBuilder omit(String key) {
        omitted.add(knownKey(key));
        return this;
    }

    /** Writes null as the standard key's value. */
    public DocumentBuilder nullField(String key) {
        return rawField(key, NULL);
    }

    /** Writes this pre-encoded CBOR item as the standard key's value, in its usual place: for wrong types. */
    public DocumentBuilder rawField(String key, byte[] encodedValue) {
        rawValues.put(knownKey(key), encodedValue.clone());
        return this;
    }

    /**
     * Writes the standard keys in this order instead of the NSM's, to check that a verifier reads keys by name and
     * not by position. The list holds each key of the document's layout exactly once: module_id, digest, timestamp,
     * pcrs (nitrotpm_pcrs for a NitroTPM document), certificate, cabundle, public_key, user_data and nonce. Omitted
     * keys are skipped; extra entries still follow the standard keys.
     */
    public DocumentBuilder keyOrder(List<String> keys) {
        this.keyOrder = List.copyOf(keys);
        return this;
    }

    /**
     * Writes the payload map and the maps and arrays inside it (pcrs, cabundle) with indefinite lengths, as
     * documents from 2026 on do. The COSE array and the Sig_structure stay definite.
     */
    public DocumentBuilder indefiniteLengths(boolean indefinite) {
        this.indefiniteLengths = indefinite;
        return this;
    }

    /** Prefixes the COSE_Sign1 tag 18 ({@code d2}), which the specification allows and no real document uses. */
    public DocumentBuilder tagged(boolean tagged) {
        this.tagged = tagged;
        return this;
    }

    /**
     * Makes a NitroTPM document: a module_id of an EC2 instance and {@code nitrotpm_pcrs} with 24 default entries
     * in place of {@code pcrs}.
     */
    public DocumentBuilder nitroTpm() {
        this.moduleId = NITRO_TPM_MODULE_ID;
        this.pcrsKey = NITROTPM_PCRS;
        this.pcrs = new TreeMap<>(Pcrs.defaults(NITRO_TPM_PCR_COUNT));
        return this;
    }

    /** Appends a text key with this pre-encoded value after the standard keys; repeating a key duplicates it. */
    public DocumentBuilder extraField(String key, byte[] encodedValue) {
        return extraEntry(new CborWriter().text(key).toByteArray(), encodedValue);
    }

    /** Appends a pair of pre-encoded key and value after the standard keys: for keys that are not text. */
    public DocumentBuilder extraEntry(byte[] encodedKey, byte[] encodedValue) {
        extraEntries.add(new ExtraEntry(encodedKey.clone(), encodedValue.clone()));
        return this;
    }

    /** The content of the protected header's byte string; {@code a1 01 38 22} by default. */
    public DocumentBuilder protectedHeader(byte[] content) {
        this.protectedHeader = content.clone();
        return this;
    }

    /** The unprotected header, an encoded CBOR item; {@code a0} by default. */
    public DocumentBuilder unprotectedHeader(byte[] encodedItem) {
        this.unprotectedHeader = encodedItem.clone();
        return this;
    }

    /** The certificate field's DER; the signing key does not change. */
    public DocumentBuilder certificate(byte[] der) {
        this.certificate = der.clone();
        return this;
    }

    /** The cabundle field's entries, in the order given. */
    public DocumentBuilder cabundle(List<byte[]> cabundle) {
        this.cabundle = copies(cabundle);
        return this;
    }

    /** Signs with this key instead of the leaf's; the certificate field does not change. */
    public DocumentBuilder signWith(EcKeyPair key) {
        this.signingKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** Writes these bytes as the signature's content and signs nothing. */
    public DocumentBuilder signature(byte[] exactSignatureBytes) {
        this.signatureOverride = exactSignatureBytes.clone();
        return this;
    }

    /** Writes these bytes as the payload's content instead of the encoded fields; still signed over them. */
    public DocumentBuilder payload(byte[] exactPayloadBytes) {
        this.payloadOverride = exactPayloadBytes.clone();
        return this;
    }

    /** Signs over what the encoder makes of the protected header and payload instead of {@link #sigStructure}. */
    public DocumentBuilder signOver(SigStructureEncoder encoder) {
        this.toBeSigned = Objects.requireNonNull(encoder, "encoder");
        return this;
    }

    /** The whole document. */
    public byte[] build() {
        return buildParts().encode(tagged);
    }

    /** The payload: the content of the COSE payload byte string. */
    public byte[] buildPayload() {
        if (payloadOverride != null) {
            return payloadOverride.clone();
        }
        List<String> keys = new ArrayList<>(List.of(
                MODULE_ID, DIGEST, TIMESTAMP, pcrsKey, CERTIFICATE, CABUNDLE, PUBLIC_KEY, USER_DATA, NONCE));
        requireInLayout(omitted, keys, "omit");
        requireInLayout(rawValues.keySet(), keys, "nullField/rawField");
        if (keyOrder != null) {
            if (keyOrder.size() != keys.size() || !Set.copyOf(keyOrder).equals(Set.copyOf(keys))) {
                throw new IllegalStateException("keyOrder " + keyOrder + " is not an order of this document's keys "
                        + keys);
            }
            keys = new ArrayList<>(keyOrder);
        }
        keys.removeAll(omitted);

        CborWriter writer = new CborWriter();
        if (indefiniteLengths) {
            writer.startIndefiniteMap();
        } else {
            writer.startMap(keys.size() + extraEntries.size());
        }
        for (String key : keys) {
            writer.text(key).raw(rawValues.containsKey(key) ? rawValues.get(key) : encodeValue(key));
        }
        for (ExtraEntry entry : extraEntries) {
            writer.raw(entry.encodedKey()).raw(entry.encodedValue());
        }
        if (indefiniteLengths) {
            writer.breakIndefinite();
        }
        return writer.toByteArray();
    }

    /**
     * The COSE Sig_structure for COSE_Sign1, definite lengths throughout:
     * {@code 84 6a "Signature1" bstr(protectedHeaderContent) 40 bstr(payload)}: the project's one encoding of it,
     * {@link CoseSigStructure}. A forgery that signs over something else gives {@link #signOver} its own encoder.
     */
    public static byte[] sigStructure(byte[] protectedHeaderContent, byte[] payload) {
        return CoseSigStructure.encode(protectedHeaderContent, payload);
    }

    /** The document's four COSE items, signed unless a signature was set. */
    CoseParts buildParts() {
        byte[] payload = buildPayload();
        byte[] signature = signatureOverride != null
                ? signatureOverride.clone()
                : signingKey.signRaw(toBeSigned.encode(protectedHeader.clone(), payload.clone()));
        return new CoseParts(protectedHeader.clone(), unprotectedHeader.clone(), payload, signature);
    }

    private byte[] encodeValue(String key) {
        CborWriter writer = new CborWriter();
        switch (key) {
            case MODULE_ID -> writer.text(moduleId);
            case DIGEST -> writer.text(digest);
            case TIMESTAMP -> writer.uint64(timestampMillis);
            case PCRS, NITROTPM_PCRS -> writer.raw(Pcrs.encode(pcrs, indefiniteLengths));
            case CERTIFICATE -> writer.bytes(certificate);
            case CABUNDLE -> writeCabundle(writer);
            case PUBLIC_KEY -> writeOptional(writer, publicKey);
            case USER_DATA -> writeOptional(writer, userData);
            case NONCE -> writeOptional(writer, nonce);
            default -> throw new IllegalStateException("no encoding for " + key);
        }
        return writer.toByteArray();
    }

    private void writeCabundle(CborWriter writer) {
        if (indefiniteLengths) {
            writer.startIndefiniteArray();
        } else {
            writer.startArray(cabundle.size());
        }
        cabundle.forEach(writer::bytes);
        if (indefiniteLengths) {
            writer.breakIndefinite();
        }
    }

    private static void writeOptional(CborWriter writer, byte[] value) {
        if (value == null) {
            writer.nul();
        } else {
            writer.bytes(value);
        }
    }

    private static String knownKey(String key) {
        if (!KNOWN_KEYS.contains(key)) {
            throw new IllegalArgumentException("not a standard payload key: " + key + " (use extraField for others)");
        }
        return key;
    }

    private static void requireInLayout(Set<String> named, List<String> layout, String setter) {
        for (String key : named) {
            if (!layout.contains(key)) {
                throw new IllegalStateException(setter + " names " + key + ", which this document does not have");
            }
        }
    }

    private static List<byte[]> copies(List<byte[]> values) {
        return values.stream().map(byte[]::clone).toList();
    }
}
