package dev.lockstep.trace.tlc;

import dev.lockstep.base.NodeId;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * The Java body of {@code NodeNumber(name)} in module {@code NodeNames}: the number of a node
 * named as in traces ({@code "n12"} is 12), parsed by {@link NodeId#parse(String)}, so a trace spec
 * can order nodes the way the cores do.
 */
public final class NodeNameOverride {

    private NodeNameOverride() {}

    @TLAPlusOperator(identifier = "NodeNumber", module = "NodeNames", warn = false)
    public static Value nodeNumber(Value name) {
        if (!(name instanceof StringValue s)) {
            throw new IllegalArgumentException("NodeNumber expects a node name string, got " + name);
        }
        String text = s.val.toString();
        try {
            return IntValue.gen(NodeId.parse(text).value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NodeNumber: " + text + " is not a node name (n1, n2, ...)", e);
        }
    }
}
