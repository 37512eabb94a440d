package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.Forgeries;
import dev.nitroattest.testkit.TestCertificates;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One verifier shared by many threads gives every thread the answer a single thread gets, while its
 * chain cache fills, hits and evicts underneath.
 */
@DisplayName("Concurrency")
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 6;

    @ParameterizedTest(name = "chain cache of {0}")
    @ValueSource(ints = {1, 1024})
    @DisplayName("8 threads verifying genuine and forged documents get the single-threaded outcomes")
    void sharedVerifier(int cacheSize) throws Exception {
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] leaf = TestCertificates.issue(Fixtures.PKI.leaf().spec().toBuilder()
                    .serial(BigInteger.valueOf(500 + i)).build()).der();
            documents.add(Fixtures.document().certificate(leaf).nonce(new byte[] {(byte) i}).build());
        }
        Forgeries.all(Fixtures.PKI).stream().limit(40).forEach(forged -> documents.add(forged.bytes()));
        List<String> expected = new ArrayList<>();
        AttestationVerifier reference = Fixtures.verifier();
        for (byte[] document : documents) {
            expected.add(outcome(reference, document));
        }

        AttestationVerifier shared = Fixtures.verifierBuilder().chainCacheSize(cacheSize).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> mismatches = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < documents.size(); i++) {
                            int index = (i + offset * 7) % documents.size();
                            String actual = outcome(shared, documents.get(index));
                            if (!actual.equals(expected.get(index))) {
                                mismatches.add(index + ": " + actual + " instead of " + expected.get(index));
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertEquals(List.of(), result.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(shared.cachedChainCount() <= cacheSize);
    }

    private static String outcome(AttestationVerifier verifier, byte[] document) {
        try {
            return "VERIFIED " + verifier.verify(document, Expectations.withoutNonce()).nonce().map(Bytes::toHex).orElse("-");
        } catch (DocumentRejectedException e) {
            return e.reason().name();
        }
    }
}
