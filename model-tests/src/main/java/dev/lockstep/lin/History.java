package dev.lockstep.lin;

import java.util.List;

/** A client history: every operation with its invoke/response stamps and outcome. */
public record History(List<Operation> operations) {
    public History {
        operations = List.copyOf(operations);
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).id() != i) {
                throw new IllegalArgumentException("operation ids must be 0.." + (operations.size() - 1)
                        + " in order, found " + operations.get(i).id() + " at " + i);
            }
        }
    }

    public int size() {
        return operations.size();
    }

    public long unknownCount() {
        return operations.stream().filter(Operation::isUnknown).count();
    }
}
