package dev.nitroattest.agent;

import dev.nitroattest.linux.Errno;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmEmulation;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.device.NsmDevice;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.text.LineLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ServiceLoader;

/** Opens the NSM the command line chose: the device, with no fallback, or the loudly announced emulation. */
final class NsmSetup {
    /** The development build of the agent, with the emulated NSM (the dev-tools module makes it). */
    private static final String EMULATED_AGENT_JAR = "dev-tools/target/enclave-agent-emulated.jar";

    private NsmSetup() {}

    /** The NSM and how to name it in the log. */
    record OpenedNsm(Nsm nsm, String description) {}

    static OpenedNsm open(AgentCommand.NsmChoice choice, LineLog log) throws StartupFailure {
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
                        + "Nitro enclave (to develop outside one, run " + EMULATED_AGENT_JAR + " with --nsm emulated).";
                case Errno.EACCES, Errno.EPERM -> "The NSM device " + device.path() + " cannot be opened: permission "
                        + "denied (run the agent as root, as the enclave's init does).";
                default -> e.getMessage();
            });
        }
    }

    private static OpenedNsm openEmulated(AgentCommand.NsmChoice.Emulated options, LineLog log)
            throws StartupFailure {
        NsmEmulation emulation = ServiceLoader.load(NsmEmulation.class).findFirst()
                .orElseThrow(() -> StartupFailure.usage("This agent has no emulated NSM (the enclave image's jar never "
                        + "has one): on a developer machine, run " + EMULATED_AGENT_JAR + " instead."));
        NsmEmulation.EmulatedModule emulator;
        try {
            emulator = emulation.start(new NsmEmulation.Options(options.pcrs(), options.eif(), options.key(),
                    options.chain()));
        } catch (NsmEmulationException e) {
            throw StartupFailure.usage(e.getMessage());
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
