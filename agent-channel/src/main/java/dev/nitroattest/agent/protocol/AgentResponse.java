package dev.nitroattest.agent.protocol;

import dev.nitroattest.bytes.Bytes;
import java.util.List;
import java.util.Objects;

/** The responses the agent sends: one success shape per request, and {@link Failure}. */
public sealed interface AgentResponse {

    /** {@code {"ok": true, "document": bstr}}: the NSM's signed attestation document. */
    record Document(Bytes document) implements AgentResponse {
        /** Copies the document. */
        public Document {
            Objects.requireNonNull(document, "document");
        }
    }

    /** {@code {"ok": true, "index": uint, "locked": bool, "data": bstr}}. */
    record Pcr(int index, boolean locked, Bytes data) implements AgentResponse {
        /** Checks that the value is present. */
        public Pcr {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@code {"ok": true, "module_id": text, "max_pcrs": uint, "locked_pcrs": [uint], "digest": text,
     * "version": text}}.
     */
    record NsmInfo(String moduleId, int maxPcrs, List<Integer> lockedPcrs, String digest, String version)
            implements AgentResponse {
        /** Checks that every component is present. */
        public NsmInfo {
            Objects.requireNonNull(moduleId, "moduleId");
            lockedPcrs = List.copyOf(lockedPcrs);
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(version, "version");
        }
    }

    /** {@code {"ok": true}}: the answer to health. */
    record Healthy() implements AgentResponse {}

    /** {@code {"ok": false, "error": CODE, "message": text}}. */
    record Failure(AgentErrorCode code, String message) implements AgentResponse {
        /** Checks that the code and message are present. */
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
