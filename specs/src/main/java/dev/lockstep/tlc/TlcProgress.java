package dev.lockstep.tlc;

import java.time.Duration;

/** A progress report while TLC runs: its counters so far and the wall time since the fork. */
public record TlcProgress(TlcStats stats, Duration elapsed) {}
