package cn.idnode.node.business;

import java.time.Duration;

/**
 * Business-layer configuration.
 *
 * @param maxLoginFailures failed logins in a row before an account is locked
 * @param lockout          how long a locked account refuses logins
 * @param maxBatch         items per batch call (snms-api.md §3.4: 2000)
 * @param registryName     name of the top-level node this node registers with, shown as {@code ghrName}
 * @param maxImageBytes    largest image upload (1 MB)
 * @param maxPdfBytes      largest PDF upload (5 MB)
 */
public record BusinessSettings(int maxLoginFailures, Duration lockout, int maxBatch, String registryName,
                               int maxImageBytes, int maxPdfBytes) {
    public static BusinessSettings defaults() {
        return new BusinessSettings(5, Duration.ofMinutes(15), 2000, "工业互联网标识解析国家顶级节点--重庆",
                1024 * 1024, 5 * 1024 * 1024);
    }
}
