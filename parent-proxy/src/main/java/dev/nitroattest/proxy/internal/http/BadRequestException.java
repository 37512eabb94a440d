package dev.nitroattest.proxy.internal.http;

import java.util.Objects;

/** The client's request is wrong; the message is the one sentence it gets back. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ProxyError error;

    BadRequestException(ProxyError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    ProxyError error() {
        return error;
    }
}
