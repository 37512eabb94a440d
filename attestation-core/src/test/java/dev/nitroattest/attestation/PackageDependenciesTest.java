package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the compiled library, as the JDK's jdeps reads it from the class files: the public packages
 * use the internal ones and never the other way round, so that there is no package cycle.
 */
class PackageDependenciesTest {
    private static final Pattern EDGE =
            Pattern.compile("^\\s+(dev\\.nitroattest\\.\\S+)\\s+->\\s+(dev\\.nitroattest\\.\\S+)\\s");
    private static final Set<String> API = Set.of("dev.nitroattest.attestation", "dev.nitroattest.eif");
    /** The foundation module's packages, below everything here. */
    private static final Set<String> FOUNDATION =
            Set.of("dev.nitroattest.bytes", "dev.nitroattest.cbor", "dev.nitroattest.der", "dev.nitroattest.text");

    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readTheCompiledClasses() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes), "run from attestation-core after compiling");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        // The module's requirements, from this test's class path, so that jdeps can resolve the module.
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("bcprov") || entry.contains("foundation"))
                .collect(Collectors.joining(File.pathSeparator));
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", "17",
                "--module-path", modulePath, "-verbose:package", classes.toString());
        assertEquals(0, status, out.toString());
        graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                graph.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
            }
        }
        assertTrue(graph.containsKey("dev.nitroattest.attestation"), out.toString());
    }

    @Test
    void noInternalPackageUsesAnApiPackage() {
        List<String> upward = new ArrayList<>();
        graph.forEach((from, targets) -> {
            if (from.contains(".internal")) {
                targets.stream().filter(PackageDependenciesTest::isApiAboveInternal)
                        .forEach(target -> upward.add(from + " -> " + target));
            }
        });
        assertEquals(List.of(), upward);
    }

    /** The API packages that sit above the internal ones; the foundation's packages sit below both. */
    private static boolean isApiAboveInternal(String target) {
        return !target.contains(".internal") && !FOUNDATION.contains(target);
    }

    @Test
    void thereIsNoPackageCycle() {
        for (String start : graph.keySet()) {
            assertFalse(reaches(start, start, new TreeSet<>()), start + " depends on itself through other packages");
        }
    }

    @Test
    void theModuleExportsExactlyTheApiPackages() {
        ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target", "classes")).findAll().iterator().next()
                .descriptor();
        assertEquals("dev.nitroattest.attestation", descriptor.name());
        assertEquals(API, descriptor.exports().stream().filter(exports -> !exports.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertEquals(Set.of(), descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(descriptor.requires().stream()
                .anyMatch(requires -> requires.name().equals("dev.nitroattest.foundation")
                        && requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                descriptor.requires().toString());
    }

    @Test
    void theApiPackagesAreTheOnlyPublicOnes() {
        graph.keySet().stream().filter(p -> !p.contains(".internal"))
                .forEach(p -> assertTrue(API.contains(p), p + " is neither API nor internal"));
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(next, target, seen))) {
                return true;
            }
        }
        return false;
    }
}
