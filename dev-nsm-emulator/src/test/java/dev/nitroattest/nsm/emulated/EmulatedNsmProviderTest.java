package dev.nitroattest.nsm.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmEmulation;
import dev.nitroattest.nsm.NsmEmulationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the agent finds the emulator: ServiceLoader, the options it passes, the sentences it gets back. */
class EmulatedNsmProviderTest {
    @TempDir
    Path directory;

    private static NsmEmulation found() {
        return ServiceLoader.load(NsmEmulation.class).findFirst().orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheEmulatorWhichReportsTheGivenPcrs() throws Exception {
        assertInstanceOf(EmulatedNsmProvider.class, found());
        byte[] pcr3 = new byte[48];
        Arrays.fill(pcr3, (byte) 0x33);
        try (NsmEmulation.EmulatedModule module = found().start(new NsmEmulation.Options(Map.of(3, pcr3), null,
                null, null))) {
            assertTrue(module.moduleId().startsWith("i-emulated"), module.moduleId());
            assertTrue(module.rootCertificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
            assertEquals(Bytes.of(pcr3), new NsmClient(module).describePcr(3).data());
        }
    }

    @Test
    void anImageThatCannotBeReadIsOneSentence() throws Exception {
        Path notAnImage = Files.writeString(directory.resolve("app.eif"), "not an enclave image");
        NsmEmulationException e = assertThrows(NsmEmulationException.class,
                () -> found().start(new NsmEmulation.Options(Map.of(), notAnImage, null, null)));
        assertTrue(e.getMessage().startsWith("The enclave image " + notAnImage + " is not usable: "), e.getMessage());
        Path missing = directory.resolve("missing.eif");
        e = assertThrows(NsmEmulationException.class,
                () -> found().start(new NsmEmulation.Options(Map.of(), missing, null, null)));
        assertEquals("Cannot read the enclave image " + missing + " (NoSuchFileException).", e.getMessage());
    }

    @Test
    void aKeyWithoutItsChainIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> new NsmEmulation.Options(Map.of(), null, directory.resolve("key.pem"), null));
    }
}
