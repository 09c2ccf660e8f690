package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import java.util.Locale;

/**
 * The hash named in an HS_PUBKEY challenge answer (handle-protocol.md §13.3, §20.7; idis-extensions.md §6):
 * {@code SHA-256}/{@code SHA256}, {@code SHA1}/{@code SHA-1}, {@code MD5}, the single-byte codes 1/2/3 that CNRI
 * also accepts, and {@code SM3}. Names are compared ASCII case-insensitively.
 */
enum SignatureHash {
    MD5("MD5"),
    SHA1("SHA1"),
    SHA256("SHA256"),
    SM3("SM3");

    /** The prefix of the JCA signature name ("SHA256" in "SHA256withRSA"). */
    final String jcaName;

    SignatureHash(String jcaName) {
        this.jcaName = jcaName;
    }

    static SignatureHash parse(ByteString name) throws ChallengeAnswerException {
        if (name.length() == 1) {
            switch (name.byteAt(0)) {
                case 1: return MD5;
                case 2: return SHA1;
                case 3: return SHA256;
                default: break;
            }
        }
        SignatureHash h = name.length() <= 16 && name.isValidUtf8() ? byName(name.utf8()) : null;
        if (h == null) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM,
                    "unknown signature hash algorithm " + name);
        }
        return h;
    }

    /** The hash for a name, or null if unknown. */
    static SignatureHash byName(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SHA-256", "SHA256" -> SHA256;
            case "SHA1", "SHA-1" -> SHA1;
            case "MD5" -> MD5;
            case "SM3" -> SM3;
            default -> null;
        };
    }
}
