package cn.idnode.node.standard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a reference-data check: errors (the value must be rejected) and warnings (accept, but show them to
 * the reviewer). Valid means no errors.
 */
public record Validation(List<Finding> errors, List<Finding> warnings) {
    public static final Validation OK = new Validation(List.of(), List.of());

    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    static Validation error(FindingCode code, String message) {
        return new Validation(List.of(new Finding(code, message)), List.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The error messages joined with "；", for a one-line answer such as an SNMS {@code message}; empty if valid. */
    public String summary() {
        return errors.stream().map(Finding::message).collect(Collectors.joining("；"));
    }
}
