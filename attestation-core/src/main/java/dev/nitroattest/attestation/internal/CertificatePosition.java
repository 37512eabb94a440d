package dev.nitroattest.attestation.internal;

/**
 * Where a certificate stands: an entry of the document's cabundle, the document's leaf, or a pinned trust anchor
 * being loaded. Rejections of a certificate take their location from this, never from the sentence that names it.
 */
public sealed interface CertificatePosition {
    /** The document's leaf certificate, the payload's {@code certificate}. */
    CertificatePosition LEAF = new Leaf();
    /** A trust anchor the verifier is configured with, not yet part of any document. */
    CertificatePosition PINNED_ANCHOR = new PinnedAnchor();

    /**
     * The entry at this index of the document's cabundle.
     *
     * @param index 0 for the root the chain must start at
     * @return the position
     */
    static CertificatePosition inBundle(int index) {
        return new BundleEntry(index);
    }

    /** @return how sentences start when they name the certificate: "cabundle[2]", "The leaf certificate" */
    String name();

    /** @return the document field the certificate is, or null for a pinned anchor */
    DocumentField field();

    /** @return the index in cabundle, or -1 when the certificate is not in the bundle */
    int bundleIndex();

    /** @param index the position in cabundle, from 0 */
    record BundleEntry(int index) implements CertificatePosition {
        public BundleEntry {
            if (index < 0) {
                throw new IllegalArgumentException("a bundle index is 0 or more: " + index);
            }
        }

        @Override
        public String name() {
            return "cabundle[" + index + "]";
        }

        @Override
        public DocumentField field() {
            return DocumentField.CABUNDLE;
        }

        @Override
        public int bundleIndex() {
            return index;
        }
    }

    /** The document's leaf. */
    record Leaf() implements CertificatePosition {
        @Override
        public String name() {
            return "The leaf certificate";
        }

        @Override
        public DocumentField field() {
            return DocumentField.CERTIFICATE;
        }

        @Override
        public int bundleIndex() {
            return -1;
        }
    }

    /** A trust anchor being loaded into a verifier. */
    record PinnedAnchor() implements CertificatePosition {
        @Override
        public String name() {
            return "The trust anchor";
        }

        @Override
        public DocumentField field() {
            return null;
        }

        @Override
        public int bundleIndex() {
            return -1;
        }
    }
}
