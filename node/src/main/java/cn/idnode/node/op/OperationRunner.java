package cn.idnode.node.op;

import cn.idnode.node.Metrics;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.record.RecordReader;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.WouldBlockException;
import cn.idnode.protocol.ResponseCode;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations: builds their context, maps unexpected failures to RC 2 (with one log line), records metrics.
 *
 * <p>Two modes. {@link #run} may block on storage and belongs on the business executor. {@link #tryWithoutBlocking}
 * runs a read-only operation with reads that never wait for I/O: it answers from memory tables and the block cache,
 * and gives up (empty result) as soon as a read would need the disk, so transports can answer hot requests on their
 * I/O thread and hand only cold ones to the executor.
 */
public final class OperationRunner {
    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

    private final InstantSource clock;
    private final Metrics metrics;
    private final RecordReader blockingReads;
    private final RecordReader nonBlockingReads;

    public OperationRunner(RecordStore records, InstantSource clock, Metrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.blockingReads = records::get;
        this.nonBlockingReads = records::getWithoutBlocking;
    }

    public <I, O> O run(Operation<I, O> op, I input, Caller caller) {
        return execute(op, input, new OperationContext(caller, clock, blockingReads));
    }

    /** Empty if the operation would have to wait for I/O: run it again with {@link #run} off the I/O thread. */
    public <I, O> Optional<O> tryWithoutBlocking(Operation<I, O> op, I input, Caller caller) {
        if (!op.readOnly()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            O out = op.execute(input, new OperationContext(caller, clock, nonBlockingReads));
            metrics.operation(op.name(), 1, System.nanoTime() - start);
            return Optional.of(out);
        } catch (WouldBlockException e) {
            return Optional.empty();
        } catch (HandleException e) {
            metrics.operation(op.name(), e.responseCode().code(), System.nanoTime() - start);
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(op, caller, e, start);
        }
    }

    private <I, O> O execute(Operation<I, O> op, I input, OperationContext ctx) {
        long start = System.nanoTime();
        try {
            O out = op.execute(input, ctx);
            metrics.operation(op.name(), 1, System.nanoTime() - start);
            return out;
        } catch (HandleException e) {
            metrics.operation(op.name(), e.responseCode().code(), System.nanoTime() - start);
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(op, ctx.caller(), e, start);
        }
    }

    private HandleException unexpected(Operation<?, ?> op, Caller caller, RuntimeException e, long start) {
        metrics.operation(op.name(), ResponseCode.ERROR.code(), System.nanoTime() - start);
        String id = Long.toHexString(start);
        log.error("operation {} failed unexpectedly for {} (error id {})", op.name(), caller.describe(), id, e);
        return HandleException.internal("internal server error (error id " + id + ")");
    }
}
