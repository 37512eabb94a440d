package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ./demo tls, in process: the relying service gets the enclave application's answer through the parent's ingress,
 * and both of the parent's men in the middle are printed refused, each with its reason.
 */
class TlsDemoTest {
    private static int status;
    private static String printed;
    private static String errors;

    @BeforeAll
    static void runTheDemoOnce() {
        DemoOutput demo = DemoOutput.of(TlsDemo::run);
        status = demo.status();
        printed = demo.printed();
        errors = demo.errors();
    }

    @Test
    void theRelyingServiceGetsTheEnclavesAnswerThroughTheIngress() {
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("with the JDK's HttpClient and AttestedTls's SSLContext (the emulated root, PCR0, "
                + "1 and 2 pinned, documents at most 10 minutes old) -> 200 \"hello from the enclave: only the "
                + "measured image holds the key to this TLS\""), printed);
        assertTrue(printed.contains("the handshake verified the enclave's document (module "), printed);
        assertTrue(printed.contains("parent proxy: --ingress tcp:127.0.0.1:"), printed);
    }

    @Test
    void theParentTerminatingTlsWithItsOwnCertificateIsRefusedForTheKeyItBinds() {
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("parent: terminates TLS itself with its own P-384 key, in a certificate carrying "
                + "the enclave's genuine document"), printed);
        assertTrue(printed.contains("-> refused, PUBLIC_KEY_MISMATCH: "), printed);
    }

    @Test
    void theParentPresentingTheEnclavesCertificateWithoutItsKeyIsRefused() {
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("parent: presents the enclave's genuine certificate and document, and signs the "
                + "handshake with its own key"), printed);
        assertTrue(printed.contains("-> refused, KEY_NOT_PROVEN: the certificate verified, but the handshake failed ("),
                printed);
        assertTrue(printed.contains("the relying service talked to the measured image, and the parent could stand in "
                + "for it with neither certificate."), printed);
        assertFalse(printed.contains("NOT REFUSED"), printed);
    }
}
