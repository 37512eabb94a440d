package dev.nitroattest.cli.build;

import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.options.PathConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code nitro-attest build-image}: the options and their help, built with picocli's programmatic API (no
 * annotations); {@link ImageBuild} does the work.
 */
public final class BuildImageCommand implements Callable<Integer> {
    private final Terminal terminal;

    private final OptionSpec blobsOption = OptionSpec.builder("--blobs").required(true).paramLabel("DIR")
            .type(Path.class).converters(new PathConverter())
            .description("nitro-cli's blobs directory: bzImage, bzImage.config, cmdline, init and nsm.ko "
                    + "(/usr/share/nitro_enclaves/blobs on a parent instance).").build();
    // Required within their group: the group is optional, and exclusive, so at most one of the two is given.
    private final OptionSpec runtimeOption = OptionSpec.builder("--runtime").required(true).paramLabel("DIR")
            .type(Path.class).converters(new PathConverter())
            .description("A Java runtime directory made with jlink (the one holding bin/java).").build();
    private final OptionSpec jdkOption = OptionSpec.builder("--jdk").required(true).paramLabel("DIR")
            .type(Path.class).converters(new PathConverter())
            .description("A JDK whose jlink makes the runtime (--strip-debug --no-header-files --no-man-pages, no "
                    + "CDS archive).").build();
    private final OptionSpec modulesOption = OptionSpec.builder("--add-modules").paramLabel("MODULE[,MODULE...]")
            .splitRegex(",").type(List.class).auxiliaryTypes(String.class)
            .description("With --jdk: the modules to link (default java.base).").build();
    private final OptionSpec rootOption = OptionSpec.builder("--root").paramLabel("DIR")
            .type(List.class).auxiliaryTypes(Path.class).converters(new PathConverter())
            .description("A directory whose content goes to the image's / (the shared libraries the runtime loads, "
                    + "such as the C library and its loader); repeatable.").build();
    private final OptionSpec jarOption = OptionSpec.builder("--jar").paramLabel("FILE")
            .type(List.class).auxiliaryTypes(Path.class).converters(new PathConverter())
            .description("A jar to put in /opt/app; repeatable.").build();
    private final OptionSpec envOption = OptionSpec.builder("--env").paramLabel("NAME=VALUE")
            .type(List.class).auxiliaryTypes(String.class)
            .description("An environment variable for the command; repeatable, kept in the order given.").build();
    private final OptionSpec outputOption = OptionSpec.builder("-o", "--output").required(true)
            .paramLabel("IMAGE.eif").type(Path.class).converters(new PathConverter())
            .description("The image file to write (replaced if it exists).").build();
    private final OptionSpec pcrsJsonOption = OptionSpec.builder("--pcrs-json").paramLabel("FILE")
            .type(Path.class).converters(new PathConverter())
            .description("Where to write the PCRs as JSON (default: pcrs.json beside the image).").build();
    private final OptionSpec signingCertOption = OptionSpec.builder("--signing-cert").paramLabel("CERT.pem")
            .type(Path.class).converters(new PathConverter())
            .description("Sign the image with this certificate (PEM, an EC P-384 key's), as nitro-cli's "
                    + "--signing-certificate does: the image gets a signature section and a PCR8. Needs "
                    + "--signing-key.").build();
    private final OptionSpec signingKeyOption = OptionSpec.builder("--signing-key").paramLabel("KEY.pem")
            .type(Path.class).converters(new PathConverter())
            .description("The certificate's private key (PEM, SEC1 or PKCS#8, unencrypted), as nitro-cli's "
                    + "--private-key. The signature is deterministic (RFC 6979): the same inputs, the same bytes.")
            .build();
    private final OptionSpec imageNameOption = OptionSpec.builder("--image-name").paramLabel("NAME")
            .type(String.class).defaultValue("enclave")
            .description("The name the image's metadata records (default ${DEFAULT-VALUE}); not measured.").build();
    private final OptionSpec imageVersionOption = OptionSpec.builder("--image-version").paramLabel("VERSION")
            .type(String.class).defaultValue("latest")
            .description("The version the image's metadata records (default ${DEFAULT-VALUE}); not measured.")
            .build();
    private final OptionSpec jsonOption = CommandModel.flag("--json",
            "Print the PCRs as JSON shaped like nitro-cli build-enclave's.");
    private final PositionalParamSpec commandParameter = PositionalParamSpec.builder()
            .paramLabel("COMMAND").arity("1..*").required(true).type(List.class).auxiliaryTypes(String.class)
            .description("After '--': the program the enclave runs and its arguments, written to /cmd.").build();

    // The parsed values, copied out of the model when the command runs; ImageBuild reads them.
    Path blobs;
    RuntimeSource runtime;
    List<String> modules;
    List<Path> roots;
    List<Path> jars;
    List<String> environment;
    Path output;
    Path pcrsJson;
    Path signingCert;
    Path signingKey;
    String imageName;
    String imageVersion;
    boolean json;
    List<String> command;

    /**
     * Where the Java runtime comes from: a directory jlink made, or a JDK to link one with; exactly one of the two is
     * not null.
     */
    record RuntimeSource(Path directory, Path jdk) {
    }

    public BuildImageCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        ArgGroupSpec runtimeGroup = ArgGroupSpec.builder().exclusive(true).multiplicity("0..1")
                .addArg(runtimeOption).addArg(jdkOption).build();
        CommandSpec spec = CommandModel.command("build-image", this)
                .addOption(blobsOption)
                .addArgGroup(runtimeGroup)
                .addOption(modulesOption)
                .addOption(rootOption)
                .addOption(jarOption)
                .addOption(envOption)
                .addOption(outputOption)
                .addOption(pcrsJsonOption)
                .addOption(signingCertOption)
                .addOption(signingKeyOption)
                .addOption(imageNameOption)
                .addOption(imageVersionOption)
                .addOption(jsonOption)
                .addPositional(commandParameter)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Build a reproducible enclave image file (EIF) for a Java application and print its PCRs.")
                .descriptionHeading("%n")
                .description(
                        "Writes an enclave image in the layout nitro-cli makes, without Docker: the kernel, command "
                                + "line, init and nsm.ko of nitro-cli's blobs directory in the bootstrap ramdisk "
                                + "(PCR1), and the Java runtime (at /opt/java), the jars (in /opt/app), the command "
                                + "and the environment in the customer ramdisk (PCR2). The same inputs give the same "
                                + "bytes whatever the folder, user, umask, time zone, locale, file times and JDK "
                                + "that runs it.",
                        "",
                        "Prints PCR0, PCR1 and PCR2 (and PCR8 when signed) as 'nitro-attest pcrs' does (--json: "
                                + "nitro-cli's shape) and "
                                + "writes them to pcrs.json beside the image. If the blobs directory holds a file "
                                + "named STAND-IN, the PCR0 and PCR1 printed are not those of any real image, and a "
                                + "warning says so.",
                        "",
                        "The command follows '--'; AWS's init runs it with PATH=/sbin:/usr/sbin:/bin:/usr/bin, so "
                                + "name the runtime by its full path, /opt/java/bin/java.")
                .parameterListHeading("%nCommand:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExample:%n")
                .footer("  nitro-attest build-image --blobs /usr/share/nitro_enclaves/blobs \\",
                        "      --jdk /usr/lib/jvm/java-17-openjdk-amd64 --add-modules "
                                + "java.base,jdk.unsupported,java.logging \\",
                        "      --jar app.jar --env JAVA_TOOL_OPTIONS=-Xmx512m --output app.eif \\",
                        "      -- /opt/java/bin/java -jar /opt/app/app.jar");
        CommandModel.exitCodes(spec,
                "0:the image and pcrs.json were written and the PCRs printed",
                "1:an input cannot go into an image (a bad kernel config, a name with a line break...) or jlink "
                        + "failed",
                "2:usage error",
                "3:an input could not be read (missing or unreadable), or the image could not be written",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() {
        blobs = blobsOption.getValue();
        Path directory = runtimeOption.getValue();
        Path jdk = jdkOption.getValue();
        runtime = directory != null || jdk != null ? new RuntimeSource(directory, jdk) : null;
        modules = CommandModel.valueOr(modulesOption, List.of());
        roots = CommandModel.valueOr(rootOption, List.of());
        jars = CommandModel.valueOr(jarOption, List.of());
        environment = CommandModel.valueOr(envOption, List.of());
        output = outputOption.getValue();
        pcrsJson = pcrsJsonOption.getValue();
        signingCert = signingCertOption.getValue();
        signingKey = signingKeyOption.getValue();
        imageName = imageNameOption.getValue();
        imageVersion = imageVersionOption.getValue();
        json = CommandModel.isSet(jsonOption);
        command = commandParameter.getValue();
        ExitStatus status = new ImageBuild(this, terminal).run();
        return status.code();
    }
}
