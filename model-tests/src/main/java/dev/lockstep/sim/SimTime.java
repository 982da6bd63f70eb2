package dev.lockstep.sim;

import java.util.Arrays;

/**
 * Simulated time: the current millisecond and the queue of timed events. Events fire in order of
 * time, and in scheduling order among equal times, so a run is a pure function of its seed. A
 * binary min-heap over parallel arrays keeps scheduling allocation-free.
 */
final class SimTime {
    private long now;
    private long nextSeq;
    private long fired;
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private SimEvent[] events = new SimEvent[1024];
    private int size;

    long now() {
        return now;
    }

    /** How many events have fired: a strictly increasing stamp for histories. */
    long fired() {
        return fired;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void at(long time, SimEvent event) {
        if (time < now) {
            throw new IllegalArgumentException("scheduling in the past: " + time + " < " + now);
        }
        if (size == times.length) {
            grow();
        }
        int i = size++;
        long seq = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, time, seq, event);
    }

    void after(long delay, SimEvent event) {
        at(now + delay, event);
    }

    /** Removes the earliest event and advances the clock to its time. */
    SimEvent next() {
        if (size == 0) {
            throw new IllegalStateException("no events scheduled");
        }
        SimEvent first = events[0];
        now = times[0];
        fired++;
        size--;
        long lastTime = times[size];
        long lastSeq = seqs[size];
        SimEvent last = events[size];
        events[size] = null;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
                child++;
            }
            if (!before(times[child], seqs[child], lastTime, lastSeq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            place(i, lastTime, lastSeq, last);
        }
        return first;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        events[to] = events[from];
    }

    private void place(int i, long time, long seq, SimEvent event) {
        times[i] = time;
        seqs[i] = seq;
        events[i] = event;
    }

    private void grow() {
        int n = times.length * 2;
        times = Arrays.copyOf(times, n);
        seqs = Arrays.copyOf(seqs, n);
        events = Arrays.copyOf(events, n);
    }
}
