package cn.idnode.protocol;

/** The generic success body (§6.3): nothing but the optional digest. */
public record GenericResponse() implements MessageBody {
    public static final GenericResponse INSTANCE = new GenericResponse();

    @Override
    public void encodeTo(WireWriter w) {
    }
}
