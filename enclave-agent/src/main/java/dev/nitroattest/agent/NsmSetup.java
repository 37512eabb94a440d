package dev.nitroattest.agent;

import dev.nitroattest.eif.EifFormatException;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.device.NsmDevice;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.nsm.emulated.EmulatorSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/** Opens the NSM the command line chose: the device, with no fallback, or the loudly announced emulation. */
final class NsmSetup {
    private NsmSetup() {}

    /** The NSM and how to name it in the log. */
    record OpenedNsm(Nsm nsm, String description) {}

    static OpenedNsm open(AgentCommand.NsmChoice choice, AgentLog log) throws StartupFailure {
        if (choice instanceof AgentCommand.NsmChoice.Device device) {
            return openDevice(device);
        }
        return openEmulated((AgentCommand.NsmChoice.Emulated) choice, log);
    }

    private static OpenedNsm openDevice(AgentCommand.NsmChoice.Device device) throws StartupFailure {
        try {
            return new OpenedNsm(new NsmClient(NsmDevice.open(device.path())), "the NSM device " + device.path());
        } catch (NsmDeviceException e) {
            throw StartupFailure.environment(switch (e.errno().number()) {
                case Errno.ENOENT -> "There is no NSM device at " + device.path() + ": the agent is not running in a "
                        + "Nitro enclave (use --nsm emulated to develop outside one).";
                case Errno.EACCES, Errno.EPERM -> "The NSM device " + device.path() + " cannot be opened: permission "
                        + "denied (run the agent as root, as the enclave's init does).";
                default -> e.getMessage();
            });
        }
    }

    private static OpenedNsm openEmulated(AgentCommand.NsmChoice.Emulated options, AgentLog log)
            throws StartupFailure {
        EmulatedNsm emulator;
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
            emulator = builder.build();
        } catch (EmulatorSetupException e) {
            throw StartupFailure.usage(e.getMessage());
        } catch (EifFormatException e) {
            throw StartupFailure.usage("The enclave image " + options.eif() + " is not usable: " + e.getMessage());
        } catch (IOException e) {
            throw StartupFailure.usage("Cannot read the enclave image " + options.eif() + " ("
                    + e.getClass().getSimpleName() + ").");
        }
        if (options.rootOut() != null) {
            try {
                Files.writeString(options.rootOut(), emulator.rootCertificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                emulator.close();
                throw StartupFailure.usage("Cannot write the emulator's root certificate to " + options.rootOut()
                        + " (" + e.getClass().getSimpleName() + ").");
            }
        }
        log.line("WARNING: the NSM is EMULATED. Its documents are signed by a test key, not by AWS, and prove "
                + "nothing about this code; never use --nsm emulated in production.");
        return new OpenedNsm(new NsmClient(emulator), "an EMULATED NSM (module " + emulator.moduleId() + ")");
    }
}
