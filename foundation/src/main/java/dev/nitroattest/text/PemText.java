package dev.nitroattest.text;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The project's one PEM reader (RFC 7468's textual encoding): the blocks of a text, each a label and the bytes its
 * base64 holds. Text outside the blocks is ignored, as PEM allows. The verifier reads trust anchors and an enclave
 * image's signing certificate with it, the emulated NSM the key and chain it is given.
 */
public final class PemText {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemText() {
    }

    /** One block: its label, such as {@code CERTIFICATE} or {@code PRIVATE KEY}, and its content. */
    public static final class Block {
        private final String label;
        private final byte[] content;

        Block(String label, byte[] content) {
            this.label = label;
            this.content = content;
        }

        /** The label of the BEGIN and END lines. */
        public String label() {
            return label;
        }

        /** The bytes the block's base64 holds (a copy). */
        public byte[] content() {
            return content.clone();
        }
    }

    /** Whether the text holds the start of a block labelled {@code label}. */
    public static boolean containsBlock(String text, String label) {
        return text.contains(BEGIN + label + DASHES);
    }

    /**
     * Every block, in order, whatever its label.
     *
     * @throws Malformed if a BEGIN line does not end, a block has no END line, or its content is not base64
     */
    public static List<Block> blocks(String text) throws Malformed {
        List<Block> blocks = new ArrayList<>(2);
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            if (labelEnd < 0 || text.substring(labelStart, labelEnd).contains("\n")) {
                throw new Malformed("has a BEGIN line that does not end with " + DASHES);
            }
            String label = text.substring(labelStart, labelEnd);
            int contentStart = labelEnd + DASHES.length();
            int end = endOf(text, label, contentStart);
            blocks.add(new Block(label, decode(text.substring(contentStart, end))));
            from = end + END.length() + label.length() + DASHES.length();
        }
    }

    /**
     * The content of every block labelled {@code label}, in order; blocks with other labels are skipped unread.
     *
     * @throws Malformed if such a block has no END line or its content is not base64
     */
    public static List<byte[]> contents(String text, String label) throws Malformed {
        String beginLine = BEGIN + label + DASHES;
        List<byte[]> contents = new ArrayList<>(1);
        int from = 0;
        while (true) {
            int begin = text.indexOf(beginLine, from);
            if (begin < 0) {
                return contents;
            }
            int contentStart = begin + beginLine.length();
            int end = endOf(text, label, contentStart);
            contents.add(decode(text.substring(contentStart, end)));
            from = end + END.length() + label.length() + DASHES.length();
        }
    }

    private static int endOf(String text, String label, int from) throws Malformed {
        int end = text.indexOf(END + label + DASHES, from);
        if (end < 0) {
            throw new Malformed("has no END line");
        }
        return end;
    }

    private static byte[] decode(String base64) throws Malformed {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Malformed("is not valid base64");
        }
    }

    /** A block that cannot be read; the message completes "A PEM block ...". */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
