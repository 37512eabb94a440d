package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cbor.CborDecoder;
import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborToken;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The NSM's message format: CBOR in serde's externally tagged style. A request without fields is a text string, one
 * with fields a one-entry map {@code {Name: {field: value, ...}}} with the fields in the NSM's order, integers in
 * shortest form, definite lengths, absent optional fields as null. Responses are read by key name, not position,
 * with definite or indefinite lengths; anything else is refused with a typed exception.
 */
public final class NsmCodec {
    private static final int MAX_BODY_ENTRIES = 16;
    private static final int MAX_NAME_BYTES = 64;
    private static final int MAX_PCR_BYTES = 64;
    private static final int MAX_RANDOM_BYTES = 1024;
    private static final int MAX_MODULE_ID_BYTES = 256;
    private static final int MAX_LOCKED_PCRS = 1024;
    private static final int MAX_SKIP_DEPTH = 8;
    /** The scanner's bound: the message's own two maps and the levels of a skipped value, with one to spare. */
    private static final int MAX_DEPTH = MAX_SKIP_DEPTH + 3;
    private static final long MAX_U16 = 0xffff;

    private NsmCodec() {}

    /** The request's bytes exactly as the NSM expects them. */
    public static byte[] encodeRequest(NsmRequest request) {
        CborEncoder out = new CborEncoder();
        if (request instanceof NsmRequest.DescribeNsm || request instanceof NsmRequest.GetRandom) {
            out.text(request.operation());
        } else if (request instanceof NsmRequest.DescribePcr r) {
            body(out, r.operation(), 1).text("index").uint(r.index());
        } else if (request instanceof NsmRequest.ExtendPcr r) {
            body(out, r.operation(), 2).text("index").uint(r.index()).text("data").bytes(r.data().toByteArray());
        } else if (request instanceof NsmRequest.LockPcr r) {
            body(out, r.operation(), 1).text("index").uint(r.index());
        } else if (request instanceof NsmRequest.LockPcrs r) {
            body(out, r.operation(), 1).text("range").uint(r.range());
        } else if (request instanceof NsmRequest.Attestation r) {
            body(out, r.operation(), 3)
                    .text("user_data").bytesOrNull(array(r.userData()))
                    .text("nonce").bytesOrNull(array(r.nonce()))
                    .text("public_key").bytesOrNull(array(r.publicKey()));
        } else {
            throw new IllegalArgumentException("Not an NSM request: " + request);
        }
        return out.toByteArray();
    }

    /** The response's bytes as the NSM writes them. */
    public static byte[] encodeResponse(NsmResponse response) {
        CborEncoder out = new CborEncoder();
        if (response instanceof NsmResponse.LockPcr || response instanceof NsmResponse.LockPcrs) {
            out.text(response.operation());
        } else if (response instanceof NsmResponse.Failed r) {
            out.map(1).text(r.operation()).text(r.error().wireName());
        } else if (response instanceof NsmResponse.Attestation r) {
            body(out, r.operation(), 1).text("document").bytes(r.document().toByteArray());
        } else if (response instanceof NsmResponse.GetRandom r) {
            body(out, r.operation(), 1).text("random").bytes(r.random().toByteArray());
        } else if (response instanceof NsmResponse.ExtendPcr r) {
            body(out, r.operation(), 1).text("data").bytes(r.data().toByteArray());
        } else if (response instanceof NsmResponse.DescribePcr r) {
            body(out, r.operation(), 2)
                    .text("lock").bool(r.pcr().locked())
                    .text("data").bytes(r.pcr().data().toByteArray());
        } else if (response instanceof NsmResponse.DescribeNsm r) {
            encodeDescription(body(out, r.operation(), 7), r.description());
        } else {
            throw new IllegalArgumentException("Not an NSM response: " + response);
        }
        return out.toByteArray();
    }

    /**
     * Reads a response, error answers included ({@link NsmResponse.Failed}).
     *
     * @throws NsmResponseException if the bytes are not a well-formed response of a known kind
     */
    public static NsmResponse decodeResponse(byte[] response) throws NsmResponseException {
        try {
            return CborDecoder.readMessage(response, MAX_DEPTH, in -> in.peek() == CborToken.TEXT
                    ? unitResponse(in.readText(MAX_NAME_BYTES)) : taggedResponse(in));
        } catch (CborException e) {
            throw new NsmResponseException("The NSM's response is malformed: " + e.getMessage());
        }
    }

    /**
     * Reads a request as the NSM would, for the emulation.
     *
     * @throws NsmErrorException with the error the NSM answers to such a request: InvalidOperation for bytes that
     *     are not a known request, InvalidArgument for a bad field, InputTooLarge for an oversize one
     */
    public static NsmRequest decodeRequest(byte[] request) throws NsmErrorException {
        if (request.length > NsmTransport.MAX_REQUEST_SIZE) {
            throw new NsmErrorException(NsmError.INPUT_TOO_LARGE, "The request is " + request.length
                    + " bytes; the NSM accepts at most " + NsmTransport.MAX_REQUEST_SIZE + ".");
        }
        try {
            return CborDecoder.readMessage(request, MAX_DEPTH, in -> in.peek() == CborToken.TEXT
                    ? unitRequest(in.readText(MAX_NAME_BYTES)) : taggedRequest(in));
        } catch (CborException e) {
            throw new NsmErrorException(NsmError.INVALID_OPERATION, "The request is not a known NSM request: "
                    + e.getMessage());
        }
    }

    /** Starts {@code {name: {<fields entries>}}}. */
    private static CborEncoder body(CborEncoder out, String name, int fields) {
        return out.map(1).text(name).map(fields);
    }

    private static byte[] array(Optional<Bytes> value) {
        return value.map(Bytes::toByteArray).orElse(null);
    }

    private static CborEncoder encodeDescription(CborEncoder out, NsmDescription description) {
        out.text("version_major").uint(description.versionMajor())
                .text("version_minor").uint(description.versionMinor())
                .text("version_patch").uint(description.versionPatch())
                .text("module_id").text(description.moduleId())
                .text("max_pcrs").uint(description.maxPcrs())
                .text("locked_pcrs").array(description.lockedPcrs().size());
        description.lockedPcrs().forEach(out::uint);
        return out.text("digest").text(description.digest());
    }

    private static NsmResponse unitResponse(String name) throws CborException {
        return switch (name) {
            case "LockPCR" -> new NsmResponse.LockPcr();
            case "LockPCRs" -> new NsmResponse.LockPcrs();
            default -> throw new CborException("\"" + name + "\" is not an NSM response without fields.");
        };
    }

    private static NsmResponse taggedResponse(CborDecoder in) throws CborException {
        NsmResponse[] result = new NsmResponse[1];
        in.readMap(1, false, name -> result[0] = switch (name) {
            case "Error" -> errorResponse(in.readText(MAX_NAME_BYTES));
            case "Attestation" -> new NsmResponse.Attestation(
                    readSingleField(in, "document", NsmTransport.RESPONSE_CAPACITY));
            case "GetRandom" -> new NsmResponse.GetRandom(readSingleField(in, "random", MAX_RANDOM_BYTES));
            case "ExtendPCR" -> new NsmResponse.ExtendPcr(readSingleField(in, "data", MAX_PCR_BYTES));
            case "DescribePCR" -> new NsmResponse.DescribePcr(readPcr(in));
            case "DescribeNSM" -> new NsmResponse.DescribeNsm(readDescription(in));
            default -> throw new CborException("\"" + name + "\" is not a known NSM response.");
        });
        if (result[0] == null) {
            throw new CborException("The response map is empty.");
        }
        return result[0];
    }

    private static NsmResponse errorResponse(String name) throws CborException {
        return new NsmResponse.Failed(NsmError.fromWireName(name).orElseThrow(
                () -> new CborException("\"" + name + "\" is not a known NSM error.")));
    }

    private static Bytes readSingleField(CborDecoder in, String field, int maxLength) throws CborException {
        byte[][] value = new byte[1][];
        in.readMap(MAX_BODY_ENTRIES, false, key -> {
            requireKey(key, field);
            value[0] = in.readBytes(maxLength);
        });
        return Bytes.of(require(value[0], field));
    }

    private static PcrValue readPcr(CborDecoder in) throws CborException {
        Boolean[] lock = new Boolean[1];
        byte[][] data = new byte[1][];
        in.readMap(MAX_BODY_ENTRIES, false, key -> {
            switch (key) {
                case "lock" -> lock[0] = in.readBoolean();
                case "data" -> data[0] = in.readBytes(MAX_PCR_BYTES);
                default -> throw unknownKey(key);
            }
        });
        return new PcrValue(require(lock[0], "lock"), Bytes.of(require(data[0], "data")));
    }

    private static NsmDescription readDescription(CborDecoder in) throws CborException {
        DescriptionFields fields = new DescriptionFields();
        in.readMap(MAX_BODY_ENTRIES, false, key -> {
            switch (key) {
                case "version_major" -> fields.versionMajor = readU16(in, key);
                case "version_minor" -> fields.versionMinor = readU16(in, key);
                case "version_patch" -> fields.versionPatch = readU16(in, key);
                case "module_id" -> fields.moduleId = in.readText(MAX_MODULE_ID_BYTES);
                case "max_pcrs" -> fields.maxPcrs = readU16(in, key);
                case "locked_pcrs" -> fields.lockedPcrs = readIndexList(in);
                case "digest" -> fields.digest = in.readText(MAX_NAME_BYTES);
                default -> throw unknownKey(key);
            }
        });
        return new NsmDescription(require(fields.versionMajor, "version_major"),
                require(fields.versionMinor, "version_minor"), require(fields.versionPatch, "version_patch"),
                require(fields.moduleId, "module_id"), require(fields.maxPcrs, "max_pcrs"),
                require(fields.lockedPcrs, "locked_pcrs"), require(fields.digest, "digest"));
    }

    private static final class DescriptionFields {
        Integer versionMajor;
        Integer versionMinor;
        Integer versionPatch;
        String moduleId;
        Integer maxPcrs;
        TreeSet<Integer> lockedPcrs;
        String digest;
    }

    private static TreeSet<Integer> readIndexList(CborDecoder in) throws CborException {
        TreeSet<Integer> indexes = new TreeSet<>();
        long count = in.readArrayStart();
        for (long i = 0; count == CborDecoder.INDEFINITE ? !in.readBreakIfPresent() : i < count; i++) {
            if (i >= MAX_LOCKED_PCRS) {
                throw new CborException("locked_pcrs has more than " + MAX_LOCKED_PCRS + " entries.");
            }
            indexes.add(readU16(in, "locked_pcrs entry"));
        }
        return indexes;
    }

    private static int readU16(CborDecoder in, String field) throws CborException {
        long value = in.readUnsigned();
        if (value > MAX_U16) {
            throw new CborException(field + " is " + value + "; it must fit in 16 bits.");
        }
        return (int) value;
    }

    private static NsmRequest unitRequest(String name) throws CborException {
        return switch (name) {
            case "DescribeNSM" -> new NsmRequest.DescribeNsm();
            case "GetRandom" -> new NsmRequest.GetRandom();
            default -> throw new CborException("\"" + name + "\" is not an NSM request without fields.");
        };
    }

    private static NsmRequest taggedRequest(CborDecoder in) throws CborException, NsmErrorException {
        NsmRequest[] result = new NsmRequest[1];
        RequestFields fields = new RequestFields();
        in.<NsmErrorException>readMap(1, false, name -> {
            in.<NsmErrorException>readMap(MAX_BODY_ENTRIES, false, key -> fields.read(in, key));
            result[0] = fields.toRequest(name);
        });
        if (result[0] == null) {
            throw new CborException("The request map is empty.");
        }
        return result[0];
    }

    /** The fields of any request; serde ignores fields it does not know, and so does the NSM. */
    private static final class RequestFields {
        Long index;
        Long range;
        byte[] data;
        byte[] userData;
        byte[] nonce;
        byte[] publicKey;

        void read(CborDecoder in, String key) throws CborException, NsmErrorException {
            switch (key) {
                case "index" -> index = in.readUnsigned();
                case "range" -> range = in.readUnsigned();
                case "data" -> data = in.readBytes(NsmTransport.MAX_REQUEST_SIZE);
                case "user_data" -> userData = optionalField(in, key);
                case "nonce" -> nonce = optionalField(in, key);
                case "public_key" -> publicKey = optionalField(in, key);
                default -> in.skip(MAX_SKIP_DEPTH);
            }
        }

        NsmRequest toRequest(String name) throws CborException, NsmErrorException {
            return switch (name) {
                case "DescribePCR" -> new NsmRequest.DescribePcr(u16(index, "index"));
                case "ExtendPCR" -> new NsmRequest.ExtendPcr(u16(index, "index"), Bytes.of(require(data, "data")));
                case "LockPCR" -> new NsmRequest.LockPcr(u16(index, "index"));
                case "LockPCRs" -> new NsmRequest.LockPcrs(u16(range, "range"));
                case "Attestation" -> NsmRequest.Attestation.of(userData, nonce, publicKey);
                default -> throw new CborException("\"" + name + "\" is not a known NSM request.");
            };
        }

        private static byte[] optionalField(CborDecoder in, String key) throws CborException,
                NsmErrorException {
            if (in.readNullIfPresent()) {
                return null;
            }
            byte[] value = in.readBytes(NsmTransport.MAX_REQUEST_SIZE);
            if (value.length > NsmRequest.MAX_ATTESTATION_FIELD) {
                throw new NsmErrorException(NsmError.INPUT_TOO_LARGE, "The " + key + " is " + value.length
                        + " bytes; at most " + NsmRequest.MAX_ATTESTATION_FIELD + " are accepted.");
            }
            return value;
        }

        private static int u16(Long value, String field) throws CborException, NsmErrorException {
            require(value, field);
            if (value > MAX_U16) {
                throw new NsmErrorException(NsmError.INVALID_ARGUMENT, "The " + field + " " + value
                        + " does not fit in 16 bits.");
            }
            return value.intValue();
        }
    }

    private static void requireKey(String key, String expected) throws CborException {
        if (!key.equals(expected)) {
            throw unknownKey(key);
        }
    }

    private static CborException unknownKey(String key) {
        return new CborException("The key \"" + key + "\" is not part of this message.");
    }

    private static <T> T require(T value, String field) throws CborException {
        if (value == null) {
            throw new CborException("The field \"" + field + "\" is missing.");
        }
        return value;
    }
}
