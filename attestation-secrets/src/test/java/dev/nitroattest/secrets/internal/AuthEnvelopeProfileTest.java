package dev.nitroattest.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The optional fields of RFC 5083's AuthEnvelopedData that the authenticated form never has (originatorInfo [0],
 * authAttrs [1], unauthAttrs [2]): each is refused by its own check, with a sentence that names it, rather than by
 * whichever structural check would trip over it next.
 */
@DisplayName("Authenticated form: originatorInfo, authAttrs and unauthAttrs are each refused by name")
class AuthEnvelopeProfileTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 30 82 LLLL, the content type (13 bytes), a0 82 LLLL, 30 82 LLLL, then the version 02 01 00. */
    private static final int CONTENT_INFO_LENGTH = 2;
    private static final int CONTENT_LENGTH = 19;
    private static final int AUTH_ENVELOPED_LENGTH = 23;
    private static final int AFTER_VERSION = 28;
    private static final int TAG_ELEMENT_LENGTH = 2 + 16;

    private static byte[] envelope() {
        byte[] keyId = new byte[32];
        Arrays.fill(keyId, (byte) 0x11);
        byte[] wrapped = new byte[256];
        Arrays.fill(wrapped, (byte) 0x22);
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 0x33);
        byte[] content = new byte[40];
        Arrays.fill(content, (byte) 0x44);
        byte[] tag = new byte[16];
        Arrays.fill(tag, (byte) 0x55);
        return new AuthEnvelope(new KeyTransRecipient(keyId, wrapped), nonce, content, tag).encode();
    }

    @Test
    @DisplayName("the envelope without optional fields parses to what was encoded")
    void plainEnvelopeParses() throws EnvelopeFault {
        AuthEnvelope parsed = AuthEnvelope.parse(envelope());
        assertEquals(12, parsed.nonce().length);
        assertEquals(40, parsed.encryptedContent().length);
        assertEquals(16, parsed.tag().length);
        assertArrayEquals(envelope(), parsed.encode());
    }

    @Test
    @DisplayName("an originatorInfo [0] after the version is refused as an originatorInfo")
    void originatorInfoIsRefused() {
        byte[] with = inserted(AFTER_VERSION, "a000");
        assertRefused("The envelope has an originatorInfo, which this form does not have.", with);
    }

    @Test
    @DisplayName("authenticated attributes [1] before the tag are refused as authenticated attributes")
    void authAttrsAreRefused() {
        byte[] plain = envelope();
        byte[] with = inserted(plain.length - TAG_ELEMENT_LENGTH, "a100");
        assertRefused("The envelope has authenticated attributes, which this form does not have.", with);
    }

    @Test
    @DisplayName("unauthenticated attributes [2] after the tag are refused as unauthenticated attributes")
    void unauthAttrsAreRefused() {
        byte[] with = inserted(envelope().length, "a200");
        assertRefused("The envelope has unauthenticated attributes, which this form does not have.", with);
    }

    @Test
    @DisplayName("a tag of 15 or 17 bytes is refused for its length, before any decryption")
    void tagLengthIsSixteen() {
        for (int length : new int[] {15, 17}) {
            byte[] withTag = new AuthEnvelope(new KeyTransRecipient(new byte[32], new byte[256]), new byte[12],
                    new byte[40], new byte[length]).encode();
            EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> AuthEnvelope.parse(withTag));
            assertEquals(EnvelopeFault.Kind.TAG, fault.kind());
            assertEquals("The tag is " + length + " bytes; this form's is 16.", fault.getMessage());
        }
    }

    private static void assertRefused(String message, byte[] envelope) {
        EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> AuthEnvelope.parse(envelope));
        assertEquals(EnvelopeFault.Kind.MALFORMED, fault.kind());
        assertEquals(message, fault.getMessage());
    }

    /** The envelope with {@code elementHex} inserted at {@code at} inside the AuthEnvelopedData, lengths adjusted. */
    private static byte[] inserted(int at, String elementHex) {
        byte[] plain = envelope();
        assertEquals("3082", HEX.formatHex(plain, 0, 2));
        assertEquals("a082", HEX.formatHex(plain, CONTENT_LENGTH - 2, CONTENT_LENGTH));
        assertEquals("3082", HEX.formatHex(plain, AUTH_ENVELOPED_LENGTH - 2, AUTH_ENVELOPED_LENGTH));
        assertEquals("020100", HEX.formatHex(plain, AFTER_VERSION - 3, AFTER_VERSION));
        byte[] element = HEX.parseHex(elementHex);
        byte[] with = new byte[plain.length + element.length];
        System.arraycopy(plain, 0, with, 0, at);
        System.arraycopy(element, 0, with, at, element.length);
        System.arraycopy(plain, at, with, at + element.length, plain.length - at);
        for (int lengthAt : new int[] {CONTENT_INFO_LENGTH, CONTENT_LENGTH, AUTH_ENVELOPED_LENGTH}) {
            int length = ((with[lengthAt] & 0xff) << 8 | (with[lengthAt + 1] & 0xff)) + element.length;
            with[lengthAt] = (byte) (length >>> 8);
            with[lengthAt + 1] = (byte) length;
        }
        return with;
    }
}
