package dev.nitroattest.testkit;

import dev.nitroattest.testkit.CborTestReader.CborArray;
import dev.nitroattest.testkit.CborTestReader.CborMap;
import dev.nitroattest.testkit.CborTestReader.Tagged;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

/** Reads documents the way a verifier would, with the JDK's own crypto, to check what the kit builds. */
final class TestDocuments {
    private TestDocuments() {}

    /** A decoded COSE_Sign1 and its payload map. */
    record Cose(
            boolean tagged, byte[] protectedHeader, Object unprotectedHeader, byte[] payloadBytes, byte[] signature) {
        CborMap payload() {
            return (CborMap) CborTestReader.decode(payloadBytes);
        }

        byte[] certificate() {
            return (byte[]) payload().get("certificate");
        }

        List<byte[]> cabundle() {
            return ((CborArray) payload().get("cabundle")).items().stream().map(byte[].class::cast).toList();
        }
    }

    static Cose parse(byte[] document) {
        Object item = CborTestReader.decode(document);
        boolean tagged = false;
        if (item instanceof Tagged tag) {
            if (tag.tag() != 18) {
                throw new AssertionError("tag " + tag.tag());
            }
            tagged = true;
            item = tag.item();
        }
        List<Object> items = ((CborArray) item).items();
        if (items.size() != 4) {
            throw new AssertionError("COSE array of " + items.size());
        }
        return new Cose(tagged, (byte[]) items.get(0), items.get(1), (byte[]) items.get(2), (byte[]) items.get(3));
    }

    /** Whether the COSE signature verifies with the certificate field's key, over the standard Sig_structure. */
    static boolean coseSignatureVerifies(byte[] document) {
        Cose cose = parse(document);
        PublicKey key = certificate(cose.certificate()).getPublicKey();
        return verifyP1363("SHA384withECDSAinP1363Format", key,
                DocumentBuilder.sigStructure(cose.protectedHeader(), cose.payloadBytes()), cose.signature());
    }

    static boolean verifyP1363(String algorithm, PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static PublicKey publicKey(EcKeyPair key) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.subjectPublicKeyInfo()));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
