package cn.idnode.protocol;

import java.util.Optional;

/**
 * A whole message: envelope, header, optional request digest (responses only), body and optional credential.
 *
 * @param headerAndBody for decoded messages, the header and body bytes exactly as received — the input of request
 *                      digests and MACs (handle-protocol.md §6.2, §14.4); empty for messages built locally
 */
public record Message(Envelope envelope, Header header, Optional<RequestDigest> digest, MessageBody body,
                      Optional<Credential> credential, ByteString headerAndBody) {

    public static Message outbound(Envelope envelope, Header header, Optional<RequestDigest> digest,
                                   MessageBody body) {
        return new Message(envelope, header, digest, body, Optional.empty(), ByteString.EMPTY);
    }

    public OpCode opCode() {
        return header.opCode();
    }

    public ResponseCode responseCode() {
        return header.responseCode();
    }

    public boolean isRequest() {
        return header.isRequest();
    }

    public int requestId() {
        return envelope.requestId();
    }

    public int sessionId() {
        return envelope.sessionId();
    }

    public boolean has(int opFlag) {
        return header.has(opFlag);
    }

    public Message withCredential(Credential c) {
        return new Message(envelope, header, digest, body, Optional.of(c), headerAndBody);
    }

    @Override
    public String toString() {
        return "Message[" + header.opCode() + (header.isRequest() ? " request" : " " + header.responseCode())
                + " v" + envelope.version() + "/" + envelope.suggestedVersion() + " session " + envelope.sessionId()
                + " request " + envelope.requestId() + " flags " + OpFlags.describe(header.opFlags()) + " "
                + body + "]";
    }
}
