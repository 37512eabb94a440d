package dev.nitroattest.nsm.emulated;

/** The emulator cannot be set up as asked (a bad key or chain file, a bad PCR value, an unreadable image). */
public final class EmulatorSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * The emulator cannot be set up as asked.
     *
     * @param message one sentence saying what is wrong
     */
    public EmulatorSetupException(String message) {
        super(message);
    }
}
