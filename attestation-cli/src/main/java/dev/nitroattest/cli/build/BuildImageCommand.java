package dev.nitroattest.cli.build;

import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nitro-attest build-image}: the options and their help; {@link ImageBuild} does the work. */
@Command(
        name = "build-image",
        sortOptions = false,
        header = "Build a reproducible enclave image file (EIF) for a Java application and print its PCRs.",
        descriptionHeading = "%n",
        description = {
            "Writes an enclave image in the layout nitro-cli makes, without Docker: the kernel, command line, init "
                    + "and nsm.ko of nitro-cli's blobs directory in the bootstrap ramdisk (PCR1), and the Java "
                    + "runtime (at /opt/java), the jars (in /opt/app), the command and the environment in the "
                    + "customer ramdisk (PCR2). The same inputs give the same bytes whatever the folder, user, "
                    + "umask, time zone, locale, file times and JDK that runs it.",
            "",
            "Prints PCR0, PCR1 and PCR2 as 'nitro-attest pcrs' does (--json: nitro-cli's shape) and writes them "
                    + "to pcrs.json beside the image. If the blobs directory holds a file named STAND-IN, the "
                    + "PCR0 and PCR1 printed are not those of any real image, and a warning says so.",
            "",
            "The command follows '--'; AWS's init runs it with PATH=/sbin:/usr/sbin:/bin:/usr/bin, so name the "
                    + "runtime by its full path, /opt/java/bin/java."
        },
        parameterListHeading = "%nCommand:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the image and pcrs.json were written and the PCRs printed",
            "1:an input cannot go into an image (a bad kernel config, a name with a line break...) or jlink failed",
            "2:usage error",
            "3:an input could not be read (missing or unreadable), or the image could not be written",
            "4:internal error: please report it"
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  nitro-attest build-image --blobs /usr/share/nitro_enclaves/blobs \\",
            "      --jdk /usr/lib/jvm/java-17-openjdk-amd64 --add-modules java.base,jdk.unsupported,java.logging \\",
            "      --jar app.jar --env JAVA_TOOL_OPTIONS=-Xmx512m --output app.eif \\",
            "      -- /opt/java/bin/java -jar /opt/app/app.jar"
        })
public final class BuildImageCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--blobs", required = true, paramLabel = "DIR",
            description = "nitro-cli's blobs directory: bzImage, bzImage.config, cmdline, init and nsm.ko "
                    + "(/usr/share/nitro_enclaves/blobs on a parent instance).")
    Path blobs;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    RuntimeSource runtime;

    @Option(names = "--add-modules", paramLabel = "MODULE[,MODULE...]", split = ",",
            description = "With --jdk: the modules to link (default java.base).")
    List<String> modules = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR",
            description = "A directory whose content goes to the image's / (the shared libraries the runtime loads, "
                    + "such as the C library and its loader); repeatable.")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--jar", paramLabel = "FILE", description = "A jar to put in /opt/app; repeatable.")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "An environment variable for the command; repeatable, kept in the order given.")
    List<String> environment = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "IMAGE.eif",
            description = "The image file to write (replaced if it exists).")
    Path output;

    @Option(names = "--pcrs-json", paramLabel = "FILE",
            description = "Where to write the PCRs as JSON (default: pcrs.json beside the image).")
    Path pcrsJson;

    @Option(names = "--image-name", paramLabel = "NAME", defaultValue = "enclave",
            description = "The name the image's metadata records (default ${DEFAULT-VALUE}); not measured.")
    String imageName;

    @Option(names = "--image-version", paramLabel = "VERSION", defaultValue = "latest",
            description = "The version the image's metadata records (default ${DEFAULT-VALUE}); not measured.")
    String imageVersion;

    @Option(names = "--json", description = "Print the PCRs as JSON shaped like nitro-cli build-enclave's.")
    boolean json;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "After '--': the program the enclave runs and its arguments, written to /cmd.")
    List<String> command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Where the Java runtime comes from: a directory jlink made, or a JDK to link one with. */
    static final class RuntimeSource {
        @Option(names = "--runtime", paramLabel = "DIR", required = true,
                description = "A Java runtime directory made with jlink (the one holding bin/java).")
        Path directory;

        @Option(names = "--jdk", paramLabel = "DIR", required = true,
                description = "A JDK whose jlink makes the runtime (--strip-debug --no-header-files "
                        + "--no-man-pages, no CDS archive).")
        Path jdk;
    }

    public BuildImageCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ExitStatus status = new ImageBuild(this, terminal).run();
        return status.code();
    }
}
