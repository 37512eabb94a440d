package dev.nitroattest.nsm;

/**
 * An NSM operation failed. The three kinds: the NSM answered with an error ({@link NsmErrorException}), its answer
 * could not be understood ({@link NsmResponseException}), or the device itself failed ({@link NsmDeviceException}).
 */
public abstract sealed class NsmException extends Exception
        permits NsmErrorException, NsmResponseException, NsmDeviceException {
    private static final long serialVersionUID = 1L;

    NsmException(String message) {
        super(message);
    }
}
