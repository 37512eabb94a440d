package dev.nitroattest.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one PEM reader: blocks in order with their labels, text around them ignored, broken blocks refused. */
class PemTextTest {
    private static final String TWO_BLOCKS = "a comment\n-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n"
            + "between\n-----BEGIN CERTIFICATE-----\nBAUG\nBw==\n-----END CERTIFICATE-----\ntrailing\n";

    @Test
    void everyBlockInOrderWithItsLabel() throws PemText.Malformed {
        List<PemText.Block> blocks = PemText.blocks(TWO_BLOCKS);
        assertEquals(2, blocks.size());
        assertEquals("PRIVATE KEY", blocks.get(0).label());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).content());
        assertEquals("CERTIFICATE", blocks.get(1).label());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, blocks.get(1).content());
    }

    @Test
    void contentsOfOneLabelSkipOtherBlocksUnread() throws PemText.Malformed {
        String text = "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n" + TWO_BLOCKS;
        List<byte[]> certificates = PemText.contents(text, "CERTIFICATE");
        assertEquals(1, certificates.size());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, certificates.get(0));
        assertTrue(PemText.containsBlock(text, "CERTIFICATE"));
        assertFalse(PemText.containsBlock(text, "PUBLIC KEY"));
        assertEquals(List.of(), PemText.blocks("no PEM here"));
    }

    @Test
    void brokenBlocksAreRefusedInWordsThatCompleteASentence() {
        assertEquals("has no END line", assertThrows(PemText.Malformed.class,
                () -> PemText.contents("-----BEGIN CERTIFICATE-----\nAQID\n", "CERTIFICATE")).getMessage());
        assertEquals("has no END line", assertThrows(PemText.Malformed.class,
                () -> PemText.blocks("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----")).getMessage());
        assertEquals("is not valid base64", assertThrows(PemText.Malformed.class,
                () -> PemText.blocks("-----BEGIN X-----\nAQI=D\n-----END X-----")).getMessage());
        assertEquals("has a BEGIN line that does not end with -----", assertThrows(PemText.Malformed.class,
                () -> PemText.blocks("-----BEGIN CERTIFICATE\nAQID\n-----END CERTIFICATE-----")).getMessage());
    }

    @Test
    void theContentIsACopy() throws PemText.Malformed {
        PemText.Block block = PemText.blocks(TWO_BLOCKS).get(0);
        block.content()[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, block.content());
    }
}
