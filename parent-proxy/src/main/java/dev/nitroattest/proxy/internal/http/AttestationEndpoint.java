package dev.nitroattest.proxy.internal.http;

import dev.nitroattest.proxy.internal.enclave.AttestationFields;
import dev.nitroattest.proxy.internal.enclave.AttestationOutcome;
import dev.nitroattest.proxy.internal.enclave.EnclaveGateway;
import dev.nitroattest.text.LineLog;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /v1/attestation}: checks the request, has the gateway fetch and verify a document, and answers with
 * it (CBOR or JSON) or with the one error that explains why there is none. Logs one line per request: the sizes of
 * the fields, never their contents.
 *
 * <p>The line is written before the answer: once a client has its answer, the line explaining it is already in the
 * log (an operator looking up a client's error finds it, and it is there even if the answer cannot be written).
 * Logging after the answer would race with the client, which may read the answer and look in the log first.
 */
final class AttestationEndpoint implements Endpoint {
    /**
     * A base64 nonce of 1024 bytes takes under 1.4 KB; 16 KiB leaves room for whitespace and for the refused fields
     * of an older client (answered CALLER_BINDING_REFUSED, not 413), not for abuse.
     */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /**
     * How much of a refused body is read and thrown away so that its sender can read the 413 (see BodyReader):
     * enough for any honest mistake, such as a file posted by accident, and little enough to cost nothing.
     */
    static final long MAX_DISCARDED_BYTES = 1024 * 1024;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final EnclaveGateway gateway;
    private final LineLog log;

    AttestationEndpoint(EnclaveGateway gateway, LineLog log) {
        this.gateway = gateway;
        this.log = log;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(contentType)) {
            refuse(response, callback, start, ProxyError.UNSUPPORTED_MEDIA_TYPE, "Send the body as Content-Type: "
                    + "application/json (this request " + (contentType == null ? "has no content type" : "declares "
                    + contentType) + ").");
            return;
        }
        BodyReader.Outcome outcome = new BodyReader.Outcome() {
            @Override
            public void read(byte[] body) {
                AttestationFields fields;
                try {
                    fields = AttestationRequestParser.parse(body);
                } catch (BadRequestException e) {
                    refuse(response, callback, start, e.error(), e.getMessage());
                    return;
                }
                ResponseFormat format = ResponseFormat.choose(request.getHeaders().getValuesList(HttpHeader.ACCEPT));
                gateway.attest(fields).thenAccept(outcome -> {
                    try {
                        answer(response, callback, start, fields, format, outcome);
                    } catch (RuntimeException e) {
                        callback.failed(e);
                    }
                });
            }

            @Override
            public void tooLarge() {
                refuse(response, callback, start, ProxyError.BODY_TOO_LARGE, tooLargeMessage());
            }

            @Override
            public void tooSlow() {
                refuse(response, callback, start, ProxyError.REQUEST_TOO_SLOW, "The request body arrived more slowly "
                        + "than " + BodyReader.MIN_BYTES_PER_SECOND + " bytes a second; send it at once.");
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        };
        long declared = request.getLength();
        if (declared > MAX_DISCARDED_BYTES) {
            refuse(response, callback, start, ProxyError.BODY_TOO_LARGE, tooLargeMessage());
        } else if (declared > MAX_BODY_BYTES) {
            BodyReader.discard(request, MAX_DISCARDED_BYTES, outcome);
        } else {
            BodyReader.read(request, MAX_BODY_BYTES, MAX_DISCARDED_BYTES, outcome);
        }
    }

    private void answer(Response response, Callback callback, long start, AttestationFields fields,
            ResponseFormat format, AttestationOutcome outcome) {
        if (outcome instanceof AttestationOutcome.Attested attested) {
            byte[] body = format == ResponseFormat.CBOR ? attested.document()
                    : JsonBodies.attested(attested.document(), attested.attestation());
            log.line("attestation 200 " + sizes(fields) + " document " + attested.document().length + " B, "
                    + format.name() + ", " + millis(start) + " ms");
            Replies.send(response, callback, 200, format.contentType(), body);
        } else if (outcome instanceof AttestationOutcome.EnclaveRefused refused) {
            refuse(response, callback, start, ProxyError.ENCLAVE_ERROR, "The enclave agent refused the request with "
                    + refused.code() + "; see the agent's log.", refused.message());
        } else if (outcome instanceof AttestationOutcome.BrokenAnswer broken) {
            refuse(response, callback, start, ProxyError.ENCLAVE_ERROR, "The enclave agent's answer broke the agent "
                    + "protocol; the proxy's log has the details.", broken.message());
        } else if (outcome instanceof AttestationOutcome.Rejected rejected) {
            String message = "The enclave's document failed verification with " + rejected.reason() + ": "
                    + rejected.detail();
            log.line("attestation " + ProxyError.DOCUMENT_REJECTED.status() + " " + ProxyError.DOCUMENT_REJECTED
                    + ": " + message + " (" + millis(start) + " ms)");
            Replies.send(response, callback, ProxyError.DOCUMENT_REJECTED.status(), JsonBodies.CONTENT_TYPE,
                    JsonBodies.rejected(message, rejected));
        } else if (outcome instanceof AttestationOutcome.Unavailable unavailable) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            refuse(response, callback, start, ProxyError.ENCLAVE_UNAVAILABLE, "The enclave agent cannot be reached; "
                    + "it may be restarting or at its connection limit, so retry shortly.", unavailable.message());
        } else if (outcome instanceof AttestationOutcome.Overloaded overloaded) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            refuse(response, callback, start, ProxyError.OVERLOADED, "The proxy is already serving its limit of "
                    + overloaded.limit() + " attestation requests; retry shortly.");
        } else if (outcome instanceof AttestationOutcome.TimedOut timedOut) {
            refuse(response, callback, start, ProxyError.TIMEOUT, "The enclave did not answer within "
                    + timedOut.timeout().toMillis() + " ms; retry, and see the agent's log if this goes on.");
        }
    }

    private void refuse(Response response, Callback callback, long start, ProxyError error, String message) {
        refuse(response, callback, start, error, message, message);
    }

    /**
     * Answers {@code message} and logs {@code detail}: what went wrong between the proxy and the agent (its endpoint,
     * an I/O failure, the agent's own words) is for the operator's log, not for every HTTP client.
     */
    private void refuse(Response response, Callback callback, long start, ProxyError error, String message,
            String detail) {
        log.line("attestation " + error.status() + " " + error + ": " + detail + " (" + millis(start) + " ms)");
        Replies.error(response, callback, error, message);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(JsonBodies.CONTENT_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String tooLargeMessage() {
        return "The body is over " + MAX_BODY_BYTES + " bytes; send only the nonce, at most "
                + AttestationFields.MAX_FIELD_BYTES + " bytes before base64.";
    }

    private static String sizes(AttestationFields fields) {
        return "(nonce " + fields.nonce().map(b -> b.length() + " B").orElse("fresh") + ")";
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
