package dev.nitroattest.proxy.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.attestation.RejectionReason;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
    /** A sample line of the Prometheus text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-z_]+(\\{([a-z_]+=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)+\\})? (\\+Inf|-?[0-9]+(\\.[0-9]+)?)");

    @Test
    void everyLineIsAHelpATypeOrAWellFormedSample() {
        ProxyMetrics metrics = new ProxyMetrics();
        metrics.request("attestation", 200, 3_000_000);
        metrics.request("attestation", 502, 40_000_000);
        metrics.forwarder("vsock:8000").opened();
        for (String line : metrics.render().lines().toList()) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(),
                    line);
        }
    }

    @Test
    void theHistogramIsCumulativeAndCountsEveryRequest() {
        ProxyMetrics metrics = new ProxyMetrics();
        metrics.request("attestation", 200, 2_000_000);
        metrics.request("attestation", 200, 2_000_000);
        metrics.request("attestation", 504, 12_000_000_000L);
        String text = metrics.render();
        assertTrue(text.contains("request_duration_seconds_bucket{endpoint=\"attestation\",le=\"0.001\"} 0\n"), text);
        assertTrue(text.contains("request_duration_seconds_bucket{endpoint=\"attestation\",le=\"0.0025\"} 2\n"), text);
        assertTrue(text.contains("request_duration_seconds_bucket{endpoint=\"attestation\",le=\"10\"} 2\n"), text);
        assertTrue(text.contains("request_duration_seconds_bucket{endpoint=\"attestation\",le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("request_duration_seconds_count{endpoint=\"attestation\"} 3\n"), text);
        assertTrue(text.contains("request_duration_seconds_sum{endpoint=\"attestation\"} 12.004\n"), text);
        assertTrue(text.contains("requests_total{endpoint=\"attestation\",status=\"504\"} 1\n"), text);
        assertTrue(text.contains("requests_total{endpoint=\"attestation\",status=\"200\"} 2\n"), text);
    }

    @Test
    void everyReasonCodeAndKindIsListedFromTheStart() {
        ProxyMetrics metrics = new ProxyMetrics();
        metrics.verificationFailure(RejectionReason.PCR_MISMATCH);
        metrics.enclaveError(AgentErrorCode.NSM_ERROR);
        metrics.connectionError(ConnectionErrorKind.CONNECT);
        String text = metrics.render();
        for (RejectionReason reason : RejectionReason.values()) {
            String expected = "verification_failures_total{reason=\"" + reason + "\"} "
                    + (reason == RejectionReason.PCR_MISMATCH ? 1 : 0) + "\n";
            assertTrue(text.contains(expected), expected);
        }
        assertTrue(text.contains("enclave_errors_total{code=\"NSM_ERROR\"} 1\n"), text);
        for (String kind : List.of("connect", "transport", "protocol")) {
            assertTrue(text.contains("enclave_connection_errors_total{kind=\"" + kind + "\"} "), text);
        }
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("listener=\"a\\\"b\\\\c\\nd\"", PrometheusText.label("listener", "a\"b\\c\nd"));
    }
}
