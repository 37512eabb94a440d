package dev.nitroattest.secrets;

/** Why a secret was not sealed or opened; stable codes for logs and metrics. */
public enum SecretRefusal {
    /** The envelope is not the CMS structure KMS writes. */
    MALFORMED,
    /** The structure, with an algorithm or parameter outside the KMS profile (RSAES-OAEP-SHA-256, AES-256-CBC). */
    UNSUPPORTED_ALGORITHM,
    /** Not exactly one recipient. */
    NOT_ONE_RECIPIENT,
    /** The envelope is for another key. */
    WRONG_RECIPIENT,
    /** The wrapped content key does not unwrap with this key. */
    KEY_UNWRAP_FAILED,
    /** The content does not decrypt with the unwrapped key (its padding is wrong). */
    DECRYPTION_FAILED,
    /** The verified document carries no RSA public key to seal to. */
    NO_RECIPIENT_KEY
}
