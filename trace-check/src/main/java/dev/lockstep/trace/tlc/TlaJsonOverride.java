package dev.lockstep.trace.tlc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * The Java body of {@code ToJson(v)} in module {@code TlaJson}: the JSON text of a TLA+ value.
 * Records become objects; sequences arrays; sets arrays sorted by their elements' JSON text; other functions
 * objects whose keys are their arguments as JSON text (or the plain string of a string or model
 * value); model values their names.
 */
public final class TlaJsonOverride {
    private static final JsonFactory JSON = new JsonFactory();

    private TlaJsonOverride() {}

    @TLAPlusOperator(identifier = "ToJson", module = "TlaJson", warn = false)
    public static Value toJson(Value v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StringValue(out.toString());
    }

    private static void write(JsonGenerator g, Value v) throws IOException {
        if (v instanceof StringValue s) {
            g.writeString(s.val.toString());
        } else if (v instanceof IntValue i) {
            g.writeNumber(i.val);
        } else if (v instanceof BoolValue b) {
            g.writeBoolean(b.val);
        } else if (v instanceof ModelValue m) {
            g.writeString(m.val.toString());
        } else if (v instanceof RecordValue r) {
            g.writeStartObject();
            for (int k = 0; k < r.names.length; k++) {
                g.writeFieldName(r.names[k].toString());
                write(g, r.values[k]);
            }
            g.writeEndObject();
        } else if (v instanceof TupleValue t) {
            g.writeStartArray();
            for (Value e : t.elems) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Enumerable) {
            SetEnumValue set = (SetEnumValue) v.toSetEnum();
            List<String> elems = new ArrayList<>();
            for (int k = 0; k < set.elems.size(); k++) {
                elems.add(text(set.elems.elementAt(k)));
            }
            elems.sort(null);
            g.writeStartArray();
            for (String e : elems) {
                g.writeRawValue(e);
            }
            g.writeEndArray();
        } else {
            writeFunction(g, v);
        }
    }

    /** A function that is not a record or a sequence (e.g. a bag): an object keyed by argument. */
    private static void writeFunction(JsonGenerator g, Value v) throws IOException {
        Value f = v.toFcnRcd();
        if (!(f instanceof FcnRcdValue fcn)) {
            throw new IllegalArgumentException("ToJson cannot write " + v.getClass().getSimpleName() + ": " + v);
        }
        fcn.normalize();
        List<String> keys = new ArrayList<>();
        for (Value arg : fcn.domain) {
            keys.add(key(arg));
        }
        g.writeStartObject();
        for (int k = 0; k < keys.size(); k++) {
            g.writeFieldName(keys.get(k));
            write(g, fcn.values[k]);
        }
        g.writeEndObject();
    }

    private static String key(Value arg) throws IOException {
        if (arg instanceof StringValue s) {
            return s.val.toString();
        }
        if (arg instanceof ModelValue m) {
            return m.val.toString();
        }
        return text(arg);
    }

    private static String text(Value v) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, v);
        }
        return out.toString();
    }
}
