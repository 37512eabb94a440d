package dev.nitroattest.nsm.emulated;

import dev.nitroattest.eif.EifFormatException;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.nsm.NsmEmulation;
import dev.nitroattest.nsm.NsmEmulationException;
import java.io.IOException;
import java.util.Map;

/** The {@link NsmEmulation} that {@link java.util.ServiceLoader} finds when this module is on the class path. */
public final class EmulatedNsmProvider implements NsmEmulation {
    /** Called by {@link java.util.ServiceLoader}. */
    public EmulatedNsmProvider() {
    }

    @Override
    public EmulatedModule start(Options options) throws NsmEmulationException {
        try {
            EmulatedNsm.Builder builder = EmulatedNsm.builder();
            if (options.eif() != null) {
                builder.measurements(EnclaveImageFile.read(options.eif()).measurements());
            }
            for (Map.Entry<Integer, byte[]> pcr : options.pcrs().entrySet()) {
                builder.pcr(pcr.getKey(), pcr.getValue());
            }
            if (options.key() != null) {
                builder.authority(EmulatedAuthority.fromPemFiles(options.key(), options.chain()));
            }
            return builder.build();
        } catch (EifFormatException e) {
            throw new NsmEmulationException("The enclave image " + options.eif() + " is not usable: " + e.getMessage());
        } catch (IOException e) {
            throw new NsmEmulationException("Cannot read the enclave image " + options.eif() + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }
}
