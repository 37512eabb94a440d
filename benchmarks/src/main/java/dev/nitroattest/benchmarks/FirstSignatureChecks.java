package dev.nitroattest.benchmarks;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.Es384PublicKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * The five ECDSA checks of a document's verification as a fresh process meets them (issue 23, CLI start-up): the
 * certificates and their keys are decoded first (with Bouncy Castle's ASN.1, so that only attestation-core's API is
 * used), then each bundle certificate's key checks the next certificate's signature and the leaf's key checks the
 * document's, all first-use keys on cold code. Prints the wall time of the five, of the chain's
 * checks and of the document's, the main thread's CPU time, and each chain check's wall time, in microseconds. Run
 * it as the launcher runs the tool (its JVM flags, a class-data archive), with the attestation-core jar to measure
 * first on the class path, so that two builds compare on the same probe (docs/performance.md, CLI start-up):
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3 -XX:+UseSerialGC -XX:SharedArchiveFile=A.jsa \
 *     -cp attestation-core.jar:benchmarks/target/benchmarks.jar dev.nitroattest.benchmarks.FirstSignatureChecks \
 *     attestation-cli/examples/test-kit-document.cbor
 * </pre>
 */
public final class FirstSignatureChecks {
    private FirstSignatureChecks() {
    }

    /** Prints the figures, or ends with an exception when a signature does not verify. */
    public static void main(String[] args) throws Exception {
        AttestationDocument document = AttestationDocument.parse(Files.readAllBytes(Path.of(args[0])));
        int bundle = document.cabundle().size();
        Certificate[] certificates = new Certificate[bundle + 1];
        Es384PublicKey[] keys = new Es384PublicKey[bundle + 1];
        for (int i = 0; i <= bundle; i++) {
            byte[] der = (i < bundle ? document.cabundle().get(i) : document.certificate()).toByteArray();
            certificates[i] = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
            keys[i] = Es384PublicKey.fromEncodedPoint(
                    certificates[i].getSubjectPublicKeyInfo().getPublicKeyData().getOctets());
        }
        byte[][] digests = new byte[bundle + 1][];
        BigInteger[][] signatures = new BigInteger[bundle + 1][];
        MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
        for (int i = 1; i <= bundle; i++) {
            digests[i] = sha384.digest(certificates[i].getTBSCertificate().getEncoded("DER"));
            ASN1Sequence rs = ASN1Sequence.getInstance(certificates[i].getSignature().getOctets());
            signatures[i] = new BigInteger[] {ASN1Integer.getInstance(rs.getObjectAt(0)).getValue(),
                ASN1Integer.getInstance(rs.getObjectAt(1)).getValue()};
        }
        byte[] digest = sha384.digest(document.signedBytes().toByteArray());
        byte[] signature = document.signature().toByteArray();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 48));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 48, 96));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        StringBuilder each = new StringBuilder();
        for (int i = 1; i <= bundle; i++) {
            long checkStart = System.nanoTime();
            keys[i - 1].verifyDigest(digests[i], signatures[i][0], signatures[i][1]);
            each.append(" c").append(i).append("_us=").append((System.nanoTime() - checkStart) / 1000);
        }
        long chain = System.nanoTime();
        keys[bundle].verifyDigest(digest, r, s);
        long end = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.println("OK checks=" + (bundle + 1) + " total_us=" + (end - start) / 1000 + " chain_us="
                + (chain - start) / 1000 + " doc_us=" + (end - chain) / 1000 + " cpu_us=" + cpu / 1000 + each);
    }
}
