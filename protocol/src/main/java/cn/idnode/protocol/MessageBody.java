package cn.idnode.protocol;

/**
 * The opcode-specific part of a message (handle-protocol.md §6–§7, §14; idis-extensions.md §5). Each kind knows its
 * own wire form; {@link MessageCodec} chooses the kind from the opcode and response code. A request digest, when
 * present, is not part of the body record: it is carried by {@link Message#digest()}.
 */
public sealed interface MessageBody permits ResolutionRequest, GetSiteInfoRequest, CreateHandleRequest,
        DeleteHandleRequest, AddValueRequest, RemoveValueRequest, ModifyValueRequest, ListHandlesRequest,
        ChallengeAnswerRequest, VerifyChallengeRequest, HomePrefixRequest, UnhomePrefixRequest,
        ListHomedPrefixesRequest, SessionSetupRequest, SessionTerminateRequest, SessionExchangeKeyRequest,
        LoginIdSystemRequest, OpaqueBody, ResolutionResponse, SiteInfoResponse, CreateHandleResponse,
        ListHandlesResponse, VerifyChallengeResponse, SessionSetupResponse, GenericResponse, ErrorResponse,
        ChallengeResponse, ReferralResponse {

    /** Writes the body fields (without any request digest). */
    void encodeTo(WireWriter w);

    /** A size hint for the encoded body, so encoders allocate once. */
    default int sizeHint() {
        return 64;
    }
}
