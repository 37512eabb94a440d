package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BitFlipsTest {

    @Test
    void everyBitOfADocumentIsFlippedOnceAndAlone() {
        byte[] document = DocumentBuilder.forPki(TestPki.standard()).build();
        int count = 0;
        for (BitFlip flip : BitFlips.of(document)) {
            assertEquals(count, flip.bitIndex());
            byte[] flipped = flip.bytes();
            int byteIndex = Arrays.mismatch(document, flipped);
            assertEquals(flip.bitIndex() / 8, byteIndex);
            assertEquals(0x80 >>> (flip.bitIndex() % 8), (document[byteIndex] ^ flipped[byteIndex]) & 0xff);
            assertTrue(Arrays.equals(document, byteIndex + 1, document.length, flipped, byteIndex + 1, flipped.length));
            count++;
        }
        assertEquals(8 * document.length, count);
    }

    @Test
    void theIterableIsReusableAndIndependentOfTheCallersArray() {
        byte[] document = {0x00, (byte) 0xff};
        Iterable<BitFlip> flips = BitFlips.of(document);
        document[0] = 0x55;
        Iterator<BitFlip> first = flips.iterator();
        assertEquals(0x80, first.next().bytes()[0] & 0xff);
        Iterator<BitFlip> second = flips.iterator();
        assertEquals(0, second.next().bitIndex());
        for (int i = 1; i < 16; i++) {
            second.next();
        }
        assertFalse(second.hasNext());
        assertThrows(NoSuchElementException.class, second::next);
    }
}
