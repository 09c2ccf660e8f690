package cn.idnode.node.business;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times as the SNMS API writes them: China time, {@code yyyy-MM-dd HH:mm:ss} and {@code yyyy-MM-dd}. */
public final class ChinaTime {
    private ChinaTime() {}

    public static final ZoneId ZONE = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    public static String dateTime(long millis) {
        return DATE_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZONE));
    }

    public static String date(long millis) {
        return DATE.format(LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZONE));
    }

    /** Parses {@code yyyy-MM-dd HH:mm:ss} (or a bare date, as its start) to epoch millis. */
    public static Optional<Long> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t, DATE).atStartOfDay(ZONE).toInstant().toEpochMilli());
            }
            return Optional.of(LocalDateTime.parse(t, DATE_TIME).atZone(ZONE).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("时间格式错误，应为 yyyy-MM-dd HH:mm:ss: " + t);
        }
    }

    /** True if {@code text} is a valid {@code yyyy-MM-dd} date. */
    public static boolean isDate(String text) {
        try {
            LocalDate.parse(text, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
