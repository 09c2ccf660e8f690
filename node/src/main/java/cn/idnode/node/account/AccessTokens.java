package cn.idnode.node.account;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Role;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SNMS access token (snms-api.md §2.3): a JWT signed with HS256 under the node's token key, valid for 24 hours by
 * default. Claims: {@code sub} user name, {@code uid} account id, {@code ver} the account's token version (raising it
 * revokes older tokens), {@code roles}, {@code ent} enterprise id, {@code idn} Handle identity, {@code jti},
 * {@code iat}, {@code exp}. The token only proves who logged in; the account is re-read on use, so a disabled account
 * or a changed password ends its tokens at once.
 */
public final class AccessTokens {
    private final Algorithm algorithm;
    private final InstantSource clock;
    private final Duration lifetime;
    private final JWTVerifier verifier;

    /** Claims of a verified token. */
    public record Claims(String username, long accountId, int version, Set<Role> roles, long enterpriseId,
                         String identity, Instant expiresAt) {}

    public AccessTokens(byte[] key, InstantSource clock, Duration lifetime) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the token key must have at least 256 bits");
        }
        this.algorithm = Algorithm.HMAC256(key);
        this.clock = clock;
        this.lifetime = lifetime;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)).build(asClock(clock));
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(Account a) {
        Instant now = clock.instant();
        return JWT.create().withSubject(a.username()).withClaim("uid", a.id()).withClaim("ver", a.tokenVersion())
                .withClaim("roles", a.roles().stream().map(Role::name).sorted().toList())
                .withClaim("ent", a.enterpriseId()).withClaim("idn", a.identity())
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(now).withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }

    /** Verifies signature and expiry; any failure is "not logged in" (SNMS status -1). */
    public Claims verify(String token) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw BusinessException.unauthenticated("登录已过期，请重新登录");
        } catch (JWTVerificationException e) {
            throw BusinessException.unauthenticated("无效的令牌，请重新登录");
        }
        if (jwt.getSubject() == null || jwt.getExpiresAt() == null || jwt.getClaim("uid").isMissing()) {
            throw BusinessException.unauthenticated("无效的令牌，请重新登录");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> names = jwt.getClaim("roles").asList(String.class);
        if (names != null) {
            for (String n : names) {
                try {
                    roles.add(Role.valueOf(n));
                } catch (IllegalArgumentException e) {
                    // an unknown role grants nothing
                }
            }
        }
        Long ent = jwt.getClaim("ent").asLong();
        Integer ver = jwt.getClaim("ver").asInt();
        return new Claims(jwt.getSubject(), jwt.getClaim("uid").asLong(), ver == null ? -1 : ver, roles,
                ent == null ? 0 : ent, jwt.getClaim("idn").asString(), jwt.getExpiresAtAsInstant());
    }

    private static Clock asClock(InstantSource source) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }
}
