package dev.nitroattest.proxy.internal.http;

import java.util.List;
import java.util.Locale;

/**
 * What a successful attestation is answered with. CBOR (the document's own bytes) unless the client's Accept header
 * names application/json with a preference above that of application/cbor (or without naming application/cbor at
 * all); a tie goes to CBOR, the format a relying party verifies.
 */
enum ResponseFormat {
    CBOR("application/cbor"),
    JSON(JsonBodies.CONTENT_TYPE);

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** Chooses from the Accept header values (none: CBOR). */
    static ResponseFormat choose(List<String> acceptValues) {
        double json = -1;
        double cbor = -1;
        for (String value : acceptValues) {
            for (String range : value.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                double quality = quality(parts);
                if (type.equals("application/json")) {
                    json = Math.max(json, quality);
                } else if (type.equals("application/cbor")) {
                    cbor = Math.max(cbor, quality);
                }
            }
        }
        return json > 0 && json > cbor ? JSON : CBOR;
    }

    /** The q parameter (1 when absent; 0, meaning "not acceptable", when unreadable). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
