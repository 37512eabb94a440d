package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import dev.nitroattest.testkit.TestPki;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificates the decoder's tests start from: every distinct certificate of the test kit's 22 real documents
 * (AWS's root, regional, zonal and instance CAs and the leaves, as AWS encoded them) and the test kit's PKI.
 */
final class CertificateCorpus {
    private CertificateCorpus() {
    }

    /**
     * Each certificate once, named by where it was first found.
     *
     * @return name to DER, in a fixed order
     */
    static Map<String, byte[]> certificates() {
        Map<Bytes, String> names = new LinkedHashMap<>();
        for (RealDocument real : RealDocumentCorpus.load().documents()) {
            AttestationDocument document;
            try {
                document = AttestationDocument.parse(real.bytes());
            } catch (DocumentRejectedException notADocument) {
                continue;
            }
            List<Bytes> chain = new ArrayList<>(document.cabundle());
            chain.add(document.certificate());
            for (int i = 0; i < chain.size(); i++) {
                String place = i < chain.size() - 1 ? " cabundle[" + i + "]" : " leaf";
                names.putIfAbsent(chain.get(i), real.file() + place);
            }
        }
        TestPki pki = TestPki.standard();
        for (IssuedCertificate certificate : List.of(pki.root(), pki.regional(), pki.zonal(), pki.instanceCa(),
                pki.leaf())) {
            names.putIfAbsent(Bytes.of(certificate.der()), "test kit " + certificate.subject());
        }
        Map<String, byte[]> certificates = new LinkedHashMap<>();
        names.forEach((der, name) -> certificates.put(name, der.toByteArray()));
        return certificates;
    }
}
