package dev.nitroattest.cli.options;

import java.util.Objects;

/**
 * One {@code --pcr INDEX=HEX}: a PCR index and a value accepted for it.
 *
 * @param index 0 to 31
 * @param hex 96 hexadecimal digits (48 bytes, a SHA-384 PCR), lower case
 */
public record PcrPin(int index, String hex) {

    public PcrPin {
        Objects.requireNonNull(hex, "hex");
    }
}
