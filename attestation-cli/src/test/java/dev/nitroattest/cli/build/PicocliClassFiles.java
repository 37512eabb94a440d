package dev.nitroattest.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

/**
 * A step of the CLI's build, not of the tool: picocli compiles its classes for Java 5 (class-file version 49), which
 * a class-data archive cannot hold and which the JVM verifies with its old verifier on every run, about a fifth of
 * the tool's start-up. This rewrites each of picocli's class files, unchanged in content, with version 52 and the
 * stack-map frames that version requires (computed by ASM), into the CLI's classes folder; the jar then carries these
 * instead of picocli's own (the shade plugin keeps the module's classes first) and the launcher's archive holds them.
 * picocli is Apache-2.0, which allows this; NOTICE says so.
 */
public final class PicocliClassFiles {
    private PicocliClassFiles() {
    }

    /** Writes the rewritten class files under the folder named by the first argument. */
    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: PicocliClassFiles CLASSES_FOLDER");
        }
        Path classes = Path.of(args[0]);
        Path jar = picocliJar();
        URL location = jar.toUri().toURL();
        int rewritten = 0;
        try (JarFile file = new JarFile(jar.toFile());
                URLClassLoader picocli = new URLClassLoader(new URL[] {location}, null)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("picocli/") || !entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] original;
                try (InputStream in = file.getInputStream(entry)) {
                    original = in.readAllBytes();
                }
                Path target = classes.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, rewrite(original, picocli));
                rewritten++;
            }
        }
        if (rewritten == 0) {
            throw new IllegalStateException("no picocli class found in " + jar);
        }
    }

    /**
     * picocli's own jar: the class path also holds the module's classes folder, where an earlier build wrote the
     * rewritten classes, so the jar is looked for among every place that has picocli's main class.
     */
    private static Path picocliJar() throws IOException, URISyntaxException {
        String name = CommandLine.class.getName().replace('.', '/') + ".class";
        for (Enumeration<URL> found = PicocliClassFiles.class.getClassLoader().getResources(name);
                found.hasMoreElements(); ) {
            URL url = found.nextElement();
            if (url.getProtocol().equals("jar")) {
                String path = url.getPath();
                return Path.of(new URI(path.substring(0, path.indexOf("!/"))));
            }
        }
        throw new IllegalStateException("picocli's jar is not on the class path");
    }

    /** The class with version 52 and computed frames; {@code loader} resolves the common superclasses frames need. */
    static byte[] rewrite(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Math.max(version, Opcodes.V1_8), access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
