package dev.nitroattest.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * KMS's form is BER with an indefinite length at five levels and two fixed content types: each is checked by its own
 * rule, with a sentence that names the level, rather than left to the end-of-contents octets or a later element to
 * trip over. The reader is called directly, since an opener dispatches on the content type before it reads the rest.
 */
@DisplayName("KMS form: each indefinite level and each content type is checked by name")
class KmsEnvelopeProfileTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ID_DATA = "06092a864886f70d010701";
    private static final String ID_ENVELOPED_DATA = "06092a864886f70d010703";
    /** The ContentInfo, its [0], the EnvelopedData, the EncryptedContentInfo, the encrypted content: outer first. */
    private static final String[] LEVELS = {"the ContentInfo", "the ContentInfo's [0] content", "the EnvelopedData",
        "the EncryptedContentInfo", "the encrypted content"};

    /** Content of 19 blocks: every level is over 255 bytes, so its definite length's 82 LLLL is the shortest form. */
    private static String envelope() {
        byte[] iv = new byte[Cbc.IV_LENGTH];
        return HEX.formatHex(new KmsEnvelope(new KeyTransRecipient(new byte[32], new byte[256]), iv, new byte[19 * 16])
                .encode());
    }

    @Test
    @DisplayName("the envelope as encoded parses to itself")
    void plainEnvelopeParses() throws EnvelopeFault {
        byte[] plain = HEX.parseHex(envelope());
        assertArrayEquals(plain, KmsEnvelope.parse(plain).encode());
    }

    @Test
    @DisplayName("a definite length at any of the five indefinite levels is refused with that level's name")
    void eachIndefiniteLevelIsRequired() {
        String plain = envelope();
        int[] heads = {0, 2 + 11, 2 + 11 + 2, plain.indexOf("3080" + ID_DATA) / 2,
            plain.indexOf("a080", plain.indexOf("0410" + "00".repeat(16))) / 2};
        for (int level = 0; level < LEVELS.length; level++) {
            byte[] definite = definiteAt(HEX.parseHex(plain), heads[level], level);
            assertRefused(EnvelopeFault.Kind.MALFORMED,
                    LEVELS[level] + " has a definite length where KMS writes an indefinite one.", definite);
        }
    }

    @Test
    @DisplayName("another content type, or another encrypted content type, is refused by name")
    void contentTypesAreFixed() {
        String plain = envelope();
        String signedData = "06092a864886f70d010702";
        assertRefused(EnvelopeFault.Kind.MALFORMED, "The content type, which must be id-envelopedData, is not.",
                HEX.parseHex(plain.replaceFirst(ID_ENVELOPED_DATA, signedData)));
        assertRefused(EnvelopeFault.Kind.MALFORMED, "The encrypted content type, which must be id-data, is not.",
                HEX.parseHex(plain.replaceFirst("3080" + ID_DATA, "3080" + signedData)));
    }

    @Test
    @DisplayName("an EnvelopedData version other than 2 is refused with the version it has")
    void envelopedDataVersionIsTwo() {
        String plain = envelope();
        int version = plain.indexOf("020102", 2 * (2 + 11 + 2 + 2));
        String other = plain.substring(0, version) + "020100" + plain.substring(version + 6);
        assertRefused(EnvelopeFault.Kind.UNSUPPORTED, "The EnvelopedData version is 00; KMS writes 2.",
                HEX.parseHex(other));
    }

    @Test
    @DisplayName("each of the five end-of-contents octets is required, and nothing may follow the last")
    void eachEndOfContentsAndTheEnd() {
        String plain = envelope();
        String oneShort = plain.substring(0, plain.length() - 4);
        assertRefused(EnvelopeFault.Kind.MALFORMED, "The ContentInfo is not closed where it should end (offset "
                + oneShort.length() / 2 + ").", HEX.parseHex(oneShort));
        assertRefused(EnvelopeFault.Kind.MALFORMED, "2 bytes follow the envelope.", HEX.parseHex(plain + "0000"));
    }

    @Test
    @DisplayName("encrypted content of no bytes, or not whole AES blocks, is refused with its length")
    void encryptedContentIsWholeBlocks() {
        KeyTransRecipient recipient = new KeyTransRecipient(new byte[32], new byte[256]);
        byte[] iv = new byte[Cbc.IV_LENGTH];
        assertRefused(EnvelopeFault.Kind.MALFORMED,
                "The encrypted content is 0 bytes, not a positive multiple of AES's 16-byte block.",
                new KmsEnvelope(recipient, iv, new byte[0]).encode());
        assertRefused(EnvelopeFault.Kind.MALFORMED,
                "The encrypted content is 17 bytes, not a positive multiple of AES's 16-byte block.",
                new KmsEnvelope(recipient, iv, new byte[17]).encode());
    }

    /**
     * The envelope with the indefinite level whose head is at {@code head} given a definite length: its content ends
     * where its end-of-contents octets were, and those go. Every level closes at the envelope's end, innermost first,
     * so level {@code level}'s octets are followed by those of the {@code level} levels outside it.
     */
    private static byte[] definiteAt(byte[] envelope, int head, int level) {
        int endOfContents = envelope.length - 2 * (level + 1);
        int contentLength = endOfContents - (head + 2);
        byte[] out = new byte[envelope.length + 2 - 2];
        System.arraycopy(envelope, 0, out, 0, head);
        out[head] = envelope[head];
        out[head + 1] = (byte) 0x82;
        out[head + 2] = (byte) (contentLength >>> 8);
        out[head + 3] = (byte) contentLength;
        System.arraycopy(envelope, head + 2, out, head + 4, contentLength);
        System.arraycopy(envelope, endOfContents + 2, out, head + 4 + contentLength, 2 * level);
        return out;
    }

    private static void assertRefused(EnvelopeFault.Kind kind, String message, byte[] envelope) {
        EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> KmsEnvelope.parse(envelope));
        assertEquals(message, fault.getMessage());
        assertEquals(kind, fault.kind());
    }
}
