package dev.nitroattest.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes enclave image files (EIF, format version 4) laid out as nitro-cli writes them, so that code reading images
 * and computing their PCRs can be tested without building an enclave:
 * <ul>
 *   <li>a 548-byte big-endian header: magic {@code .eif}, version, flags (bit 0 = aarch64), default memory and CPU
 *   count, a reserved u16, the section count, 32 section offsets, 32 section sizes, an unused u32 and the CRC-32;</li>
 *   <li>sections in the order kernel, command line, metadata, ramdisks, signature, each a 12-byte header (u16 type,
 *   u16 flags, u64 size) and its data;</li>
 *   <li>the CRC-32 over header bytes 0 to 543, then every section's header and data in file order.</li>
 * </ul>
 * A signed image carries a signature section: a CBOR array of one map with the {@code signing_certificate} (PEM) and
 * a {@code signature} (a COSE_Sign1 by the certificate's key over PCR0), written as nitro-cli's serde writes byte
 * vectors, as arrays of small integers, unless {@link #byteStrings(boolean)} says otherwise.
 *
 * <p>The writer writes what it is told: leave the kernel out, add two command lines, and the image is malformed in
 * exactly that way. {@link #expectedPcrs()} computes the measurements with the JDK's SHA-384, independently of any
 * reader under test. Setters return this. Not thread-safe.
 */
public final class EifWriter {
    /** The format version nitro-cli writes. */
    public static final int VERSION = 4;
    /** The header's length in bytes. */
    public static final int HEADER_LENGTH = 548;
    /** The offset of the header's CRC-32 field, which is also how many header bytes the CRC covers. */
    public static final int CRC_OFFSET = 544;
    /** The length of each section's header. */
    public static final int SECTION_HEADER_LENGTH = 12;

    private static final int MAX_SECTIONS = 32;
    private static final int KERNEL = 1;
    private static final int CMDLINE = 2;
    private static final int RAMDISK = 3;
    private static final int SIGNATURE = 4;
    private static final int METADATA = 5;
    private static final int PCR_LENGTH = 48;
    private static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    private final List<byte[]> kernels = new ArrayList<>();
    private final List<byte[]> cmdlines = new ArrayList<>();
    private final List<byte[]> metadata = new ArrayList<>();
    private final List<byte[]> ramdisks = new ArrayList<>();
    private IssuedCertificate signer;
    private boolean byteStrings;
    private int version = VERSION;
    private boolean aarch64;
    private long defaultMemory = 512;
    private long defaultCpus = 2;

    private EifWriter() {
    }

    /** A writer with no section at all: add each one. */
    public static EifWriter empty() {
        return new EifWriter();
    }

    /**
     * A writer with a small kernel, a command line, build metadata and one ramdisk, all of fixed test content, so that
     * the image and its PCRs are the same on every run. Add ramdisks or a signer to taste.
     */
    public static EifWriter minimal() {
        return empty()
                .kernel(pattern("test kernel", 4096))
                .cmdline("reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on")
                .metadata("{\"ImageName\":\"nitro-attest-test\",\"ImageVersion\":\"1.0\"}")
                .ramdisk(pattern("test bootstrap ramdisk", 8192));
    }

    /** {@code length} bytes repeating the label's UTF-8 bytes and a counter: deterministic, not all alike. */
    public static byte[] pattern(String label, int length) {
        byte[] unit = label.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (unit[i % unit.length] + i / unit.length);
        }
        return data;
    }

    /** Adds a kernel section (type 1). */
    public EifWriter kernel(byte[] data) {
        kernels.add(data.clone());
        return this;
    }

    /** Adds a command-line section (type 2), written in UTF-8 without a trailing NUL. */
    public EifWriter cmdline(String cmdline) {
        cmdlines.add(cmdline.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a metadata section (type 5) holding this JSON; it is never measured. */
    public EifWriter metadata(String json) {
        metadata.add(json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a ramdisk section (type 3) after the ramdisks already added. */
    public EifWriter ramdisk(byte[] data) {
        ramdisks.add(data.clone());
        return this;
    }

    /** Signs the image with this certificate's key, adding a signature section (type 4); null leaves it unsigned. */
    public EifWriter signedBy(IssuedCertificate certificate) {
        this.signer = certificate;
        return this;
    }

    /**
     * Writes the signature section's byte vectors as CBOR byte strings instead of nitro-cli's arrays of small
     * integers; a reader should accept both.
     */
    public EifWriter byteStrings(boolean byteStrings) {
        this.byteStrings = byteStrings;
        return this;
    }

    /** The header's version field; {@value #VERSION} by default. */
    public EifWriter version(int version) {
        this.version = version;
        return this;
    }

    /** Sets flag bit 0, which marks an aarch64 image. */
    public EifWriter aarch64(boolean aarch64) {
        this.aarch64 = aarch64;
        return this;
    }

    /** The header's default memory (MiB) and vCPU count, which nitro-cli suggests and nothing measures. */
    public EifWriter defaults(long memory, long cpus) {
        this.defaultMemory = memory;
        this.defaultCpus = cpus;
        return this;
    }

    /** The whole image file. */
    public byte[] build() {
        List<Section> sections = sections();
        if (sections.size() > MAX_SECTIONS) {
            throw new IllegalStateException("an EIF header has room for " + MAX_SECTIONS + " sections, not "
                    + sections.size());
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
        header.put(new byte[] {'.', 'e', 'i', 'f'});
        header.putShort((short) version);
        header.putShort((short) (aarch64 ? 1 : 0));
        header.putLong(defaultMemory);
        header.putLong(defaultCpus);
        header.putShort((short) 0);
        header.putShort((short) sections.size());
        long offset = HEADER_LENGTH;
        for (int i = 0; i < MAX_SECTIONS; i++) {
            header.putLong(i < sections.size() ? offset : 0);
            offset += i < sections.size() ? SECTION_HEADER_LENGTH + sections.get(i).data().length : 0;
        }
        for (int i = 0; i < MAX_SECTIONS; i++) {
            header.putLong(i < sections.size() ? sections.get(i).data().length : 0);
        }
        header.putInt(0);

        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, CRC_OFFSET);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Section section : sections) {
            byte[] sectionHeader = ByteBuffer.allocate(SECTION_HEADER_LENGTH)
                    .putShort((short) section.type())
                    .putShort((short) 0)
                    .putLong(section.data().length)
                    .array();
            crc.update(sectionHeader);
            crc.update(section.data());
            body.writeBytes(sectionHeader);
            body.writeBytes(section.data());
        }
        header.putInt((int) crc.getValue());

        ByteArrayOutputStream image = new ByteArrayOutputStream(HEADER_LENGTH + body.size());
        image.writeBytes(header.array());
        image.writeBytes(body.toByteArray());
        return image.toByteArray();
    }

    /** Writes {@link #build()} to a file and returns the file. */
    public Path writeTo(Path file) throws IOException {
        Files.write(file, build());
        return file;
    }

    /**
     * The PCRs an enclave started from this image reports, by index: PCR0 over kernel, command line and every
     * ramdisk; PCR1 over kernel, command line and the first ramdisk; PCR2 over the other ramdisks; PCR8, when signed,
     * over the signing certificate's DER. Each is SHA384(48 zero bytes || SHA384(data)).
     */
    public SortedMap<Integer, byte[]> expectedPcrs() {
        List<byte[]> bootstrap = new ArrayList<>(kernels);
        bootstrap.addAll(cmdlines);
        List<byte[]> image = new ArrayList<>(bootstrap);
        image.addAll(ramdisks);
        if (!ramdisks.isEmpty()) {
            bootstrap.add(ramdisks.get(0));
        }
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        pcrs.put(0, measure(image));
        pcrs.put(1, measure(bootstrap));
        pcrs.put(2, measure(ramdisks.isEmpty() ? List.of() : ramdisks.subList(1, ramdisks.size())));
        if (signer != null) {
            pcrs.put(8, measure(List.of(signer.der())));
        }
        return Collections.unmodifiableSortedMap(pcrs);
    }

    /** The measurement of the concatenated parts: SHA384(48 zero bytes || SHA384(parts)). */
    public static byte[] measure(List<byte[]> parts) {
        MessageDigest content = sha384();
        parts.forEach(content::update);
        MessageDigest extend = sha384();
        extend.update(new byte[PCR_LENGTH]);
        extend.update(content.digest());
        return extend.digest();
    }

    private List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        kernels.forEach(data -> sections.add(new Section(KERNEL, data)));
        cmdlines.forEach(data -> sections.add(new Section(CMDLINE, data)));
        metadata.forEach(data -> sections.add(new Section(METADATA, data)));
        ramdisks.forEach(data -> sections.add(new Section(RAMDISK, data)));
        if (signer != null) {
            sections.add(new Section(SIGNATURE, signatureSection()));
        }
        return sections;
    }

    /**
     * {@code [{"signing_certificate": PEM, "signature": COSE_Sign1}]}, the COSE_Sign1 signing
     * {@code {"register_index": 0, "register_value": PCR0}} with the certificate's key.
     */
    private byte[] signatureSection() {
        byte[] payload = byteVector(new CborWriter().startMap(2)
                .text("register_index").uint(0)
                .text("register_value"), expectedPcrs().get(0)).toByteArray();
        byte[] signature = signer.key().signRaw(DocumentBuilder.sigStructure(ES384_PROTECTED_HEADER, payload));
        byte[] coseSign1 = new CborWriter().startArray(4)
                .bytes(ES384_PROTECTED_HEADER)
                .startMap(0)
                .bytes(payload)
                .bytes(signature)
                .toByteArray();
        CborWriter section = new CborWriter().startArray(1).startMap(2).text("signing_certificate");
        byteVector(section, signer.pem().getBytes(StandardCharsets.US_ASCII)).text("signature");
        return byteVector(section, coseSign1).toByteArray();
    }

    private CborWriter byteVector(CborWriter writer, byte[] value) {
        if (byteStrings) {
            return writer.bytes(value);
        }
        writer.startArray(value.length);
        for (byte b : value) {
            writer.uint(b & 0xff);
        }
        return writer;
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-384", e);
        }
    }

    private record Section(int type, byte[] data) {
    }
}
