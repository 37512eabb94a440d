package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nitroattest.testkit.Forgeries;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Using the library never registers a security provider: registering Bouncy Castle globally changes the
 * behaviour of every other part of the application (it breaks the JDK's own EC key generation).
 */
@DisplayName("No global security provider")
class NoGlobalProviderTest {
    @Test
    @DisplayName("parsing, verifying, rejecting and loading anchors leave the provider list unchanged")
    void providersUnchanged() throws Exception {
        List<String> before = providerNames();

        AttestationVerifier aws = AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage().anyAge().build();
        TrustAnchor.fromPem(Fixtures.PKI.rootPem());
        Fixtures.verifier().verify(Fixtures.document().build(), Expectations.withoutNonce());
        Forgeries.all(Fixtures.PKI).forEach(forged -> {
            try {
                Fixtures.verifier().verify(forged.bytes(), Expectations.withoutNonce());
            } catch (DocumentRejectedException expected) {
                // Rejections exercise the error paths, which must not register anything either.
            }
        });
        try {
            aws.verify(Fixtures.document().build(), Expectations.withoutNonce());
        } catch (DocumentRejectedException expected) {
            // Untrusted: the point is only that verification ran.
        }
        Fixtures.verifier().verify(Fixtures.document().build(), Expectations.withoutNonce()).certificateChain().get(0).toX509Certificate();

        assertEquals(before, providerNames());
        assertNull(Security.getProvider("BC"));
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }
}
