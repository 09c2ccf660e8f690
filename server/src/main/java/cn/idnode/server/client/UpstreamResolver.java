package cn.idnode.server.client;

import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueTypes;
import cn.idnode.protocol.VerifyChallengeRequest;
import cn.idnode.protocol.VerifyChallengeResponse;
import cn.idnode.crypto.ResponseSigner;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds handles served elsewhere, the way IDIS clients do (idis-extensions.md §10.1): ask an upstream node (the
 * top-level node or a recursive node) for the handle's bare prefix with type HS_SITE, take the first site's first
 * server and its first TCP interface, and ask that server. Sites are cached for their value TTL (at most one hour);
 * failures are cached briefly so an unreachable node is not hammered.
 *
 * <p>Blocking: call it only from the business executor.
 */
public final class UpstreamResolver {
    private static final Logger log = LoggerFactory.getLogger(UpstreamResolver.class);
    private static final Duration MISS_TTL = Duration.ofSeconds(30);

    /** Where a prefix is served: the site and the TCP address chosen from it. */
    public record Target(SiteInfo site, InetSocketAddress tcp) {}

    private final List<InetSocketAddress> upstream;
    private final Duration timeout;
    private static final Duration HIT_TTL = Duration.ofHours(1);
    private final Cache<ByteString, Optional<Target>> sites = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfter(Expiry.<ByteString, Optional<Target>>writing(
                    (k, v) -> v.isPresent() ? HIT_TTL : MISS_TTL)).build();

    public UpstreamResolver(List<InetSocketAddress> upstream, Duration timeout) {
        this.upstream = List.copyOf(upstream);
        this.timeout = timeout;
    }

    public boolean configured() {
        return !upstream.isEmpty();
    }

    /** The values of {@code handle} at its home node, or empty if it cannot be reached or says no. */
    public Optional<List<HandleValue>> resolve(ByteString handle, List<ByteString> types, List<Integer> indexes) {
        Optional<Target> target = target(HandleNames.prefix(handle));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        try {
            Message answer = HandleClient.tcp(target.get().tcp(), HandleClient.request(OpCode.RESOLUTION,
                    OpFlags.AUTHORITATIVE, new ResolutionRequest(handle, indexes, types, Optional.empty())), timeout);
            if (answer.body() instanceof ResolutionResponse r) {
                return Optional.of(r.values().decode());
            }
            log.info("{} answered {} for {}", target.get().tcp(), answer.responseCode(), handle);
        } catch (IOException | ProtocolException e) {
            log.info("cannot resolve {} at {}: {}", handle, target.get().tcp(), e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Asks the node serving {@code handle} to check a secret-key answer (OC 201, §7.10) and trusts the answer only if
     * it is signed with the key published in that node's site record.
     */
    public boolean verifySecretKey(ByteString handle, int index, byte[] nonce, byte[] digest, ByteString signed) {
        Optional<Target> target = target(HandleNames.prefix(handle));
        if (target.isEmpty()) {
            return false;
        }
        try {
            Message answer = HandleClient.tcp(target.get().tcp(), HandleClient.request(OpCode.VERIFY_CHALLENGE,
                    OpFlags.CERTIFY, new VerifyChallengeRequest(handle, index, ByteString.wrap(nonce), 0,
                            ByteString.wrap(digest), signed)), timeout);
            if (!(answer.body() instanceof VerifyChallengeResponse v) || answer.credential().isEmpty()
                    || !signedBySite(answer, target.get().site())) {
                log.warn("unverifiable OC 201 answer from {} for {}", target.get().tcp(), handle);
                return false;
            }
            return v.valid();
        } catch (IOException | ProtocolException e) {
            log.info("cannot verify a secret key of {} at {}: {}", handle, target.get().tcp(), e.getMessage());
            return false;
        }
    }

    private static boolean signedBySite(Message answer, SiteInfo site) {
        try {
            Credential c = answer.credential().get();
            String alg = c.algorithm().utf8();
            PublicKey key = KeyBlobs.decodePublicKey(site.servers().get(0).publicKey());
            Signature s = Signature.getInstance((alg.equals("SHA1") ? "SHA1with" : "SHA256with") + key.getAlgorithm());
            s.initVerify(key);
            s.update(ResponseSigner.signedPrefix(answer.envelope(), c.signerIndex()));
            s.update(answer.headerAndBody().toByteArray());
            return s.verify(c.signature().toByteArray());
        } catch (ProtocolException | KeyFormatException | java.security.GeneralSecurityException
                 | RuntimeException e) {
            return false;
        }
    }

    /** Where {@code prefix} is served, from the upstream nodes' HS_SITE values for the bare prefix. */
    public Optional<Target> target(ByteString prefix) {
        ByteString key = prefix.toAsciiUpperCase();
        Optional<Target> cached = sites.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Optional<Target> found = lookup(prefix);
        sites.put(key, found);
        return found;
    }

    private Optional<Target> lookup(ByteString prefix) {
        for (InetSocketAddress up : upstream) {
            try {
                Message answer = HandleClient.tcp(up, HandleClient.request(OpCode.RESOLUTION, 0,
                        new ResolutionRequest(prefix, List.of(), List.of(ValueTypes.HS_SITE), Optional.empty())),
                        timeout);
                if (!(answer.body() instanceof ResolutionResponse r)) {
                    if (answer.responseCode().equals(ResponseCode.HANDLE_NOT_FOUND)) {
                        return Optional.empty();
                    }
                    continue;
                }
                for (HandleValue v : r.values().decode()) {
                    SiteInfo site = SiteInfo.decode(v.data());
                    for (SiteInfo.Server s : site.servers()) {
                        for (SiteInfo.Interface i : s.interfaces()) {
                            if (i.protocol() == SiteInfo.Interface.TCP && i.query()) {
                                return Optional.of(new Target(site,
                                        new InetSocketAddress(s.inetAddress(), i.port())));
                            }
                        }
                    }
                }
                return Optional.empty();
            } catch (IOException | ProtocolException e) {
                log.info("upstream {} unavailable for {}: {}", up, prefix, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
