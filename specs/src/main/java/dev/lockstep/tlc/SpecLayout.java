package dev.lockstep.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds protocols and their TLC configs under {@code specs/} by convention:
 * <ul>
 *   <li>a protocol is a folder {@code specs/<name>/} holding at least one {@code MC*.cfg}; its
 *       spec module is the {@code .tla} named like the folder ignoring case ({@code raft} ->
 *       {@code Raft}), else the folder name capitalised;
 *   <li>{@code MC<Spec>*.cfg} are CI configs, except {@code MC<Spec>*Deep.cfg} (deep only);
 *   <li>{@code buggy/MC*.cfg} are buggy variants whose first line is
 *       {@code \* expect-violation: <Name>};
 *   <li>a config runs the {@code .tla} of the same base name if it exists, else
 *       {@code MC<Spec>.tla} beside it, else (for {@code buggy/}) the protocol's
 *       {@code MC<Spec>.tla}; the protocol folder is on TLC's library path for buggy configs;
 *   <li>any of these runs in TLC's simulation mode if it has a line
 *       {@code \* tlc-mode: simulate num=<N> depth=<D> seed=<S>}.
 * </ul>
 * Listing configs reads them: a malformed directive throws {@link InvalidConfigException}.
 */
public final class SpecLayout {

    private final Path specsRoot;

    public SpecLayout(Path specsRoot) {
        this.specsRoot = specsRoot.toAbsolutePath().normalize();
    }

    public Path specsRoot() {
        return specsRoot;
    }

    /** Names of the protocol folders, sorted. */
    public List<String> protocolNames() {
        if (!Files.isDirectory(specsRoot)) {
            return List.of();
        }
        return list(specsRoot, Files::isDirectory).stream()
                .filter(dir -> !list(dir, SpecLayout::isMcConfig).isEmpty())
                .map(dir -> dir.getFileName().toString())
                .sorted()
                .toList();
    }

    public Optional<ProtocolSpecs> protocol(String name) {
        if (!protocolNames().contains(name)) {
            return Optional.empty();
        }
        Path dir = specsRoot.resolve(name);
        return Optional.of(new ProtocolSpecs(name, dir, moduleName(dir, name)));
    }

    public List<ModelConfig> ciConfigs(ProtocolSpecs p) {
        return configs(p, p.dir(), ModelConfig.Kind.CI,
                f -> f.startsWith("MC" + p.module()) && !f.endsWith("Deep.cfg"));
    }

    public List<ModelConfig> deepConfigs(ProtocolSpecs p) {
        return configs(p, p.dir(), ModelConfig.Kind.DEEP,
                f -> f.startsWith("MC" + p.module()) && f.endsWith("Deep.cfg"));
    }

    public List<ModelConfig> buggyConfigs(ProtocolSpecs p) {
        Path buggy = p.dir().resolve("buggy");
        return Files.isDirectory(buggy) ? configs(p, buggy, ModelConfig.Kind.BUGGY, f -> true) : List.of();
    }

    /** A config named by the user; its spec is resolved by the same rules. */
    public ModelConfig given(ProtocolSpecs p, Path cfg) {
        return config(p, cfg.toAbsolutePath().normalize(), ModelConfig.Kind.GIVEN);
    }

    private List<ModelConfig> configs(ProtocolSpecs p, Path dir, ModelConfig.Kind kind,
            Predicate<String> nameFilter) {
        return list(dir, SpecLayout::isMcConfig).stream()
                .filter(f -> nameFilter.test(f.getFileName().toString()))
                .sorted()
                .map(cfg -> config(p, cfg, kind))
                .toList();
    }

    private static ModelConfig config(ProtocolSpecs p, Path cfg, ModelConfig.Kind kind) {
        Path dir = cfg.getParent();
        String base = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        String mc = "MC" + p.module() + ".tla";
        Path spec = Stream.of(dir.resolve(base + ".tla"), dir.resolve(mc), p.dir().resolve(mc))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(dir.resolve(mc));
        List<Path> library = dir.equals(p.dir()) ? List.of() : List.of(p.dir());
        CfgFile parsed = CfgFile.read(cfg);
        return new ModelConfig(kind, cfg, spec, library, parsed.expectedViolation(), parsed.simulation());
    }

    private static boolean isMcConfig(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && name.startsWith("MC") && name.endsWith(".cfg");
    }

    private static String moduleName(Path dir, String name) {
        return list(dir, f -> f.getFileName().toString().endsWith(".tla")).stream()
                .map(f -> f.getFileName().toString().replaceFirst("\\.tla$", ""))
                .filter(m -> m.equalsIgnoreCase(name))
                .findFirst()
                .orElse(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(filter).toList();
        } catch (NoSuchFileException vanished) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
