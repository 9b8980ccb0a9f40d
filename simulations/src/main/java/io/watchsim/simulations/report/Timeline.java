package io.watchsim.simulations.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A run's time series in a bounded buffer: one row per bucket of samples, at most
 * {@code capacity} rows whatever the run's length. A sample is added to the open bucket; when
 * the buffer is full, each two neighbouring buckets are merged into one and every bucket holds
 * twice as many samples from then on, so an hour's run sampled every 100 ms keeps between
 * {@code capacity / 2} and {@code capacity} rows. How two values merge is the column's
 * {@link Merge}: counts add up, a percentile or a depth keeps the higher (the envelope), time
 * keeps the later. Single-owner: the sampler's thread adds, the report reads once it stopped.
 */
public final class Timeline {
    /** How a column's values combine when two samples or buckets become one. */
    public enum Merge {
        /** Added up: counts in the interval, and the interval's width. */
        SUM,
        /** The higher one (NaN, nothing measured, gives way to a number): percentiles, depths. */
        MAX,
        /** The later one: the bucket's end time. */
        LAST
    }

    /** A column: its name (as the report's data names it) and how it merges. */
    public record Column(String name, Merge merge) {
        public Column {
            Objects.requireNonNull(name);
            Objects.requireNonNull(merge);
        }
    }

    private final List<Column> columns;
    private final int capacity;
    private final double[][] rows;
    private int size;
    private int samplesPerBucket = 1;
    private int samplesInOpen;

    /** A timeline of {@code columns} keeping at most {@code capacity} rows (an even number, 2 or more). */
    public Timeline(List<Column> columns, int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2: " + capacity);
        }
        this.columns = List.copyOf(columns);
        this.capacity = capacity;
        this.rows = new double[capacity][];
    }

    /** Adds one sample, a value per column in the columns' order. */
    public void add(double[] sample) {
        if (sample.length != columns.size()) {
            throw new IllegalArgumentException("a sample has " + columns.size() + " values, got " + sample.length);
        }
        if (samplesInOpen > 0 && samplesInOpen < samplesPerBucket) {
            merge(rows[size - 1], sample);
            samplesInOpen++;
            return;
        }
        if (size == capacity) {
            halve();
        }
        rows[size++] = sample.clone();
        samplesInOpen = 1;
    }

    /** Merges each two neighbouring rows into one; buckets hold twice as many samples from now on. */
    private void halve() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            double[] merged = rows[2 * i];
            merge(merged, rows[2 * i + 1]);
            rows[i] = merged;
        }
        Arrays.fill(rows, half, size, null);
        size = half;
        samplesPerBucket *= 2;
        samplesInOpen = samplesPerBucket;     // the last merged bucket is full: the next sample opens one
    }

    private void merge(double[] into, double[] next) {
        for (int c = 0; c < into.length; c++) {
            double a = into[c];
            double b = next[c];
            into[c] = switch (columns.get(c).merge()) {
                case SUM -> a + b;
                case MAX -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
                case LAST -> b;
            };
        }
    }

    public List<Column> columns() {
        return columns;
    }

    /** Rows kept now. */
    public int size() {
        return size;
    }

    /** How many samples each bucket holds (1 until the buffer first filled; then 2, 4, ...). */
    public int samplesPerBucket() {
        return samplesPerBucket;
    }

    /** The values of {@code column}, oldest bucket first; a copy. */
    public double[] column(String column) {
        int c = indexOf(column);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /** The column names, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }

    private int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + column + " in " + names());
    }
}
