package dev.nitroattest.cli.tls;

import dev.nitroattest.cli.UserError;

/**
 * The server to connect to.
 *
 * @param host a DNS name or an IP literal (IPv6 without brackets)
 * @param port 1 to 65535
 */
record Target(String host, int port) {

    /**
     * Parses {@code HOST:PORT}, with brackets around an IPv6 host.
     *
     * @throws UserError a usage error, in one sentence
     */
    static Target parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        String digits = colon > 0 ? text.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = "";
        }
        if (host.isEmpty() || digits.isEmpty() || digits.length() > 5
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 0xffff) {
            throw UserError.usage("the server \"" + text + "\" is not HOST:PORT with a port from 1 to 65535, e.g. "
                    + "enclave.example:8443 or [2001:db8::1]:8443.");
        }
        return new Target(host, Integer.parseInt(digits));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
