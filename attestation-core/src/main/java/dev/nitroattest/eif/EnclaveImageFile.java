package dev.nitroattest.eif;

import dev.nitroattest.bytes.Bytes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * An enclave image file (EIF, format version 4), read in one streaming pass: the header's magic, version,
 * section table and CRC-32 are checked, and PCR0, PCR1, PCR2 and (for signed images) PCR8 are computed as
 * nitro-cli computes them. Images are often hundreds of megabytes; only the small signature section is
 * held in memory.
 */
public final class EnclaveImageFile {
    /** The only format version this reader knows, the one nitro-cli writes. */
    public static final int SUPPORTED_VERSION = 4;
    static final byte[] MAGIC = {'.', 'e', 'i', 'f'};
    static final int HEADER_LENGTH = 548;
    /** The CRC covers the header up to, not including, the CRC field itself. */
    static final int CRC_COVERED_HEADER_LENGTH = 544;
    static final int SECTION_HEADER_LENGTH = 12;
    static final int MAX_SECTIONS = 32;
    private static final int FLAG_AARCH64 = 1;
    /** A signature section holds a certificate and a COSE_Sign1: a few kilobytes. */
    private static final int MAX_SIGNATURE_SECTION = 64 * 1024;

    private final int version;
    private final int flags;
    private final long defaultMemory;
    private final long defaultCpus;
    private final List<EifSection> sections;
    private final EnclaveMeasurements measurements;
    private final Optional<Bytes> signingCertificate;

    private EnclaveImageFile(int version, int flags, long defaultMemory, long defaultCpus, List<EifSection> sections,
            EnclaveMeasurements measurements, Optional<Bytes> signingCertificate) {
        this.version = version;
        this.flags = flags;
        this.defaultMemory = defaultMemory;
        this.defaultCpus = defaultCpus;
        this.sections = sections;
        this.measurements = measurements;
        this.signingCertificate = signingCertificate;
    }

    /**
     * Reads and checks an image file.
     *
     * @throws EifFormatException if the file is not a well-formed EIF of version 4
     * @throws IOException if the file cannot be read
     */
    public static EnclaveImageFile read(Path file) throws EifFormatException, IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in);
        }
    }

    /** Reads and checks an image from a stream, which must end where the image ends. */
    public static EnclaveImageFile read(InputStream in) throws EifFormatException, IOException {
        return new Reader(in).read();
    }

    /** The format version (always {@value #SUPPORTED_VERSION}). */
    public int version() {
        return version;
    }

    /** Whether the image is for aarch64 (flag bit 0); x86_64 otherwise. */
    public boolean isAarch64() {
        return (flags & FLAG_AARCH64) != 0;
    }

    /** The header's flags field. */
    public int flags() {
        return flags;
    }

    /** The default memory the header suggests for the enclave. */
    public long defaultMemory() {
        return defaultMemory;
    }

    /** The default vCPU count the header suggests for the enclave. */
    public long defaultCpus() {
        return defaultCpus;
    }

    /** The sections in file order. */
    public List<EifSection> sections() {
        return sections;
    }

    /** The PCRs an enclave started from this image reports. */
    public EnclaveMeasurements measurements() {
        return measurements;
    }

    /** Whether the image carries a signature section (and so a PCR8). */
    public boolean isSigned() {
        return signingCertificate.isPresent();
    }

    /** The DER of the signing certificate, for signed images. */
    public Optional<Bytes> signingCertificate() {
        return signingCertificate;
    }

    /**
     * One pass over the image. The CRC-32 is checked before anything inside the sections is believed: a structural
     * problem found on the way is held back, the rest of the file still goes through the CRC, and a CRC that fails
     * is reported first, because a corrupted file explains any structure. Only a file that ends early skips that
     * order: the CRC of bytes that are missing cannot be checked.
     */
    private static final class Reader {
        private final InputStream in;
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[1 << 16];
        private long position;
        private boolean endedEarly;

        Reader(InputStream in) {
            this.in = in;
        }

        EnclaveImageFile read() throws EifFormatException, IOException {
            byte[] headerBytes = new byte[HEADER_LENGTH];
            int headerRead = in.readNBytes(headerBytes, 0, HEADER_LENGTH);
            position = headerRead;
            checkMagic(headerBytes, headerRead);
            if (headerRead < HEADER_LENGTH) {
                throw truncated("the header");
            }
            ByteBuffer header = ByteBuffer.wrap(headerBytes);
            // The version comes before the CRC: how the CRC is computed is version 4's rule.
            int version = Short.toUnsignedInt(header.getShort(4));
            if (version != SUPPORTED_VERSION) {
                throw new EifFormatException("The image is EIF version " + version + "; this reader supports version "
                        + SUPPORTED_VERSION + ".");
            }
            long expectedCrc = Integer.toUnsignedLong(header.getInt(CRC_COVERED_HEADER_LENGTH));
            crc.update(headerBytes, 0, CRC_COVERED_HEADER_LENGTH);

            Measuring measuring = new Measuring();
            List<EifSection> sections = List.of();
            EifFormatException structureProblem = null;
            boolean trailingBytes = false;
            try {
                sections = readSections(header, measuring);
                // Bytes after the last section are outside what the CRC covers, so they are read but not added to it.
                trailingBytes = in.read() != -1;
            } catch (EifFormatException e) {
                if (endedEarly) {
                    throw e;
                }
                structureProblem = e;
                addRestToCrc();
            }
            if (crc.getValue() != expectedCrc) {
                throw new EifFormatException(String.format("The image's CRC-32 is %08x but the header says %08x: the "
                        + "file is corrupted.", crc.getValue(), expectedCrc));
            }
            if (structureProblem != null) {
                throw structureProblem;
            }
            if (trailingBytes) {
                throw new EifFormatException("The file continues after its last section at offset " + position + ".");
            }
            Measured measured = measuring.finish();
            return new EnclaveImageFile(version, Short.toUnsignedInt(header.getShort(6)), header.getLong(8),
                    header.getLong(16), Collections.unmodifiableList(sections), measured.measurements(),
                    measured.signingCertificate());
        }

        /** Checks as much of the magic as the file holds, so that a short file of another kind is not "truncated". */
        private static void checkMagic(byte[] header, int length) throws EifFormatException {
            if (length == 0) {
                throw new EifFormatException("The file is empty (0 bytes).");
            }
            for (int i = 0; i < Math.min(length, MAGIC.length); i++) {
                if (header[i] != MAGIC[i]) {
                    throw new EifFormatException("The file is not an enclave image file (no .eif magic).");
                }
            }
        }

        private List<EifSection> readSections(ByteBuffer header, Measuring measuring)
                throws EifFormatException, IOException {
            int sectionCount = Short.toUnsignedInt(header.getShort(26));
            if (sectionCount == 0 || sectionCount > MAX_SECTIONS) {
                throw new EifFormatException("The header declares " + sectionCount + " sections; an image has 1 to "
                        + MAX_SECTIONS + ".");
            }
            List<EifSection> sections = new ArrayList<>(sectionCount);
            for (int i = 0; i < sectionCount; i++) {
                long declaredOffset = header.getLong(28 + 8 * i);
                long declaredSize = header.getLong(284 + 8 * i);
                sections.add(readSection(i, declaredOffset, declaredSize, measuring));
            }
            return sections;
        }

        private EifSection readSection(int index, long declaredOffset, long declaredSize, Measuring measuring)
                throws EifFormatException, IOException {
            if (declaredOffset != position) {
                throw new EifFormatException("Section " + index + " is declared at offset " + declaredOffset
                        + " but the previous sections end at offset " + position + ".");
            }
            long sectionStart = position;
            ByteBuffer sectionHeader =
                    ByteBuffer.wrap(readFully(SECTION_HEADER_LENGTH, "section " + index + "'s header"));
            crc.update(sectionHeader.array(), 0, SECTION_HEADER_LENGTH);
            int code = Short.toUnsignedInt(sectionHeader.getShort(0));
            EifSectionType type = EifSectionType.fromCode(code);
            if (type == null) {
                throw new EifFormatException("Section " + index + " has the unknown type " + code + ".");
            }
            int flags = Short.toUnsignedInt(sectionHeader.getShort(2));
            long size = sectionHeader.getLong(4);
            if (size < 0) {
                throw new EifFormatException("Section " + index + " (" + type + ") declares a size of "
                        + Long.toUnsignedString(size) + " bytes, more than any file can hold.");
            }
            if (size != declaredSize) {
                throw new EifFormatException("Section " + index + " (" + type + ") has size " + size
                        + " but the header says " + Long.toUnsignedString(declaredSize) + ".");
            }
            measuring.startSection(type, index);
            if (type == EifSectionType.SIGNATURE) {
                if (size > MAX_SIGNATURE_SECTION) {
                    throw new EifFormatException("The signature section is " + size + " bytes; more than "
                            + MAX_SIGNATURE_SECTION + " is not a signature.");
                }
                byte[] signature = readFully((int) size, "the signature section");
                crc.update(signature, 0, signature.length);
                measuring.signatureSection(signature);
            } else {
                long remaining = size;
                while (remaining > 0) {
                    int chunk = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (chunk < 0) {
                        throw truncated("section " + index + " (" + type + ")");
                    }
                    crc.update(buffer, 0, chunk);
                    measuring.update(type, buffer, chunk);
                    remaining -= chunk;
                    position += chunk;
                }
            }
            return new EifSection(type, flags, sectionStart, size);
        }

        /**
         * After a structural problem: the CRC of everything left. Sections lie end to end from the header on, so
         * this is the CRC the image was written with, unless the file was damaged.
         */
        private void addRestToCrc() throws IOException {
            int chunk;
            while ((chunk = in.read(buffer)) >= 0) {
                crc.update(buffer, 0, chunk);
                position += chunk;
            }
        }

        private byte[] readFully(int length, String what) throws EifFormatException, IOException {
            byte[] bytes = new byte[length];
            if (in.readNBytes(bytes, 0, length) != length) {
                throw truncated(what);
            }
            position += length;
            return bytes;
        }

        private EifFormatException truncated(String what) {
            endedEarly = true;
            return new EifFormatException("The file ends inside " + what + ": it is truncated.");
        }
    }

    /** Feeds section data to the PCRs that measure it, in file order. */
    private static final class Measuring {
        private final PcrAccumulator image = new PcrAccumulator();
        private final PcrAccumulator bootstrap = new PcrAccumulator();
        private final PcrAccumulator application = new PcrAccumulator();
        private int kernels;
        private int cmdlines;
        private int ramdisks;
        private byte[] signatureSection;

        void startSection(EifSectionType type, int index) throws EifFormatException {
            switch (type) {
                case KERNEL -> kernels++;
                case CMDLINE -> cmdlines++;
                case RAMDISK -> ramdisks++;
                case SIGNATURE -> {
                    if (signatureSection != null) {
                        throw new EifFormatException("Section " + index + " is a second signature section.");
                    }
                }
                case METADATA -> {
                    // Build metadata is not measured.
                }
            }
            if (kernels > 1 || cmdlines > 1) {
                throw new EifFormatException("Section " + index + " is a second " + type + " section.");
            }
        }

        void update(EifSectionType type, byte[] data, int length) {
            switch (type) {
                case KERNEL, CMDLINE -> {
                    image.update(data, 0, length);
                    bootstrap.update(data, 0, length);
                }
                case RAMDISK -> {
                    image.update(data, 0, length);
                    (ramdisks == 1 ? bootstrap : application).update(data, 0, length);
                }
                case SIGNATURE, METADATA -> {
                    // Never measured.
                }
            }
        }

        /** Kept as it is: its content is read only once the CRC has shown that the file is intact. */
        void signatureSection(byte[] section) {
            signatureSection = section;
        }

        Measured finish() throws EifFormatException {
            if (kernels != 1 || cmdlines != 1 || ramdisks == 0) {
                throw new EifFormatException("An image needs one kernel, one command line and at least one ramdisk; "
                        + "this one has " + kernels + ", " + cmdlines + " and " + ramdisks + ".");
            }
            Optional<Bytes> signingCertificate = Optional.empty();
            Optional<Bytes> pcr8 = Optional.empty();
            if (signatureSection != null) {
                byte[] der = SignatureSection.signingCertificateDer(signatureSection);
                signingCertificate = Optional.of(Bytes.of(der));
                PcrAccumulator certificate = new PcrAccumulator();
                certificate.update(der, 0, der.length);
                pcr8 = Optional.of(certificate.finish());
            }
            return new Measured(new EnclaveMeasurements(image.finish(), bootstrap.finish(), application.finish(), pcr8),
                    signingCertificate);
        }
    }

    /** What measuring an image gives: its PCRs, and the certificate that signed it if it is signed. */
    private record Measured(EnclaveMeasurements measurements, Optional<Bytes> signingCertificate) {
    }
}
