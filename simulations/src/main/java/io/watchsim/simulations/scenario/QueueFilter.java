package io.watchsim.simulations.scenario;

import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.TypeFilter;

import java.util.List;

/**
 * A queue's filter (IOC_WATCH_QUEUE_SET_FILTER): 1..16 entries; a record passes if some entry of
 * its type passes it. Meta records (loss, removal) are never filtered.
 */
public record QueueFilter(List<FilterEntry> entries) {
    /** The kernel's limit on entries. */
    public static final int MAX_ENTRIES = FilterRequest.MAX_FILTERS;

    public QueueFilter {
        entries = List.copyOf(entries);
    }

    public static QueueFilter of(FilterEntry... entries) {
        return new QueueFilter(List.of(entries));
    }

    /** The request a program would pass to SET_FILTER. */
    public FilterRequest toRequest() {
        return FilterRequest.of(entries.stream().map(FilterEntry::toTypeFilter).toArray(TypeFilter[]::new));
    }
}
