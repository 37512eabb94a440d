package dev.nitroattest.vsock;

/** Parses the three endpoint forms, failing with one sentence that quotes the text. */
final class EndpointParser {
    private static final String FORMS = "vsock:PORT, vsock:CID:PORT or tcp:HOST:PORT";

    private EndpointParser() {}

    static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An endpoint is needed: " + FORMS + ".");
        }
        if (text.startsWith("vsock:")) {
            String[] parts = text.substring("vsock:".length()).split(":", -1);
            if (parts.length == 1) {
                return new VsockListenEndpoint(number(parts[0], "port", text));
            }
            if (parts.length == 2) {
                return new VsockConnectEndpoint(number(parts[0], "CID", text), number(parts[1], "port", text));
            }
        } else if (text.startsWith("tcp:")) {
            String rest = text.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                String host = rest.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                long port = number(rest.substring(colon + 1), "port", text);
                if (port > 0xffff) {
                    throw new IllegalArgumentException("\"" + text + "\" has TCP port " + port + "; ports go up to 65535.");
                }
                if (!host.isEmpty()) {
                    return new TcpEndpoint(host, (int) port);
                }
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not an endpoint; use " + FORMS + ".");
    }

    private static long number(String digits, String what, String text) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" has the " + what + " \"" + digits
                    + "\", which is not a decimal number.");
        }
        long value = Long.parseLong(digits);
        if (value > 0xffffffffL) {
            throw new IllegalArgumentException("\"" + text + "\" has the " + what + " " + value
                    + ", which does not fit in 32 bits.");
        }
        return value;
    }
}
