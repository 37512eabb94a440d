package dev.nitroattest.attestation.internal.payload;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.DocumentField;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborHead;
import dev.nitroattest.cbor.CborReader;
import dev.nitroattest.cbor.CborScanner;
import dev.nitroattest.cbor.CborToken;
import dev.nitroattest.text.PrintableText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the attestation document payload (the AWS specification's AttestationDocument map) and checks
 * every field's type and bounds. Where the specification and the real NSM disagree, the NSM wins: null
 * stands for an absent optional field, user_data and nonce may be 1024 bytes, maps may be
 * indefinite-length, and 17 PCRs occur.
 */
public final class PayloadDecoder {
    public static final String SHA384 = "SHA384";
    /** The length of every PCR value: SHA384 is the only digest accepted. */
    public static final int PCR_LENGTH = 48;
    /**
     * PCR0, PCR1 and PCR2 measure the enclave image; every NSM sends them (real documents carry 16 or more PCRs),
     * and debug detection reads them, so an enclave document without them is refused. NitroTPM documents have no
     * such fixed set.
     */
    private static final int REQUIRED_ENCLAVE_PCRS = 3;
    /** Enclave documents have PCRs 0 to 31. */
    public static final int MAX_ENCLAVE_PCRS = 32;
    /** NitroTPM documents have PCRs 0 to 23. */
    public static final int MAX_NITRO_TPM_PCRS = 24;
    public static final int MAX_CERTIFICATE_LENGTH = 1024;
    public static final int MAX_OPTIONAL_FIELD_LENGTH = 1024;
    /** AWS sends 4; a longer bundle has no legitimate use and only costs verification time. */
    public static final int MAX_CABUNDLE_ENTRIES = 8;
    static final int MAX_UNKNOWN_FIELDS = 32;
    /** How much of a key or text from the document a message quotes. */
    private static final int MAX_QUOTED_TEXT = 64;
    /** Payload map, then pcrs or cabundle: 2 levels; a little room for unknown fields' values. */
    static final int MAX_DEPTH = 8;

    private static final String MODULE_ID = "module_id";
    private static final String DIGEST = "digest";
    private static final String TIMESTAMP = "timestamp";
    private static final String PCRS = "pcrs";
    private static final String NITROTPM_PCRS = "nitrotpm_pcrs";
    private static final String CERTIFICATE = "certificate";
    private static final String CABUNDLE = "cabundle";
    private static final String PUBLIC_KEY = "public_key";
    private static final String USER_DATA = "user_data";
    private static final String NONCE = "nonce";

    private final CborReader reader;
    private final Set<String> seenKeys = new HashSet<>(16);
    private String moduleId;
    private String digest;
    private long timestamp = -1;
    private byte[][] pcrs;
    /** Whether the PCRs came under nitrotpm_pcrs: a NitroTPM document, not an enclave's. */
    private boolean nitroTpm;
    private byte[] certificate;
    private List<byte[]> cabundle;
    private byte[] publicKey;
    private byte[] userData;
    private byte[] nonce;
    private Map<String, byte[]> unknownFields;

    private PayloadDecoder(CborReader reader) {
        this.reader = reader;
    }

    public static DecodedPayload decode(byte[] payload) throws Rejection {
        try {
            CborScanner.scan(payload, MAX_DEPTH, false);
        } catch (CborException e) {
            throw malformedPayload("The payload is not well-formed CBOR: " + e.getMessage() + ".");
        }
        try {
            CborReader reader = new CborReader(payload);
            return new PayloadDecoder(reader).decodeMap(payload);
        } catch (CborException e) {
            throw malformedPayload("The payload " + e.getMessage() + ".");
        }
    }

    private DecodedPayload decodeMap(byte[] payload) throws CborException, Rejection {
        if (reader.next() != CborToken.MAP_START) {
            throw malformedPayload("The payload is not a map.");
        }
        while (reader.next() == CborToken.KEY) {
            if (reader.keyMajorType() != CborHead.TEXT) {
                throw malformedPayload("The payload map has a key that is not a text string at offset "
                        + reader.tokenOffset() + ".");
            }
            String key = reader.text();
            if (!seenKeys.add(key)) {
                throw malformedPayload("The payload map has the key \"" + printable(key) + "\" twice.");
            }
            decodeField(key, payload);
        }
        // Nothing follows the map: the scan in decode() refused trailing bytes already.
        return validated();
    }

    private void decodeField(String key, byte[] payload) throws CborException, Rejection {
        CborToken value = reader.next();
        switch (key) {
            case MODULE_ID -> moduleId = text(DocumentField.MODULE_ID, value);
            case DIGEST -> digest = text(DocumentField.DIGEST, value);
            case TIMESTAMP -> timestamp = timestamp(value);
            case PCRS -> pcrs = pcrMap(DocumentField.PCRS, value, MAX_ENCLAVE_PCRS);
            case NITROTPM_PCRS -> {
                pcrs = pcrMap(DocumentField.NITROTPM_PCRS, value, MAX_NITRO_TPM_PCRS);
                nitroTpm = true;
            }
            case CERTIFICATE -> certificate = boundedBytes(Place.of(DocumentField.CERTIFICATE), value, 1,
                    MAX_CERTIFICATE_LENGTH);
            case CABUNDLE -> cabundle = cabundle(value);
            case PUBLIC_KEY -> publicKey = optionalBytes(DocumentField.PUBLIC_KEY, value);
            case USER_DATA -> userData = optionalBytes(DocumentField.USER_DATA, value);
            case NONCE -> nonce = optionalBytes(DocumentField.NONCE, value);
            default -> unknownField(key, payload);
        }
    }

    private DecodedPayload validated() throws Rejection {
        require(DocumentField.MODULE_ID, moduleId);
        require(DocumentField.DIGEST, digest);
        if (timestamp < 0) {
            throw invalid(DocumentField.TIMESTAMP, "The payload has no timestamp.");
        }
        boolean hasEnclavePcrs = seenKeys.contains(PCRS);
        boolean hasTpmPcrs = seenKeys.contains(NITROTPM_PCRS);
        if (hasEnclavePcrs && hasTpmPcrs) {
            throw invalidPayload("The payload has both pcrs and nitrotpm_pcrs; a document has one or the other.");
        }
        if (!hasEnclavePcrs && !hasTpmPcrs) {
            throw invalid(DocumentField.PCRS, "The payload has no pcrs.");
        }
        require(DocumentField.CERTIFICATE, certificate);
        require(DocumentField.CABUNDLE, cabundle);
        if (moduleId.isEmpty()) {
            throw invalid(DocumentField.MODULE_ID, "The payload's module_id is empty.");
        }
        if (!SHA384.equals(digest)) {
            throw Rejection.of(Fault.UNSUPPORTED_ALGORITHM, DocumentField.DIGEST,
                    "The payload's digest is \"" + printable(digest) + "\"; only SHA384 is accepted.");
        }
        if (!hasTpmPcrs) {
            // pcrMap gives an enclave document MAX_ENCLAVE_PCRS entries, so PCR0 to PCR2 are always in range.
            for (int index = 0; index < REQUIRED_ENCLAVE_PCRS; index++) {
                if (pcrs[index] == null) {
                    throw invalid(DocumentField.PCRS,
                            "The payload's pcrs have no PCR" + index + "; an enclave document carries PCR0, "
                            + "PCR1 and PCR2, the measurements of its image.");
                }
            }
        }
        DocumentField pcrField = hasTpmPcrs ? DocumentField.NITROTPM_PCRS : DocumentField.PCRS;
        for (int index = 0; index < pcrs.length; index++) {
            if (pcrs[index] != null && pcrs[index].length != PCR_LENGTH) {
                throw invalid(pcrField,
                        "The payload's " + pcrField.wireName() + " entry " + index + " is " + pcrs[index].length
                        + " bytes; a SHA384 PCR is " + PCR_LENGTH + " bytes.");
            }
        }
        return new DecodedPayload(nitroTpm, moduleId, digest, timestamp, pcrs,
                certificate, Collections.unmodifiableList(cabundle), publicKey, userData, nonce,
                unknownFields == null ? Map.of() : Collections.unmodifiableMap(unknownFields));
    }

    private String text(DocumentField field, CborToken value) throws CborException, Rejection {
        if (value != CborToken.TEXT) {
            throw wrongType(Place.of(field), value, "a text string");
        }
        return reader.text();
    }

    private long timestamp(CborToken value) throws Rejection {
        if (value != CborToken.UNSIGNED) {
            throw wrongType(Place.of(DocumentField.TIMESTAMP), value,
                    "an unsigned integer (milliseconds since the epoch)");
        }
        long millis = reader.integerArgument();
        if (millis <= 0) {
            throw invalid(DocumentField.TIMESTAMP, "The payload's timestamp " + Long.toUnsignedString(millis)
                    + " is out of range; it must be a positive number of milliseconds below 2^63.");
        }
        return millis;
    }

    private byte[][] pcrMap(DocumentField field, CborToken value, int maxEntries) throws CborException, Rejection {
        String key = field.wireName();
        if (value != CborToken.MAP_START) {
            throw wrongType(Place.of(field), value, "a map from PCR index to value");
        }
        byte[][] values = new byte[maxEntries][];
        int count = 0;
        while (reader.next() == CborToken.KEY) {
            if (reader.keyMajorType() != CborHead.UNSIGNED) {
                throw invalid(field, "The payload's " + key + " has a key that is not an unsigned integer.");
            }
            long index = reader.integerArgument();
            if (index < 0 || index >= maxEntries) {
                throw invalid(field, "The payload's " + key + " has index " + Long.toUnsignedString(index)
                        + "; indices run from 0 to " + (maxEntries - 1) + ".");
            }
            if (values[(int) index] != null) {
                throw Rejection.of(Fault.MALFORMED, field, "The payload's " + key + " has index " + index + " twice.");
            }
            CborToken entry = reader.next();
            if (entry != CborToken.BYTES) {
                throw wrongType(Place.pcr(field, (int) index), entry, "a byte string");
            }
            values[(int) index] = reader.bytes();
            count++;
        }
        if (count == 0) {
            throw invalid(field, "The payload's " + key + " is empty; a document has at least one PCR.");
        }
        return values;
    }

    private List<byte[]> cabundle(CborToken value) throws CborException, Rejection {
        if (value != CborToken.ARRAY_START) {
            throw wrongType(Place.of(DocumentField.CABUNDLE), value, "an array of certificates");
        }
        List<byte[]> certificates = new ArrayList<>(4);
        CborToken entry;
        while ((entry = reader.next()) != CborToken.END) {
            if (certificates.size() == MAX_CABUNDLE_ENTRIES) {
                throw invalid(DocumentField.CABUNDLE,
                        "The payload's cabundle has more than " + MAX_CABUNDLE_ENTRIES + " certificates.");
            }
            certificates.add(boundedBytes(Place.bundleEntry(certificates.size()), entry, 1,
                    MAX_CERTIFICATE_LENGTH));
        }
        if (certificates.isEmpty()) {
            throw invalid(DocumentField.CABUNDLE,
                    "The payload's cabundle is empty; it must start with the root certificate.");
        }
        return certificates;
    }

    private byte[] optionalBytes(DocumentField field, CborToken value) throws CborException, Rejection {
        return value == CborToken.NULL ? null : boundedBytes(Place.of(field), value, 0, MAX_OPTIONAL_FIELD_LENGTH);
    }

    private byte[] boundedBytes(Place place, CborToken value, int minLength, int maxLength)
            throws CborException, Rejection {
        if (value != CborToken.BYTES) {
            throw wrongType(place, value, "a byte string");
        }
        byte[] bytes = reader.bytes();
        if (bytes.length < minLength || bytes.length > maxLength) {
            throw place.reject(Fault.INVALID_FIELD,
                    "The payload's " + place.name() + " is " + bytes.length + " bytes; it must be " + minLength
                    + " to " + maxLength + " bytes.");
        }
        return bytes;
    }

    private void unknownField(String key, byte[] payload) throws CborException, Rejection {
        if (unknownFields == null) {
            unknownFields = new LinkedHashMap<>();
        } else if (unknownFields.size() == MAX_UNKNOWN_FIELDS) {
            throw malformedPayload(
                    "The payload has more than " + MAX_UNKNOWN_FIELDS + " keys this library does not know.");
        }
        int start = reader.tokenOffset();
        int end = reader.skipValue();
        byte[] encoded = new byte[end - start];
        System.arraycopy(payload, start, encoded, 0, encoded.length);
        unknownFields.put(key, encoded);
    }

    private static void require(DocumentField field, Object value) throws Rejection {
        if (value == null) {
            throw invalid(field, "The payload has no " + field.wireName() + ".");
        }
    }

    private static Rejection wrongType(Place place, CborToken actual, String expected) {
        return place.reject(Fault.INVALID_FIELD,
                "The payload's " + place.name() + " is " + actual.description() + "; it must be " + expected + ".");
    }

    /** Keys and texts come from the document: keep them short and on one line in messages. */
    private static String printable(String text) {
        return PrintableText.escape(text, MAX_QUOTED_TEXT);
    }

    private static Rejection invalid(DocumentField field, String detail) {
        return Rejection.of(Fault.INVALID_FIELD, field, detail);
    }

    /** A fault of the payload as a whole, in no one field: its CBOR, its map, its set of keys. */
    private static Rejection invalidPayload(String detail) {
        return Rejection.of(Fault.INVALID_FIELD, null, detail);
    }

    /** A fault of the payload as a whole, in no one field: its CBOR, its map, its set of keys. */
    private static Rejection malformedPayload(String detail) {
        return Rejection.of(Fault.MALFORMED, null, detail);
    }

    /**
     * What a value is, for a rejection: its name in the sentence, and its location as data.
     *
     * @param name how the sentence names it after "The payload's": "nonce", "pcrs entry 3", "cabundle entry 2"
     * @param field the field it is in
     * @param bundleIndex its index in cabundle when it is a certificate of the bundle, else -1
     */
    private record Place(String name, DocumentField field, int bundleIndex) {
        static Place of(DocumentField field) {
            return new Place(field.wireName(), field, -1);
        }

        /** One PCR's value: the PCR field is the location. */
        static Place pcr(DocumentField field, int index) {
            return new Place(field.wireName() + " entry " + index, field, -1);
        }

        /** One certificate of the bundle, located by its index. */
        static Place bundleEntry(int index) {
            return new Place("cabundle entry " + index, DocumentField.CABUNDLE, index);
        }

        Rejection reject(Fault fault, String detail) {
            return bundleIndex < 0 ? Rejection.of(fault, field, detail)
                    : Rejection.ofCertificate(fault, CertificatePosition.inBundle(bundleIndex), detail);
        }
    }
}
