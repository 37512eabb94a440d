package dev.nitroattest.cli.render;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.text.PrintableText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Shows a byte field as text too when it is text: valid UTF-8 whose characters are all printable, line breaks and tabs
 * apart (which the text output escapes when it quotes the text).
 */
public final class BytesAsText {
    private BytesAsText() {
    }

    /** The bytes as text, or empty when they are not printable UTF-8 (or are empty). */
    public static Optional<String> of(Bytes bytes) {
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        boolean printable = text.codePoints().allMatch(c -> c == '\n' || c == '\t' || !PrintableText.isNonPrintable(c));
        return printable ? Optional.of(text) : Optional.empty();
    }
}
