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

    @Test
    void theNextBlockIsSoughtAfterTheEndLineWhole() throws PemText.Malformed {
        // The END line's closing dashes followed by "BEGIN" are no BEGIN line: the next block starts after them.
        String shared = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----BEGIN CERTIFICATE-----\nBAUG\n"
                + "-----END CERTIFICATE-----\n";
        assertEquals(1, PemText.blocks(shared).size());
        assertArrayEquals(new byte[] {1, 2, 3}, PemText.blocks(shared).get(0).content());
        assertEquals(1, PemText.contents(shared, "CERTIFICATE").size());
        String sharedShortLabel = "-----BEGIN X-----\nAQID\n-----END X-----BEGIN X-----\nBAUG\n-----END X-----";
        assertEquals(1, PemText.blocks(sharedShortLabel).size());
        assertEquals(1, PemText.contents(sharedShortLabel, "X").size());
    }

    @Test
    void blocksBackToBackOrWithTextBetweenAreEachRead() throws PemText.Malformed {
        String backToBack = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE----------BEGIN CERTIFICATE-----\n"
                + "BAUG\n-----END CERTIFICATE-----";
        List<byte[]> contents = PemText.contents(backToBack, "CERTIFICATE");
        assertEquals(2, contents.size());
        assertArrayEquals(new byte[] {1, 2, 3}, contents.get(0));
        assertArrayEquals(new byte[] {4, 5, 6}, contents.get(1));
        List<PemText.Block> blocks = PemText.blocks(backToBack);
        assertEquals(2, blocks.size());
        assertArrayEquals(new byte[] {4, 5, 6}, blocks.get(1).content());
        String three = "x\n-----BEGIN A-----\nAQ==\n-----END A-----\n y \n-----BEGIN B-----\nAg==\n-----END B-----"
                + "\n-----BEGIN A-----\nAw==\n-----END A-----\n";
        List<PemText.Block> all = PemText.blocks(three);
        assertEquals(List.of("A", "B", "A"), all.stream().map(PemText.Block::label).toList());
        assertArrayEquals(new byte[] {3}, all.get(2).content());
        List<byte[]> labelledA = PemText.contents(three, "A");
        assertEquals(2, labelledA.size());
        assertArrayEquals(new byte[] {1}, labelledA.get(0));
        assertArrayEquals(new byte[] {3}, labelledA.get(1));
        assertEquals(List.of(), PemText.contents(three, "C"));
    }

    @Test
    void aLaterBrokenBlockIsRefusedAfterGoodOnes() {
        String secondUnended = "-----BEGIN A-----\nAQ==\n-----END A-----\n-----BEGIN A-----\nAg==\n";
        assertEquals("has no END line",
                assertThrows(PemText.Malformed.class, () -> PemText.contents(secondUnended, "A")).getMessage());
        assertEquals("has no END line",
                assertThrows(PemText.Malformed.class, () -> PemText.blocks(secondUnended)).getMessage());
        assertEquals("has a BEGIN line that does not end with -----", assertThrows(PemText.Malformed.class,
                () -> PemText.blocks("-----BEGIN A\nB-----\nAQ==\n-----END A\nB-----")).getMessage());
        assertEquals("has a BEGIN line that does not end with -----",
                assertThrows(PemText.Malformed.class, () -> PemText.blocks("-----BEGIN A")).getMessage());
    }
}
