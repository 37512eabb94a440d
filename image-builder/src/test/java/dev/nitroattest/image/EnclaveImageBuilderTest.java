package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.eif.EifSection;
import dev.nitroattest.eif.EifSectionType;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.eif.EnclaveMeasurements;
import dev.nitroattest.image.ImageBuildException.Reason;
import dev.nitroattest.testkit.EifWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnclaveImageBuilderTest {
    /** An EIF section's header: u16 type, u16 flags, u64 size. */
    private static final int SECTION_HEADER_LENGTH = 12;

    @TempDir
    Path folder;

    private static byte[] section(byte[] image, EifSection section) {
        int start = (int) section.offset() + SECTION_HEADER_LENGTH;
        return Arrays.copyOfRange(image, start, start + (int) section.size());
    }

    @Test
    void printedPcrsEqualTheReadersOnTheSameFile() throws Exception {
        Path output = folder.resolve("app.eif");
        BuiltImage built = ImageInputs.write(folder.resolve("in")).builder().build(output);
        EnclaveImageFile read = EnclaveImageFile.read(output);
        assertEquals(read.measurements(), built.measurements());
        assertEquals(Files.size(output), built.size());
        assertFalse(read.isSigned());
        assertEquals(List.of(EifSectionType.KERNEL, EifSectionType.CMDLINE, EifSectionType.METADATA,
                EifSectionType.RAMDISK, EifSectionType.RAMDISK),
                read.sections().stream().map(EifSection::type).toList());
        assertEquals(1L << 30, read.defaultMemory());
        assertEquals(2, read.defaultCpus());
        assertFalse(read.isAarch64());
    }

    @Test
    void pcrsAreTheMeasurementsOfTheSectionsAsTheTestKitComputesThem() throws Exception {
        Path output = folder.resolve("app.eif");
        BuiltImage built = ImageInputs.write(folder.resolve("in")).builder().build(output);
        byte[] image = Files.readAllBytes(output);
        List<EifSection> sections = EnclaveImageFile.read(output).sections();
        byte[] kernel = section(image, sections.get(0));
        byte[] cmdline = section(image, sections.get(1));
        byte[] bootstrap = section(image, sections.get(3));
        byte[] customer = section(image, sections.get(4));
        assertArrayEquals(EifWriter.measure(List.of(kernel, cmdline, bootstrap, customer)),
                built.measurements().pcr0().toByteArray());
        assertArrayEquals(EifWriter.measure(List.of(kernel, cmdline, bootstrap)),
                built.measurements().pcr1().toByteArray());
        assertArrayEquals(EifWriter.measure(List.of(customer)), built.measurements().pcr2().toByteArray());
        assertArrayEquals(EifWriter.pattern("stand-in kernel", 70_001), kernel);
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverFolderOrderTimesPermissionsTimeZoneAndLocale() throws Exception {
        Path first = folder.resolve("a/first.eif");
        Files.createDirectories(first.getParent());
        BuiltImage one = ImageInputs.write(folder.resolve("one")).builder().build(first);

        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        Path second = folder.resolve("elsewhere/deeper/second.eif");
        Files.createDirectories(second.getParent());
        BuiltImage two;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            two = ImageInputs.scrambled(folder.resolve("other folder/two")).builder().build(second);
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(one.measurements(), two.measurements());
    }

    @Test
    void bootstrapRamdiskHasDevInitAndNsmWithLinuxkitsEntryRules() throws Exception {
        Path output = folder.resolve("app.eif");
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        inputs.builder().build(output);
        byte[] image = Files.readAllBytes(output);
        List<NewcEntries.Entry> entries = NewcEntries.read(section(image, EnclaveImageFile.read(output).sections()
                .get(3)));
        assertEquals(List.of("dev", "init", "nsm.ko", "TRAILER!!!"),
                entries.stream().map(NewcEntries.Entry::name).toList());
        assertEquals(List.of(040755L, 0100755L, 0100755L, 0L), entries.stream().map(NewcEntries.Entry::mode).toList());
        assertEquals(List.of(2L, 1L, 1L, 1L), entries.stream().map(NewcEntries.Entry::links).toList());
        for (int i = 0; i < entries.size(); i++) {
            NewcEntries.Entry entry = entries.get(i);
            assertEquals(721 + i, entry.inode(), entry.name() + "'s inode");
            assertEquals(0, entry.uid() + entry.gid(), entry.name() + "'s owner");
            assertEquals(1492533000L, entry.mtime(), entry.name() + "'s time");
            assertEquals(List.of(3L, 1L, 0L, 0L, 0L), List.of(entry.devMajor(), entry.devMinor(), entry.rdevMajor(),
                    entry.rdevMinor(), entry.check()), entry.name() + "'s devices and check");
        }
        assertArrayEquals(Files.readAllBytes(inputs.blobs().resolve("init")), entries.get(1).content());
        assertArrayEquals(Files.readAllBytes(inputs.blobs().resolve("nsm.ko")), entries.get(2).content());
    }

    @Test
    void customerRamdiskHoldsRuntimeAndJarsUnderRootfsThenLinuxkitsDirectoriesThenCmdAndEnv() throws Exception {
        Path output = folder.resolve("app.eif");
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        inputs.builder().build(output);
        byte[] image = Files.readAllBytes(output);
        List<NewcEntries.Entry> entries = NewcEntries.read(section(image, EnclaveImageFile.read(output).sections()
                .get(4)));
        assertEquals(List.of("rootfs", "rootfs/opt", "rootfs/opt/app", "rootfs/opt/app/app.jar",
                "rootfs/opt/app/lib.jar", "rootfs/opt/java", "rootfs/opt/java/bin", "rootfs/opt/java/bin/java",
                "rootfs/opt/java/legal", "rootfs/opt/java/legal/java.base", "rootfs/opt/java/legal/java.base/LICENSE",
                "rootfs/opt/java/legal/java.logging", "rootfs/opt/java/legal/java.logging/LICENSE",
                "rootfs/opt/java/lib", "rootfs/opt/java/lib/modules", "rootfs/opt/java/lib/server",
                "rootfs/opt/java/lib/server/libjvm.so", "rootfs/opt/java/release", "rootfs/dev", "rootfs/run",
                "rootfs/sys", "rootfs/var", "rootfs/proc", "rootfs/tmp", "cmd", "env", "TRAILER!!!"),
                entries.stream().map(NewcEntries.Entry::name).toList());
        NewcEntries.Entry java = byName(entries, "rootfs/opt/java/bin/java");
        assertEquals(0100755, java.mode());
        assertEquals(0100644, byName(entries, "rootfs/opt/app/app.jar").mode());
        NewcEntries.Entry link = byName(entries, "rootfs/opt/java/legal/java.logging/LICENSE");
        assertEquals(0120777, link.mode());
        assertEquals("../java.base/LICENSE", link.text());
        assertArrayEquals(Files.readAllBytes(inputs.appJar()), byName(entries, "rootfs/opt/app/app.jar").content());
        assertEquals("/opt/java/bin/java\n-jar\n/opt/app/app.jar\n--listen\nvsock:5000\n",
                byName(entries, "cmd").text());
        assertEquals(0100644, byName(entries, "cmd").mode());
        assertEquals("JAVA_TOOL_OPTIONS=-Xmx256m\nAPP_MODE=enclave\n", byName(entries, "env").text());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(721 + i, entries.get(i).inode());
            assertEquals(1492533000L, entries.get(i).mtime());
        }
    }

    @Test
    void rootFilesGoToTheRootBesideTheRuntimeAndMayNotCollideWithIt() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        Path libraries = folder.resolve("libraries");
        Files.createDirectories(libraries.resolve("lib64"));
        Files.createDirectories(libraries.resolve("opt"));
        Files.write(libraries.resolve("lib64/ld-linux-x86-64.so.2"), EifWriter.pattern("loader", 300));
        Path output = folder.resolve("app.eif");
        inputs.builder().rootFiles(libraries).build(output);
        byte[] image = Files.readAllBytes(output);
        List<String> names = NewcEntries.read(section(image, EnclaveImageFile.read(output).sections().get(4)))
                .stream().map(NewcEntries.Entry::name).toList();
        assertEquals(List.of("rootfs", "rootfs/lib64", "rootfs/lib64/ld-linux-x86-64.so.2", "rootfs/opt",
                "rootfs/opt/app"), names.subList(0, 5));
        assertEquals(1, names.stream().filter("rootfs/opt"::equals).count(), "a directory both trees hold, once");

        Files.createDirectories(libraries.resolve("opt/java/bin"));
        Files.writeString(libraries.resolve("opt/java/bin/java"), "another java");
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> inputs.builder().rootFiles(libraries).build(output));
        assertEquals(Reason.INVALID_INPUT, e.reason());
        assertTrue(e.getMessage().contains("/opt/java/bin/java"), e.getMessage());
    }

    @Test
    void aFilesModeFollowsItsOwnersExecuteBitOnlyWhoeverBuilds() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        Files.writeString(inputs.runtime().resolve("others-execute"), "x");
        Files.setPosixFilePermissions(inputs.runtime().resolve("others-execute"),
                PosixFilePermissions.fromString("rw-r-xr-x"));
        Files.setPosixFilePermissions(inputs.runtime().resolve("bin/java"),
                PosixFilePermissions.fromString("rwx------"));
        Path output = folder.resolve("app.eif");
        inputs.builder().build(output);
        byte[] image = Files.readAllBytes(output);
        List<NewcEntries.Entry> entries = NewcEntries.read(section(image, EnclaveImageFile.read(output).sections()
                .get(4)));
        assertEquals(0100644, byName(entries, "rootfs/opt/java/others-execute").mode());
        assertEquals(0100755, byName(entries, "rootfs/opt/java/bin/java").mode());
    }

    @Test
    void metadataIsNitroClisJsonWithAFixedBuildTimeAndTheKernelVersionOfTheConfig() throws Exception {
        Path output = folder.resolve("app.eif");
        ImageInputs.write(folder.resolve("in")).builder().build(output);
        byte[] image = Files.readAllBytes(output);
        List<EifSection> sections = EnclaveImageFile.read(output).sections();
        assertEquals("{\"ImageName\":\"test-app\",\"ImageVersion\":\"1.0\",\"BuildMetadata\":{\"BuildTime\":"
                + "\"1970-01-01T00:00:00+00:00\",\"BuildTool\":\"nitro-attest\",\"BuildToolVersion\":\"1\","
                + "\"OperatingSystem\":\"Linux\",\"KernelVersion\":\"4.14.256\"},\"DockerInfo\":null,"
                + "\"CustomMetadata\":null}", new String(section(image, sections.get(2)), StandardCharsets.UTF_8));
        assertEquals(ImageInputs.CMDLINE.strip(), new String(section(image, sections.get(1)), StandardCharsets.UTF_8),
                "the command line without its line break");
    }

    @Test
    void pcrsJsonHasNitroClisShapeAndSaysWhenTheBlobsAreStandIns() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        BuiltImage real = inputs.builder().build(folder.resolve("real.eif"));
        assertFalse(real.standInBlobs());
        Files.writeString(inputs.blobs().resolve(BootstrapBlobs.STAND_IN_MARKER), "test blobs\n");
        BuiltImage standIn = inputs.builder().build(folder.resolve("stand-in.eif"));
        assertTrue(standIn.standInBlobs());
        assertEquals(real.measurements(), standIn.measurements(), "the marker is not part of the image");
        EnclaveMeasurements pcrs = standIn.measurements();
        assertEquals("{\n  \"Measurements\": {\n    \"HashAlgorithm\": \"Sha384 { ... }\",\n    \"PCR0\": \""
                + pcrs.pcr0().toHex() + "\",\n    \"PCR1\": \"" + pcrs.pcr1().toHex() + "\",\n    \"PCR2\": \""
                + pcrs.pcr2().toHex() + "\"\n  },\n  \"StandInBlobs\": true\n}\n", standIn.pcrsJson());
    }

    @Test
    void aBuildOverAnExistingImageReplacesItAndLeavesNoTemporaryFile() throws Exception {
        Path output = folder.resolve("app.eif");
        Files.writeString(output, "old");
        ImageInputs.write(folder.resolve("in")).builder().build(output);
        EnclaveImageFile.read(output);
        assertEquals(List.of(output), Files.list(folder).filter(Files::isRegularFile).toList());
    }

    @Test
    void aMissingBlobIsAMissingInputNamingTheFile() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        Files.delete(inputs.blobs().resolve("nsm.ko"));
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> inputs.builder().build(folder.resolve("app.eif")));
        assertEquals(Reason.MISSING_INPUT, e.reason());
        assertTrue(e.getMessage().contains("nsm.ko does not exist"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("app.eif")));
    }

    @Test
    void aKernelConfigWithoutItsVersionLineIsInvalid() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        Files.writeString(inputs.blobs().resolve("bzImage.config"), "CONFIG_64BIT=y\n");
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> inputs.builder().build(folder.resolve("app.eif"))).reason());
    }

    @Test
    void commandsAndEnvironmentsThatAwsInitCannotReadLineByLineAreRefused() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        BootstrapBlobs blobs = BootstrapBlobs.inDirectory(inputs.blobs());
        Path output = folder.resolve("app.eif");
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> EnclaveImageBuilder.of(blobs, List.of("/bin/sh", "-c", "a\nb")).build(output)).reason());
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> EnclaveImageBuilder.of(blobs, List.of()).build(output)).reason());
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> EnclaveImageBuilder.of(blobs, List.of("/a")).environment("A=B", "c").build(output)).reason());
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> EnclaveImageBuilder.of(blobs, List.of("/a")).environment("A", "1\n2").build(output)).reason());
    }

    @Test
    void twoJarsOfTheSameNameAndFileNamesBeyondAsciiAreRefused() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        Path output = folder.resolve("app.eif");
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> inputs.builder().jar(inputs.appJar()).build(output)).reason());
        Files.writeString(inputs.runtime().resolve("caf\u00e9"), "x");
        assertEquals(Reason.INVALID_INPUT, assertThrows(ImageBuildException.class,
                () -> inputs.builder().build(output)).reason());
    }

    @Test
    void anOutputWhoseFolderIsMissingFailsWithOneSentence() throws IOException {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> inputs.builder().build(folder.resolve("no/such/app.eif")));
        assertEquals(Reason.OUTPUT_FAILED, e.reason());
        assertTrue(e.getMessage().endsWith("create it first."), e.getMessage());
    }

    private static NewcEntries.Entry byName(List<NewcEntries.Entry> entries, String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst().orElseThrow();
    }
}
