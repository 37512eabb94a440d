package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** The happy path of POST /v1/attestation, against an in-process agent with the emulated NSM over TCP. */
@Timeout(60)
class AttestationApiTest {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static TestAgent agent;
    private static RunningProxy proxy;
    private static AttestationVerifier relyingParty;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        proxy = RunningProxy.inFrontOf(agent);
        relyingParty = agent.verifier();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        agent.close();
    }

    @Test
    void theDocumentComesAsCborAndVerifiesIndependentlyWithTheClientsNonce() throws Exception {
        byte[] nonce = "a nonce chosen by the relying party".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"" + BASE64.encodeToString(nonce) + "\"}");

        assertEquals(200, response.statusCode(), RunningProxy.text(response));
        assertEquals("application/cbor", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        VerifiedAttestation verified = relyingParty.verify(response.body(), Expectations.nonce(nonce));
        assertArrayEquals(nonce, verified.nonce().orElseThrow().toByteArray());
        assertArrayEquals(TestAgent.PCR0, verified.pcrs().get(0).orElseThrow().toByteArray());
    }

    @Test
    void aDocumentForAnotherNonceIsNotAcceptedByTheRelyingParty() throws Exception {
        HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"" + BASE64.encodeToString(new byte[] {1}) + "\"}");

        assertEquals(200, response.statusCode());
        DocumentRejectedException replayed = assertThrows(DocumentRejectedException.class,
                () -> relyingParty.verify(response.body(), Expectations.nonce(new byte[] {2})));
        assertEquals(RejectionReason.NONCE_MISMATCH, replayed.reason());
    }

    /** The document's public key and user data are the enclave's, from its binding file: no client chose them. */
    @Test
    void withAcceptJsonTheAnswerCarriesTheDocumentAndWhatWasVerifiedIncludingTheEnclavesBinding() throws Exception {
        byte[] nonce = {9, 8, 7};
        byte[] userData = "user data".getBytes(StandardCharsets.US_ASCII);
        byte[] publicKey = new byte[1024];
        publicKey[1023] = 1;
        try (TestAgent bound = TestAgent.withBinding(EnclaveBinding.of(publicKey, userData));
                RunningProxy inFront = RunningProxy.inFrontOf(bound)) {
            assertJsonAnswer(inFront.attest("{\"nonce\": \"" + BASE64.encodeToString(nonce) + "\"}",
                    "application/json"), bound.verifier(), nonce, userData, publicKey);
        }
    }

    private static void assertJsonAnswer(HttpResponse<byte[]> response, AttestationVerifier relyingParty, byte[] nonce,
            byte[] userData, byte[] publicKey) throws Exception {
        assertEquals(200, response.statusCode(), RunningProxy.text(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> body = Json.object(response.body());
        byte[] document = Base64.getDecoder().decode((String) body.get("document"));
        VerifiedAttestation independent = relyingParty.verify(document,
                Expectations.nonce(nonce).withUserData(userData).withPublicKey(publicKey));
        Map<String, Object> verified = Json.object(body.get("verified"));
        assertEquals(independent.moduleId(), verified.get("module_id"));
        assertEquals(independent.timestamp(), Instant.parse((String) verified.get("timestamp")));
        assertEquals(BASE64.encodeToString(nonce), verified.get("nonce"));
        assertEquals(BASE64.encodeToString(userData), verified.get("user_data"));
        assertEquals(BASE64.encodeToString(publicKey), verified.get("public_key"));
        Map<String, Object> pcrs = Json.object(verified.get("pcrs"));
        assertEquals(HexFormat.of().formatHex(TestAgent.PCR1), pcrs.get("1"));
        assertEquals(independent.pcrs().size(), pcrs.size());
    }

    @Test
    void withoutANonceTheProxyChoosesAFresh32ByteOneAndVerifiesAgainstIt() throws Exception {
        HttpResponse<byte[]> first = proxy.attest("{}", "application/json");
        HttpResponse<byte[]> second = proxy.attest("{\"nonce\": null}", "application/json");

        assertEquals(200, first.statusCode(), RunningProxy.text(first));
        assertEquals(200, second.statusCode(), RunningProxy.text(second));
        String firstNonce = (String) Json.object(Json.object(first.body()).get("verified")).get("nonce");
        String secondNonce = (String) Json.object(Json.object(second.body()).get("verified")).get("nonce");
        assertEquals(32, Base64.getDecoder().decode(firstNonce).length);
        assertNotEquals(firstNonce, secondNonce, "two requests got the same fresh nonce");
        Map<String, Object> verified = Json.object(Json.object(first.body()).get("verified"));
        assertNull(verified.get("user_data"));
        assertNull(verified.get("public_key"));
    }

    @Test
    void anEmptyNonceIs400AndNeverReachesTheEnclave() throws Exception {
        int before = agent.nsm().attestations();
        HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"\"}", "application/json");

        assertEquals(400, response.statusCode(), RunningProxy.text(response));
        Map<String, Object> error = Json.object(response.body());
        assertEquals("EMPTY_NONCE", error.get("error"));
        assertTrue(((String) error.get("message")).contains("omit it"), error.toString());
        assertEquals(before, agent.nsm().attestations(), "an empty nonce reached the enclave");
    }

    @Test
    void jsonOnlyWhenTheClientPrefersIt() throws Exception {
        assertFormat("application/json", "application/json");
        assertFormat("application/json", "application/json, */*;q=0.1");
        assertFormat("application/json", "application/cbor;q=0.5, application/json");
        assertFormat("application/cbor", "application/json;q=0.5, application/cbor");
        assertFormat("application/cbor", "application/json, application/cbor");
        assertFormat("application/cbor", "*/*");
        assertFormat("application/cbor", "application/json;q=0");
    }

    @Test
    void concurrentClientsEachGetTheirOwnVerifiedDocument() throws Exception {
        int clients = 6;
        Executable[] checks = new Executable[clients];
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(proxy.attestLater("{\"nonce\": \"" + BASE64.encodeToString(new byte[] {(byte) i}) + "\"}"));
        }
        for (int i = 0; i < clients; i++) {
            HttpResponse<byte[]> response = answers.get(i).get(30, TimeUnit.SECONDS);
            byte[] nonce = {(byte) i};
            checks[i] = () -> {
                assertEquals(200, response.statusCode());
                relyingParty.verify(response.body(), Expectations.nonce(nonce));
            };
        }
        assertAll(checks);
    }

    private static void assertFormat(String expected, String accept) throws Exception {
        HttpResponse<byte[]> response = proxy.attest("{}", accept);
        assertEquals(200, response.statusCode(), RunningProxy.text(response));
        assertEquals(expected, response.headers().firstValue("Content-Type").orElseThrow(), "Accept: " + accept);
    }
}
