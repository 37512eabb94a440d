package dev.nitroattest.cbor;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Property: whatever the bytes and whatever typed reads a protocol attempts on them, the typed decoder answers or
 * throws {@link CborException}; never another exception, a hang or an allocation beyond the input. The NSM's codec
 * and the agent's protocol read hostile bytes through it. In the normal build this replays the seed corpus in
 * {@code src/test/resources/dev/nitroattest/cbor/CborDecoderFuzzTestInputs/typedReads} (a few well-formed and
 * malformed items, each followed by the 64 bytes from which the plan's 16 integers are taken, since the data
 * provider takes integers from the end); {@code JAZZER_FUZZ=1} fuzzes (see foundation/README.md).
 */
class CborDecoderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void typedReads(FuzzedDataProvider data) {
        int[] plan = data.consumeInts(16);
        byte[] input = data.consumeRemainingAsBytes();
        try {
            CborDecoder in = new CborDecoder(input, 8);
            for (int step : plan) {
                switch (Math.floorMod(step, 11)) {
                    case 0 -> in.peek();
                    case 1 -> in.readMapStart();
                    case 2 -> in.readArrayStart();
                    case 3 -> in.readBreakIfPresent();
                    case 4 -> in.readNullIfPresent();
                    case 5 -> in.readBoolean();
                    case 6 -> in.readUnsigned();
                    case 7 -> in.readBytes(Math.floorMod(step, 64));
                    case 8 -> in.readText(Math.floorMod(step, 64));
                    case 9 -> in.skip(Math.floorMod(step, 4));
                    default -> in.readMap(Math.floorMod(step, 5), step % 2 == 0, key -> in.skip(2));
                }
            }
            in.requireEnd();
        } catch (CborException expected) {
            // The one way typed reads refuse input.
        }
    }
}
