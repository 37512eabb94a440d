package dev.nitroattest.image;

import dev.nitroattest.image.ImageBuildException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a Java runtime with a JDK's jlink, with options that give the same bytes on every run of the same JDK build:
 * no generated CDS archive (its bytes differ between runs), no debug attributes, header files or man pages. jlink
 * itself runs with UTF-8 as its file and name encodings and in UTC: JDK 17's jlink started under a non-UTF-8 locale
 * ({@code LC_ALL=C}) writes a different {@code lib/modules} (docs/enclave-image.md, "Reproducible").
 */
public final class Jlink {
    /** The options, besides the modules and the output, that every runtime is linked with. */
    public static final List<String> OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages");
    private static final List<String> JVM_OPTIONS = List.of("-J-Dfile.encoding=UTF-8", "-J-Dsun.jnu.encoding=UTF-8",
            "-J-Duser.timezone=UTC", "-J-Duser.language=en");

    private Jlink() {
    }

    /**
     * Links the modules into a new runtime directory.
     *
     * @param jdk the JDK whose jlink and modules make the runtime (a directory holding {@code bin/jlink})
     * @param modules the modules to add, such as {@code java.base}
     * @param output the runtime's directory, which must not exist yet
     * @throws ImageBuildException if jlink is missing or fails
     */
    public static void link(Path jdk, List<String> modules, Path output) throws ImageBuildException {
        Objects.requireNonNull(output, "output");
        if (modules.isEmpty()) {
            throw new ImageBuildException(Reason.INVALID_INPUT, "no module to link was given; name at least "
                    + "java.base.");
        }
        Path jlink = jdk.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            throw new ImageBuildException(Reason.JLINK_FAILED, jdk + " has no bin/jlink; give the directory of a "
                    + "JDK (not a JRE).");
        }
        List<String> command = new ArrayList<>();
        command.add(jlink.toString());
        command.addAll(JVM_OPTIONS);
        command.add("--add-modules");
        command.add(String.join(",", modules));
        command.addAll(OPTIONS);
        command.add("--output");
        command.add(output.toString());
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = process.environment();
        environment.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        environment.put("LC_ALL", "C.UTF-8");
        environment.put("TZ", "UTC");
        try {
            Process jlinkProcess = process.start();
            jlinkProcess.getOutputStream().close();
            String said = new String(jlinkProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = jlinkProcess.waitFor();
            if (status != 0) {
                // Its first line is the reason; a stack trace may follow.
                String reason = said.isEmpty() ? "no message" : said.lines().findFirst().orElse(said).strip();
                throw new ImageBuildException(Reason.JLINK_FAILED, "jlink failed with status " + status + " ("
                        + reason + "); check the JDK and the module names.");
            }
        } catch (IOException e) {
            throw new ImageBuildException(Reason.JLINK_FAILED, "cannot run " + jlink + " (" + e.getMessage()
                    + "); check the JDK.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException(Reason.JLINK_FAILED, "the build was interrupted while jlink ran; run it "
                    + "again.", e);
        }
    }
}
