package cn.idnode.node.op;

/**
 * One operation of the node: a Handle opcode or a business action. Every surface (Handle UDP/TCP/HTTP, Handle REST,
 * SNMS REST, the console) turns its request into a call to an operation through the {@link OperationRunner}, so the
 * surfaces cannot disagree about validation, permissions or data.
 *
 * <p>Operations are synchronous and may block on storage; the runner decides where they run. Read-only operations
 * may be tried first without blocking ({@link OperationRunner#tryWithoutBlocking}): their reads then throw
 * {@link cn.idnode.node.record.WouldBlockException} when they would need I/O.
 */
public interface Operation<I, O> {

    /** Stable name for metrics and audit ("resolve", "get-site-info", ...). */
    String name();

    /** True if the operation never writes (it may then be tried on an I/O thread without blocking). */
    boolean readOnly();

    /**
     * Runs the operation.
     *
     * @throws cn.idnode.node.error.HandleException with the response code to answer
     */
    O execute(I input, OperationContext ctx);
}
