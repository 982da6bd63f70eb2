package dev.lockstep.trace.tlc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Turns NDJSON (one JSON object per line) into TLC values: an object becomes a record, an array a
 * tuple, a string a string, an integer an integer, {@code true}/{@code false} booleans. Anything
 * TLC cannot represent faithfully is rejected with the line number and the field path: numbers
 * outside TLC's 32-bit integers, fractions, {@code null}, duplicate keys, and lines that are not
 * objects. Empty lines at the end of the file are ignored; an empty line elsewhere is an error
 * (it would shift every later line number).
 */
public final class JsonToTla {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonToTla() {}

    /** Every line of {@code file} as a record, in order: a tuple indexed by line number. */
    public static TupleValue readFile(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                lines.add(s);
            }
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        Value[] records = new Value[end];
        for (int n = 0; n < end; n++) {
            records[n] = readLine(lines.get(n), n + 1);
        }
        return new TupleValue(records);
    }

    /** One NDJSON line (numbered {@code lineNo} in messages) as a record. */
    public static RecordValue readLine(String text, int lineNo) throws IOException {
        if (text.isBlank()) {
            throw new TraceFormatException(lineNo, "", "the line is empty");
        }
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new TraceFormatException(lineNo, "", "the line is not a JSON object");
            }
            RecordValue record = object(p, lineNo, "");
            if (p.nextToken() != null) {
                throw new TraceFormatException(lineNo, "", "text follows the JSON object");
            }
            return record;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TraceFormatException(lineNo, "", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Value value(JsonParser p, int lineNo, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return object(p, lineNo, path);
        }
        if (t == JsonToken.START_ARRAY) {
            return array(p, lineNo, path);
        }
        if (t == JsonToken.VALUE_STRING) {
            return new StringValue(p.getText());
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return integer(p, lineNo, path);
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        if (t == JsonToken.VALUE_NULL) {
            throw new TraceFormatException(lineNo, path, "null has no TLA+ value; log a sentinel instead"
                    + " (e.g. \"\" or 0) that the spec maps");
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new TraceFormatException(lineNo, path, "the number " + p.getText()
                    + " is not an integer; TLC has integers only");
        }
        throw new TraceFormatException(lineNo, path, "unexpected JSON token " + t);
    }

    private static RecordValue object(JsonParser p, int lineNo, String path) throws IOException {
        List<UniqueString> names = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (!seen.add(name)) {
                throw new TraceFormatException(lineNo, fieldPath, "the key occurs twice in one object");
            }
            p.nextToken();
            names.add(UniqueString.uniqueStringOf(name));
            values.add(value(p, lineNo, fieldPath));
        }
        RecordValue r = new RecordValue(names.toArray(new UniqueString[0]), values.toArray(new Value[0]), false);
        r.normalize();
        return r;
    }

    private static TupleValue array(JsonParser p, int lineNo, String path) throws IOException {
        List<Value> elems = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            elems.add(value(p, lineNo, path + "[" + (elems.size() + 1) + "]"));
        }
        return elems.isEmpty() ? TupleValue.EmptyTuple : new TupleValue(elems.toArray(new Value[0]));
    }

    private static IntValue integer(JsonParser p, int lineNo, String path) throws IOException {
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new TraceFormatException(lineNo, path, "the number " + p.getText()
                    + " does not fit TLC's 32-bit integers (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE
                    + "); log it as a string or keep it small");
        }
        return IntValue.gen(p.getIntValue());
    }
}
