package dev.nitroattest.testkit;

import java.util.Base64;

/** PEM armour for certificates, as the test kit writes them and tools read them. */
public final class Pem {
    private Pem() {}

    /** "-----BEGIN CERTIFICATE-----", base64 in lines of 64 characters, "-----END CERTIFICATE-----", newline-ended. */
    public static String certificate(byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }
}
