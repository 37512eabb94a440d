package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./demo stops everything it started, whatever stops it. The script runs in a copy of the repository's layout whose
 * java and mvnw are stand-ins: each records its process id and waits, as a real agent, proxy, client or build would
 * while the signal arrives.
 */
@Timeout(90)
class DemoScriptTest {
    /**
     * The stand-in for java: announces itself as the real process would, then waits (ignoring SIGTERM if told), or
     * fails at once if its role is in FAKE_FAILING.
     */
    private static final String FAKE_JAVA = """
            #!/bin/sh
            case "$*" in
                *enclave-agent-emulated.jar*) role=agent ;;
                *DemoClient*) role=client ;;
                *SecretsDemo*) role=secrets ;;
                *TlsDemo*) role=tls ;;
                *parent-proxy.jar*) role=proxy ;;
                *) role=other ;;
            esac
            case " $FAKE_STUBBORN " in *" $role "*) trap '' TERM ;; esac
            case $role in
                agent) echo "enclave-agent: listening on tcp:127.0.0.1:9 (a stand-in)" >&2 ;;
                proxy) echo "parent-proxy: listening on http://127.0.0.1:9/ (a stand-in)" >&2 ;;
            esac
            echo "$role $$" >>"$FAKE_PIDS"
            case " $FAKE_FAILING " in *" $role "*) exit 1 ;; esac
            exec sleep 600
            """;
    private static final String FAKE_MVNW = """
            #!/bin/sh
            echo "build $$" >>"$FAKE_PIDS"
            exec sleep 600
            """;

    @TempDir
    Path repository;

    private Process demo;
    /** The roles whose stand-in fails at once. */
    private String failing = "";

    @AfterEach
    void killWhatIsLeft() throws IOException {
        if (demo != null) {
            demo.destroyForcibly();
        }
        for (long pid : pids().values()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void sigtermWhileTheClientRunsStopsTheClientTheProxyAndTheAgent() throws Exception {
        start(true, "");
        awaitRole("client");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertAllStopped(List.of("agent", "proxy", "client"));
    }

    @Test
    void sighupDuringTheBuildStopsTheBuild() throws Exception {
        start(false, "");
        awaitRole("build");
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(demo.pid())).start().waitFor());

        assertEquals(129, exitStatus());
        assertAllStopped(List.of("build"));
    }

    @Test
    void aProcessThatIgnoresSigtermGetsSigkillAfterTheGracePeriod() throws Exception {
        start(true, "proxy");
        awaitRole("client");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertAllStopped(List.of("agent", "proxy", "client"));
        String err = Files.readString(repository.resolve("demo.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("did not stop on SIGTERM; sending SIGKILL"), err);
    }

    @Test
    void aFailedSecretsDemoIsOneSentenceNamingWhatItChecksAndStatus1() throws Exception {
        failing = "secrets";
        start(true, "", "secrets");

        assertEquals(1, exitStatus());
        String err = Files.readString(repository.resolve("demo.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("demo: FAILED: the secret was not released to the enclave, not refused to the other "
                + "image, or the parent's attack was not refused."), err);
    }

    @Test
    void sigtermWhileTheSecretsDemoRunsStopsIt() throws Exception {
        start(true, "", "secrets");
        awaitRole("secrets");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertAllStopped(List.of("secrets"));
        assertTrue(!pids().containsKey("agent") && !pids().containsKey("proxy"), "the secrets demo runs alone");
    }

    @Test
    void aFailedTlsDemoIsOneSentenceNamingWhatItChecksAndStatus1() throws Exception {
        failing = "tls";
        start(true, "", "tls");

        assertEquals(1, exitStatus());
        String err = Files.readString(repository.resolve("demo.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("demo: FAILED: the relying service did not get the enclave's answer over attested "
                + "TLS, or a man in the middle on the parent was not refused."), err);
    }

    @Test
    void sigtermWhileTheTlsDemoRunsStopsIt() throws Exception {
        start(true, "", "tls");
        awaitRole("tls");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertAllStopped(List.of("tls"));
        assertTrue(!pids().containsKey("agent") && !pids().containsKey("proxy"), "the TLS demo runs alone");
    }

    @Test
    void anUnknownDemoIsOneSentenceAndStatus2() throws Exception {
        start(true, "", "secret");

        assertEquals(2, exitStatus());
        assertEquals("demo: \"secret\" is not a demo; run ./demo for attestation, ./demo secrets for secrets or "
                + "./demo tls for attested TLS.",
                Files.readString(repository.resolve("demo.err"), StandardCharsets.UTF_8).strip());
        assertTrue(pids().isEmpty(), "nothing was started");
    }

    @Test
    void nothingChangedSinceTheBuildRunsNoMaven() throws Exception {
        start(true, "");
        awaitRole("client");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertTrue(!pids().containsKey("build"), "the demo built although nothing changed");
    }

    @Test
    void aMainSourceChangedAfterTheBuildBuildsAgain() throws Exception {
        layOut(true);
        Path source = repository.resolve("enclave-nsm/src/main/java/dev/nitroattest/nsm/Changed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Changed {}");
        FileTime built = Files.getLastModifiedTime(repository.resolve("dev-tools/target/demo/.built"));
        Files.setLastModifiedTime(source, FileTime.fromMillis(built.toMillis() + 2000));
        launch("");
        awaitRole("build");
        demo.destroy();

        assertEquals(143, exitStatus());
        assertTrue(!pids().containsKey("agent"), "the demo started the agent before building");
    }

    /**
     * The demo decides whether to build by the sources of the modules it builds, named in the script: they must be
     * dev-tools and every module it depends on, in any scope, as `./mvnw -pl dev-tools -am` builds them.
     */
    @Test
    void theDemoWatchesEveryModuleItsBuildBuilds() throws Exception {
        String script = Files.readString(Path.of("..", "demo"), StandardCharsets.UTF_8);
        Matcher listed = Pattern.compile("(?m)^built_modules='([^']*)'").matcher(script);
        assertTrue(listed.find(), "the demo names no built_modules");
        Set<String> watched = new TreeSet<>(Arrays.asList(listed.group(1).trim().split("\\s+")));

        Set<String> built = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of("dev-tools"));
        while (!pending.isEmpty()) {
            String module = pending.pop();
            if (built.add(module)) {
                pending.addAll(reactorDependencies(Path.of("..", module, "pom.xml")));
            }
        }
        assertEquals(built, watched);
    }

    /** The artifactIds (which are the modules' folders) of the project's own modules this POM depends on. */
    private static List<String> reactorDependencies(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        List<String> modules = new ArrayList<>();
        for (Element dependencies : children(project, "dependencies")) {
            for (Element dependency : children(dependencies, "dependency")) {
                if ("dev.nitroattest".equals(child(dependency, "groupId"))) {
                    modules.add(child(dependency, "artifactId"));
                }
            }
        }
        return modules;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String child(Element parent, String name) {
        return children(parent, name).stream().map(element -> element.getTextContent().trim()).findFirst()
                .orElse("");
    }

    /**
     * Lays out the repository and starts ./demo in it; built: whether the jars are there and up to date; arguments:
     * the demo's.
     */
    private void start(boolean built, String stubborn, String... arguments) throws IOException {
        layOut(built);
        launch(stubborn, arguments);
    }

    private void layOut(boolean built) throws IOException {
        Files.copy(Path.of("..", "demo"), repository.resolve("demo"));
        executable(repository.resolve("jdk/bin/java"), FAKE_JAVA);
        executable(repository.resolve("mvnw"), FAKE_MVNW);
        for (String jar : List.of("dev-tools/target/enclave-agent-emulated.jar",
                "parent-proxy/target/parent-proxy.jar", "dev-tools/target/dev-tools.jar")) {
            Files.createDirectories(repository.resolve(jar).getParent());
            Files.createFile(repository.resolve(jar));
        }
        if (built) {
            // No source in this layout is newer than the stamp, so the demo does not build.
            Files.createDirectories(repository.resolve("dev-tools/target/demo"));
            Files.createFile(repository.resolve("dev-tools/target/demo/.built"));
        }
    }

    /** Starts ./demo in the laid-out repository, with these processes ignoring SIGTERM and these arguments. */
    private void launch(String stubborn, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", repository.resolve("demo").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(repository.resolve("demo.out").toFile())
                .redirectError(repository.resolve("demo.err").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", repository.resolve("jdk").toString());
        environment.put("FAKE_PIDS", repository.resolve("pids").toString());
        environment.put("FAKE_STUBBORN", stubborn);
        environment.put("FAKE_FAILING", failing);
        demo = builder.start();
    }

    private int exitStatus() throws InterruptedException {
        // The grace period is 5 s; the rest is margin for a loaded machine.
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo did not end");
        return demo.exitValue();
    }

    private void awaitRole(String role) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (pids().containsKey(role)) {
                return;
            }
            assertTrue(demo.isAlive(), "the demo ended before the " + role + " started: " + output());
            Thread.sleep(100);
        }
        throw new AssertionError("no " + role + " within 30 s: " + output());
    }

    private void assertAllStopped(List<String> roles) throws IOException {
        Map<String, Long> pids = pids();
        for (String role : roles) {
            Optional<ProcessHandle> process = ProcessHandle.of(pids.get(role));
            assertTrue(process.isEmpty() || !process.get().isAlive(), "the " + role + " is still running");
        }
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        Path file = repository.resolve("pids");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length == 2) {
                    pids.put(fields[0], Long.parseLong(fields[1]));
                }
            }
        }
        return pids;
    }

    private String output() throws IOException {
        return Files.readString(repository.resolve("demo.out")) + Files.readString(repository.resolve("demo.err"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
