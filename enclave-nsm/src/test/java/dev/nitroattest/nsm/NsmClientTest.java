package dev.nitroattest.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NsmClientTest {

    /** Answers every request with a fixed response and records what it was sent. */
    private static final class ScriptedTransport implements NsmTransport {
        private final NsmResponse answer;
        final List<byte[]> requests = new ArrayList<>();
        boolean closed;

        ScriptedTransport(NsmResponse answer) {
            this.answer = answer;
        }

        @Override
        public byte[] exchange(byte[] request) {
            requests.add(request);
            return NsmCodec.encodeResponse(answer);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anErrorAnswerBecomesATypedException() {
        NsmClient client = new NsmClient(new ScriptedTransport(new NsmResponse.Failed(NsmError.READ_ONLY_INDEX)));
        NsmErrorException e = assertThrows(NsmErrorException.class, () -> client.extendPcr(3, new byte[] {1}));
        assertEquals(NsmError.READ_ONLY_INDEX, e.error());
        assertEquals("The NSM answered ReadOnlyIndex to ExtendPCR.", e.getMessage());
    }

    @Test
    void anAnswerOfTheWrongKindIsRefused() {
        NsmClient client = new NsmClient(new ScriptedTransport(new NsmResponse.LockPcr()));
        NsmResponseException e = assertThrows(NsmResponseException.class, client::getRandom);
        assertTrue(e.getMessage().contains("LockPCR to GetRandom"), e.getMessage());
    }

    @Test
    void theClientSendsTheCodecsBytesAndReturnsTheAnswer() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(new NsmResponse.Attestation(Bytes.fromHex("8444")));
        try (NsmClient client = new NsmClient(transport)) {
            assertEquals(Bytes.fromHex("8444"), client.attestation(NsmRequest.Attestation.of(null, new byte[] {7}, null)));
        }
        assertEquals(Bytes.of(NsmCodec.encodeRequest(NsmRequest.Attestation.of(null, new byte[] {7}, null))),
                Bytes.of(transport.requests.get(0)));
        assertTrue(transport.closed, "closing the client closes its transport");
    }
}
