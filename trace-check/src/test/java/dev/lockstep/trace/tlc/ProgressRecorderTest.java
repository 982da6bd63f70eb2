package dev.lockstep.trace.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.tlc.TlaValue;
import dev.lockstep.trace.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.Value;
import util.UniqueString;

class ProgressRecorderTest {

    @TempDir
    Path dir;

    private static RecordValue view(int x) {
        return new RecordValue(new UniqueString[] {UniqueString.uniqueStringOf("x")}, new Value[] {IntValue.gen(x)}, false);
    }

    @Test
    void keepsTheFurthestLineItsDistinctViewsAndTheWatchedLines() throws IOException {
        ProgressRecorder r = new ProgressRecorder(List.of(2));
        r.record(1, view(10));
        r.record(2, view(20));
        r.record(2, view(20));
        r.record(2, view(21));
        r.record(3, view(30));
        r.record(1, view(11));
        for (int k = 0; k < 10; k++) {
            r.record(3, view(40 + k));
        }
        Path out = dir.resolve("progress.json");
        r.write(out);
        Progress p = Progress.read(out).orElseThrow();
        assertEquals(3, p.furthest());
        assertEquals(ProgressRecorder.KEEP, p.states().size());
        assertEquals(new TlaValue.Atom("30"), p.states().get(0).get("x"));
        assertEquals(List.of(new TlaValue.Atom("20"), new TlaValue.Atom("21")),
                p.at(2).stream().map(v -> v.get("x")).toList());
        assertTrue(p.at(5).isEmpty());
    }

    @Test
    void aMissingFileMeansNoProgress() throws IOException {
        assertTrue(Progress.read(dir.resolve("none.json")).isEmpty());
    }

    @Test
    void watchedLinesAreACommaList() {
        assertEquals(List.of(4, 5), ProgressRecorder.parseLines("4, 5"));
        assertEquals(List.of(), ProgressRecorder.parseLines(""));
    }
}
