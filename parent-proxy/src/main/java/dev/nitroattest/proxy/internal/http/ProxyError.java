package dev.nitroattest.proxy.internal.http;

/** Every error the API answers with: the code in {@code {"error": CODE, "message": text}} and its HTTP status. */
public enum ProxyError {
    /** The body is not one JSON object of the documented fields, each a base64 string or null. */
    BAD_JSON(400),
    /** A field is not standard base64 (RFC 4648, with padding). */
    BAD_BASE64(400),
    /** The nonce is present but empty: a document with it would prove no freshness. */
    EMPTY_NONCE(400),
    /** A field is over 1024 bytes once decoded. */
    FIELD_TOO_LARGE(400),
    /**
     * The body has {@code public_key} or {@code user_data}: only code inside the enclave chooses what its documents
     * bind besides the nonce, so no client of the proxy may (the agent would refuse them too).
     */
    CALLER_BINDING_REFUSED(400),
    /** The HTTP request itself is malformed (Jetty's verdict). */
    BAD_REQUEST(400),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    /** The body arrives more slowly than the proxy's minimum rate. */
    REQUEST_TOO_SLOW(408),
    /** The body is over 16 KiB. */
    BODY_TOO_LARGE(413),
    /** The body is not declared as application/json. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The request's headers are too large (Jetty's verdict). */
    HEADERS_TOO_LARGE(431),
    /** The proxy failed; its log says why. */
    INTERNAL(500),
    /** The enclave agent answered with an error, or with an answer that broke its protocol. */
    ENCLAVE_ERROR(502),
    /** The enclave's document failed verification; the message names the rejection reason. */
    DOCUMENT_REJECTED(502),
    /** The enclave agent cannot be reached. */
    ENCLAVE_UNAVAILABLE(503),
    /** The proxy already serves --max-in-flight attestations. */
    OVERLOADED(503),
    /** No answer within --request-timeout. */
    TIMEOUT(504);

    private final int status;

    ProxyError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
