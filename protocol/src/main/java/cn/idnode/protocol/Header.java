package cn.idnode.protocol;

/**
 * The 24-byte message header (handle-protocol.md §1.2). {@code bodyLength} is the decoded value; encoders compute it.
 *
 * @param siteInfoSerial     the client's cached serial of our site (requests, −1 if unknown) or our serial (responses)
 * @param expirationTime     seconds since 1970
 */
public record Header(OpCode opCode, ResponseCode responseCode, int opFlags, int siteInfoSerial, int recursionCount,
                     int expirationTime, int bodyLength) {

    public boolean isRequest() {
        return responseCode.code() == 0;
    }

    public boolean has(int flag) {
        return (opFlags & flag) != 0;
    }

    public Header withFlags(int flags) {
        return new Header(opCode, responseCode, flags, siteInfoSerial, recursionCount, expirationTime, bodyLength);
    }

    public Header withResponseCode(ResponseCode rc) {
        return new Header(opCode, rc, opFlags, siteInfoSerial, recursionCount, expirationTime, bodyLength);
    }

    public Header withOpCode(OpCode op) {
        return new Header(op, responseCode, opFlags, siteInfoSerial, recursionCount, expirationTime, bodyLength);
    }
}
