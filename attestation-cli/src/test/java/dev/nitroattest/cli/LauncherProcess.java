package dev.nitroattest.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code nitro-attest} launcher as a separate process, as users and scripts do, from the directory it lives in,
 * with standard input, output and error in files of a scratch folder.
 */
final class LauncherProcess {
    /** The project root, where the real launcher is. */
    static final Path PROJECT = Path.of(System.getProperty("nitro.project.dir", "..")).toAbsolutePath().normalize();

    private LauncherProcess() {
    }

    /**
     * @param launcher the launcher script; the process runs in its folder
     * @param environment variables to set, or to remove when mapped to null
     */
    static Cli.Result run(Path scratch, Path launcher, Map<String, String> environment, byte[] input,
            List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        Path in = Files.write(Files.createTempFile(scratch, "stdin", ""), input);
        Path out = Files.createTempFile(scratch, "stdout", "");
        Path err = Files.createTempFile(scratch, "stderr", "");
        ProcessBuilder builder = new ProcessBuilder(command).directory(launcher.getParent().toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        // A safety net against a hung process, not a measure of speed: the first run may build a class archive.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(launcher + " " + String.join(" ", args) + " did not finish");
        }
        return new Cli.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs the project's own launcher from the project root, with this process's environment. */
    static Cli.Result run(Path scratch, byte[] input, List<String> args) throws IOException, InterruptedException {
        return run(scratch, PROJECT.resolve("nitro-attest"), Map.of(), input, args);
    }
}
