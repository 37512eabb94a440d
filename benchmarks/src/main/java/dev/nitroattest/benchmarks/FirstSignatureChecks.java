package dev.nitroattest.benchmarks;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.chain.CertificateDecoder;
import dev.nitroattest.attestation.internal.chain.DecodedCertificate;
import dev.nitroattest.attestation.internal.crypto.Sha384;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The five ECDSA checks of a document's verification as a fresh process meets them (issue 23, CLI start-up): the
 * certificates are decoded first, then each bundle certificate's key checks the next certificate's signature and the
 * leaf's key checks the document's, all first-use keys on cold code. Prints the wall time of the five, of the chain's
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

    public static void main(String[] args) throws Exception {
        AttestationDocument document = AttestationDocument.parse(Files.readAllBytes(Path.of(args[0])));
        int bundle = document.cabundle().size();
        DecodedCertificate[] certificates = new DecodedCertificate[bundle + 1];
        for (int i = 0; i < bundle; i++) {
            certificates[i] = CertificateDecoder.decode(document.cabundle().get(i).toByteArray(),
                    CertificatePosition.inBundle(i));
        }
        certificates[bundle] = CertificateDecoder.decode(document.certificate().toByteArray(),
                CertificatePosition.inBundle(bundle));
        byte[] signed = document.signedBytes().toByteArray();
        byte[] digest = Sha384.digest(signed, 0, signed.length);
        byte[] signature = document.signature().toByteArray();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 48));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 48, 96));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        boolean verified = true;
        StringBuilder each = new StringBuilder();
        for (int i = 1; i <= bundle; i++) {
            long checkStart = System.nanoTime();
            DecodedCertificate certificate = certificates[i];
            verified &= certificates[i - 1].publicKey().verifyDigest(certificate.tbsDigest(),
                    certificate.signatureR(), certificate.signatureS());
            each.append(" c").append(i).append("_us=").append((System.nanoTime() - checkStart) / 1000);
        }
        long chain = System.nanoTime();
        verified &= certificates[bundle].publicKey().verifyDigest(digest, r, s);
        long end = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.println((verified ? "OK" : "FAILED") + " checks=" + (bundle + 1) + " total_us=" + (end - start) / 1000
                + " chain_us=" + (chain - start) / 1000 + " doc_us=" + (end - chain) / 1000 + " cpu_us=" + cpu / 1000
                + each);
        if (!verified) {
            System.exit(1);
        }
    }
}
