package dev.nitroattest.eif;

import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborHead;
import dev.nitroattest.cbor.CborReader;
import dev.nitroattest.cbor.CborScanner;
import dev.nitroattest.cbor.CborToken;
import dev.nitroattest.text.PemText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the signing certificate out of an EIF signature section: a CBOR array of maps, each with a
 * "signing_certificate" (the certificate in PEM) and a "signature" (a COSE_Sign1 over a PCR), where
 * nitro-cli writes byte strings as arrays of small integers. PCR8 measures the first entry's certificate.
 */
final class SignatureSection {
    private static final String CERTIFICATE_KEY = "signing_certificate";

    private SignatureSection() {
    }

    static byte[] signingCertificateDer(byte[] section) throws EifFormatException {
        try {
            CborScanner.scan(section, 3, false);
            CborReader reader = new CborReader(section);
            if (reader.next() != CborToken.ARRAY_START || reader.next() != CborToken.MAP_START) {
                throw new EifFormatException("The signature section is not an array of signature entries.");
            }
            while (reader.next() == CborToken.KEY) {
                boolean isCertificate = reader.keyMajorType() == CborHead.TEXT && CERTIFICATE_KEY.equals(reader.text());
                CborToken value = reader.next();
                if (isCertificate) {
                    return toDer(byteString(reader, value));
                }
                reader.skipValue();
            }
            throw new EifFormatException("The signature section's first entry has no signing_certificate.");
        } catch (CborException e) {
            throw new EifFormatException("The signature section is not well-formed CBOR: " + e.getMessage() + ".");
        }
    }

    /** A byte string, or the array of integers 0..255 that serde writes for one. */
    private static byte[] byteString(CborReader reader, CborToken value) throws CborException, EifFormatException {
        if (value == CborToken.BYTES) {
            return reader.bytes();
        }
        if (value != CborToken.ARRAY_START) {
            throw new EifFormatException("The signing_certificate is neither a byte string nor an array of bytes.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        CborToken element;
        while ((element = reader.next()) != CborToken.END) {
            // Only an unsigned integer's head carries a value to read; any other item is already the wrong thing.
            if (element != CborToken.UNSIGNED || reader.integerArgument() > 255) {
                throw new EifFormatException("The signing_certificate array holds something other than bytes.");
            }
            out.write((int) reader.integerArgument());
        }
        return out.toByteArray();
    }

    private static byte[] toDer(byte[] certificate) throws EifFormatException {
        String text = new String(certificate, StandardCharsets.US_ASCII);
        if (!PemText.containsBlock(text, "CERTIFICATE")) {
            // Not PEM: take it as DER, as a tool other than nitro-cli may write it.
            return certificate;
        }
        try {
            return PemText.contents(text, "CERTIFICATE").get(0);
        } catch (PemText.Malformed e) {
            throw new EifFormatException("The signing certificate's PEM " + e.getMessage() + ".");
        }
    }
}
