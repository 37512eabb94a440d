package dev.nitroattest.cli.verify;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.eif.EifFormatException;
import dev.nitroattest.eif.EnclaveImageFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SortedMap;

/** The PCRs {@code --pcrs-from-eif} pins; an unusable image is a usage error, found before any document is read. */
final class ImageMeasurements {
    private ImageMeasurements() {
    }

    /** PCR0, PCR1, PCR2 and, for a signed image, PCR8, by index. */
    static SortedMap<Integer, Bytes> read(Path image) {
        String name = Sentences.fileName(image);
        try {
            return EnclaveImageFile.read(image).measurements().asMap();
        } catch (NoSuchFileException e) {
            throw UserError.usage("the image file " + name + " (--pcrs-from-eif) does not exist; check the path.");
        } catch (AccessDeniedException e) {
            throw UserError.usage("cannot read the image file " + name + " (--pcrs-from-eif): permission denied; "
                    + "check the file's permissions.");
        } catch (IOException e) {
            throw UserError.usage("cannot read the image file " + name + " (--pcrs-from-eif): "
                    + Sentences.ioFailure(e) + "; check the path.");
        } catch (EifFormatException e) {
            throw UserError.usage("the image file " + name + " (--pcrs-from-eif) is not usable: "
                    + Sentences.clause(e.getMessage()) + "; give the .eif that nitro-cli built.");
        }
    }
}
