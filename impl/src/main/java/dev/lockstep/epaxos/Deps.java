package dev.lockstep.epaxos;

import dev.lockstep.common.Membership;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dependency vector (contract, "Instances and commands"): per owner (by member position) the
 * highest instance number depended on, 0 for none. It stands for every instance of that owner's
 * row up to that number ({@link #covers}), as in Moraru's implementation, which keeps an
 * instance's attributes at {@code n} numbers however long a key's history. Immutable; the union
 * of two vectors is their pointwise maximum ({@link #join}).
 */
final class Deps {
    private final long[] nums;

    private Deps(long[] nums) {
        this.nums = nums;
    }

    static Deps none(int members) {
        return new Deps(new long[members]);
    }

    static Deps of(long... nums) {
        for (long n : nums) {
            if (n < 0) {
                throw new IllegalArgumentException("negative instance number in deps " + Arrays.toString(nums));
            }
        }
        return new Deps(nums.clone());
    }

    int size() {
        return nums.length;
    }

    /** The highest number depended on in the row of the member at {@code pos}. */
    long at(int pos) {
        return nums[pos];
    }

    /** Pointwise maximum: the union of the rows' prefixes. */
    Deps join(Deps other) {
        requireSameSize(other);
        long[] j = nums.clone();
        boolean changed = false;
        for (int p = 0; p < j.length; p++) {
            if (other.nums[p] > j[p]) {
                j[p] = other.nums[p];
                changed = true;
            }
        }
        return changed ? new Deps(j) : this;
    }

    /** This vector raised to at least {@code num} in the row at {@code pos}. */
    Deps including(int pos, long num) {
        if (nums[pos] >= num) {
            return this;
        }
        long[] j = nums.clone();
        j[pos] = num;
        return new Deps(j);
    }

    /** Whether the instance numbered {@code num} in the row at {@code pos} is depended on. */
    boolean covers(int pos, long num) {
        return num <= nums[pos];
    }

    boolean isNone() {
        for (long n : nums) {
            if (n != 0) {
                return false;
            }
        }
        return true;
    }

    /** The trace's form: every member's name to its number. */
    Map<String, Object> traceForm(Membership members) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int p = 0; p < nums.length; p++) {
            f.put(members.at(p).toString(), nums[p]);
        }
        return f;
    }

    long[] toArray() {
        return nums.clone();
    }

    private void requireSameSize(Deps other) {
        if (other.nums.length != nums.length) {
            throw new IllegalArgumentException("deps of " + nums.length + " and " + other.nums.length + " members");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deps d && Arrays.equals(nums, d.nums);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nums);
    }

    @Override
    public String toString() {
        return Arrays.toString(nums);
    }
}
