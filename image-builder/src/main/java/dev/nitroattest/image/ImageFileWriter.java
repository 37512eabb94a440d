package dev.nitroattest.image;

import dev.nitroattest.eif.EifSectionType;
import dev.nitroattest.eif.EnclaveMeasurements;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Writes an EIF (version 4) in one pass: the header first, since every section's size is known before its bytes
 * are, then each section as it is produced, with the CRC-32 and the PCRs computed on the way. The CRC's field is
 * the only byte range written twice. The section order, the header's defaults (1 GiB, 2 vCPUs) and the CRC's
 * coverage are nitro-cli's (aws-nitro-enclaves-image-format {@code src/defs/mod.rs}, {@code src/utils/mod.rs}).
 */
final class ImageFileWriter {
    static final long DEFAULT_MEMORY = 1L << 30;
    static final long DEFAULT_CPUS = 2;
    private static final byte[] MAGIC = {'.', 'e', 'i', 'f'};
    private static final int VERSION = 4;
    private static final int HEADER_LENGTH = 548;
    /** The CRC covers the header up to, not including, its own field, which ends the header. */
    private static final int CRC_OFFSET = 544;
    private static final int SECTION_HEADER_LENGTH = 12;
    private static final int MAX_SECTIONS = 32;

    /** What produces a section's bytes. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A section to write: its type, its exact size, and what produces its bytes. */
    record Section(EifSectionType type, long size, Content content) {
    }

    private ImageFileWriter() {
    }

    /**
     * The PCRs the sections will have, produced once without writing them: a signed image's signature section, which
     * the header must size before any section is written, depends on PCR0.
     *
     * @throws IOException if a section's content cannot be read, or is not as long as declared
     */
    static EnclaveMeasurements measure(List<Section> sections) throws IOException {
        PcrMeasurement image = new PcrMeasurement();
        PcrMeasurement bootstrap = new PcrMeasurement();
        PcrMeasurement application = new PcrMeasurement();
        int ramdisks = 0;
        for (Section section : sections) {
            List<PcrMeasurement> measuredInto = switch (section.type()) {
                case KERNEL, CMDLINE -> List.of(image, bootstrap);
                case RAMDISK -> List.of(image, ++ramdisks == 1 ? bootstrap : application);
                case METADATA, SIGNATURE -> List.of();
            };
            if (measuredInto.isEmpty()) {
                continue;
            }
            Measuring measuring = new Measuring(OutputStream.nullOutputStream(), new CRC32(), measuredInto);
            section.content().writeTo(measuring);
            checkSize(section, measuring);
        }
        return new EnclaveMeasurements(image.finish(), bootstrap.finish(), application.finish(), Optional.empty());
    }

    /**
     * Writes the image and returns the PCRs of what was written.
     *
     * @throws IOException if the file cannot be written, or a section's content is not as long as declared
     */
    static EnclaveMeasurements write(Path file, List<Section> sections) throws IOException {
        ByteBuffer header = header(sections);
        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, CRC_OFFSET);
        PcrMeasurement image = new PcrMeasurement();
        PcrMeasurement bootstrap = new PcrMeasurement();
        PcrMeasurement application = new PcrMeasurement();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            out.write(header.array());
            int ramdisks = 0;
            for (Section section : sections) {
                ByteBuffer sectionHeader = ByteBuffer.allocate(SECTION_HEADER_LENGTH)
                        .putShort((short) section.type().code()).putShort((short) 0).putLong(section.size());
                out.write(sectionHeader.array());
                crc.update(sectionHeader.array());
                List<PcrMeasurement> measuredInto = switch (section.type()) {
                    case KERNEL, CMDLINE -> List.of(image, bootstrap);
                    case RAMDISK -> List.of(image, ++ramdisks == 1 ? bootstrap : application);
                    case METADATA, SIGNATURE -> List.of();
                };
                Measuring measuring = new Measuring(out, crc, measuredInto);
                section.content().writeTo(measuring);
                checkSize(section, measuring);
            }
            out.flush();
            ByteBuffer crcField = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
            channel.write(crcField, CRC_OFFSET);
        }
        return new EnclaveMeasurements(image.finish(), bootstrap.finish(), application.finish(), Optional.empty());
    }

    private static void checkSize(Section section, Measuring measuring) throws IOException {
        if (measuring.count != section.size()) {
            throw new IOException("the " + section.type() + " section was planned as " + section.size()
                    + " bytes but " + measuring.count + " were written: an input changed during the build");
        }
    }

    private static ByteBuffer header(List<Section> sections) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
        header.put(MAGIC)
                .putShort((short) VERSION)
                .putShort((short) 0)
                .putLong(DEFAULT_MEMORY)
                .putLong(DEFAULT_CPUS)
                .putShort((short) 0)
                .putShort((short) sections.size());
        long offset = HEADER_LENGTH;
        for (int i = 0; i < MAX_SECTIONS; i++) {
            header.putLong(i < sections.size() ? offset : 0);
            offset += i < sections.size() ? SECTION_HEADER_LENGTH + sections.get(i).size() : 0;
        }
        for (int i = 0; i < MAX_SECTIONS; i++) {
            header.putLong(i < sections.size() ? sections.get(i).size() : 0);
        }
        return header;
    }

    /** Passes a section's bytes on, into the CRC and into the PCRs that measure it, and counts them. */
    private static final class Measuring extends OutputStream {
        private final OutputStream out;
        private final CRC32 crc;
        private final List<PcrMeasurement> pcrs;
        private long count;

        Measuring(OutputStream out, CRC32 crc, List<PcrMeasurement> pcrs) {
            this.out = out;
            this.crc = crc;
            this.pcrs = pcrs;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            out.write(data, offset, length);
            crc.update(data, offset, length);
            for (PcrMeasurement pcr : pcrs) {
                pcr.update(data, offset, length);
            }
            count += length;
        }
    }
}
