package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;


/**
 * Every operation of the Nitro Secure Module. Implementations are thread-safe. Each method throws
 * {@link NsmErrorException} when the NSM refuses (for example {@link NsmError#READ_ONLY_INDEX} for extending a locked
 * PCR), {@link NsmResponseException} when its answer is garbled, and {@link NsmDeviceException} when the device fails.
 */
public interface Nsm extends AutoCloseable {

    /** The module's version, id, PCR count, locked PCRs and digest. */
    NsmDescription describeNsm() throws NsmException;

    /** One PCR's value and lock state. */
    PcrValue describePcr(int index) throws NsmException;

    /** Extends a PCR with data (new value = SHA-384(old value || data)) and returns the new value. */
    Bytes extendPcr(int index, byte[] data) throws NsmException;

    /** Locks one PCR; it can no longer be extended. */
    void lockPcr(int index) throws NsmException;

    /** Locks PCRs 0 to range - 1. */
    void lockPcrs(int range) throws NsmException;

    /** A signed attestation document (COSE_Sign1) carrying the request's optional fields. */
    Bytes attestation(NsmRequest.Attestation request) throws NsmException;

    /** 256 random bytes from the NSM. */
    Bytes getRandom() throws NsmException;

    /** Releases the NSM; later calls fail. */
    @Override
    void close();
}
