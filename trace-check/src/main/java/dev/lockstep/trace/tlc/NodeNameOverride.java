package dev.lockstep.trace.tlc;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * The Java body of {@code NodeNumber(name)} in module {@code NodeNames}: the number of a node
 * named as in traces ({@code "n12"} is 12, as {@code dev.lockstep.base.NodeId} names nodes), so a
 * trace spec can order nodes the way the cores do. Parsed here rather than by {@code NodeId}: the
 * TLC fork's class path holds only this module's classes and jackson-core.
 */
public final class NodeNameOverride {

    private NodeNameOverride() {}

    @TLAPlusOperator(identifier = "NodeNumber", module = "NodeNames", warn = false)
    public static Value nodeNumber(Value name) {
        if (!(name instanceof StringValue s)) {
            throw new IllegalArgumentException("NodeNumber expects a node name string, got " + name);
        }
        String text = s.val.toString();
        if (!text.matches("n[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("NodeNumber: " + text + " is not a node name (n1, n2, ...)");
        }
        return IntValue.gen(Integer.parseInt(text.substring(1)));
    }
}
