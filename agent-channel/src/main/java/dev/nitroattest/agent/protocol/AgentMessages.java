package dev.nitroattest.agent.protocol;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cbor.CborDecoder;
import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes and decodes the messages inside frames. The agent decodes requests strictly: one definite-length map with
 * distinct text keys and nothing after it, only the keys of its op, each of its type and within its size. Clients
 * decode responses by key name and skip keys they do not know, so that later agents may add some; a response too is
 * one definite-length map with nothing after it (both through {@link CborDecoder#readMessage}, the rule of every
 * decoder of a peer's message).
 */
public final class AgentMessages {
    private static final int MAX_REQUEST_KEYS = 8;
    private static final int MAX_RESPONSE_KEYS = 32;
    private static final int MAX_TEXT_BYTES = 1024;
    private static final int MAX_LOCKED_PCRS = 1024;
    private static final int MAX_SKIP_DEPTH = 8;
    /** The scanner's bound: the message's own two maps and the levels of a skipped value, with one to spare. */
    private static final int MAX_DEPTH = MAX_SKIP_DEPTH + 3;
    private static final int MAX_ECHOED_CHARS = 40;
    private static final Set<String> ATTESTATION_KEYS = Set.of("op", "nonce");
    /** What a document binds besides the nonce: the enclave's choice, which no caller makes (AgentRequest). */
    private static final List<String> ENCLAVE_CHOSEN_KEYS = List.of("public_key", "user_data");
    private static final Set<String> DESCRIBE_PCR_KEYS = Set.of("op", "index");
    private static final Set<String> OP_ONLY = Set.of("op");

    private AgentMessages() {}

    /** What a request field turned out to be when its type is not one a request uses. */
    private record OtherType(CborToken type) {}

    /** A null field value. */
    private enum Null { VALUE }

    /**
     * Encodes a request as the CBOR map the protocol defines (docs/protocol.md).
     *
     * @param request the request
     * @return the frame body
     */
    public static byte[] encodeRequest(AgentRequest request) {
        CborEncoder out = new CborEncoder();
        if (request instanceof AgentRequest.Attestation r) {
            out.map(r.nonce().isPresent() ? 2 : 1).text("op").text(r.op());
            r.nonce().ifPresent(value -> out.text("nonce").bytes(value.toByteArray()));
        } else if (request instanceof AgentRequest.DescribePcr r) {
            out.map(2).text("op").text(r.op()).text("index").uint(r.index());
        } else {
            out.map(1).text("op").text(request.op());
        }
        return out.toByteArray();
    }

    /**
     * Decodes a request frame's body.
     *
     * @throws AgentProtocolException with BAD_REQUEST, TOO_LARGE, UNKNOWN_OP or CALLER_BINDING_REFUSED and a
     *     sentence for the client
     */
    public static AgentRequest decodeRequest(byte[] body) throws AgentProtocolException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            CborDecoder.readMessage(body, MAX_DEPTH, in -> {
                in.readMap(MAX_REQUEST_KEYS, true, key -> fields.put(key, readRequestValue(in)));
                return fields;
            });
        } catch (CborException e) {
            throw badRequest("The request is not one definite-length CBOR map with text keys: " + e.getMessage());
        }
        Object op = fields.get("op");
        if (op == null) {
            throw badRequest("The request has no \"op\".");
        }
        if (!(op instanceof String name)) {
            throw badRequest("The \"op\" must be a text string; it is " + typeOf(op) + ".");
        }
        switch (name) {
            case "attestation" -> {
                refuseCallerBinding(fields);
                onlyKeys(fields, ATTESTATION_KEYS, name);
                return new AgentRequest.Attestation(optionalBytes(fields, "nonce"));
            }
            case "describe-pcr" -> {
                onlyKeys(fields, DESCRIBE_PCR_KEYS, name);
                return new AgentRequest.DescribePcr(pcrIndex(fields.get("index")));
            }
            case "describe-nsm" -> {
                onlyKeys(fields, OP_ONLY, name);
                return new AgentRequest.DescribeNsm();
            }
            case "health" -> {
                onlyKeys(fields, OP_ONLY, name);
                return new AgentRequest.Health();
            }
            default -> throw new AgentProtocolException(AgentErrorCode.UNKNOWN_OP, "The op \"" + echo(name)
                    + "\" is not one of attestation, describe-pcr, describe-nsm, health.");
        }
    }

    /**
     * Encodes a response as the CBOR map the protocol defines (docs/protocol.md).
     *
     * @param response the response
     * @return the frame body
     */
    public static byte[] encodeResponse(AgentResponse response) {
        CborEncoder out = new CborEncoder();
        if (response instanceof AgentResponse.Document r) {
            out.map(2).text("ok").bool(true).text("document").bytes(r.document().toByteArray());
        } else if (response instanceof AgentResponse.Pcr r) {
            out.map(4).text("ok").bool(true).text("index").uint(r.index()).text("locked").bool(r.locked())
                    .text("data").bytes(r.data().toByteArray());
        } else if (response instanceof AgentResponse.NsmInfo r) {
            out.map(6).text("ok").bool(true).text("module_id").text(r.moduleId())
                    .text("max_pcrs").uint(r.maxPcrs())
                    .text("locked_pcrs").array(r.lockedPcrs().size());
            r.lockedPcrs().forEach(out::uint);
            out.text("digest").text(r.digest()).text("version").text(r.version());
        } else if (response instanceof AgentResponse.Failure r) {
            out.map(3).text("ok").bool(false).text("error").text(r.code().name()).text("message").text(r.message());
        } else {
            out.map(1).text("ok").bool(true);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a response frame's body, by key name; unknown keys are skipped.
     *
     * @throws AgentProtocolException (INTERNAL) if it is not a well-formed response
     */
    public static AgentResponse decodeResponse(byte[] body) throws AgentProtocolException {
        ResponseFields fields = new ResponseFields();
        try {
            return CborDecoder.readMessage(body, MAX_DEPTH, in -> {
                in.readMap(MAX_RESPONSE_KEYS, true, key -> fields.read(in, key));
                return fields.toResponse();
            });
        } catch (CborException e) {
            throw new AgentProtocolException(AgentErrorCode.INTERNAL, "The agent's response is malformed: "
                    + e.getMessage());
        }
    }

    private static Object readRequestValue(CborDecoder in) throws CborException {
        CborToken type = in.peek();
        switch (type) {
            case TEXT:
                return in.readText(MAX_TEXT_BYTES);
            case BYTES:
                return in.readBytes(Frames.MAX_LENGTH);
            case UNSIGNED:
                return in.readUnsigned();
            case NULL:
                in.readNullIfPresent();
                return Null.VALUE;
            default:
                in.skip(MAX_SKIP_DEPTH);
                return new OtherType(type);
        }
    }

    /**
     * A caller that sends public_key or user_data expects the document to vouch for them: that is the attack of issue
     * 19 (a parent binding its own key to a genuine document), so the request is refused by name, whatever the value,
     * rather than answered with a document that quietly binds something else.
     */
    private static void refuseCallerBinding(Map<String, Object> fields) throws AgentProtocolException {
        for (String key : ENCLAVE_CHOSEN_KEYS) {
            if (fields.containsKey(key)) {
                throw new AgentProtocolException(AgentErrorCode.CALLER_BINDING_REFUSED, "The request carries \""
                        + key + "\", which only code inside the enclave chooses: send the nonce alone, and put "
                        + "context of your own (a request digest) in it.");
            }
        }
    }

    private static void onlyKeys(Map<String, Object> fields, Set<String> allowed, String op)
            throws AgentProtocolException {
        for (String key : fields.keySet()) {
            if (!allowed.contains(key)) {
                throw badRequest("The key \"" + echo(key) + "\" is not part of a " + op + " request.");
            }
        }
    }

    /** An optional byte string; null counts as absent. */
    private static Optional<Bytes> optionalBytes(Map<String, Object> fields, String key)
            throws AgentProtocolException {
        Object value = fields.get(key);
        if (value == null || value == Null.VALUE) {
            return Optional.empty();
        }
        if (!(value instanceof byte[] bytes)) {
            throw badRequest("The \"" + key + "\" must be a byte string; it is " + typeOf(value) + ".");
        }
        if (bytes.length > AgentRequest.MAX_FIELD_BYTES) {
            throw new AgentProtocolException(AgentErrorCode.TOO_LARGE, "The \"" + key + "\" is " + bytes.length
                    + " bytes; at most " + AgentRequest.MAX_FIELD_BYTES + " are allowed.");
        }
        return Optional.of(Bytes.of(bytes));
    }

    private static int pcrIndex(Object value) throws AgentProtocolException {
        if (value == null) {
            throw badRequest("A describe-pcr request needs an \"index\".");
        }
        if (!(value instanceof Long index)) {
            throw badRequest("The \"index\" must be an unsigned integer; it is " + typeOf(value) + ".");
        }
        if (index > AgentRequest.MAX_PCR_INDEX) {
            throw badRequest("The \"index\" " + index + " is not a PCR index (they are below 65536).");
        }
        return index.intValue();
    }

    private static String typeOf(Object value) {
        if (value instanceof String) {
            return CborToken.TEXT.description();
        } else if (value instanceof byte[]) {
            return CborToken.BYTES.description();
        } else if (value instanceof Long) {
            return CborToken.UNSIGNED.description();
        } else if (value instanceof OtherType other) {
            return other.type().description();
        }
        return CborToken.NULL.description();
    }

    /**
     * Client text quoted back, shortened, never inside a character. It is not escaped here: where a message leaves the
     * process (an answer, a log line) all of it is escaped at once, so that nothing is escaped twice.
     */
    private static String echo(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_ECHOED_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_ECHOED_CHARS)) + "...";
    }

    private static AgentProtocolException badRequest(String message) {
        return new AgentProtocolException(AgentErrorCode.BAD_REQUEST, message);
    }

    /** The fields of any response, by name. */
    private static final class ResponseFields {
        Boolean ok;
        String error;
        String message;
        byte[] document;
        Long index;
        Boolean locked;
        byte[] data;
        String moduleId;
        Long maxPcrs;
        List<Integer> lockedPcrs;
        String digest;
        String version;

        void read(CborDecoder in, String key) throws CborException {
            switch (key) {
                case "ok" -> ok = in.readBoolean();
                case "error" -> error = in.readText(MAX_TEXT_BYTES);
                case "message" -> message = in.readText(Frames.MAX_LENGTH);
                case "document" -> document = in.readBytes(Frames.MAX_LENGTH);
                case "index" -> index = in.readUnsigned();
                case "locked" -> locked = in.readBoolean();
                case "data" -> data = in.readBytes(Frames.MAX_LENGTH);
                case "module_id" -> moduleId = in.readText(MAX_TEXT_BYTES);
                case "max_pcrs" -> maxPcrs = in.readUnsigned();
                case "locked_pcrs" -> lockedPcrs = readIndexes(in);
                case "digest" -> digest = in.readText(MAX_TEXT_BYTES);
                case "version" -> version = in.readText(MAX_TEXT_BYTES);
                default -> in.skip(MAX_SKIP_DEPTH);
            }
        }

        AgentResponse toResponse() throws CborException {
            if (ok == null) {
                throw new CborException("The response has no \"ok\".");
            }
            if (!ok) {
                String name = require(error, "error");
                String text = require(message, "message");
                // A code added by a later agent is reported as INTERNAL, naming it, as the protocol asks.
                return AgentErrorCode.fromName(name)
                        .map(code -> new AgentResponse.Failure(code, text))
                        .orElseGet(() -> new AgentResponse.Failure(AgentErrorCode.INTERNAL,
                                "(error code " + echo(name) + ") " + text));
            }
            if (document != null) {
                return new AgentResponse.Document(Bytes.of(document));
            }
            if (index != null) {
                return new AgentResponse.Pcr(u16(index, "index"), require(locked, "locked"),
                        Bytes.of(require(data, "data")));
            }
            if (moduleId != null) {
                return new AgentResponse.NsmInfo(moduleId, u16(require(maxPcrs, "max_pcrs"), "max_pcrs"),
                        require(lockedPcrs, "locked_pcrs"), require(digest, "digest"), require(version, "version"));
            }
            return new AgentResponse.Healthy();
        }

        private static List<Integer> readIndexes(CborDecoder in) throws CborException {
            long count = in.readArrayStart();
            if (count == CborDecoder.INDEFINITE) {
                throw new CborException("locked_pcrs has an indefinite length.");
            }
            if (count > MAX_LOCKED_PCRS) {
                throw new CborException("locked_pcrs has more than " + MAX_LOCKED_PCRS + " entries.");
            }
            List<Integer> indexes = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                indexes.add(u16(in.readUnsigned(), "locked_pcrs entry"));
            }
            return indexes;
        }

        private static int u16(long value, String field) throws CborException {
            if (value > AgentRequest.MAX_PCR_INDEX) {
                throw new CborException("The " + field + " " + value + " is out of range.");
            }
            return (int) value;
        }

        private static <T> T require(T value, String field) throws CborException {
            if (value == null) {
                throw new CborException("The response has no \"" + field + "\".");
            }
            return value;
        }
    }
}
