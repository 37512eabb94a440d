package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The signer's nonces are RFC 6979's: its own P-384/SHA-384 vectors (appendix A.2.6) give its r and s. */
class P384Test {
    private static final BigInteger KEY = new BigInteger("6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA4774078"
            + "7137D896D5724E4C70A825F872C9EA60D2EDF5", 16);

    @Test
    void signaturesAreRfc6979sForItsP384AndSha384Vectors() throws Exception {
        assertEquals(("94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46"
                + "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8")
                .toLowerCase(), sign("sample"));
        assertEquals(("8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB"
                + "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5")
                .toLowerCase(), sign("test"));
    }

    private static String sign(String message) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-384").digest(message.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(P384.signDigest(KEY, digest));
    }
}
