package cn.idnode.node.business;

import java.util.List;

/**
 * One page of a list, numbered from 1 as the SNMS API counts ({@code currentPage}).
 *
 * @param total all matching items
 */
public record Page<T>(List<T> content, int page, int size, long total) {
    public static final int MAX_SIZE = 1000;

    public Page {
        content = List.copyOf(content);
    }

    public static <T> Page<T> of(List<T> all, int page, int size) {
        int p = Math.max(1, page);
        int s = Math.min(MAX_SIZE, size <= 0 ? 10 : size);
        long from = (long) (p - 1) * s;
        List<T> slice = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + s));
        return new Page<>(slice, p, s, all.size());
    }

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }
}
