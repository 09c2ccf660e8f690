package cn.idnode.node.standard;

import java.util.Objects;

/**
 * One problem found by a reference-data check: a stable machine code and a Chinese message for people (the SNMS API
 * returns such messages to clients as they are, see snms-api.md §1.1).
 */
public record Finding(FindingCode code, String message) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
