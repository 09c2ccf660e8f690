package cn.idnode.node.op;

import cn.idnode.node.record.RecordReader;
import java.time.InstantSource;

/** What an operation may use besides its input: the caller, the clock, and record reads in the runner's mode. */
public record OperationContext(Caller caller, InstantSource clock, RecordReader records) {

    /** Now, in the 4-byte seconds of handle value timestamps. */
    public int nowSeconds() {
        return (int) (clock.millis() / 1000);
    }
}
