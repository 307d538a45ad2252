package dev.aims.core.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The window of a token budget: a calendar day or month in a time zone, or a rolling duration counted in slices.
 * The current calendar window is cached, so that a call within it allocates nothing to find it.
 */
final class BudgetWindow {
    enum Kind { DAY, MONTH, ROLLING }

    static final int DEFAULT_SLICES = 24;
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Duration MIN_ROLLING = Duration.ofSeconds(1);
    private static final Duration MAX_ROLLING = Duration.ofDays(400);

    final Kind kind;
    final ZoneId zone;
    final Duration length;
    final int slices;
    private final QuotaStore.Window sliding;
    private volatile QuotaStore.Window current;

    private BudgetWindow(Kind kind, ZoneId zone, Duration length, int slices) {
        this.kind = kind;
        this.zone = zone;
        this.length = length;
        this.slices = slices;
        this.sliding = kind == Kind.ROLLING ? QuotaStore.Window.sliding(length, slices) : null;
    }

    /** @return the window containing {@code t} */
    QuotaStore.Window at(Instant t) {
        if (sliding != null) {
            return sliding;
        }
        QuotaStore.Window w = current;
        if (w != null && !t.isBefore(w.start()) && t.isBefore(w.end())) {
            return w;
        }
        LocalDate date = t.atZone(zone).toLocalDate();
        LocalDate first = kind == Kind.DAY ? date : date.withDayOfMonth(1);
        LocalDate next = kind == Kind.DAY ? first.plusDays(1) : first.plusMonths(1);
        w = QuotaStore.Window.fixed(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
        current = w;
        return w;
    }

    /** @return {@code calendar day (UTC)}, {@code rolling PT24H} … */
    String describe() {
        switch (kind) {
            case DAY:
                return "calendar day (" + zone + ")";
            case MONTH:
                return "calendar month (" + zone + ")";
            default:
                return "rolling " + length;
        }
    }

    /** @return the window as the canonical form writes it */
    String wire() {
        return kind == Kind.ROLLING ? length.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads {@code window}, {@code zone} and {@code slices}; null when they had problems (reported). */
    static BudgetWindow parse(Fields f, Map<String, Object> canonical) {
        String window = f.string("window", true);
        boolean hasZone = f.has("zone");
        String zoneName = f.string("zone", false);
        boolean hasSlices = f.has("slices");
        Long slices = f.integer("slices", 1, 1000, false);
        if (window == null) {
            return null;
        }
        if (window.equals("day") || window.equals("month")) {
            if (hasSlices) {
                f.problem("slices", "only applies to a rolling window, but the window is " + Fields.quote(window));
            }
            ZoneId zone = UTC;
            if (zoneName != null) {
                try {
                    zone = ZoneId.of(zoneName);
                } catch (DateTimeException e) {
                    f.problem("zone", "must be a time-zone id such as UTC or Europe/Berlin, but was "
                            + Fields.show(zoneName));
                    return null;
                }
            } else if (hasZone) {
                return null;
            }
            canonical.put("window", window);
            canonical.put("zone", zone.getId());
            return new BudgetWindow(window.equals("day") ? Kind.DAY : Kind.MONTH, zone, null, 1);
        }
        Duration length;
        try {
            length = Duration.parse(window);
        } catch (DateTimeParseException e) {
            f.problem("window", "must be day, month or an ISO-8601 duration such as PT24H, but was "
                    + Fields.show(window));
            return null;
        }
        if (length.compareTo(MIN_ROLLING) < 0 || length.compareTo(MAX_ROLLING) > 0) {
            f.problem("window", "must be a rolling duration from PT1S to P400D, but was " + Fields.show(window));
            return null;
        }
        if (hasZone) {
            f.problem("zone", "only applies to day and month windows, but the window is " + Fields.quote(window));
            return null;
        }
        int n = slices == null ? DEFAULT_SLICES : slices.intValue();
        if (hasSlices && slices == null) {
            return null;
        }
        if (length.toMillis() / n < 1) {
            f.problem("slices", "must leave each slice at least 1 ms of the window " + length + ", but was " + n);
            return null;
        }
        canonical.put("window", length.toString());
        canonical.put("slices", (long) n);
        return new BudgetWindow(Kind.ROLLING, null, length, n);
    }
}
