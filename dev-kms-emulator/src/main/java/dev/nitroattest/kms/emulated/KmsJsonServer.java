package dev.nitroattest.kms.emulated;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.kms.emulated.internal.JsonRequest;
import dev.nitroattest.kms.emulated.internal.JsonRequest.BadRequest;
import dev.nitroattest.process.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The emulated KMS over KMS's own wire protocol (AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target:
 * TrentService.<Operation>}, blobs in base64, errors as HTTP 400 with {@code {"__type", "message"}}), so that an
 * unchanged AWS SDK, pointed at it with an endpoint override, gets KMS's answers. It serves Encrypt, Decrypt,
 * GenerateDataKey and GenerateRandom. It listens on a loopback address only, over plain HTTP, and checks no request
 * signature: it stands in for KMS on a development machine, never for its authentication.
 */
public final class KmsJsonServer implements AutoCloseable {
    /** The largest body read: a 256 KiB document in base64, with room for the rest. */
    static final int MAX_BODY = 1 << 20;
    private static final String TARGET_PREFIX = "TrentService.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final EmulatedKms kms;
    private final Consumer<String> log;
    private final HttpServer server;
    private final ExecutorService threads;

    private KmsJsonServer(EmulatedKms kms, HttpServer server, Consumer<String> log) {
        this.kms = kms;
        this.server = server;
        this.log = log;
        this.threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "emulated-kms");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
    }

    /**
     * Listens on a loopback address (port 0 picks a free one) and serves.
     *
     * @param log receives one line per request: the operation, the key, whether it had a recipient, the outcome
     * @throws IllegalArgumentException if the address is not a loopback one
     * @throws IOException if it cannot listen there
     */
    public static KmsJsonServer start(EmulatedKms kms, InetSocketAddress address, Consumer<String> log)
            throws IOException {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The emulated KMS listens on a loopback address only, not on "
                    + address + ": it authenticates nobody.");
        }
        KmsJsonServer started = new KmsJsonServer(kms, HttpServer.create(address, 16), log);
        started.server.start();
        return started;
    }

    /** The endpoint to give an SDK: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        InetSocketAddress bound = server.getAddress();
        return URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and ends the requests under way. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
            byte[] answer;
            int status;
            String outcome;
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw new KmsErrorException(KmsError.UNKNOWN_OPERATION, "KMS takes POST /, not "
                            + exchange.getRequestMethod() + ".");
                }
                JsonRequest request = JsonRequest.parse(body(exchange.getRequestBody()));
                answer = dispatch(operation, request);
                status = 200;
                outcome = "200";
            } catch (KmsErrorException e) {
                answer = error(e.error().wireName(), e.getMessage());
                status = 400;
                outcome = e.error().wireName() + ": " + e.getMessage();
            } catch (BadRequest e) {
                KmsError error = e.missingField() ? KmsError.VALIDATION : KmsError.SERIALIZATION;
                answer = error(error.wireName(), e.getMessage());
                status = 400;
                outcome = error.wireName() + ": " + e.getMessage();
            }
            log.accept("kms: " + (operation.isEmpty() ? "(no X-Amz-Target)" : operation) + " -> " + outcome);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private byte[] dispatch(String operation, JsonRequest request) throws KmsErrorException, BadRequest {
        Map<String, String> context = request.stringMap("EncryptionContext");
        if (request.string("EncryptionAlgorithm").filter(name -> !name.equals("SYMMETRIC_DEFAULT")).isPresent()) {
            throw new KmsErrorException(KmsError.VALIDATION, "The emulated keys are symmetric: EncryptionAlgorithm "
                    + "is SYMMETRIC_DEFAULT or absent.");
        }
        if (request.flag("DryRun")) {
            throw new KmsErrorException(KmsError.VALIDATION, "DryRun is not emulated; leave it out.");
        }
        Released released = switch (operation) {
            case "Encrypt" -> kms.encrypt(request.requiredString("KeyId"), request.requiredBlob("Plaintext"),
                    context);
            case "Decrypt" -> kms.decrypt(request.requiredBlob("CiphertextBlob"), request.string("KeyId"), context,
                    recipient(request));
            case "GenerateDataKey" -> kms.generateDataKey(request.requiredString("KeyId"), dataKeySize(request),
                    context, recipient(request));
            case "GenerateRandom" -> kms.generateRandom(request.integer("NumberOfBytes").orElseThrow(() ->
                    BadRequest.missing("NumberOfBytes")), recipient(request));
            default -> throw new KmsErrorException(KmsError.UNKNOWN_OPERATION, "The emulated KMS serves "
                    + "TrentService.Encrypt, Decrypt, GenerateDataKey and GenerateRandom, not \"" + operation + "\".");
        };
        // KMS names the algorithm in the answers of the two operations that take one.
        return answer(released, operation.equals("Decrypt") || operation.equals("Encrypt"));
    }

    private static int dataKeySize(JsonRequest request) throws BadRequest, KmsErrorException {
        Optional<Integer> bytes = request.integer("NumberOfBytes");
        Optional<String> spec = request.string("KeySpec");
        if (bytes.isPresent() == spec.isPresent()) {
            throw new KmsErrorException(KmsError.VALIDATION, "Give exactly one of NumberOfBytes and KeySpec.");
        }
        if (bytes.isPresent()) {
            return bytes.get();
        }
        return switch (spec.get()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw new KmsErrorException(KmsError.VALIDATION, "KeySpec is AES_256 or AES_128, not "
                    + spec.get() + ".");
        };
    }

    private static Optional<Recipient> recipient(JsonRequest request) throws BadRequest, KmsErrorException {
        Optional<JsonRequest> recipient = request.object("Recipient");
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        byte[] document = recipient.get().blob("AttestationDocument").orElseThrow(() -> new KmsErrorException(
                KmsError.VALIDATION, "Recipient.AttestationDocument is required."));
        String algorithm = recipient.get().string("KeyEncryptionAlgorithm").orElseThrow(() -> new KmsErrorException(
                KmsError.VALIDATION, "Recipient.KeyEncryptionAlgorithm is required."));
        return Optional.of(new Recipient(document, algorithm));
    }

    private static byte[] answer(Released released, boolean namesAlgorithm) {
        return write(json -> {
            json.writeStartObject();
            if (released.keyArn().isPresent()) {
                json.writeStringField("KeyId", released.keyArn().get());
            }
            if (released.ciphertextBlob().isPresent()) {
                json.writeStringField("CiphertextBlob", base64(released.ciphertextBlob().get()));
            }
            if (released.plaintext().isPresent()) {
                json.writeStringField("Plaintext", base64(released.plaintext().get()));
            }
            if (released.ciphertextForRecipient().isPresent()) {
                json.writeStringField("CiphertextForRecipient", base64(released.ciphertextForRecipient().get()));
            }
            if (namesAlgorithm) {
                json.writeStringField("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
            }
            json.writeEndObject();
        });
    }

    private static byte[] error(String type, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("__type", type);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    private static String base64(Bytes bytes) {
        return BASE64.encodeToString(bytes.toByteArray());
    }

    /** An answer's body: compact, without a line end, as KMS writes it. */
    private static byte[] write(JsonText.Body body) {
        return JsonText.compact(body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(InputStream in) throws IOException, KmsErrorException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new KmsErrorException(KmsError.VALIDATION, "The request body is over " + MAX_BODY + " bytes.");
        }
        return body;
    }
}
