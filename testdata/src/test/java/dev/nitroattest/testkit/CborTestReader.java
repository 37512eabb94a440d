package dev.nitroattest.testkit;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict little CBOR decoder for checking what the kit writes, independent of the kit's own writer. Maps keep
 * their entries in order, duplicates included, and remember whether they were written with indefinite length.
 */
final class CborTestReader {
    record CborArray(List<Object> items, boolean indefinite) {}

    record Entry(Object key, Object value) {}

    record CborMap(List<Entry> entries, boolean indefinite) {
        Object get(Object key) {
            return entries.stream()
                    .filter(entry -> keyEquals(entry.key(), key))
                    .map(Entry::value)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no key " + key + " in map"));
        }

        boolean has(Object key) {
            return entries.stream().anyMatch(entry -> keyEquals(entry.key(), key));
        }

        List<Object> keys() {
            return entries.stream().map(Entry::key).toList();
        }

        private static boolean keyEquals(Object a, Object b) {
            return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a != null && a.equals(b);
        }
    }

    record Tagged(long tag, Object item) {}

    /** The null simple value, distinct from "absent". */
    enum Simple { NULL, TRUE, FALSE }

    private final byte[] input;
    private int position;

    private CborTestReader(byte[] input) {
        this.input = input;
    }

    /** Decodes exactly one item that spans all of input. */
    static Object decode(byte[] input) {
        CborTestReader reader = new CborTestReader(input);
        Object item = reader.item();
        if (reader.position != input.length) {
            throw new IllegalArgumentException("trailing bytes after item at " + reader.position);
        }
        return item;
    }

    private Object item() {
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (info == 31) {
            return indefinite(major);
        }
        long argument = argument(info);
        return switch (major) {
            case 0 -> argument;
            case 1 -> -1 - argument;
            case 2 -> take(argument);
            case 3 -> utf8(take(argument));
            case 4 -> {
                List<Object> items = new ArrayList<>();
                for (long i = 0; i < argument; i++) {
                    items.add(item());
                }
                yield new CborArray(items, false);
            }
            case 5 -> {
                List<Entry> entries = new ArrayList<>();
                for (long i = 0; i < argument; i++) {
                    entries.add(new Entry(item(), item()));
                }
                yield new CborMap(entries, false);
            }
            case 6 -> new Tagged(argument, item());
            default -> simple(info, argument);
        };
    }

    private Object indefinite(int major) {
        if (major == 4) {
            List<Object> items = new ArrayList<>();
            while (peek() != 0xff) {
                items.add(item());
            }
            position++;
            return new CborArray(items, true);
        }
        if (major == 5) {
            List<Entry> entries = new ArrayList<>();
            while (peek() != 0xff) {
                entries.add(new Entry(item(), item()));
            }
            position++;
            return new CborMap(entries, true);
        }
        throw new IllegalArgumentException("indefinite length not expected for major type " + major);
    }

    private static Object simple(int info, long argument) {
        return switch ((int) argument) {
            case 20 -> Simple.FALSE;
            case 21 -> Simple.TRUE;
            case 22 -> Simple.NULL;
            default -> throw new IllegalArgumentException("unsupported simple value or float, info " + info);
        };
    }

    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        int length = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new IllegalArgumentException("reserved additional info " + info);
        };
        byte[] bytes = take(length);
        BigInteger value = new BigInteger(1, bytes);
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException("argument beyond a long");
        }
        return value.longValueExact();
    }

    private byte[] take(long length) {
        if (length > input.length - position) {
            throw new IllegalArgumentException("declared length " + length + " runs past the input");
        }
        byte[] out = Arrays.copyOfRange(input, position, position + (int) length);
        position += (int) length;
        return out;
    }

    private int next() {
        if (position >= input.length) {
            throw new IllegalArgumentException("input ends early");
        }
        return input[position++] & 0xff;
    }

    private int peek() {
        if (position >= input.length) {
            throw new IllegalArgumentException("input ends early");
        }
        return input[position] & 0xff;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid UTF-8", e);
        }
    }
}
