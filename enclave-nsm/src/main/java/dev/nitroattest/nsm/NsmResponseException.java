package dev.nitroattest.nsm;

/** The NSM's answer is not a response this client understands (garbled, hostile, or of the wrong kind). */
public final class NsmResponseException extends NsmException {
    private static final long serialVersionUID = 1L;

    /**
     * The NSM's answer was not a well-formed response.
     *
     * @param message one sentence saying what was wrong with it
     */
    public NsmResponseException(String message) {
        super(message);
    }
}
