package dev.nitroattest.nsm.emulated;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * Writes a minimal EIF (kernel, cmdline, one ramdisk) and computes its PCRs independently, from docs/nitro-facts.md.
 */
final class TestEif {
    static final byte[] KERNEL = "test kernel".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] CMDLINE = "console=ttyS0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] RAMDISK = "test ramdisk".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TestEif() {}

    static Path write(Path file) throws IOException {
        byte[][] sections = {KERNEL, CMDLINE, RAMDISK};
        int[] types = {1, 2, 3};
        ByteBuffer header = ByteBuffer.allocate(548);
        header.put(new byte[] {'.', 'e', 'i', 'f'}).putShort((short) 4).putShort((short) 0)
                .putLong(512L << 20).putLong(2).putShort((short) 0).putShort((short) sections.length);
        long offset = 548;
        for (int i = 0; i < 32; i++) {
            header.putLong(28 + 8 * i, i < sections.length ? offset : 0);
            header.putLong(284 + 8 * i, i < sections.length ? sections[i].length : 0);
            if (i < sections.length) {
                offset += 12 + sections[i].length;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < sections.length; i++) {
            body.writeBytes(ByteBuffer.allocate(12).putShort((short) types[i]).putShort((short) 0)
                    .putLong(sections[i].length).array());
            body.writeBytes(sections[i]);
        }
        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, 544);
        crc.update(body.toByteArray());
        header.putInt(544, (int) crc.getValue());
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        image.writeBytes(header.array());
        image.writeBytes(body.toByteArray());
        return Files.write(file, image.toByteArray());
    }

    /** SHA384(48 zero bytes || SHA384(data)). */
    static byte[] measurement(byte[]... parts) throws Exception {
        MessageDigest inner = MessageDigest.getInstance("SHA-384");
        for (byte[] part : parts) {
            inner.update(part);
        }
        MessageDigest outer = MessageDigest.getInstance("SHA-384");
        outer.update(new byte[48]);
        outer.update(inner.digest());
        return outer.digest();
    }
}
