package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.testkit.ForgedDocument;
import dev.nitroattest.testkit.Forgeries;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed or forged document of the test kit, each wrong in exactly one way, is rejected with the
 * reason the kit expects, at a time when a genuine document of the same PKI verifies.
 */
@DisplayName("Test-kit forgeries")
class ForgeriesTest {
    static Stream<Named<ForgedDocument>> forgeries() {
        return Forgeries.all(Fixtures.PKI).stream().map(forged -> Named.of(forged.name(), forged));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @DisplayName("is rejected with the expected reason")
    void isRejected(ForgedDocument forged) {
        DocumentRejectedException rejection =
                assertThrows(DocumentRejectedException.class, () -> Fixtures.verifier().verify(forged.bytes()),
                        forged.description());
        assertEquals(RejectionReason.valueOf(forged.expectedReason()), rejection.reason(),
                () -> forged.description() + " -> " + rejection.getMessage());
    }
}
