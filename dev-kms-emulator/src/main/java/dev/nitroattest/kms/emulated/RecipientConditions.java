package dev.nitroattest.kms.emulated;

import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of a key policy that KMS's Nitro Enclaves condition keys express: {@code
 * kms:RecipientAttestation:ImageSha384} (the image's measurement, which is PCR0) and {@code
 * kms:RecipientAttestation:PCR<n>}, each compared as KMS's documentation advises, with {@code StringEqualsIgnoreCase}
 * against the document's value as lower-case hex. A key with conditions releases nothing to a request without an
 * attestation document, as KMS denies it ("this condition isn't satisfied"); a key with none releases to anyone
 * allowed to call it, with or without a recipient.
 */
public final class RecipientConditions {
    /** The condition key for the image's measurement. */
    public static final String IMAGE_SHA384 = "kms:RecipientAttestation:ImageSha384";
    /** The prefix of a PCR's condition key; the index follows with no separator. */
    public static final String PCR_PREFIX = "kms:RecipientAttestation:PCR";
    private static final int PCR_HEX_LENGTH = 96;
    private static final int MAX_PCR_INDEX = 31;

    private final Map<String, String> expected;

    private RecipientConditions(Map<String, String> expected) {
        this.expected = expected;
    }

    /** No condition: the key releases to any caller, attested or not. */
    public static RecipientConditions none() {
        return new RecipientConditions(Map.of());
    }

    /**
     * Adds {@code kms:RecipientAttestation:ImageSha384}: the document's PCR0 must be this SHA-384, 96 hex digits.
     *
     * @throws IllegalArgumentException if it is not 96 hex digits
     */
    public RecipientConditions imageSha384(String hex) {
        return with(IMAGE_SHA384, hex);
    }

    /**
     * Adds {@code kms:RecipientAttestation:PCR<index>}: the document's PCR must be this value, 96 hex digits.
     *
     * @throws IllegalArgumentException if the index is not 0 to 31 or the value not 96 hex digits
     */
    public RecipientConditions pcr(int index, String hex) {
        if (index < 0 || index > MAX_PCR_INDEX) {
            throw new IllegalArgumentException("A PCR condition names PCR0 to PCR31, not PCR" + index + ".");
        }
        return with(PCR_PREFIX + index, hex);
    }

    /**
     * Parses {@code ImageSha384=HEX} or {@code PCR<n>=HEX}, the condition key's last part and its value.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public RecipientConditions parse(String condition) {
        int equals = condition.indexOf('=');
        String name = equals < 0 ? condition : condition.substring(0, equals);
        String value = equals < 0 ? "" : condition.substring(equals + 1);
        if (name.equals("ImageSha384")) {
            return imageSha384(value);
        }
        if (name.matches("PCR[0-9]{1,2}")) {
            return pcr(Integer.parseInt(name.substring(3)), value);
        }
        throw new IllegalArgumentException("\"" + condition + "\" is not ImageSha384=HEX or PCR<n>=HEX, the "
                + "kms:RecipientAttestation condition keys.");
    }

    /** The condition keys and the lower-case hex each expects, by key name. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(expected);
    }

    /** True when there is no condition. */
    public boolean isEmpty() {
        return expected.isEmpty();
    }

    /**
     * Checks a request against the conditions.
     *
     * @param attestation the request's verified document, or empty for a request without a recipient
     * @throws KmsErrorException {@link KmsError#ACCESS_DENIED}, naming the first condition not met
     */
    void check(Optional<VerifiedAttestation> attestation) throws KmsErrorException {
        if (expected.isEmpty()) {
            return;
        }
        if (attestation.isEmpty()) {
            throw new KmsErrorException(KmsError.ACCESS_DENIED, "The key policy allows this only with an attested "
                    + "recipient (" + String.join(", ", expected.keySet()) + "), and the request has no "
                    + "attestation document.");
        }
        for (Map.Entry<String, String> condition : expected.entrySet()) {
            int index = condition.getKey().equals(IMAGE_SHA384) ? 0
                    : Integer.parseInt(condition.getKey().substring(PCR_PREFIX.length()));
            Optional<Bytes> actual = attestation.get().pcrs().get(index);
            String actualHex = actual.map(value -> HexFormat.of().formatHex(value.toByteArray())).orElse("absent");
            if (!actualHex.equalsIgnoreCase(condition.getValue())) {
                throw new KmsErrorException(KmsError.ACCESS_DENIED, "The key policy's condition "
                        + condition.getKey() + " is not met: the document has " + actualHex + ".");
            }
        }
    }

    private RecipientConditions with(String key, String hex) {
        if (hex.length() != PCR_HEX_LENGTH || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(key + " takes a SHA-384 value, 96 hex digits; \"" + hex
                    + "\" is not one.");
        }
        if (expected.containsKey(key)) {
            throw new IllegalArgumentException(key + " is given twice; a condition key takes one value.");
        }
        Map<String, String> copy = new TreeMap<>(expected);
        copy.put(key, hex.toLowerCase(java.util.Locale.ROOT));
        return new RecipientConditions(copy);
    }

    @Override
    public String toString() {
        return expected.isEmpty() ? "no recipient condition" : expected.toString();
    }
}
