package dev.nitroattest.cli.image;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.eif.EifFormatException;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.process.JsonText;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.SortedMap;

/** One run of {@code pcrs}: read and check the image, print its measurements. */
final class ImageMeasurement {
    /** How nitro-cli names the hash in its JSON: the Rust debug form of its hasher type. */
    private static final String NITRO_CLI_HASH_ALGORITHM = "Sha384 { ... }";

    private final PcrsCommand options;
    private final Terminal terminal;

    ImageMeasurement(PcrsCommand options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() {
        EnclaveImageFile image = read();
        SortedMap<Integer, Bytes> pcrs = image.measurements().asMap();
        if (options.json) {
            JsonText.indented(terminal.out(), json -> {
                json.writeStartObject();
                json.writeNumberField("EifVersion", image.version());
                json.writeStringField("Arch", image.isAarch64() ? "aarch64" : "x86_64");
                json.writeBooleanField("IsSigned", image.isSigned());
                json.writeObjectFieldStart("Measurements");
                json.writeStringField("HashAlgorithm", NITRO_CLI_HASH_ALGORITHM);
                for (Map.Entry<Integer, Bytes> pcr : pcrs.entrySet()) {
                    json.writeStringField("PCR" + pcr.getKey(), pcr.getValue().toHex());
                }
                json.writeEndObject();
                json.writeEndObject();
            });
        } else {
            pcrs.forEach((index, value) -> terminal.out().println("PCR" + index + " " + value.toHex()));
        }
        return ExitStatus.SUCCESS;
    }

    private EnclaveImageFile read() {
        String name = Sentences.fileName(options.image);
        if (Files.isDirectory(options.image)) {
            throw UserError.unreadable(name + " is a directory; give the path of an enclave image file.");
        }
        try {
            return EnclaveImageFile.read(options.image);
        } catch (IOException e) {
            throw UserError.cannotRead(name, e);
        } catch (EifFormatException e) {
            throw UserError.rejected(name + ": " + Sentences.clause(e.getMessage())
                    + "; check that it is the complete .eif that nitro-cli built.");
        }
    }
}
