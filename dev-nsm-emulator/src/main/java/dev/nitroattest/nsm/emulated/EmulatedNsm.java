package dev.nitroattest.nsm.emulated;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.eif.EnclaveMeasurements;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.nsm.NsmCodec;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmEmulation;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.NsmResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulation of the Nitro Secure Module, for development and tests only: its documents are signed by a test PKI
 * or a key of your own, never by AWS, and prove nothing about what runs. It answers request bytes with the response
 * bytes the real NSM gives (through the same {@link NsmCodec}), so an {@link dev.nitroattest.nsm.NsmClient} works
 * the same over it as over the device.
 *
 * <p>It has 32 SHA-384 PCRs; 0 to 15 are locked from the start and hold the given values (or those measured from an
 * enclave image), the others start at zero. Extension, locking and their errors follow the real module. Documents
 * carry PCRs 0 to 15 and every higher PCR that was extended, are timestamped by the clock, and verify with a
 * verifier that trusts {@link #rootCertificatePem()} for as long as the emulator runs. Thread-safe: like the device,
 * it answers one request at a time, in the order they came (a fair lock). After {@link #close()} every exchange fails
 * with {@link NsmDeviceException} (EBADF), as the device's would.
 */
public final class EmulatedNsm implements NsmEmulation.EmulatedModule {
    private static final int RANDOM_BYTES = 256;
    private static final int VERSION_MAJOR = 1;
    private static final int VERSION_MINOR = 0;
    private static final int VERSION_PATCH = 0;

    private final PcrBank pcrs;
    private final EmulatedAuthority authority;
    private final Clock clock;
    private final Random random;
    private final String moduleId;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean closed;

    private EmulatedNsm(Builder builder) {
        this.pcrs = new PcrBank(builder.initialPcrs);
        this.authority = builder.authority != null ? builder.authority : EmulatedAuthority.freshTestPki();
        this.clock = builder.clock;
        this.random = builder.random;
        byte[] id = new byte[8];
        random.nextBytes(id);
        // A module id that says what it is wherever it shows up (DescribeNSM, documents, logs).
        this.moduleId = "i-emulated0000000-enc" + HexFormat.of().formatHex(id);
    }

    /** Starts an emulator description: all PCRs zero, a fresh random test PKI, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** The root certificate (PEM) that every document of this emulator chains to; trust it in tests only. */
    public String rootCertificatePem() {
        return authority.rootCertificatePem();
    }

    /** The root certificate (DER). */
    public byte[] rootCertificateDer() {
        return authority.rootCertificateDer();
    }

    /** The module id that DescribeNSM and documents report. */
    public String moduleId() {
        return moduleId;
    }

    /**
     * Answers a request as the NSM would, error answers included.
     *
     * @throws NsmErrorException INPUT_TOO_LARGE for a request over 4 KiB, as the device refuses it
     * @throws NsmDeviceException EBADF once the emulator is closed
     */
    @Override
    public byte[] exchange(byte[] request) throws NsmException {
        lock.lock();
        try {
            if (closed) {
                throw new NsmDeviceException(Errno.of(Errno.EBADF), "The emulated NSM is closed.");
            }
            if (request.length > MAX_REQUEST_SIZE) {
                throw new NsmErrorException(NsmError.INPUT_TOO_LARGE, "The request is " + request.length
                        + " bytes; the NSM accepts at most " + MAX_REQUEST_SIZE + ".");
            }
            NsmResponse response;
            try {
                response = answer(NsmCodec.decodeRequest(request));
            } catch (NsmErrorException e) {
                response = new NsmResponse.Failed(e.error());
            }
            return NsmCodec.encodeResponse(response);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private NsmResponse answer(NsmRequest request) {
        if (request instanceof NsmRequest.DescribePcr r) {
            return pcrs.describe(r.index());
        } else if (request instanceof NsmRequest.ExtendPcr r) {
            return pcrs.extend(r.index(), r.data().toByteArray());
        } else if (request instanceof NsmRequest.LockPcr r) {
            return pcrs.lock(r.index());
        } else if (request instanceof NsmRequest.LockPcrs r) {
            return pcrs.lockRange(r.range());
        } else if (request instanceof NsmRequest.Attestation r) {
            return new NsmResponse.Attestation(Bytes.of(DocumentSigner.sign(authority.credentialsAt(clock.instant()),
                    moduleId, clock.instant(), pcrs.forDocument(), array(r.userData()), array(r.nonce()),
                    array(r.publicKey()))));
        } else if (request instanceof NsmRequest.GetRandom) {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            return new NsmResponse.GetRandom(Bytes.of(bytes));
        } else if (request instanceof NsmRequest.DescribeNsm) {
            return new NsmResponse.DescribeNsm(new NsmDescription(VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH,
                    moduleId, PcrBank.COUNT, pcrs.lockedIndexes(), "SHA384"));
        }
        throw new IllegalArgumentException("Not an NSM request: " + request);
    }

    private static byte[] array(Optional<Bytes> value) {
        return value.map(Bytes::toByteArray).orElse(null);
    }

    /** Describes an emulator: PCR values, signer, clock and randomness. */
    public static final class Builder {
        private final Map<Integer, byte[]> initialPcrs = new TreeMap<>();
        private final Map<Integer, String> pcrSources = new TreeMap<>();
        private EmulatedAuthority authority;
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();

        private Builder() {}

        /**
         * Sets one of PCRs 0 to 15 (48 bytes).
         *
         * @throws NsmEmulationException if the index or length is wrong, or the PCR was already set
         */
        public Builder pcr(int index, byte[] value) throws NsmEmulationException {
            return setPcr(index, value, "--emulated-pcr " + index);
        }

        /**
         * Sets PCR0, 1, 2 (and 8 when signed) to an enclave image's measurements.
         *
         * @throws NsmEmulationException if one of them was already set
         */
        public Builder measurements(EnclaveMeasurements measurements) throws NsmEmulationException {
            for (Map.Entry<Integer, Bytes> pcr : measurements.asMap().entrySet()) {
                setPcr(pcr.getKey(), pcr.getValue().toByteArray(), "the enclave image");
            }
            return this;
        }

        /** Who signs documents. Default: {@link EmulatedAuthority#freshTestPki()}. */
        public Builder authority(EmulatedAuthority authority) {
            this.authority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        /** The source of document timestamps and of the time the signing chain must be valid at. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of GetRandom's bytes and of the module id. Default: a {@link SecureRandom}. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds the emulator.
         *
         * @return the emulator, with every PCR set as asked and the others zero
         */
        public EmulatedNsm build() {
            return new EmulatedNsm(this);
        }

        private Builder setPcr(int index, byte[] value, String source) throws NsmEmulationException {
            if (index < 0 || index >= PcrBank.LOCKED_AT_START) {
                throw new NsmEmulationException("PCR" + index + " cannot be set at start: only PCRs 0 to "
                        + (PcrBank.LOCKED_AT_START - 1) + " are, the others start at zero and are extended at run time.");
            }
            if (value.length != PcrBank.LENGTH) {
                throw new NsmEmulationException("PCR" + index + " must be " + PcrBank.LENGTH + " bytes (SHA-384); "
                        + value.length + " were given.");
            }
            String earlier = pcrSources.putIfAbsent(index, source);
            if (earlier != null) {
                throw new NsmEmulationException("PCR" + index + " is set by both " + earlier + " and " + source
                        + "; set it once.");
            }
            initialPcrs.put(index, value.clone());
            return this;
        }
    }
}
