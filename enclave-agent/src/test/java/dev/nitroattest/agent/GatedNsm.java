package dev.nitroattest.agent;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.PcrValue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An NSM whose attestations wait at a gate until the test opens it, to hold a request inside the NSM. */
final class GatedNsm implements Nsm {
    private final Nsm nsm;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    GatedNsm(Nsm nsm) {
        this.nsm = nsm;
    }

    /** Waits until an attestation is at the gate. */
    boolean awaitAttestationInside() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public Bytes attestation(NsmRequest.Attestation request) throws NsmException {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return nsm.attestation(request);
    }

    @Override
    public NsmDescription describeNsm() throws NsmException {
        return nsm.describeNsm();
    }

    @Override
    public PcrValue describePcr(int index) throws NsmException {
        return nsm.describePcr(index);
    }

    @Override
    public Bytes extendPcr(int index, byte[] data) throws NsmException {
        return nsm.extendPcr(index, data);
    }

    @Override
    public void lockPcr(int index) throws NsmException {
        nsm.lockPcr(index);
    }

    @Override
    public void lockPcrs(int range) throws NsmException {
        nsm.lockPcrs(range);
    }

    @Override
    public Bytes getRandom() throws NsmException {
        return nsm.getRandom();
    }

    @Override
    public void close() {
        gate.countDown();
        nsm.close();
    }
}
