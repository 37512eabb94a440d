package dev.nitroattest.cli.build;

import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.image.BootstrapBlobs;
import dev.nitroattest.image.BuiltImage;
import dev.nitroattest.image.EnclaveImageBuilder;
import dev.nitroattest.image.ImageBuildException;
import dev.nitroattest.image.ImageSigningKey;
import dev.nitroattest.image.Jlink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One run of {@code build-image}: link the runtime if asked, build the image, write pcrs.json, print the PCRs. */
final class ImageBuild {
    private final BuildImageCommand options;
    private final Terminal terminal;

    ImageBuild(BuildImageCommand options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() {
        EnclaveImageBuilder builder = EnclaveImageBuilder.of(BootstrapBlobs.inDirectory(options.blobs), options.command)
                .named(options.imageName, options.imageVersion);
        options.jars.forEach(builder::jar);
        options.roots.forEach(builder::rootFiles);
        for (String variable : options.environment) {
            int equals = variable.indexOf('=');
            if (equals <= 0) {
                throw UserError.usage("--env " + Sentences.fileName(variable) + " is not NAME=VALUE; give the "
                        + "variable's name, '=' and its value.");
            }
            builder.environment(variable.substring(0, equals), variable.substring(equals + 1));
        }
        boolean linking = options.runtime != null && options.runtime.jdk() != null;
        if (!options.modules.isEmpty() && !linking) {
            throw UserError.usage("--add-modules needs --jdk: it names the modules jlink links; a --runtime is "
                    + "already linked.");
        }
        if ((options.signingCert == null) != (options.signingKey == null)) {
            throw UserError.usage(options.signingCert == null ? "--signing-key needs --signing-cert: give the "
                    + "certificate the key signs for." : "--signing-cert needs --signing-key: give the certificate's "
                    + "private key.");
        }
        BuiltImage built;
        Path linked = null;
        try {
            if (options.signingCert != null) {
                // Read and checked first: a key that is not the certificate's fails before any jlink or writing.
                builder.signedWith(ImageSigningKey.fromPemFiles(options.signingCert, options.signingKey));
            }
            if (linking) {
                linked = Files.createTempDirectory(outputDirectory(), ".runtime-");
                Path runtime = linked.resolve("java");
                Jlink.link(options.runtime.jdk(), options.modules.isEmpty() ? List.of("java.base") : options.modules,
                        runtime);
                builder.javaRuntime(runtime);
            } else if (options.runtime != null) {
                builder.javaRuntime(options.runtime.directory());
            }
            built = builder.build(options.output);
        } catch (ImageBuildException e) {
            throw failure(e);
        } catch (IOException e) {
            throw UserError.unreadable("cannot make a folder for the runtime beside " + Sentences.fileName(
                    options.output) + " (" + Sentences.ioFailure(e) + "); check that its folder exists and is "
                    + "writable.");
        } finally {
            deleteTree(linked);
        }
        Path pcrsJson = options.pcrsJson != null ? options.pcrsJson : outputDirectory().resolve("pcrs.json");
        try {
            Files.writeString(pcrsJson, built.pcrsJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UserError.unreadable("the image was written but not " + Sentences.fileName(pcrsJson) + " ("
                    + Sentences.ioFailure(e) + "); check that folder.");
        }
        if (built.standInBlobs()) {
            terminal.error("warning: the blobs in " + Sentences.fileName(options.blobs) + " are stand-ins (it holds "
                    + BootstrapBlobs.STAND_IN_MARKER + "), so PCR0 and PCR1 are not those of any real enclave "
                    + "image; build with nitro-cli's blobs for real ones.");
        }
        if (options.json) {
            terminal.out().print(built.pcrsJson());
        } else {
            built.measurements().asMap().forEach((index, value) ->
                    terminal.out().println("PCR" + index + " " + value.toHex()));
        }
        return ExitStatus.SUCCESS;
    }

    private Path outputDirectory() {
        Path parent = options.output.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static UserError failure(ImageBuildException e) {
        String sentence = e.getMessage();
        return switch (e.reason()) {
            case MISSING_INPUT, UNREADABLE_INPUT, OUTPUT_FAILED -> UserError.unreadable(sentence);
            case INVALID_INPUT, JLINK_FAILED -> UserError.rejected(sentence);
        };
    }

    /** The linked runtime is only a step of the build: it goes whatever the build's outcome. */
    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary folder does not change the image; the build's outcome is what matters here.
        }
    }
}
