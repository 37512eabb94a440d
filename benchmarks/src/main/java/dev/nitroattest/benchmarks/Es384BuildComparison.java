package dev.nitroattest.benchmarks;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Hot ECDSA P-384 throughput of two builds of attestation-core in one JVM, each in its own class loader, so that a
 * change to the arithmetic compares fairly on a machine whose load changes by the minute: after a warm-up, the two
 * take turns in short rounds and the median of the rounds' ratios is reported, for a key reused (the path of
 * {@code VerificationBenchmark.es384Verify}) and a key decoded for each check ({@code es384VerifyFreshKey}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nitroattest.benchmarks.Es384BuildComparison \
 *     BEFORE/attestation-core.jar AFTER/attestation-core.jar [rounds] [milliseconds per round]
 * </pre>
 */
public final class Es384BuildComparison {
    private static final long WARM_UP_NANOS = 16_000_000_000L;

    private Es384BuildComparison() {
    }

    /**
     * Loads the library's classes from one build's jar, before its parent (this jar, which holds a build of its own),
     * and everything else (Bouncy Castle, the JDK) from the parent.
     */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(URL jar) {
            super(new URL[] {jar}, Es384BuildComparison.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.startsWith("dev.nitroattest.")) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInTheBuild) {
                        loaded = null;
                    }
                }
                if (loaded == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** One check, as a build does it. */
    private interface Check {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long roundMillis = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        X9ECParameters curve = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
        Random random = new Random(384);
        BigInteger privateKey = new BigInteger(383, random).add(BigInteger.ONE);
        byte[] point = new FixedPointCombMultiplier().multiply(curve.getG(), privateKey).getEncoded(false);
        byte[] digest = new byte[48];
        random.nextBytes(digest);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA384Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, new ECDomainParameters(curve)));
        BigInteger[] signature = signer.generateSignature(digest);

        Check[][] checks = new Check[2][2];
        for (int build = 0; build < 2; build++) {
            ClassLoader loader = new BuildLoader(Path.of(args[build]).toUri().toURL());
            Class<?> keyClass = Class.forName("dev.nitroattest.attestation.internal.crypto.P384PublicKey", true,
                    loader);
            Method decode = keyClass.getMethod("fromEncodedPoint", byte[].class);
            Method verify = keyClass.getMethod("verifyDigest", byte[].class, BigInteger.class, BigInteger.class);
            Object reused = decode.invoke(null, (Object) point);
            checks[0][build] = () -> expectValid(verify.invoke(reused, digest, signature[0], signature[1]));
            checks[1][build] = () -> expectValid(verify.invoke(decode.invoke(null, (Object) point), digest,
                    signature[0], signature[1]));
        }
        String[] names = {"key reused (es384Verify)", "key decoded each time (es384VerifyFreshKey)"};
        for (int kind = 0; kind < 2; kind++) {
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            while (System.nanoTime() < warmUpEnd) {
                rate(checks[kind][0], 500);
                rate(checks[kind][1], 500);
            }
            double[] before = new double[rounds];
            double[] after = new double[rounds];
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean afterFirst = (round & 1) == 1;
                double first = rate(checks[kind][afterFirst ? 1 : 0], roundMillis);
                double second = rate(checks[kind][afterFirst ? 0 : 1], roundMillis);
                before[round] = afterFirst ? second : first;
                after[round] = afterFirst ? first : second;
                ratios[round] = after[round] / before[round];
            }
            Arrays.sort(before);
            Arrays.sort(after);
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%s: before %.0f/s, after %.0f/s (medians); after/before %.3f, the median of"
                    + " %d rounds' ratios (%.3f to %.3f)%n", names[kind], before[rounds / 2], after[rounds / 2],
                    ratios[rounds / 2], rounds, ratios[0], ratios[rounds - 1]);
        }
    }

    private static void expectValid(Object verified) {
        if (!(Boolean) verified) {
            throw new AssertionError("a build refused a valid signature");
        }
    }

    /** Checks per second over about {@code millis}. */
    private static double rate(Check check, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
            check.run();
            count++;
        }
        return count * 1e9 / (System.nanoTime() - start);
    }
}
