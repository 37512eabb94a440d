package dev.nitroattest.nsm;

/**
 * Carries one encoded request to an NSM and brings back its encoded response. Implementations are thread-safe and
 * serialise requests, as the NSM driver does.
 */
public interface NsmTransport extends AutoCloseable {
    /** The largest request the NSM accepts, in bytes. */
    int MAX_REQUEST_SIZE = 0x1000;
    /** The response capacity always offered to the NSM, in bytes. */
    int RESPONSE_CAPACITY = 0x3000;

    /**
     * Sends the CBOR request and returns the CBOR response.
     *
     * @throws dev.nitroattest.nsm.NsmErrorException with {@link dev.nitroattest.nsm.NsmError#INPUT_TOO_LARGE} for a
     *     request over {@value dev.nitroattest.nsm.NsmTransport#MAX_REQUEST_SIZE} bytes, refused before it reaches the
     *     NSM (names written out in full: implementations in other packages inherit this comment)
     * @throws dev.nitroattest.nsm.NsmDeviceException if the device fails
     */
    byte[] exchange(byte[] request) throws NsmException;

    /** Releases the transport; later exchanges fail. */
    @Override
    void close();
}
