package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A DER element as an editable tree, for tests that change one field of a certificate and need every enclosing
 * length to follow. Constructed elements hold children; primitive ones their content. Encoded in DER's minimal lengths.
 */
final class DerTree {
    final int tag;
    final byte[] content;
    final List<DerTree> children;

    private DerTree(int tag, byte[] content, List<DerTree> children) {
        this.tag = tag;
        this.content = content;
        this.children = children;
    }

    /** The tree of one DER element, which must be all of {@code der}. */
    static DerTree parse(byte[] der) {
        try {
            DerReader reader = DerReader.of(der);
            DerTree tree = parse(der, reader.next());
            reader.requireEnd("the element");
            return tree;
        } catch (DerException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DerTree parse(byte[] der, Element element) throws DerException {
        if (!element.isConstructed()) {
            return new DerTree(element.tag(), element.content(der), null);
        }
        List<DerTree> children = new ArrayList<>();
        DerReader reader = DerReader.contentOf(der, element);
        while (!reader.atEnd()) {
            children.add(parse(der, reader.next()));
        }
        return new DerTree(element.tag(), null, children);
    }

    static DerTree primitive(int tag, String hex) {
        return new DerTree(tag, HexFormat.of().parseHex(hex.replace(" ", "")), null);
    }

    static DerTree of(String hex) {
        return parse(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    static DerTree constructed(int tag, DerTree... children) {
        return new DerTree(tag, null, new ArrayList<>(List.of(children)));
    }

    /** The child at this path of indices, such as (0, 6) for tbsCertificate's subjectPublicKeyInfo. */
    DerTree at(int... path) {
        DerTree node = this;
        for (int index : path) {
            node = node.children.get(index);
        }
        return node;
    }

    byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (children == null) {
            body.writeBytes(content);
        } else {
            children.forEach(child -> body.writeBytes(child.encode()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
