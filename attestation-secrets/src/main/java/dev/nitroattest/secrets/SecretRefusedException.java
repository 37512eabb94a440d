package dev.nitroattest.secrets;

import java.util.Objects;

/** A secret was not sealed or opened: a stable reason and one sentence saying what is wrong. */
public final class SecretRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The stable reason. */
    private final SecretRefusal reason;

    SecretRefusedException(SecretRefusal reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, null, false, false);
        this.reason = reason;
    }

    /** The stable reason. */
    public SecretRefusal reason() {
        return reason;
    }
}
