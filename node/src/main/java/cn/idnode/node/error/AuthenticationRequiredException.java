package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/**
 * The operation needs an authenticated caller. Each surface answers in its own way: the Handle protocol with an
 * RC 402 challenge, REST with HTTP 401 and a {@code WWW-Authenticate} header.
 */
public final class AuthenticationRequiredException extends HandleException {
    private static final long serialVersionUID = 1L;

    public AuthenticationRequiredException(String message) {
        super(ResponseCode.AUTHENTICATION_NEEDED, message);
    }
}
