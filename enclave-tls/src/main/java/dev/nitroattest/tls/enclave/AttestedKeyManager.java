package dev.nitroattest.tls.enclave;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The enclave's attested key and certificate for JSSE, swapped atomically as {@link AttestedIdentity} renews the
 * document or rotates the key. Each credential has its own alias: JSSE chooses an alias, then asks for its certificate
 * and key in separate calls, and a swap between those calls must not pair one credential's certificate with
 * another's key, so the few latest credentials stay reachable by alias while new handshakes choose the newest.
 * A credential whose certificate has expired (its document grown older than clients accept) is never chosen: the
 * handshake fails rather than present what clients would refuse.
 */
public final class AttestedKeyManager extends X509ExtendedKeyManager {
    /** How many credentials stay reachable by alias: the current one and those a handshake may still be using. */
    static final int KEPT = 3;
    /** JSSE's key type for EC keys, the only kind this manager holds. */
    private static final String EC = "EC";

    private final Clock clock;
    private final Deque<Credential> recent = new ArrayDeque<>(KEPT + 1);
    private volatile Credential current;

    AttestedKeyManager(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One key with one certificate, under one alias. */
    record Credential(String alias, PrivateKey key, X509Certificate certificate) {
        Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }
    }

    /** Makes {@code next} the credential of every later handshake; handshakes under way keep theirs. */
    synchronized void install(Credential next) {
        recent.addFirst(next);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        current = next;
    }

    /** The current credential's alias, or null when there is none or its certificate has expired. */
    private String usableAlias(String keyType) {
        Credential credential = current;
        if (credential == null || !EC.equals(keyType) || clock.instant().isAfter(credential.notAfter())) {
            return null;
        }
        return credential.alias();
    }

    private String usableAlias(String[] keyTypes) {
        return keyTypes == null ? null : Arrays.stream(keyTypes).map(this::usableAlias).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private synchronized Credential find(String alias) {
        for (Credential credential : recent) {
            if (credential.alias().equals(alias)) {
                return credential;
            }
        }
        return null;
    }

    /** The current certificate, or null before the first. */
    X509Certificate currentCertificate() {
        Credential credential = current;
        return credential == null ? null : credential.certificate();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return usableAlias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return usableAlias(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return usableAlias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return usableAlias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = usableAlias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Credential credential = find(alias);
        return credential == null ? null : new X509Certificate[] {credential.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Credential credential = find(alias);
        return credential == null ? null : credential.key();
    }
}
