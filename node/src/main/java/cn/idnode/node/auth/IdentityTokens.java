package cn.idnode.node.auth;

import cn.idnode.crypto.IdentityKey;
import cn.idnode.crypto.IdentityToken;
import cn.idnode.crypto.IdentityTokenException;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.crypto.PublicKeys;
import cn.idnode.node.record.RecordReader;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity tokens in IDIS resolution requests (idis-extensions.md §8, flag 0x00000004): an RS256 JWT with the
 * claims {@code user_index}, {@code user_handle}, {@code nonce}, {@code timestamp} (ms), signed with that identity's
 * key. A token that verifies, is fresh and (optionally) not replayed makes the resolution run as that identity; any
 * failure leaves it anonymous — the conservative choice of §8.2 step 4 — and is logged.
 */
public final class IdentityTokens {
    private static final Logger security = LoggerFactory.getLogger("idnode.security");

    private final Authenticator keys;
    private final InstantSource clock;
    private final Duration window;
    private final Cache<String, Boolean> seen;

    public IdentityTokens(Authenticator keys, InstantSource clock, Duration window, boolean rejectReplays) {
        this.keys = keys;
        this.clock = clock;
        this.window = window;
        this.seen = rejectReplays
                ? Caffeine.newBuilder().expireAfterWrite(window.multipliedBy(2)).maximumSize(1_000_000)
                        .ticker(() -> clock.millis() * 1_000_000L).build()
                : null;
    }

    /** The verified identity of a token, or empty (anonymous). May block: keys can live on other nodes. */
    public Optional<ValueReference> verify(ByteString token, RecordReader reads, String source) {
        IdentityToken t;
        try {
            t = IdentityToken.parse(token);
        } catch (IdentityTokenException e) {
            return refuse("malformed token: " + e.getMessage(), "?", source);
        }
        IdentityToken.Claims claimed = t.unverifiedClaims();
        ValueReference identity = new ValueReference(ByteString.utf8(claimed.userHandle()), claimed.userIndex());
        for (HandleValue v : keys.publicKeys(identity, reads)) {
            IdentityKey key;
            try {
                key = PublicKeys.decode(v.data());
            } catch (KeyFormatException e) {
                continue;
            }
            IdentityToken.Claims claims;
            try {
                claims = t.verify(key);
            } catch (IdentityTokenException e) {
                continue;
            }
            if (!claims.isFresh(clock.instant(), window)) {
                return refuse("stale token (timestamp " + claims.timestamp() + ")", identity.toString(), source);
            }
            if (seen != null && seen.asMap().putIfAbsent(identity + "#" + claims.nonce(), Boolean.TRUE) != null) {
                return refuse("replayed token nonce " + claims.nonce(), identity.toString(), source);
            }
            return Optional.of(new ValueReference(identity.handle(), v.index()));
        }
        return refuse("no key of the identity verifies the token", identity.toString(), source);
    }

    private static Optional<ValueReference> refuse(String why, String identity, String source) {
        security.warn("identity token ignored: identity={} source={} reason={}", identity, source, why);
        return Optional.empty();
    }
}
