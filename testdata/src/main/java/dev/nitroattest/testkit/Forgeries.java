package dev.nitroattest.testkit;

import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.DIGITAL_SIGNATURE;
import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.KEY_CERT_SIGN;
import static dev.nitroattest.testkit.CertificateSpec.KeyUsageBit.NON_REPUDIATION;
import static dev.nitroattest.testkit.DocumentBuilder.CABUNDLE;
import static dev.nitroattest.testkit.DocumentBuilder.CERTIFICATE;
import static dev.nitroattest.testkit.DocumentBuilder.DIGEST;
import static dev.nitroattest.testkit.DocumentBuilder.MODULE_ID;
import static dev.nitroattest.testkit.DocumentBuilder.NITROTPM_PCRS;
import static dev.nitroattest.testkit.DocumentBuilder.NONCE;
import static dev.nitroattest.testkit.DocumentBuilder.PCRS;
import static dev.nitroattest.testkit.DocumentBuilder.TIMESTAMP;
import static dev.nitroattest.testkit.ForgedDocument.BAD_SIGNATURE;
import static dev.nitroattest.testkit.ForgedDocument.INVALID_FIELD;
import static dev.nitroattest.testkit.ForgedDocument.MALFORMED;
import static dev.nitroattest.testkit.ForgedDocument.TOO_LARGE;
import static dev.nitroattest.testkit.ForgedDocument.UNSUPPORTED_ALGORITHM;
import static dev.nitroattest.testkit.ForgedDocument.UNTRUSTED_CHAIN;

import dev.nitroattest.testkit.internal.Bytes;
import dev.nitroattest.testkit.internal.CoseParts;
import dev.nitroattest.testkit.internal.Digests;
import dev.nitroattest.testkit.internal.Pcrs;
import dev.nitroattest.testkit.internal.RawSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;

/**
 * Documents that are correct in every respect but one, each with the reason code a verifier must reject it with.
 * Every case is built from the given PKI and is meant to be verified at {@link TestPki#documentTime()} with
 * {@link TestPki#root()} as the only trust anchor and a policy that accepts any enclave image. Each case has its
 * own factory method, whose name is the case's {@link ForgedDocument#name()}; {@link #all} returns them all.
 * <p>The helpers {@link #withHighS} and {@link #withLowS} are not forgeries: they give another valid signature.
 */
public final class Forgeries {
    private static final byte[] NULL = {(byte) 0xf6};
    private static final String UNKNOWN_EXTENSION_OID = "1.3.6.1.4.1.99999.1";
    private static final String PADDING_EXTENSION_OID = "1.3.6.1.4.1.99999.2";
    private static final byte[] DER_NULL = {0x05, 0x00};
    private static final int FIELD_LIMIT = 1024;
    private static final int DOCUMENT_LIMIT = 16 * 1024;

    private Forgeries() {}

    /** Every case, in a fixed order: envelope, algorithm, signature, chain, field and payload-structure cases. */
    public static List<ForgedDocument> all(TestPki pki) {
        return List.of(
                coseTag19(pki), coseTag18Twice(pki), coseArrayOf3(pki), coseArrayOf5(pki), coseMapInsteadOfArray(pki),
                payloadAsTextString(pki), payloadNull(pki), algInUnprotectedHeader(pki),
                nonEmptyUnprotectedHeader(pki), criticalHeadersInProtectedHeader(pki), protectedHeaderWithoutAlg(pki),
                signature64Bytes(pki), signature95Bytes(pki), signature97Bytes(pki), signatureEmpty(pki),
                signatureDerEncoded(pki), signatureAllZero(pki), signatureRZero(pki), signatureSEqualsOrder(pki),
                signatureREqualsOrder(pki), signatureROrderPlusOne(pki), trailingByteAfterDocument(pki),
                truncatedByOneByte(pki), truncatedByHalf(pki),

                es256WithP256Leaf(pki), es512Header(pki), digestSha256(pki), leafWithP521Key(pki),
                leafWithP256Key(pki), intermediateSignedWithSha256(pki),

                payloadChangedAfterSigning(pki), signedByAnotherKey(pki),
                signedOverIndefiniteSigStructure(pki), signedWithContextSignature(pki),
                signedWithExternalAad(pki),

                selfSignedAnchorInBundle(pki), leafNeverChained(pki), selfSignedLeafNeverChained(pki),
                attackerCaAppendedToBundle(pki), intermediatesInWrongOrder(pki), intermediateNotCa(pki),
                pathLenViolated(pki), pathLenNegative(pki), caWithoutKeyCertSign(pki), unknownCriticalExtensionInLeaf(pki),
                unknownCriticalExtensionInIntermediate(pki), leafIsCa(pki), leafWithoutDigitalSignature(pki),
                leafIssuerNameMismatch(pki), leafCertificateSignatureCorrupted(pki),
                certificateWithTrailingByte(pki),

                moduleIdMissing(pki), moduleIdEmpty(pki), moduleIdByteString(pki), digestMissing(pki),
                timestampZero(pki), timestampNegative(pki), timestampTextString(pki), timestampHalfFloat(pki),
                pcrsMissing(pki), pcrsEmpty(pki), pcrs33Entries(pki), pcrIndex32(pki), pcr32Bytes(pki),
                pcrTextKey(pki), certificateMissing(pki), certificateEmpty(pki), certificate1025Bytes(pki),
                cabundleMissing(pki), cabundleEmpty(pki), cabundleEntryEmpty(pki), cabundleEntryTextString(pki),
                userData1025Bytes(pki), nonce1025Bytes(pki), publicKey1025Bytes(pki), pcrsAndNitroTpmPcrs(pki),
                nonceTextString(pki),

                payloadIsArray(pki), integerKeyInPayload(pki), duplicateNonceKey(pki), duplicatePcrIndex(pki),
                byteStringKeyInPayload(pki), taggedNonce(pki), deeplyNestedArrays(pki),
                byteStringLengthBeyondInput(pki), mapCountBeyondInput(pki), trailingBytesAfterPayload(pki),
                invalidUtf8ModuleId(pki),

                documentOver16KiB(pki));
    }

    // ---- Envelope: MALFORMED ----

    /** MALFORMED: tag 19 (COSE_Mac0) in front of the COSE array instead of 18. */
    public static ForgedDocument coseTag19(TestPki pki) {
        return forged("coseTag19", MALFORMED, "tag 19 (COSE_Mac0) in front of the COSE array instead of 18",
                Bytes.concat(Bytes.of(0xd3), genuine(pki).build()));
    }

    /** MALFORMED: tag 18 written twice in front of the COSE array. */
    public static ForgedDocument coseTag18Twice(TestPki pki) {
        return forged("coseTag18Twice", MALFORMED, "tag 18 written twice in front of the COSE array",
                Bytes.concat(Bytes.of(0xd2), genuine(pki).tagged(true).build()));
    }

    /** MALFORMED: a COSE array of 3 items: the signature is missing. */
    public static ForgedDocument coseArrayOf3(TestPki pki) {
        CoseParts parts = genuine(pki).buildParts();
        return forged("coseArrayOf3", MALFORMED, "a COSE array of 3 items: the signature is missing",
                new CborWriter().startArray(3).bytes(parts.protectedHeader()).raw(parts.unprotectedHeader())
                        .bytes(parts.payload()).toByteArray());
    }

    /** MALFORMED: a COSE array of 5 items: an empty byte string after the signature. */
    public static ForgedDocument coseArrayOf5(TestPki pki) {
        CoseParts parts = genuine(pki).buildParts();
        return forged("coseArrayOf5", MALFORMED, "a COSE array of 5 items: an empty byte string after the signature",
                new CborWriter().startArray(5).bytes(parts.protectedHeader()).raw(parts.unprotectedHeader())
                        .bytes(parts.payload()).bytes(parts.signature()).bytes(new byte[0]).toByteArray());
    }

    /** MALFORMED: the four COSE items in a map keyed 0 to 3, not an array. */
    public static ForgedDocument coseMapInsteadOfArray(TestPki pki) {
        CoseParts parts = genuine(pki).buildParts();
        return forged("coseMapInsteadOfArray", MALFORMED, "the four COSE items in a map keyed 0 to 3, not an array",
                new CborWriter().startMap(4)
                        .uint(0).bytes(parts.protectedHeader())
                        .uint(1).raw(parts.unprotectedHeader())
                        .uint(2).bytes(parts.payload())
                        .uint(3).bytes(parts.signature())
                        .toByteArray());
    }

    /** MALFORMED: the payload's bytes written as a text string. */
    public static ForgedDocument payloadAsTextString(TestPki pki) {
        CoseParts parts = genuine(pki).buildParts();
        byte[] payloadItem = new CborWriter().bytes(parts.payload()).toByteArray();
        payloadItem[0] += 0x20; // major type 2 (byte string) becomes 3 (text string), same length
        return forged("payloadAsTextString", MALFORMED, "the payload's bytes written as a text string",
                envelope(parts, payloadItem));
    }

    /** MALFORMED: the payload is null (a detached payload). */
    public static ForgedDocument payloadNull(TestPki pki) {
        CoseParts parts = genuine(pki).buildParts();
        return forged("payloadNull", MALFORMED, "the payload is null (a detached payload)", envelope(parts, NULL));
    }

    /** MALFORMED: an empty protected header and the alg {1: -35} in the unprotected header, where nothing signs it. */
    public static ForgedDocument algInUnprotectedHeader(TestPki pki) {
        return forged("algInUnprotectedHeader", MALFORMED,
                "an empty protected header and the alg {1: -35} in the unprotected header, where nothing signs it",
                genuine(pki).protectedHeader(new byte[0]).unprotectedHeader(Bytes.of(0xa1, 0x01, 0x38, 0x22)).build());
    }

    /** MALFORMED: an unprotected header {4: h'01'} (a kid). */
    public static ForgedDocument nonEmptyUnprotectedHeader(TestPki pki) {
        return forged("nonEmptyUnprotectedHeader", MALFORMED, "an unprotected header {4: h'01'} (a kid)",
                genuine(pki).unprotectedHeader(Bytes.of(0xa1, 0x04, 0x41, 0x01)).build());
    }

    /** MALFORMED: a protected header {1: -35, 2: [99]} that marks an unknown header critical. */
    public static ForgedDocument criticalHeadersInProtectedHeader(TestPki pki) {
        return forged("criticalHeadersInProtectedHeader", MALFORMED,
                "a protected header {1: -35, 2: [99]} that marks an unknown header critical",
                genuine(pki).protectedHeader(Bytes.of(0xa2, 0x01, 0x38, 0x22, 0x02, 0x81, 0x18, 0x63)).build());
    }

    /** MALFORMED: a protected header that is an empty map: no alg. */
    public static ForgedDocument protectedHeaderWithoutAlg(TestPki pki) {
        return forged("protectedHeaderWithoutAlg", MALFORMED, "a protected header that is an empty map: no alg",
                genuine(pki).protectedHeader(Bytes.of(0xa0)).build());
    }

    /** MALFORMED: a signature of 64 bytes (the first 64 of a valid one). */
    public static ForgedDocument signature64Bytes(TestPki pki) {
        return withSignatureBytes(pki, "signature64Bytes", "a signature of 64 bytes (the first 64 of a valid one)",
                signature -> Arrays.copyOf(signature, 64));
    }

    /** MALFORMED: a signature of 95 bytes (a valid one without its last byte). */
    public static ForgedDocument signature95Bytes(TestPki pki) {
        return withSignatureBytes(pki, "signature95Bytes",
                "a signature of 95 bytes (a valid one without its last byte)",
                signature -> Arrays.copyOf(signature, 95));
    }

    /** MALFORMED: a signature of 97 bytes (a valid one and a zero byte). */
    public static ForgedDocument signature97Bytes(TestPki pki) {
        return withSignatureBytes(pki, "signature97Bytes", "a signature of 97 bytes (a valid one and a zero byte)",
                signature -> Arrays.copyOf(signature, 97));
    }

    /** MALFORMED: a signature of 0 bytes. */
    public static ForgedDocument signatureEmpty(TestPki pki) {
        return withSignatureBytes(pki, "signatureEmpty", "a signature of 0 bytes", signature -> new byte[0]);
    }

    /** MALFORMED: the valid signature DER-encoded instead of r || s. */
    public static ForgedDocument signatureDerEncoded(TestPki pki) {
        return withSignatureBytes(pki, "signatureDerEncoded", "the valid signature DER-encoded instead of r || s",
                signature -> RawSignature.parse(signature).toDer());
    }

    /** MALFORMED: r = s = 0, 96 zero bytes (CVE-2022-21449). */
    public static ForgedDocument signatureAllZero(TestPki pki) {
        return forged("signatureAllZero", MALFORMED, "r = s = 0, 96 zero bytes (CVE-2022-21449)",
                genuine(pki).signature(new byte[96]).build());
    }

    /** MALFORMED: r = 0 with the valid s. */
    public static ForgedDocument signatureRZero(TestPki pki) {
        return withSignatureValues(pki, "signatureRZero", "r = 0 with the valid s",
                rs -> rs.withR(BigInteger.ZERO));
    }

    /** MALFORMED: s = n, the P-384 group order, with the valid r. */
    public static ForgedDocument signatureSEqualsOrder(TestPki pki) {
        return withSignatureValues(pki, "signatureSEqualsOrder",
                "s = n, the P-384 group order, with the valid r", rs -> rs.withS(EcCurve.P384.order()));
    }

    /** MALFORMED: r = n, the P-384 group order, with the valid s. */
    public static ForgedDocument signatureREqualsOrder(TestPki pki) {
        return withSignatureValues(pki, "signatureREqualsOrder",
                "r = n, the P-384 group order, with the valid s", rs -> rs.withR(EcCurve.P384.order()));
    }

    /** MALFORMED: r = n + 1 (1 modulo n) with the valid s. */
    public static ForgedDocument signatureROrderPlusOne(TestPki pki) {
        return withSignatureValues(pki, "signatureROrderPlusOne", "r = n + 1 (1 modulo n) with the valid s",
                rs -> rs.withR(EcCurve.P384.order().add(BigInteger.ONE)));
    }

    /** MALFORMED: one zero byte after the COSE array. */
    public static ForgedDocument trailingByteAfterDocument(TestPki pki) {
        return forged("trailingByteAfterDocument", MALFORMED, "one zero byte after the COSE array",
                Bytes.concat(genuine(pki).build(), new byte[1]));
    }

    /** MALFORMED: the document without its last byte. */
    public static ForgedDocument truncatedByOneByte(TestPki pki) {
        byte[] document = genuine(pki).build();
        return forged("truncatedByOneByte", MALFORMED, "the document without its last byte",
                Arrays.copyOf(document, document.length - 1));
    }

    /** MALFORMED: the first half of the document. */
    public static ForgedDocument truncatedByHalf(TestPki pki) {
        byte[] document = genuine(pki).build();
        return forged("truncatedByHalf", MALFORMED, "the first half of the document",
                Arrays.copyOf(document, document.length / 2));
    }

    // ---- UNSUPPORTED_ALGORITHM ----

    /**
     * UNSUPPORTED_ALGORITHM: ES256 in the protected header, signed with a P-256 leaf that the instance CA
     * certified.
     */
    public static ForgedDocument es256WithP256Leaf(TestPki pki) {
        EcKeyPair p256 = attackerKey(pki, EcCurve.P256, "P-256 leaf");
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.subjectKey(p256));
        return forged("es256WithP256Leaf", UNSUPPORTED_ALGORITHM,
                "ES256 in the protected header, signed with a P-256 leaf that the instance CA certified",
                genuine(pki).protectedHeader(Bytes.of(0xa1, 0x01, 0x26)).certificate(leaf.der()).signWith(p256)
                        .build());
    }

    /** UNSUPPORTED_ALGORITHM: ES512 {1: -36} in the protected header. */
    public static ForgedDocument es512Header(TestPki pki) {
        return forged("es512Header", UNSUPPORTED_ALGORITHM, "ES512 {1: -36} in the protected header",
                genuine(pki).protectedHeader(Bytes.of(0xa1, 0x01, 0x38, 0x23)).build());
    }

    /** UNSUPPORTED_ALGORITHM: digest "SHA256" in the payload. */
    public static ForgedDocument digestSha256(TestPki pki) {
        return forged("digestSha256", UNSUPPORTED_ALGORITHM, "digest \"SHA256\" in the payload",
                genuine(pki).digest("SHA256").build());
    }

    /**
     * UNSUPPORTED_ALGORITHM: a leaf certificate with a P-521 key, issued by the instance CA.
     * The document keeps a 96-byte ES384 signature by the genuine leaf key so that no length check fires first.
     */
    public static ForgedDocument leafWithP521Key(TestPki pki) {
        EcKeyPair key = attackerKey(pki, EcCurve.P521, "P-521 leaf");
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.subjectKey(key));
        return forged("leafWithP521Key", UNSUPPORTED_ALGORITHM,
                "a leaf certificate with a P-521 key, issued by the instance CA",
                genuine(pki).certificate(leaf.der()).build());
    }

    /**
     * UNSUPPORTED_ALGORITHM: a leaf certificate with a P-256 key, issued by the instance CA.
     * The document keeps a 96-byte ES384 signature by the genuine leaf key so that no length check fires first.
     */
    public static ForgedDocument leafWithP256Key(TestPki pki) {
        EcKeyPair key = attackerKey(pki, EcCurve.P256, "P-256 leaf");
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.subjectKey(key));
        return forged("leafWithP256Key", UNSUPPORTED_ALGORITHM,
                "a leaf certificate with a P-256 key, issued by the instance CA",
                genuine(pki).certificate(leaf.der()).build());
    }

    /** UNSUPPORTED_ALGORITHM: the zonal CA certificate signed with ecdsa-with-SHA256. */
    public static ForgedDocument intermediateSignedWithSha256(TestPki pki) {
        IssuedCertificate zonal = reissue(pki.zonal(),
                spec -> spec.signatureAlgorithm(CertificateSpec.SignatureAlgorithm.ECDSA_WITH_SHA256));
        return forged("intermediateSignedWithSha256", UNSUPPORTED_ALGORITHM,
                "the zonal CA certificate signed with ecdsa-with-SHA256",
                genuine(pki).cabundle(bundleWith(pki, 2, zonal)).build());
    }

    // ---- BAD_SIGNATURE ----

    /** BAD_SIGNATURE: one bit of PCR0 flipped after signing; the signature is the original one. */
    public static ForgedDocument payloadChangedAfterSigning(TestPki pki) {
        DocumentBuilder builder = genuine(pki);
        byte[] signature = builder.buildParts().signature();
        byte[] pcr0 = Pcrs.defaultValue(0);
        pcr0[0] ^= 0x01;
        return forged("payloadChangedAfterSigning", BAD_SIGNATURE,
                "one bit of PCR0 flipped after signing; the signature is the original one",
                builder.pcr(0, pcr0).signature(signature).build());
    }

    /** BAD_SIGNATURE: signed by a P-384 key other than the leaf's. */
    public static ForgedDocument signedByAnotherKey(TestPki pki) {
        return forged("signedByAnotherKey", BAD_SIGNATURE, "signed by a P-384 key other than the leaf's",
                genuine(pki).signWith(attackerKey(pki, EcCurve.P384, "another signer")).build());
    }

    /** BAD_SIGNATURE: signed over a Sig_structure written as an indefinite-length array (the Kotlin verifier's bug). */
    public static ForgedDocument signedOverIndefiniteSigStructure(TestPki pki) {
        return forged("signedOverIndefiniteSigStructure", BAD_SIGNATURE,
                "signed over a Sig_structure written as an indefinite-length array (the Kotlin verifier's bug)",
                genuine(pki).signOver((protectedHeader, payload) -> new CborWriter().startIndefiniteArray()
                        .text("Signature1").bytes(protectedHeader).bytes(new byte[0]).bytes(payload)
                        .breakIndefinite().toByteArray()).build());
    }

    /** BAD_SIGNATURE: signed over a Sig_structure whose context is "Signature" (COSE_Sign) instead of "Signature1". */
    public static ForgedDocument signedWithContextSignature(TestPki pki) {
        return forged("signedWithContextSignature", BAD_SIGNATURE,
                "signed over a Sig_structure whose context is \"Signature\" (COSE_Sign) instead of \"Signature1\"",
                genuine(pki).signOver((protectedHeader, payload) -> new CborWriter().startArray(4)
                        .text("Signature").bytes(protectedHeader).bytes(new byte[0]).bytes(payload)
                        .toByteArray()).build());
    }

    /** BAD_SIGNATURE: signed over a Sig_structure with a non-empty external_aad. */
    public static ForgedDocument signedWithExternalAad(TestPki pki) {
        return forged("signedWithExternalAad", BAD_SIGNATURE,
                "signed over a Sig_structure with a non-empty external_aad",
                genuine(pki).signOver((protectedHeader, payload) -> new CborWriter().startArray(4)
                        .text("Signature1").bytes(protectedHeader).bytes(utf8("external aad")).bytes(payload)
                        .toByteArray()).build());
    }

    // ---- UNTRUSTED_CHAIN ----

    /**
     * UNTRUSTED_CHAIN: cabundle[0] is a self-signed root with the pinned root's subject but another key, and the
     * whole chain is issued under it (the anchor is taken from the document).
     */
    public static ForgedDocument selfSignedAnchorInBundle(TestPki pki) {
        TestPki lookalike = TestPki.create(attackerSeed(pki, "lookalike root"), pki.leaf().notBefore());
        return forged("selfSignedAnchorInBundle", UNTRUSTED_CHAIN,
                "cabundle[0] is a self-signed root with the pinned root's subject but another key, and the whole "
                        + "chain is issued under it (the anchor is taken from the document)",
                DocumentBuilder.forPki(lookalike).timestamp(pki.documentTime()).build());
    }

    /**
     * UNTRUSTED_CHAIN: cabundle = [root] and a leaf that names the root as its issuer but is signed by an attacker
     * key (passes if the leaf is never chained). Only the leaf's certificate signature is wrong.
     */
    public static ForgedDocument leafNeverChained(TestPki pki) {
        EcKeyPair leafKey = attackerKey(pki, EcCurve.P384, "unchained leaf");
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.subjectKey(leafKey)
                .issuer(pki.root().subject()).issuerKey(attackerKey(pki, EcCurve.P384, "unchained issuer")));
        return forged("leafNeverChained", UNTRUSTED_CHAIN,
                "cabundle = [root] and a leaf that names the root as its issuer but is signed by an attacker key "
                        + "(passes if the leaf is never chained)",
                withRootOnlyBundle(pki, leafKey, leaf));
    }

    /**
     * UNTRUSTED_CHAIN: cabundle = [root] and a leaf signed by its own key that names the root as its issuer. Only
     * the leaf's certificate signature is wrong.
     */
    public static ForgedDocument selfSignedLeafNeverChained(TestPki pki) {
        EcKeyPair leafKey = attackerKey(pki, EcCurve.P384, "self-signed leaf");
        IssuedCertificate leaf = reissue(pki.leaf(),
                spec -> spec.subjectKey(leafKey).issuerKey(leafKey).issuer(pki.root().subject()));
        return forged("selfSignedLeafNeverChained", UNTRUSTED_CHAIN,
                "cabundle = [root] and a leaf signed by its own key that names the root as its issuer",
                withRootOnlyBundle(pki, leafKey, leaf));
    }

    /**
     * UNTRUSTED_CHAIN: a self-signed attacker CA appended to the cabundle and the leaf issued by it (passes if
     * cabundle certificates are added as anchors).
     */
    public static ForgedDocument attackerCaAppendedToBundle(TestPki pki) {
        EcKeyPair caKey = attackerKey(pki, EcCurve.P384, "appended CA");
        IssuedCertificate attackerCa = reissue(pki.root(), spec -> spec
                .subject("C=US, O=attacker, OU=TEST ONLY, CN=attacker-ca.nitro-enclaves")
                .issuer("C=US, O=attacker, OU=TEST ONLY, CN=attacker-ca.nitro-enclaves")
                .subjectKey(caKey)
                .issuerKey(caKey));
        EcKeyPair leafKey = attackerKey(pki, EcCurve.P384, "leaf under appended CA");
        IssuedCertificate leaf = reissue(pki.leaf(),
                spec -> spec.subjectKey(leafKey).issuerKey(caKey).issuer(attackerCa.subject()));
        List<byte[]> bundle = new ArrayList<>(pki.cabundle());
        bundle.add(attackerCa.der());
        return forged("attackerCaAppendedToBundle", UNTRUSTED_CHAIN,
                "a self-signed attacker CA appended to the cabundle and the leaf issued by it "
                        + "(passes if cabundle certificates are added as anchors)",
                DocumentBuilder.withSigner(leafKey, leaf.der(), bundle).moduleId(pki.moduleId()).build());
    }

    /** UNTRUSTED_CHAIN: cabundle = [root, zonal, regional, instance CA]. */
    public static ForgedDocument intermediatesInWrongOrder(TestPki pki) {
        return forged("intermediatesInWrongOrder", UNTRUSTED_CHAIN, "cabundle = [root, zonal, regional, instance CA]",
                genuine(pki).cabundle(List.of(pki.root().der(), pki.zonal().der(), pki.regional().der(),
                        pki.instanceCa().der())).build());
    }

    /** UNTRUSTED_CHAIN: the zonal CA certificate says CA:FALSE. */
    public static ForgedDocument intermediateNotCa(TestPki pki) {
        IssuedCertificate zonal = reissue(pki.zonal(), spec -> spec.endEntity(true));
        return forged("intermediateNotCa", UNTRUSTED_CHAIN, "the zonal CA certificate says CA:FALSE",
                genuine(pki).cabundle(bundleWith(pki, 2, zonal)).build());
    }

    /** UNTRUSTED_CHAIN: an extra CA below the instance CA (pathLen 0) and the leaf issued by it. */
    public static ForgedDocument pathLenViolated(TestPki pki) {
        EcKeyPair extraKey = attackerKey(pki, EcCurve.P384, "CA below the instance CA");
        IssuedCertificate extraCa = reissue(pki.instanceCa(), spec -> spec
                .subject("C=US, O=nitro-attest, OU=TEST ONLY, CN=extra-ca.us-test-1.test.nitro-enclaves")
                .issuer(pki.instanceCa().subject())
                .subjectKey(extraKey)
                .issuerKey(pki.instanceCa().key())
                .certificateAuthority(true));
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.issuer(extraCa.subject()).issuerKey(extraKey));
        List<byte[]> bundle = new ArrayList<>(pki.cabundle());
        bundle.add(extraCa.der());
        return forged("pathLenViolated", UNTRUSTED_CHAIN,
                "an extra CA below the instance CA (pathLen 0) and the leaf issued by it",
                genuine(pki).certificate(leaf.der()).cabundle(bundle).build());
    }

    /**
     * UNTRUSTED_CHAIN: the regional CA's pathLenConstraint is -1, which RFC 5280 does not allow (passes if a
     * negative pathLen is read as no limit).
     */
    public static ForgedDocument pathLenNegative(TestPki pki) {
        IssuedCertificate regional = reissue(pki.regional(), spec -> spec.certificateAuthority(-1, true));
        return forged("pathLenNegative", UNTRUSTED_CHAIN,
                "the regional CA's pathLenConstraint is -1, which RFC 5280 does not allow (passes if a negative "
                        + "pathLen is read as no limit)",
                genuine(pki).cabundle(bundleWith(pki, 1, regional)).build());
    }

    /** UNTRUSTED_CHAIN: the instance CA's keyUsage is digitalSignature only. */
    public static ForgedDocument caWithoutKeyCertSign(TestPki pki) {
        IssuedCertificate instanceCa = reissue(pki.instanceCa(), spec -> spec.keyUsage(true, DIGITAL_SIGNATURE));
        return forged("caWithoutKeyCertSign", UNTRUSTED_CHAIN, "the instance CA's keyUsage is digitalSignature only",
                genuine(pki).cabundle(bundleWith(pki, 3, instanceCa)).build());
    }

    /** UNTRUSTED_CHAIN: the leaf carries an unknown critical extension 1.3.6.1.4.1.99999.1. */
    public static ForgedDocument unknownCriticalExtensionInLeaf(TestPki pki) {
        IssuedCertificate leaf = reissue(pki.leaf(),
                spec -> spec.extraExtension(UNKNOWN_EXTENSION_OID, true, DER_NULL));
        return forged("unknownCriticalExtensionInLeaf", UNTRUSTED_CHAIN,
                "the leaf carries an unknown critical extension " + UNKNOWN_EXTENSION_OID,
                genuine(pki).certificate(leaf.der()).build());
    }

    /** UNTRUSTED_CHAIN: the zonal CA carries an unknown critical extension 1.3.6.1.4.1.99999.1. */
    public static ForgedDocument unknownCriticalExtensionInIntermediate(TestPki pki) {
        IssuedCertificate zonal = reissue(pki.zonal(),
                spec -> spec.extraExtension(UNKNOWN_EXTENSION_OID, true, DER_NULL));
        return forged("unknownCriticalExtensionInIntermediate", UNTRUSTED_CHAIN,
                "the zonal CA carries an unknown critical extension " + UNKNOWN_EXTENSION_OID,
                genuine(pki).cabundle(bundleWith(pki, 2, zonal)).build());
    }

    /** UNTRUSTED_CHAIN: the leaf says CA:TRUE. */
    public static ForgedDocument leafIsCa(TestPki pki) {
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.certificateAuthority(true));
        return forged("leafIsCa", UNTRUSTED_CHAIN, "the leaf says CA:TRUE",
                genuine(pki).certificate(leaf.der()).build());
    }

    /** UNTRUSTED_CHAIN: the leaf's keyUsage is nonRepudiation only. */
    public static ForgedDocument leafWithoutDigitalSignature(TestPki pki) {
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.keyUsage(false, NON_REPUDIATION));
        return forged("leafWithoutDigitalSignature", UNTRUSTED_CHAIN, "the leaf's keyUsage is nonRepudiation only",
                genuine(pki).certificate(leaf.der()).build());
    }

    /**
     * UNTRUSTED_CHAIN: the leaf's issuer name is not the instance CA's subject, though the instance CA's key signed
     * it.
     */
    public static ForgedDocument leafIssuerNameMismatch(TestPki pki) {
        IssuedCertificate leaf = reissue(pki.leaf(), spec -> spec.issuer(
                "C=US, ST=Washington, L=Seattle, O=nitro-attest, OU=TEST ONLY, "
                        + "CN=i-0fedcba9876543210.us-test-1.test.nitro-enclaves"));
        return forged("leafIssuerNameMismatch", UNTRUSTED_CHAIN,
                "the leaf's issuer name is not the instance CA's subject, though the instance CA's key signed it",
                genuine(pki).certificate(leaf.der()).build());
    }

    /** UNTRUSTED_CHAIN: the last bit of the leaf certificate's signature flipped. */
    public static ForgedDocument leafCertificateSignatureCorrupted(TestPki pki) {
        byte[] leaf = pki.leaf().der();
        leaf[leaf.length - 1] ^= 0x01; // the last byte of s: the DER structure stays intact
        return forged("leafCertificateSignatureCorrupted", UNTRUSTED_CHAIN,
                "the last bit of the leaf certificate's signature flipped",
                genuine(pki).certificate(leaf).build());
    }

    /** UNTRUSTED_CHAIN: the leaf certificate's DER followed by a zero byte. */
    public static ForgedDocument certificateWithTrailingByte(TestPki pki) {
        return forged("certificateWithTrailingByte", UNTRUSTED_CHAIN,
                "the leaf certificate's DER followed by a zero byte",
                genuine(pki).certificate(Bytes.concat(pki.leaf().der(), new byte[1])).build());
    }

    // ---- INVALID_FIELD ----

    /** INVALID_FIELD: no module_id. */
    public static ForgedDocument moduleIdMissing(TestPki pki) {
        return forged("moduleIdMissing", INVALID_FIELD, "no module_id", genuine(pki).omit(MODULE_ID).build());
    }

    /** INVALID_FIELD: module_id is "". */
    public static ForgedDocument moduleIdEmpty(TestPki pki) {
        return forged("moduleIdEmpty", INVALID_FIELD, "module_id is \"\"", genuine(pki).moduleId("").build());
    }

    /** INVALID_FIELD: module_id is a byte string. */
    public static ForgedDocument moduleIdByteString(TestPki pki) {
        return forged("moduleIdByteString", INVALID_FIELD, "module_id is a byte string",
                genuine(pki).rawField(MODULE_ID, new CborWriter().bytes(utf8(pki.moduleId())).toByteArray()).build());
    }

    /** INVALID_FIELD: no digest. */
    public static ForgedDocument digestMissing(TestPki pki) {
        return forged("digestMissing", INVALID_FIELD, "no digest", genuine(pki).omit(DIGEST).build());
    }

    /** INVALID_FIELD: timestamp 0. */
    public static ForgedDocument timestampZero(TestPki pki) {
        return forged("timestampZero", INVALID_FIELD, "timestamp 0", genuine(pki).timestampMillis(0).build());
    }

    /** INVALID_FIELD: timestamp -1 (a CBOR negative integer). */
    public static ForgedDocument timestampNegative(TestPki pki) {
        return forged("timestampNegative", INVALID_FIELD, "timestamp -1 (a CBOR negative integer)",
                genuine(pki).rawField(TIMESTAMP, new CborWriter().negative(-1).toByteArray()).build());
    }

    /** INVALID_FIELD: timestamp as a text string of the milliseconds. */
    public static ForgedDocument timestampTextString(TestPki pki) {
        return forged("timestampTextString", INVALID_FIELD, "timestamp as a text string of the milliseconds",
                genuine(pki).rawField(TIMESTAMP, new CborWriter()
                        .text(Long.toString(pki.documentTime().toEpochMilli())).toByteArray()).build());
    }

    /** INVALID_FIELD: timestamp as a half-precision float (65504.0). */
    public static ForgedDocument timestampHalfFloat(TestPki pki) {
        return forged("timestampHalfFloat", INVALID_FIELD, "timestamp as a half-precision float (65504.0)",
                genuine(pki).rawField(TIMESTAMP, Bytes.of(0xf9, 0x7b, 0xff)).build());
    }

    /** INVALID_FIELD: no pcrs. */
    public static ForgedDocument pcrsMissing(TestPki pki) {
        return forged("pcrsMissing", INVALID_FIELD, "no pcrs", genuine(pki).omit(PCRS).build());
    }

    /** INVALID_FIELD: pcrs is an empty map. */
    public static ForgedDocument pcrsEmpty(TestPki pki) {
        return forged("pcrsEmpty", INVALID_FIELD, "pcrs is an empty map", genuine(pki).pcrCount(0).build());
    }

    /** INVALID_FIELD: 33 PCRs, indexes 0 to 32. */
    public static ForgedDocument pcrs33Entries(TestPki pki) {
        return forged("pcrs33Entries", INVALID_FIELD, "33 PCRs, indexes 0 to 32", genuine(pki).pcrCount(33).build());
    }

    /** INVALID_FIELD: PCRs 0 to 15 and PCR32. */
    public static ForgedDocument pcrIndex32(TestPki pki) {
        return forged("pcrIndex32", INVALID_FIELD, "PCRs 0 to 15 and PCR32",
                genuine(pki).pcr(32, new byte[Pcrs.LENGTH]).build());
    }

    /** INVALID_FIELD: PCR0 of 32 bytes where SHA384 makes them 48. */
    public static ForgedDocument pcr32Bytes(TestPki pki) {
        return forged("pcr32Bytes", INVALID_FIELD, "PCR0 of 32 bytes where SHA384 makes them 48",
                genuine(pki).pcr(0, Arrays.copyOf(Pcrs.defaultValue(0), 32)).build());
    }

    /** INVALID_FIELD: PCR0 keyed by the text "0" instead of the integer 0. */
    public static ForgedDocument pcrTextKey(TestPki pki) {
        CborWriter pcrs = new CborWriter().startMap(16).text("0").bytes(Pcrs.defaultValue(0));
        for (int index = 1; index < 16; index++) {
            pcrs.uint(index).bytes(Pcrs.defaultValue(index));
        }
        return forged("pcrTextKey", INVALID_FIELD, "PCR0 keyed by the text \"0\" instead of the integer 0",
                genuine(pki).rawField(PCRS, pcrs.toByteArray()).build());
    }

    /** INVALID_FIELD: no certificate. */
    public static ForgedDocument certificateMissing(TestPki pki) {
        return forged("certificateMissing", INVALID_FIELD, "no certificate", genuine(pki).omit(CERTIFICATE).build());
    }

    /** INVALID_FIELD: certificate is an empty byte string. */
    public static ForgedDocument certificateEmpty(TestPki pki) {
        return forged("certificateEmpty", INVALID_FIELD, "certificate is an empty byte string",
                genuine(pki).certificate(new byte[0]).build());
    }

    /**
     * INVALID_FIELD: a valid leaf certificate of 1025 bytes (padded with a non-critical extension); the limit is
     * 1024.
     */
    public static ForgedDocument certificate1025Bytes(TestPki pki) {
        return forged("certificate1025Bytes", INVALID_FIELD,
                "a valid leaf certificate of 1025 bytes (padded with a non-critical extension); the limit is 1024",
                genuine(pki).certificate(leafOfSize(pki, FIELD_LIMIT + 1)).build());
    }

    /** INVALID_FIELD: no cabundle. */
    public static ForgedDocument cabundleMissing(TestPki pki) {
        return forged("cabundleMissing", INVALID_FIELD, "no cabundle", genuine(pki).omit(CABUNDLE).build());
    }

    /** INVALID_FIELD: cabundle is an empty array. */
    public static ForgedDocument cabundleEmpty(TestPki pki) {
        return forged("cabundleEmpty", INVALID_FIELD, "cabundle is an empty array",
                genuine(pki).cabundle(List.of()).build());
    }

    /** INVALID_FIELD: an empty byte string appended to the cabundle. */
    public static ForgedDocument cabundleEntryEmpty(TestPki pki) {
        List<byte[]> bundle = new ArrayList<>(pki.cabundle());
        bundle.add(new byte[0]);
        return forged("cabundleEntryEmpty", INVALID_FIELD, "an empty byte string appended to the cabundle",
                genuine(pki).cabundle(bundle).build());
    }

    /** INVALID_FIELD: a text string appended to the cabundle. */
    public static ForgedDocument cabundleEntryTextString(TestPki pki) {
        CborWriter bundle = new CborWriter().startArray(5);
        pki.cabundle().forEach(bundle::bytes);
        bundle.text("not a certificate");
        return forged("cabundleEntryTextString", INVALID_FIELD, "a text string appended to the cabundle",
                genuine(pki).rawField(CABUNDLE, bundle.toByteArray()).build());
    }

    /** INVALID_FIELD: user_data of 1025 bytes; the limit is 1024. */
    public static ForgedDocument userData1025Bytes(TestPki pki) {
        return forged("userData1025Bytes", INVALID_FIELD, "user_data of 1025 bytes; the limit is 1024",
                genuine(pki).userData(filled(FIELD_LIMIT + 1, 'u')).build());
    }

    /** INVALID_FIELD: nonce of 1025 bytes; the limit is 1024. */
    public static ForgedDocument nonce1025Bytes(TestPki pki) {
        return forged("nonce1025Bytes", INVALID_FIELD, "nonce of 1025 bytes; the limit is 1024",
                genuine(pki).nonce(filled(FIELD_LIMIT + 1, 'n')).build());
    }

    /** INVALID_FIELD: public_key of 1025 bytes; the limit is 1024. */
    public static ForgedDocument publicKey1025Bytes(TestPki pki) {
        return forged("publicKey1025Bytes", INVALID_FIELD, "public_key of 1025 bytes; the limit is 1024",
                genuine(pki).publicKey(filled(FIELD_LIMIT + 1, 'k')).build());
    }

    /** INVALID_FIELD: both pcrs and nitrotpm_pcrs (24 entries). */
    public static ForgedDocument pcrsAndNitroTpmPcrs(TestPki pki) {
        return forged("pcrsAndNitroTpmPcrs", INVALID_FIELD, "both pcrs and nitrotpm_pcrs (24 entries)",
                genuine(pki).extraField(NITROTPM_PCRS, Pcrs.encode(Pcrs.defaults(24), false)).build());
    }

    /** INVALID_FIELD: nonce as a text string. */
    public static ForgedDocument nonceTextString(TestPki pki) {
        return forged("nonceTextString", INVALID_FIELD, "nonce as a text string",
                genuine(pki).rawField(NONCE, new CborWriter().text("nonce").toByteArray()).build());
    }

    // ---- Payload structure: MALFORMED ----

    /** MALFORMED: the payload is an array of the 18 keys and values. */
    public static ForgedDocument payloadIsArray(TestPki pki) {
        byte[] payload = genuine(pki).buildPayload();
        payload[0] = (byte) 0x92; // a9, a map of 9 pairs, becomes an array of the same 18 items
        return forged("payloadIsArray", MALFORMED, "the payload is an array of the 18 keys and values",
                genuine(pki).payload(payload).build());
    }

    /** MALFORMED: an extra entry with the integer key 1. */
    public static ForgedDocument integerKeyInPayload(TestPki pki) {
        return forged("integerKeyInPayload", MALFORMED, "an extra entry with the integer key 1",
                genuine(pki).extraEntry(new CborWriter().uint(1).toByteArray(), NULL).build());
    }

    /** MALFORMED: nonce twice: null, then a byte string. */
    public static ForgedDocument duplicateNonceKey(TestPki pki) {
        return forged("duplicateNonceKey", MALFORMED, "nonce twice: null, then a byte string",
                genuine(pki).extraField(NONCE, new CborWriter().bytes(utf8("second nonce")).toByteArray()).build());
    }

    /** MALFORMED: PCR0 twice: its value, then 48 zero bytes after PCR15. */
    public static ForgedDocument duplicatePcrIndex(TestPki pki) {
        CborWriter pcrs = new CborWriter().startMap(17);
        for (int index = 0; index < 16; index++) {
            pcrs.uint(index).bytes(Pcrs.defaultValue(index));
        }
        pcrs.uint(0).bytes(new byte[Pcrs.LENGTH]);
        return forged("duplicatePcrIndex", MALFORMED, "PCR0 twice: its value, then 48 zero bytes after PCR15",
                genuine(pki).rawField(PCRS, pcrs.toByteArray()).build());
    }

    /** MALFORMED: an extra entry with the byte-string key h'6e6f6e6365'. */
    public static ForgedDocument byteStringKeyInPayload(TestPki pki) {
        return forged("byteStringKeyInPayload", MALFORMED, "an extra entry with the byte-string key h'6e6f6e6365'",
                genuine(pki).extraEntry(new CborWriter().bytes(utf8("nonce")).toByteArray(), NULL).build());
    }

    /** MALFORMED: the nonce wrapped in tag 24 (encoded CBOR data item). */
    public static ForgedDocument taggedNonce(TestPki pki) {
        return forged("taggedNonce", MALFORMED, "the nonce wrapped in tag 24 (encoded CBOR data item)",
                genuine(pki).rawField(NONCE, new CborWriter().tag(24).bytes(Bytes.of(0xf6)).toByteArray()).build());
    }

    /** MALFORMED: an extra field holding 200 nested arrays around 0. */
    public static ForgedDocument deeplyNestedArrays(TestPki pki) {
        byte[] nested = new byte[201];
        Arrays.fill(nested, 0, 200, (byte) 0x81);
        return forged("deeplyNestedArrays", MALFORMED, "an extra field holding 200 nested arrays around 0",
                genuine(pki).extraField("nested", nested).build());
    }

    /** MALFORMED: the nonce, last in the payload, declares 2^32 bytes in the 8-byte length form and has 5. */
    public static ForgedDocument byteStringLengthBeyondInput(TestPki pki) {
        byte[] hugeNonce = Bytes.concat(Bytes.of(0x5b, 0, 0, 0, 0x01, 0, 0, 0, 0), utf8("nonce"));
        return forged("byteStringLengthBeyondInput", MALFORMED,
                "the nonce, last in the payload, declares 2^32 bytes in the 8-byte length form and has 5",
                genuine(pki).rawField(NONCE, hugeNonce).build());
    }

    /** MALFORMED: the payload map declares 2^31 - 1 pairs and holds 9. */
    public static ForgedDocument mapCountBeyondInput(TestPki pki) {
        byte[] payload = genuine(pki).buildPayload();
        byte[] countedPayload = Bytes.concat(Bytes.of(0xba, 0x7f, 0xff, 0xff, 0xff),
                Arrays.copyOfRange(payload, 1, payload.length));
        return forged("mapCountBeyondInput", MALFORMED, "the payload map declares 2^31 - 1 pairs and holds 9",
                genuine(pki).payload(countedPayload).build());
    }

    /** MALFORMED: a null after the payload map, inside the payload. */
    public static ForgedDocument trailingBytesAfterPayload(TestPki pki) {
        return forged("trailingBytesAfterPayload", MALFORMED, "a null after the payload map, inside the payload",
                genuine(pki).payload(Bytes.concat(genuine(pki).buildPayload(), NULL)).build());
    }

    /** MALFORMED: module_id is a text string holding invalid UTF-8 (c3 28). */
    public static ForgedDocument invalidUtf8ModuleId(TestPki pki) {
        return forged("invalidUtf8ModuleId", MALFORMED, "module_id is a text string holding invalid UTF-8 (c3 28)",
                genuine(pki).rawField(MODULE_ID, Bytes.of(0x62, 0xc3, 0x28)).build());
    }

    // ---- TOO_LARGE ----

    /** TOO_LARGE: a signed document of 16 KiB + 1 bytes: an extra field holds a large byte string. */
    public static ForgedDocument documentOver16KiB(TestPki pki) {
        return forged("documentOver16KiB", TOO_LARGE,
                "a signed document of 16 KiB + 1 bytes: an extra field holds a large byte string",
                documentOfSize(genuine(pki), DOCUMENT_LIMIT + 1));
    }

    // ---- Not forgeries ----

    /**
     * The document with s replaced by n - s when s is in the lower half: another valid signature of the same
     * content, with s > n/2. A document whose s is already high comes back unchanged. Half of real AWS signatures
     * are high-S. Expects an untagged or tagged COSE_Sign1 that ends with a 96-byte P-384 signature.
     */
    public static byte[] withHighS(byte[] document) {
        return withS(document, true);
    }

    /** The document with s replaced by n - s when s is in the upper half: the low-S twin of {@link #withHighS}. */
    public static byte[] withLowS(byte[] document) {
        return withS(document, false);
    }

    private static byte[] withS(byte[] document, boolean high) {
        int signatureStart = document.length - 96;
        if (signatureStart < 2 || (document[signatureStart - 2] & 0xff) != 0x58 || document[signatureStart - 1] != 96) {
            throw new IllegalArgumentException("the document does not end with a 96-byte signature (58 60 ...)");
        }
        BigInteger n = EcCurve.P384.order();
        RawSignature signature = RawSignature.parse(Arrays.copyOfRange(document, signatureStart, document.length));
        boolean isHigh = signature.s().compareTo(n.shiftRight(1)) > 0;
        byte[] out = document.clone();
        if (isHigh != high) {
            byte[] flipped = signature.withS(n.subtract(signature.s())).encode(EcCurve.P384.coordinateLength());
            System.arraycopy(flipped, 0, out, signatureStart, flipped.length);
        }
        return out;
    }

    // ---- Helpers ----

    private static DocumentBuilder genuine(TestPki pki) {
        return DocumentBuilder.forPki(pki);
    }

    private static ForgedDocument forged(String name, String reason, String description, byte[] bytes) {
        return new ForgedDocument(name, reason, description, bytes);
    }

    private static ForgedDocument withSignatureBytes(
            TestPki pki, String name, String description, UnaryOperator<byte[]> change) {
        DocumentBuilder builder = genuine(pki);
        byte[] signature = builder.buildParts().signature();
        return forged(name, MALFORMED, description, builder.signature(change.apply(signature)).build());
    }

    // A signature component outside [1, n-1] is malformed: no ECDSA signature has such a value.
    private static ForgedDocument withSignatureValues(
            TestPki pki, String name, String description, UnaryOperator<RawSignature> change) {
        DocumentBuilder builder = genuine(pki);
        RawSignature signature = RawSignature.parse(builder.buildParts().signature());
        byte[] changed = change.apply(signature).encode(EcCurve.P384.coordinateLength());
        return forged(name, MALFORMED, description, builder.signature(changed).build());
    }

    private static byte[] envelope(CoseParts parts, byte[] encodedPayloadItem) {
        return new CborWriter().startArray(4).bytes(parts.protectedHeader()).raw(parts.unprotectedHeader())
                .raw(encodedPayloadItem).bytes(parts.signature()).toByteArray();
    }

    private static byte[] withRootOnlyBundle(TestPki pki, EcKeyPair leafKey, IssuedCertificate leaf) {
        return DocumentBuilder.withSigner(leafKey, leaf.der(), List.of(pki.root().der())).moduleId(pki.moduleId())
                .build();
    }

    private static IssuedCertificate reissue(
            IssuedCertificate original, UnaryOperator<CertificateSpec.Builder> change) {
        return TestCertificates.issue(change.apply(original.spec().toBuilder()).build());
    }

    private static List<byte[]> bundleWith(TestPki pki, int index, IssuedCertificate replacement) {
        List<byte[]> bundle = new ArrayList<>(pki.cabundle());
        bundle.set(index, replacement.der());
        return bundle;
    }

    // Attacker keys depend on the PKI, so that no attacker key can coincide with one of the PKI's own.
    private static EcKeyPair attackerKey(TestPki pki, EcCurve curve, String purpose) {
        return EcKeyPair.derive(curve, attackerSeed(pki, purpose));
    }

    private static String attackerSeed(TestPki pki, String purpose) {
        byte[] rootHash = Digests.hash("SHA-256", pki.root().der());
        return "nitro-attest forgery/" + purpose + "/" + HexFormat.of().formatHex(rootHash, 0, 8);
    }

    // A leaf that differs from the genuine one only by a non-critical padding extension sized to hit the target.
    private static byte[] leafOfSize(TestPki pki, int size) {
        return ofExactSize(size, padding -> reissue(pki.leaf(), spec -> spec.extraExtension(
                PADDING_EXTENSION_OID, false, octetString(padding))).der());
    }

    private static byte[] documentOfSize(DocumentBuilder builder, int size) {
        return ofExactSize(size, padding -> builder.copy()
                .extraField("padding", new CborWriter().bytes(new byte[padding]).toByteArray()).build());
    }

    // Length headers grow with the padding, so the first guess can overshoot by a few bytes; a few rounds converge.
    private static byte[] ofExactSize(int size, IntFunction<byte[]> withPadding) {
        int padding = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            byte[] candidate = withPadding.apply(padding);
            if (candidate.length == size) {
                return candidate;
            }
            padding = Math.max(0, padding + size - candidate.length);
        }
        throw new IllegalStateException("cannot pad to exactly " + size + " bytes");
    }

    private static byte[] octetString(int length) {
        try {
            return new DEROctetString(new byte[length]).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] filled(int length, char c) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
