package cn.idnode.node.op;

import cn.idnode.protocol.ValueReference;
import java.util.Optional;

/**
 * Who is asking: the authenticated identity, if any, and where the request came from (for logs, audit and rate
 * limits).
 *
 * @param surface the adapter the request arrived on: "udp", "tcp", "http-tunnel", "rest", "cli"...
 */
public record Caller(Optional<ValueReference> identity, String remoteAddress, String surface) {

    public static Caller anonymous(String remoteAddress, String surface) {
        return new Caller(Optional.empty(), remoteAddress, surface);
    }

    public boolean isAuthenticated() {
        return identity.isPresent();
    }

    /** For audit records: the identity or "anonymous@address". */
    public String describe() {
        return identity.map(ValueReference::toString).orElse("anonymous") + "@" + remoteAddress + "/" + surface;
    }
}
