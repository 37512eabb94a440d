package dev.nitroattest.proxy.internal.metrics;

import java.math.BigDecimal;

/** Builds a Prometheus text exposition: HELP and TYPE lines, then samples with escaped label values. */
final class PrometheusText {
    /** The content type the format is served with. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(4096);

    void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, long value) {
        series(name, labels).append(value).append('\n');
    }

    void sample(String name, String labels, double value) {
        series(name, labels).append(number(value)).append('\n');
    }

    /** One label, {@code name="value"}, with the value escaped as the format requires. */
    static String label(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A number without exponent or trailing zeros, e.g. 0.0025 and 1. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private StringBuilder series(String name, String labels) {
        text.append(name);
        if (!labels.isEmpty()) {
            text.append('{').append(labels).append('}');
        }
        return text.append(' ');
    }
}
