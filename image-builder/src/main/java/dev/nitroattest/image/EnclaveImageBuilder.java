package dev.nitroattest.image;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.eif.EifSectionType;
import dev.nitroattest.eif.EnclaveMeasurements;
import dev.nitroattest.image.ImageBuildException.Reason;
import dev.nitroattest.image.ImageMetadata.KernelRelease;
import dev.nitroattest.image.internal.NewcArchive;
import dev.nitroattest.image.internal.RamdiskEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds an enclave image file for a Java application without Docker, byte for byte the same from the same inputs
 * whatever the folder, user, umask, time zone, locale, file system order, file times and JDK that runs it, and
 * returns its PCRs before it ever runs. The layout is nitro-cli's:
 * <ul>
 *   <li>sections kernel, command line, metadata (with a fixed build time), then two ramdisks;</li>
 *   <li>the bootstrap ramdisk (PCR1): {@code dev/}, {@code init} and {@code nsm.ko}, from the blobs;</li>
 *   <li>the customer ramdisk (PCR2): {@code rootfs/} holding the Java runtime at {@value #RUNTIME_DIRECTORY},
 *   the jars in {@value #JAR_DIRECTORY} and any {@linkplain #rootFiles(Path) root files}, then {@code rootfs/dev},
 *   {@code run}, {@code sys}, {@code var}, {@code proc} and {@code tmp}, then {@code cmd} and {@code env}, which
 *   AWS's init reads at boot;</li>
 *   <li>both ramdisks uncompressed newc cpio archives with linuxkit's entry rules ({@link NewcArchive});</li>
 *   <li>when {@linkplain #signedWith(ImageSigningKey) signed}, a signature section last, as nitro-cli writes it.</li>
 * </ul>
 * The command runs as AWS's init runs it: {@code execvpe} with {@code PATH=/sbin:/usr/sbin:/bin:/usr/bin}, so it
 * names the runtime by its full path, {@code /opt/java/bin/java}. Not thread-safe; setters return this.
 */
public final class EnclaveImageBuilder {
    /** Where the Java runtime goes in the enclave's root file system. */
    public static final String RUNTIME_DIRECTORY = "/opt/java";
    /** Where the jars go in the enclave's root file system. */
    public static final String JAR_DIRECTORY = "/opt/app";
    /** The directories linuxkit adds under {@code rootfs/} for nitro-cli, in its order, after the image's files. */
    private static final List<String> LINUXKIT_DIRECTORIES = List.of("dev", "run", "sys", "var", "proc", "tmp");

    private final BootstrapBlobs blobs;
    private final List<String> command;
    private Path runtime;
    private final List<Path> rootTrees = new ArrayList<>();
    private final List<Path> jars = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private ImageSigningKey signingKey;
    private String imageName = "enclave";
    private String imageVersion = "latest";

    private EnclaveImageBuilder(BootstrapBlobs blobs, List<String> command) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.command = List.copyOf(command);
    }

    /**
     * A builder for an image that boots with these blobs and runs this command.
     *
     * @param command the program and its arguments, such as {@code /opt/java/bin/java -jar /opt/app/app.jar}
     */
    public static EnclaveImageBuilder of(BootstrapBlobs blobs, List<String> command) {
        return new EnclaveImageBuilder(blobs, command);
    }

    /** The Java runtime directory (made by jlink; see {@link Jlink}) to put at {@value #RUNTIME_DIRECTORY}. */
    public EnclaveImageBuilder javaRuntime(Path directory) {
        this.runtime = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * A directory whose content goes to the root of the enclave's file system, as a container image's layer would:
     * the shared libraries the runtime loads (a JDK's {@code bin/java} needs the C library and its loader, Debian's
     * also libstdc++, libgcc_s and libz), configuration files. The directory itself is not part of the image, only
     * what it holds; its files may not collide with the runtime's or the jars'. Repeatable.
     */
    public EnclaveImageBuilder rootFiles(Path directory) {
        rootTrees.add(Objects.requireNonNull(directory, "directory"));
        return this;
    }

    /** A jar to put in {@value #JAR_DIRECTORY} under its own file name. */
    public EnclaveImageBuilder jar(Path jar) {
        jars.add(Objects.requireNonNull(jar, "jar"));
        return this;
    }

    /** An environment variable for the command; {@code env} lists them in the order given. */
    public EnclaveImageBuilder environment(String name, String value) {
        environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Signs the image with this certificate's key, as nitro-cli's {@code --signing-certificate} and
     * {@code --private-key} do: a signature section after the ramdisks holds the certificate and a COSE_Sign1 over
     * PCR0, and the image gets a PCR8, the measurement of the certificate's DER. The signature is deterministic
     * (RFC 6979), so a signed image too is the same bytes from the same inputs.
     */
    public EnclaveImageBuilder signedWith(ImageSigningKey key) {
        this.signingKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** The name and version the metadata section records (nitro-cli records the Docker image's); not measured. */
    public EnclaveImageBuilder named(String name, String version) {
        this.imageName = Objects.requireNonNull(name, "name");
        this.imageVersion = Objects.requireNonNull(version, "version");
        return this;
    }

    /**
     * Writes the image. It is written beside the output under a temporary name and moved into place when complete,
     * so that a failed build never leaves a partial image under the output's name.
     *
     * @return the image's PCRs, computed from the bytes as they were written
     * @throws ImageBuildException if an input is missing, unreadable or unusable, or the file cannot be written
     */
    public BuiltImage build(Path output) throws ImageBuildException {
        Objects.requireNonNull(output, "output");
        checkInputs();
        byte[] cmdline = cmdline(readSmall(blobs.cmdline()));
        KernelRelease kernel = KernelRelease.fromConfig(
                new String(readSmall(blobs.kernelConfig()), StandardCharsets.ISO_8859_1).lines().toList(),
                blobs.kernelConfig());
        NewcArchive bootstrap = new NewcArchive(List.of(
                new RamdiskEntry.Directory("dev"),
                blobFile("init", blobs.init()),
                blobFile("nsm.ko", blobs.nsmModule())));
        NewcArchive customer = new NewcArchive(customerEntries());
        byte[] metadata = ImageMetadata.json(imageName, imageVersion, kernel);
        long kernelSize = regularFile(blobs.kernel()).size();
        List<ImageFileWriter.Section> sections = new ArrayList<>(List.of(
                new ImageFileWriter.Section(EifSectionType.KERNEL, kernelSize, out -> copy(blobs.kernel(), out)),
                new ImageFileWriter.Section(EifSectionType.CMDLINE, cmdline.length, out -> out.write(cmdline)),
                new ImageFileWriter.Section(EifSectionType.METADATA, metadata.length, out -> out.write(metadata)),
                new ImageFileWriter.Section(EifSectionType.RAMDISK, bootstrap.size(), bootstrap::writeTo),
                new ImageFileWriter.Section(EifSectionType.RAMDISK, customer.size(), customer::writeTo)));
        Optional<Bytes> signedPcr0 = Optional.empty();
        if (signingKey != null) {
            EnclaveMeasurements planned = measure(sections);
            byte[] signature = SignatureSectionWriter.section(signingKey, planned.pcr0().toByteArray());
            sections.add(new ImageFileWriter.Section(EifSectionType.SIGNATURE, signature.length,
                    out -> out.write(signature)));
            signedPcr0 = Optional.of(planned.pcr0());
        }
        return write(output, sections, signedPcr0);
    }

    private static EnclaveMeasurements measure(List<ImageFileWriter.Section> sections) throws ImageBuildException {
        try {
            return ImageFileWriter.measure(sections);
        } catch (IOException e) {
            throw new ImageBuildException(Reason.UNREADABLE_INPUT, "cannot read the image's inputs to sign it ("
                    + e.getMessage() + "); check the inputs and build again.", e);
        }
    }

    private BuiltImage write(Path output, List<ImageFileWriter.Section> sections, Optional<Bytes> signedPcr0)
            throws ImageBuildException {
        Path absolute = output.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new ImageBuildException(Reason.OUTPUT_FAILED, output + " is a directory; give the path of the "
                    + ".eif file to write.");
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            EnclaveMeasurements measurements = ImageFileWriter.write(partial, sections);
            if (signedPcr0.isPresent()) {
                if (!signedPcr0.get().equals(measurements.pcr0())) {
                    throw new ImageBuildException(Reason.OUTPUT_FAILED, "an input changed while " + output + " was "
                            + "built, so its signature would be over another PCR0; build it again.");
                }
                PcrMeasurement certificate = new PcrMeasurement();
                byte[] der = signingKey.certificateDer();
                certificate.update(der, 0, der.length);
                measurements = new EnclaveMeasurements(measurements.pcr0(), measurements.pcr1(), measurements.pcr2(),
                        Optional.of(certificate.finish()));
            }
            long size = Files.size(partial);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new BuiltImage(output, size, measurements, blobs.standIn());
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            throw new ImageBuildException(Reason.OUTPUT_FAILED, "cannot write " + output + ": its directory does not "
                    + "exist; create it first.", e);
        } catch (IOException e) {
            throw new ImageBuildException(Reason.OUTPUT_FAILED, "cannot write " + output + " (" + e.getMessage()
                    + "); check the output's directory and free space.", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Only a leftover temporary file: the build's own outcome is what the caller must hear.
            }
        }
    }

    private void checkInputs() throws ImageBuildException {
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new ImageBuildException(Reason.INVALID_INPUT, "no command was given; give the program the enclave "
                    + "runs and its arguments, such as /opt/java/bin/java -jar /opt/app/app.jar.");
        }
        for (String argument : command) {
            if (argument.indexOf('\n') >= 0 || argument.indexOf('\0') >= 0) {
                throw new ImageBuildException(Reason.INVALID_INPUT, "a command argument holds a line break or NUL, "
                        + "which AWS's init cannot read from /cmd (one argument a line); remove it.");
            }
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (!variable.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ImageBuildException(Reason.INVALID_INPUT, "'" + variable.getKey() + "' is not an "
                        + "environment variable name; use letters, digits and underscores, not starting with a digit.");
            }
            if (variable.getValue().indexOf('\n') >= 0 || variable.getValue().indexOf('\0') >= 0) {
                throw new ImageBuildException(Reason.INVALID_INPUT, "the value of " + variable.getKey() + " holds a "
                        + "line break or NUL, which AWS's init cannot read from /env (one variable a line); "
                        + "remove it.");
            }
        }
        if (!ImageMetadata.printable(imageName) || !ImageMetadata.printable(imageVersion)) {
            throw new ImageBuildException(Reason.INVALID_INPUT, "the image name and version must be non-empty "
                    + "printable ASCII.");
        }
    }

    private List<RamdiskEntry> customerEntries() throws ImageBuildException {
        ApplicationRoot root = new ApplicationRoot();
        for (Path tree : rootTrees) {
            root.addTree("", tree, "a directory of files for the image's root");
        }
        if (runtime != null) {
            root.addTree(RUNTIME_DIRECTORY.substring(1), runtime,
                    "the directory jlink made (the one holding bin/java)");
        }
        for (Path jar : jars) {
            Path name = jar.getFileName();
            if (name == null) {
                throw new ImageBuildException(Reason.INVALID_INPUT, jar + " names no file; give a jar's path.");
            }
            ApplicationRoot.checkName(name.toString(), jar);
            root.addFile(JAR_DIRECTORY.substring(1) + "/" + name, jar);
        }
        List<RamdiskEntry> entries = new ArrayList<>(root.entries());
        for (String directory : LINUXKIT_DIRECTORIES) {
            entries.add(new RamdiskEntry.Directory(ApplicationRoot.PREFIX + directory));
        }
        entries.add(new RamdiskEntry.SmallFile("cmd", 0644, lines(command)));
        entries.add(new RamdiskEntry.SmallFile("env", 0644, lines(environment.entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue()).toList())));
        return entries;
    }

    private static byte[] lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The cmdline blob without its trailing line break and spaces, as nitro-cli puts it in the section. */
    private byte[] cmdline(byte[] blob) throws ImageBuildException {
        int end = blob.length;
        while (end > 0 && (blob[end - 1] == '\n' || blob[end - 1] == ' ' || blob[end - 1] == '\r'
                || blob[end - 1] == '\t' || blob[end - 1] == 0)) {
            end--;
        }
        if (end == 0) {
            throw new ImageBuildException(Reason.INVALID_INPUT, blobs.cmdline() + " is empty; give the cmdline of "
                    + "the blobs.");
        }
        byte[] trimmed = new byte[end];
        System.arraycopy(blob, 0, trimmed, 0, end);
        return trimmed;
    }

    private static RamdiskEntry blobFile(String name, Path file) throws ImageBuildException {
        return new RamdiskEntry.FileOnDisk(name, 0755, file, regularFile(file).size());
    }

    private static BasicFileAttributes regularFile(Path file) throws ImageBuildException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw ApplicationRoot.unreadable(file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a regular file; give the blobs "
                    + "directory of nitro-cli (/usr/share/nitro_enclaves/blobs).");
        }
        if (!Files.isReadable(file)) {
            throw new ImageBuildException(Reason.UNREADABLE_INPUT, "cannot read " + file + ": permission denied; "
                    + "check its permissions.");
        }
        return attributes;
    }

    private static byte[] readSmall(Path file) throws ImageBuildException {
        if (regularFile(file).size() > 1 << 20) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is larger than 1 MiB, which a kernel "
                    + "config or command line never is; check the blobs directory.");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ApplicationRoot.unreadable(file, e);
        }
    }

    private static void copy(Path file, java.io.OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
