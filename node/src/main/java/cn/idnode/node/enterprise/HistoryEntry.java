package cn.idnode.node.enterprise;

/** One step in an enterprise application's history: who did what, when, the status after it, and a note. */
public record HistoryEntry(long timeMillis, String actor, String action, int status, String note) {}
