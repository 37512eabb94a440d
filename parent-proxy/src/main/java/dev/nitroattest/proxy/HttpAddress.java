package dev.nitroattest.proxy;

import java.util.Objects;

/**
 * Where the HTTP API listens: a host (name or IP literal, IPv6 in brackets) and a port; port 0 lets the kernel pick
 * one, which {@link ParentProxy#httpPort()} then tells.
 */
public record HttpAddress(String host, int port) {

    public HttpAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The HTTP host is empty; give one such as 127.0.0.1 or 0.0.0.0.");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("HTTP ports go from 0 to 65535; " + port + " was given.");
        }
    }

    /**
     * Parses {@code HOST:PORT} ({@code [::1]:8080} for IPv6).
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static HttpAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not HOST:PORT, e.g. 127.0.0.1:8080.");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\" has an IPv6 host; put it in brackets, e.g. "
                    + "[::1]:8080.");
        }
        String digits = text.substring(colon + 1);
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" has the port \"" + digits
                    + "\", which is not a number from 0 to 65535.");
        }
        return new HttpAddress(host, Integer.parseInt(digits));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
