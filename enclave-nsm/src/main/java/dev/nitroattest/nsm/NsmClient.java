package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;

/**
 * The {@link Nsm} operations over any {@link NsmTransport}: encodes each request with {@link NsmCodec}, sends it,
 * and decodes the answer, turning the NSM's error answers into {@link NsmErrorException} and an answer of the wrong
 * kind into {@link NsmResponseException}.
 */
public final class NsmClient implements Nsm {
    private final NsmTransport transport;

    /** A client that owns the transport and closes it on {@link #close()}. */
    public NsmClient(NsmTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public NsmDescription describeNsm() throws NsmException {
        return exchange(new NsmRequest.DescribeNsm(), NsmResponse.DescribeNsm.class).description();
    }

    @Override
    public PcrValue describePcr(int index) throws NsmException {
        return exchange(new NsmRequest.DescribePcr(index), NsmResponse.DescribePcr.class).pcr();
    }

    @Override
    public Bytes extendPcr(int index, byte[] data) throws NsmException {
        return exchange(new NsmRequest.ExtendPcr(index, Bytes.of(data)), NsmResponse.ExtendPcr.class).data();
    }

    @Override
    public void lockPcr(int index) throws NsmException {
        exchange(new NsmRequest.LockPcr(index), NsmResponse.LockPcr.class);
    }

    @Override
    public void lockPcrs(int range) throws NsmException {
        exchange(new NsmRequest.LockPcrs(range), NsmResponse.LockPcrs.class);
    }

    @Override
    public Bytes attestation(NsmRequest.Attestation request) throws NsmException {
        return exchange(Objects.requireNonNull(request, "request"), NsmResponse.Attestation.class).document();
    }

    @Override
    public Bytes getRandom() throws NsmException {
        return exchange(new NsmRequest.GetRandom(), NsmResponse.GetRandom.class).random();
    }

    @Override
    public void close() {
        transport.close();
    }

    private <T extends NsmResponse> T exchange(NsmRequest request, Class<T> expected) throws NsmException {
        NsmResponse response = NsmCodec.decodeResponse(transport.exchange(NsmCodec.encodeRequest(request)));
        if (response instanceof NsmResponse.Failed failed) {
            throw new NsmErrorException(failed.error(), "The NSM answered " + failed.error().wireName() + " to "
                    + request.operation() + ".");
        }
        if (!expected.isInstance(response)) {
            throw new NsmResponseException("The NSM answered " + response.operation() + " to "
                    + request.operation() + ".");
        }
        return expected.cast(response);
    }
}
