package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nitroattest.testkit.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The element boundaries a certificate's signature is checked over: the short length form (below 0x80) and the long
 * forms of one and two length octets, each at an offset other than 0, and the real certificate's outer SEQUENCE.
 */
@DisplayName("DER spans: content start and end for the short and the long length forms")
class DerSpansTest {
    @Test
    @DisplayName("a short-form length (0x00 to 0x7f) puts the content right after the length byte")
    void shortFormLength() {
        byte[] der = {0x05, 0x30, 0x03, 1, 2, 3, 0x05};
        assertEquals(3, DerSpans.contentStart(der, 1));
        assertEquals(6, DerSpans.end(der, 1));
        byte[] longest = new byte[2 + 0x7f + 1];
        longest[1] = 0x04;
        longest[2] = 0x7f;
        assertEquals(3, DerSpans.contentStart(longest, 1));
        assertEquals(3 + 0x7f, DerSpans.end(longest, 1));
    }

    @Test
    @DisplayName("a long-form length (0x81, 0x82) puts the content after its length octets")
    void longFormLength() {
        byte[] oneOctet = new byte[1 + 3 + 0x80];
        oneOctet[1] = 0x04;
        oneOctet[2] = (byte) 0x81;
        oneOctet[3] = (byte) 0x80;
        assertEquals(4, DerSpans.contentStart(oneOctet, 1));
        assertEquals(4 + 0x80, DerSpans.end(oneOctet, 1));
        byte[] twoOctets = new byte[2 + 4 + 0x0123];
        twoOctets[2] = 0x30;
        twoOctets[3] = (byte) 0x82;
        twoOctets[4] = 0x01;
        twoOctets[5] = 0x23;
        assertEquals(6, DerSpans.contentStart(twoOctets, 2));
        assertEquals(6 + 0x0123, DerSpans.end(twoOctets, 2));
    }

    @Test
    @DisplayName("a real certificate's outer SEQUENCE spans the whole certificate")
    void certificateSpansItself() {
        byte[] der = TestPki.standard().leaf().der();
        assertEquals(der.length, DerSpans.end(der, 0));
        assertEquals(4, DerSpans.contentStart(der, 0));
    }
}
