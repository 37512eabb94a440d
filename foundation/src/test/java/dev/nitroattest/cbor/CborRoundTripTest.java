package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nitroattest.bytes.Bytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the encoder writes, the scanner accepts and the decoder reads back as the same value, for seeded random values
 * of every kind the encoder writes (lengths and integers drawn around each head boundary), with every head in its
 * shortest form.
 */
@DisplayName("CBOR round trip: encoder, scanner, decoder")
class CborRoundTripTest {
    private static final int MAX_DEPTH = 4;
    /** Integers and lengths at and around each boundary of the head's argument. */
    private static final long[] BOUNDARIES = {0, 23, 24, 255, 256, 65535, 65536, 4294967295L, 4294967296L,
        Long.MAX_VALUE};
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    @DisplayName("a random value is read back as written, every head in its shortest form")
    void randomValuesReadBackAsWritten(long seed) throws CborException {
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            Object value = value(random, 0);
            CborEncoder encoder = new CborEncoder();
            write(encoder, value, random);
            byte[] encoded = encoder.toByteArray();
            Object read = CborDecoder.readMessage(encoded, MAX_DEPTH + 1, CborRoundTripTest::read);
            assertEquals(value, read, () -> HexFormat.of().formatHex(encoded));
            assertShortestHeads(encoded);
        }
    }

    private static Object value(Random random, int depth) {
        int kinds = depth < MAX_DEPTH ? 8 : 6;
        return switch (random.nextInt(kinds)) {
            case 0 -> integer(random);
            case 1 -> Bytes.of(new byte[length(random)]);
            case 2 -> text(random);
            case 3 -> random.nextBoolean();
            case 4 -> NULL;
            case 5 -> integer(random);
            case 6 -> {
                List<Object> items = new ArrayList<>();
                int count = random.nextInt(4) == 0 ? 20 + random.nextInt(10) : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    items.add(value(random, depth + 1));
                }
                yield items;
            }
            default -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                int count = random.nextInt(4) == 0 ? 20 + random.nextInt(10) : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    entries.put("k" + i, value(random, depth + 1));
                }
                yield entries;
            }
        };
    }

    private static long integer(Random random) {
        long boundary = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        long value = boundary + random.nextInt(3) - 1;
        return value < 0 ? 0 : value;
    }

    private static int length(Random random) {
        return random.nextInt(3) == 0 ? (int) BOUNDARIES[random.nextInt(5)] + random.nextInt(2) : random.nextInt(30);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int characters = length(random);
        for (int i = 0; i < characters; i++) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> 0xe9;
                case 2 -> 0x6c34;
                default -> 0x1f600;
            });
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(CborEncoder out, Object value, Random random) {
        if (value instanceof Long integer) {
            out.uint(integer);
        } else if (value instanceof Bytes bytes) {
            out.bytesOrNull(bytes.toByteArray());
        } else if (value instanceof String text) {
            out.text(text);
        } else if (value instanceof Boolean bool) {
            out.bool(bool);
        } else if (value == NULL) {
            if (random.nextBoolean()) {
                out.nul();
            } else {
                out.bytesOrNull(null);
            }
        } else if (value instanceof List<?> items) {
            boolean indefinite = random.nextBoolean();
            if (indefinite) {
                out.indefiniteArray();
            } else {
                out.array(items.size());
            }
            for (Object item : items) {
                write(out, item, random);
            }
            if (indefinite) {
                out.end();
            }
        } else {
            Map<String, Object> entries = (Map<String, Object>) value;
            boolean indefinite = random.nextBoolean();
            if (indefinite) {
                out.indefiniteMap();
            } else {
                out.map(entries.size());
            }
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                out.text(entry.getKey());
                write(out, entry.getValue(), random);
            }
            if (indefinite) {
                out.end();
            }
        }
    }

    private static Object read(CborDecoder in) throws CborException {
        switch (in.peek()) {
            case UNSIGNED:
                return in.readUnsigned();
            case BYTES:
                return Bytes.of(in.readBytes(Integer.MAX_VALUE));
            case TEXT:
                return in.readText(Integer.MAX_VALUE);
            case BOOLEAN:
                return in.readBoolean();
            case NULL:
                in.readNullIfPresent();
                return NULL;
            case ARRAY_START: {
                List<Object> items = new ArrayList<>();
                long count = in.readArrayStart();
                for (long i = 0; count == CborDecoder.INDEFINITE ? !in.readBreakIfPresent() : i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default: {
                Map<String, Object> entries = new LinkedHashMap<>();
                in.readMap(Integer.MAX_VALUE, false, key -> entries.put(key, read(in)));
                return entries;
            }
        }
    }

    /** Walks the items with the reader and checks that no head could have been shorter. */
    private static void assertShortestHeads(byte[] encoded) throws CborException {
        CborReader in = new CborReader(encoded);
        do {
            CborToken token = in.next();
            if (token == CborToken.END) {
                continue;
            }
            int offset = in.tokenOffset();
            int info = CborHead.additionalInfo(encoded[offset]);
            if (CborHead.majorType(encoded[offset]) == CborHead.SIMPLE || info == CborHead.INDEFINITE) {
                continue;
            }
            long argument = CborHead.argument(encoded, offset);
            int shortest = argument < 24 ? 1 : argument < 0x100 ? 2 : argument < 0x10000 ? 3
                    : argument < 0x100000000L ? 5 : 9;
            assertEquals(shortest, CborHead.headLength(encoded[offset]), "the head at offset " + offset);
        } while (!in.isComplete());
    }
}
