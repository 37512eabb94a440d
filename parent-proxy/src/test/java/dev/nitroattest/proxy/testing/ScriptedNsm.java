package dev.nitroattest.proxy.testing;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.PcrValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An NSM in front of the emulator whose attestations a test can make misbehave: refuse, sign another nonce than
 * the one asked for, or hang until released. Everything else passes through.
 */
public final class ScriptedNsm implements Nsm {
    /** The nonce signed instead of the client's in {@link Mode#WRONG_NONCE}. */
    public static final byte[] OTHER_NONCE = "not the nonce you sent".getBytes(StandardCharsets.US_ASCII);
    private static final long HANG_LIMIT_SECONDS = 60;

    /** What the next attestations do. */
    public enum Mode { NORMAL, REFUSE, WRONG_NONCE, HANG }

    private final Nsm emulated;
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch release = new CountDownLatch(1);
    private volatile CountDownLatch hanging = new CountDownLatch(1);
    private final AtomicInteger attestations = new AtomicInteger();

    public ScriptedNsm(Nsm emulated) {
        this.emulated = emulated;
    }

    public void mode(Mode mode) {
        if (mode == Mode.HANG) {
            release = new CountDownLatch(1);
            hanging = new CountDownLatch(1);
        }
        this.mode = mode;
    }

    /** Waits until an attestation is hanging (at most 30 s); true if one is. */
    public boolean awaitHanging() throws InterruptedException {
        return hanging.await(30, TimeUnit.SECONDS);
    }

    /** How many attestations the agent has asked for: the requests that reached the enclave. */
    public int attestations() {
        return attestations.get();
    }

    /** Lets hanging attestations go on. */
    public void release() {
        release.countDown();
    }

    @Override
    public Bytes attestation(NsmRequest.Attestation request) throws NsmException {
        attestations.incrementAndGet();
        switch (mode) {
            case REFUSE:
                throw new NsmErrorException(NsmError.INTERNAL_ERROR, "The scripted NSM refuses.");
            case WRONG_NONCE:
                return emulated.attestation(new NsmRequest.Attestation(request.userData(),
                        Optional.of(Bytes.of(OTHER_NONCE)), request.publicKey()));
            case HANG:
                CountDownLatch waiting = release;
                hanging.countDown();
                try {
                    // Bounded, so that a failed test cannot leave an agent thread behind for ever.
                    waiting.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return emulated.attestation(request);
            default:
                return emulated.attestation(request);
        }
    }

    @Override
    public NsmDescription describeNsm() throws NsmException {
        return emulated.describeNsm();
    }

    @Override
    public PcrValue describePcr(int index) throws NsmException {
        return emulated.describePcr(index);
    }

    @Override
    public Bytes extendPcr(int index, byte[] data) throws NsmException {
        return emulated.extendPcr(index, data);
    }

    @Override
    public void lockPcr(int index) throws NsmException {
        emulated.lockPcr(index);
    }

    @Override
    public void lockPcrs(int range) throws NsmException {
        emulated.lockPcrs(range);
    }

    @Override
    public Bytes getRandom() throws NsmException {
        return emulated.getRandom();
    }

    /** The emulator outlives agent restarts; {@link TestAgent} closes it. */
    @Override
    public void close() {
        release();
    }
}
