package dev.nitroattest.tls.enclave;

import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.enclave.internal.AttestedCertificateWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An enclave application's attested TLS identity: a P-384 key pair made here, and a self-signed certificate carrying
 * (in the non-critical {@link dev.nitroattest.tls.AttestationExtension}) an attestation document from the NSM whose
 * {@code public_key} is exactly the certificate's SubjectPublicKeyInfo. The private key never leaves this object; a
 * client that verifies the document and completes a TLS 1.3 handshake talks to this image and nothing else.
 *
 * <p>It stays valid by itself once {@link Builder#start() started}: a new document (same key, new certificate) every
 * {@link Builder#renewEvery renewal period}, well before clients find it older than {@link Builder#clientMaxAge their
 * maximum age}, and a new key every {@link Builder#keyRotation rotation period}. Each new certificate is swapped into
 * {@link #keyManager()} atomically: handshakes under way finish with the credential they chose, and a certificate
 * whose document clients would refuse as too old is never presented. A failed renewal (the NSM refusing) is retried
 * at the next tick and reported to {@link Builder#onFailure}.
 *
 * <p>With {@link Builder#bindingFile(Path)}, each new key is also published as the enclave's binding (the agent's
 * {@code --binding-file}), so that a document the agent makes for a client's own nonce carries the TLS key too:
 * attestation-tls's nonce mode pins it.
 */
public final class AttestedIdentity implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AttestedIdentity.class.getName());
    /** How far behind the enclave's clock a client's may be and still find a new certificate valid. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Nsm nsm;
    private final Settings settings;
    private final AttestedKeyManager keyManager;
    private final AtomicLong generation = new AtomicLong();
    private ScheduledExecutorService schedule;
    private KeyPair keys;
    private Instant keyMadeAt;
    private Instant renewedAt;

    /** What the builder said, fixed at creation. */
    private record Settings(Duration clientMaxAge, Duration renewEvery, Duration keyRotation, Path bindingFile,
            String commonName, Clock clock, Consumer<Throwable> onFailure) {
    }

    private AttestedIdentity(Nsm nsm, Settings settings) {
        this.nsm = nsm;
        this.settings = settings;
        this.keyManager = new AttestedKeyManager(settings.clock);
    }

    /**
     * Starts describing an identity attested by this NSM.
     *
     * @param nsm the enclave's NSM ({@code new NsmClient(NsmDevice.open())}); it stays the caller's to close
     * @return the builder
     */
    public static Builder builder(Nsm nsm) {
        return new Builder(Objects.requireNonNull(nsm, "nsm"));
    }

    /**
     * The key manager for a JSSE server (or a client, for mutual attestation): it always offers the newest
     * certificate.
     *
     * @return the key manager, the same for the identity's life
     */
    public AttestedKeyManager keyManager() {
        return keyManager;
    }

    /**
     * A TLS 1.3 server context presenting this identity, for the JDK's {@code HttpsServer}, Jetty, Netty or any JSSE
     * server; clients are not asked for certificates.
     *
     * @return the context
     */
    public SSLContext serverContext() {
        return AttestedTls.context(keyManager, null);
    }

    /**
     * A TLS 1.3 context presenting this identity and judging the peer with {@code peers}: an attested trust manager
     * (attestation-tls's {@code AttestedTrustManager}) for enclave-to-enclave TLS. As a server, ask for the client's
     * certificate ({@code setNeedClientAuth(true)} on the socket, engine or {@code HttpsParameters}).
     *
     * @param peers the judge of the other end
     * @return the context, for either end
     */
    public SSLContext context(X509ExtendedTrustManager peers) {
        return AttestedTls.context(keyManager, Objects.requireNonNull(peers, "peers"));
    }

    /**
     * The certificate handshakes present now.
     *
     * @return the current certificate
     */
    public X509Certificate certificate() {
        return keyManager.currentCertificate();
    }

    /**
     * The current key's SubjectPublicKeyInfo (DER): the certificate's key, the documents' public_key and the
     * published binding.
     *
     * @return the key's bytes
     */
    public synchronized Bytes publicKey() {
        return Bytes.of(keys.getPublic().getEncoded());
    }

    /**
     * Asks the NSM for a new document for the current key and presents a new certificate carrying it. The schedule
     * calls it; call it yourself after a long pause (a suspended enclave) to be sure clients accept what is served.
     *
     * @throws NsmException if the NSM refuses or fails; the current certificate stays
     */
    public synchronized void renew() throws NsmException {
        byte[] spki = keys.getPublic().getEncoded();
        byte[] document = nsm.attestation(NsmRequest.Attestation.of(null, null, spki)).toByteArray();
        Instant timestamp;
        try {
            timestamp = AttestationDocument.parse(document).timestamp();
        } catch (DocumentRejectedException e) {
            throw new IllegalStateException("The NSM answered with a document that does not parse (" + e.getMessage()
                    + "); the enclave cannot present it.", e);
        }
        Instant now = settings.clock.instant();
        Instant notBefore = now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = timestamp.plus(settings.clientMaxAge).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate certificate;
        try {
            certificate = AttestedCertificateWriter.write(keys, settings.commonName, notBefore, notAfter, document);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot sign or read the enclave's certificate ("
                    + e.getMessage() + "); it needs SunEC with P-384.", e);
        }
        keyManager.install(new AttestedKeyManager.Credential("attested-" + generation.incrementAndGet(),
                keys.getPrivate(), certificate));
        renewedAt = now;
    }

    /**
     * Makes a new key pair, presents a certificate for it (a new document), then publishes it as the enclave's
     * binding when a binding file was given. The old key serves only handshakes already under way.
     *
     * @throws NsmException if the NSM refuses or fails; the current key and certificate stay
     * @throws IOException if the binding file cannot be written; the new key is served already, and the next tick
     *     of the schedule rotates again
     */
    public synchronized void rotateKey() throws NsmException, IOException {
        KeyPair previous = keys;
        keys = newKeyPair();
        try {
            renew();
        } catch (NsmException | RuntimeException e) {
            keys = previous;
            throw e;
        }
        if (settings.bindingFile != null) {
            EnclaveBinding.of(keys.getPublic().getEncoded(), null).publish(settings.bindingFile);
        }
        // Only a published key counts as rotated: when publishing fails, the next tick rotates and publishes again
        // rather than serve for a whole rotation period a key that nonce-mode clients cannot pin.
        keyMadeAt = renewedAt;
    }

    /** One tick of the schedule: rotate or renew when due, report what fails and try again at the next tick. */
    private void tick() {
        try {
            Instant now = settings.clock.instant();
            boolean rotate;
            boolean renew;
            synchronized (this) {
                rotate = !now.isBefore(keyMadeAt.plus(settings.keyRotation));
                renew = !now.isBefore(renewedAt.plus(settings.renewEvery));
            }
            if (rotate) {
                rotateKey();
            } else if (renew) {
                renew();
            }
        } catch (Exception e) {
            settings.onFailure.accept(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make a P-384 key (" + e.getMessage()
                    + "); it needs SunEC.", e);
        }
    }

    /** Stops renewing and rotating. The key manager keeps serving the last certificate until it expires. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    /** How the identity is made and kept fresh. */
    public static final class Builder {
        private final Nsm nsm;
        private Duration clientMaxAge = Duration.ofMinutes(10);
        private Duration renewEvery;
        private Duration keyRotation = Duration.ofHours(24);
        private Path bindingFile;
        private String commonName = "nitro-attest attested enclave";
        private Clock clock = Clock.systemUTC();
        private Consumer<Throwable> onFailure = failure -> LOG.log(System.Logger.Level.WARNING,
                "The enclave's TLS identity could not be renewed (" + failure.getMessage() + "); it retries at the "
                + "next tick and serves the current certificate until it expires.", failure);

        private Builder(Nsm nsm) {
            this.nsm = nsm;
        }

        /**
         * The maximum document age the relying services configure ({@code AttestationVerifier.Builder.maxAge}):
         * each certificate expires when its document reaches it. Default 10 minutes.
         *
         * @param age the clients' maximum age, positive
         * @return this builder
         */
        public Builder clientMaxAge(Duration age) {
            this.clientMaxAge = positive(age, "The clients' maximum age");
            return this;
        }

        /**
         * How often a new document (and certificate) is made for the same key. Default: half the clients' maximum
         * age, which leaves the other half for a renewal that fails to be retried.
         *
         * @param period less than the clients' maximum age
         * @return this builder
         */
        public Builder renewEvery(Duration period) {
            this.renewEvery = positive(period, "The renewal period");
            return this;
        }

        /**
         * How often a new key pair is made. Default 24 hours. A leaked process memory image reveals one key's
         * traffic for at most this long (and TLS 1.3's ephemeral key exchange keeps past sessions secret anyway).
         *
         * @param period at least the renewal period
         * @return this builder
         */
        public Builder keyRotation(Duration period) {
            this.keyRotation = positive(period, "The key rotation period");
            return this;
        }

        /**
         * Publishes each new key as the enclave's binding in this file, the agent's {@code --binding-file}, so that
         * documents the agent makes for clients' nonces carry the TLS key. The identity then owns the binding: it
         * publishes its key as public_key and no user_data. Default: nothing is published.
         *
         * @param file the binding file
         * @return this builder
         */
        public Builder bindingFile(Path file) {
            this.bindingFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The certificate's subject and issuer common name; clients of this format do not read it. Default
         * "nitro-attest attested enclave".
         *
         * @param name the common name
         * @return this builder
         */
        public Builder commonName(String name) {
            this.commonName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The source of "now" for certificate validity and the schedule. Default {@code Clock.systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Told of each failed renewal or rotation (the NSM refusing, the binding file unwritable). Default: a
         * warning through {@code System.Logger}.
         *
         * @param sink the receiver
         * @return this builder
         */
        public Builder onFailure(Consumer<Throwable> sink) {
            this.onFailure = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Makes the first key, document and certificate (and publishes the binding), then renews and rotates on a
         * daemon thread until {@link AttestedIdentity#close()}.
         *
         * @return the identity, serving its first certificate
         * @throws NsmException if the NSM refuses the first document
         * @throws IOException if the binding file cannot be written
         * @throws IllegalArgumentException if the periods contradict each other
         */
        public AttestedIdentity start() throws NsmException, IOException {
            AttestedIdentity identity = create();
            ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "attested-tls-identity");
                thread.setDaemon(true);
                return thread;
            });
            long tick = Math.max(10, Math.min(identity.settings.renewEvery.toMillis() / 4, 60_000));
            schedule.scheduleWithFixedDelay(identity::tick, tick, tick, TimeUnit.MILLISECONDS);
            synchronized (identity) {
                identity.schedule = schedule;
            }
            return identity;
        }

        /**
         * As {@link #start()}, without the schedule: the caller renews and rotates ({@link
         * AttestedIdentity#renew()}, {@link AttestedIdentity#rotateKey()}), for tests or its own scheduler.
         *
         * @return the identity, serving its first certificate
         * @throws NsmException if the NSM refuses the first document
         * @throws IOException if the binding file cannot be written
         * @throws IllegalArgumentException if the periods contradict each other
         */
        public AttestedIdentity create() throws NsmException, IOException {
            Duration renewEvery = this.renewEvery != null ? this.renewEvery : clientMaxAge.dividedBy(2);
            if (renewEvery.compareTo(clientMaxAge) >= 0) {
                throw new IllegalArgumentException("The renewal period " + renewEvery + " must be shorter than the "
                        + "clients' maximum age " + clientMaxAge + ", or clients would refuse the certificate "
                        + "before it is renewed.");
            }
            if (keyRotation.compareTo(renewEvery) < 0) {
                throw new IllegalArgumentException("The key rotation period " + keyRotation + " must be at least "
                        + "the renewal period " + renewEvery + ".");
            }
            AttestedIdentity identity = new AttestedIdentity(nsm, new Settings(clientMaxAge, renewEvery, keyRotation,
                    bindingFile, commonName, clock, onFailure));
            identity.rotateKey();
            return identity;
        }

        private static Duration positive(Duration period, String what) {
            Objects.requireNonNull(period, what);
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(what + " must be positive; " + period + " was given.");
            }
            return period;
        }
    }
}
