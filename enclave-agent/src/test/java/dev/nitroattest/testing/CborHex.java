package dev.nitroattest.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hand-assembled CBOR for tests: raw hex pieces and short definite-length text strings. */
public final class CborHex {
    private final StringBuilder hex = new StringBuilder();

    public CborHex raw(String piece) {
        hex.append(piece);
        return this;
    }

    /** A text string of fewer than 24 bytes. */
    public CborHex text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length >= 24) {
            throw new IllegalArgumentException("short texts only: " + value);
        }
        hex.append(HexFormat.of().toHexDigits((byte) (0x60 | utf8.length))).append(HexFormat.of().formatHex(utf8));
        return this;
    }

    public String hex() {
        return hex.toString();
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }
}
