package dev.nitroattest.testkit.internal;

import dev.nitroattest.testkit.CborWriter;

/**
 * The four items of a COSE_Sign1 before they are put together: the protected header (the content of its byte
 * string), the unprotected header (an encoded item), the payload and the signature.
 */
public record CoseParts(byte[] protectedHeader, byte[] unprotectedHeader, byte[] payload, byte[] signature) {

    /** The COSE_Sign1 array, with tag 18 in front when tagged. */
    public byte[] encode(boolean tagged) {
        CborWriter writer = new CborWriter();
        if (tagged) {
            writer.tag(18);
        }
        return writer.startArray(4)
                .bytes(protectedHeader)
                .raw(unprotectedHeader)
                .bytes(payload)
                .bytes(signature)
                .toByteArray();
    }
}
