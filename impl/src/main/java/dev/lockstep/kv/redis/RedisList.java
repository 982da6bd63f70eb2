package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis list: a growable ring buffer, so pushes and pops at both ends are O(1) and
 * {@code LINDEX}/{@code LSET} are O(1) too.
 */
public final class RedisList {
    private Bytes[] items = new Bytes[4];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    /** The element at {@code index} (0 = head), which must be in range. */
    public Bytes get(int index) {
        checkIndex(index);
        return items[(head + index) & (items.length - 1)];
    }

    public void set(int index, Bytes value) {
        checkIndex(index);
        items[(head + index) & (items.length - 1)] = value;
    }

    public void addFirst(Bytes value) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    public void addLast(Bytes value) {
        grow();
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    public Bytes removeFirst() {
        Bytes v = get(0);
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    public Bytes removeLast() {
        Bytes v = get(size - 1);
        items[(head + size - 1) & (items.length - 1)] = null;
        size--;
        return v;
    }

    /** The elements {@code from..to} inclusive (indexes in range, from <= to + 1). */
    public List<Bytes> range(int from, int to) {
        List<Bytes> out = new ArrayList<>(Math.max(0, to - from + 1));
        for (int i = from; i <= to; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Replaces the whole content by {@code values} (head first). */
    public void replaceAll(List<Bytes> values) {
        int capacity = 4;
        while (capacity < values.size()) {
            capacity <<= 1;
        }
        items = new Bytes[capacity];
        head = 0;
        size = 0;
        for (Bytes v : values) {
            addLast(v);
        }
    }

    /** All elements, head first. */
    public List<Bytes> toList() {
        return range(0, size - 1);
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        Bytes[] bigger = new Bytes[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) & (items.length - 1)];
        }
        items = bigger;
        head = 0;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
        }
    }
}
