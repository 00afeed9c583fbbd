package dev.lanes.cli;

import dev.lanes.cli.CrossCheckPlan.Configuration;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes cross-check}: runs {@code lanes fingerprint --parts} in child JVMs under every
 * configuration {@link CrossCheckPlan} finds (the scalar reference, every width, thread counts,
 * instruction-set levels, C1, the interpreter, emulated aarch64 CPUs), a few at a time, and
 * checks that each battery gives one digest everywhere: a table, the parts that differ, exit
 * status 1 on any difference or failure.
 *
 * <p>The children run the program from this JVM's own class path (the jar {@code ./lanes} runs,
 * or the build's classes in a test) with this JVM's {@code java} or {@code --java}. Each
 * battery's digest is compared with the first configuration that ran it (the scalar reference
 * for the full battery), or with the file {@code --expect} names.
 */
@Command(name = "cross-check", mixinStandardHelpOptions = true,
        description = {"Run `lanes fingerprint --parts` in child JVMs under the scalar reference, every vector width, "
                + "threads 1-3, the instruction-set levels this CPU can restrict itself to (x86: -XX:UseAVX=0.., "
                + "-XX:UseSSE=2, -XX:-UseFMA; aarch64: -XX:UseSVE=0..), C1 alone, the interpreter (short battery) "
                + "and, when an aarch64 JDK and qemu-aarch64-static are at hand, NEON, SVE and SVE2 at 128, 256 and "
                + "512 bits under emulation. Prints a table (configuration, ISA, bits, digest, seconds), names the "
                + "parts that differ, and exits 1 on any difference or failure, 0 when all agree.",
            "Prepare the aarch64 JDK with scripts/prepare-aarch64-jdk.sh (README, \"Check on CPUs you don't have\")."})
final class CrossCheckCommand implements Callable<Integer> {
    private static final long CPU_SAMPLE_MILLIS = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--java", paramLabel = "PATH", description = "the java launcher of the JDK 25 to check "
            + "(default: the one running this program)")
    Path javaPath;

    @Option(names = "--aarch64", paramLabel = "DIR", description = "the folder scripts/prepare-aarch64-jdk.sh "
            + "prepared (default: $LANES_AARCH64, else ${XDG_CACHE_HOME:-~/.cache}/lanes/aarch64)")
    Path aarch64;

    @Option(names = "--qemu", paramLabel = "PATH", description = "the qemu-aarch64-static binary (default: DIR/bin, "
            + "else the PATH)")
    Path qemu;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "child JVMs at a time (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "the longest one child may run (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "run only these configurations")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "NAME", split = ",", description = "leave these configurations out")
    List<String> skip = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "FILE", description = "compare every digest with FILE (as "
            + "`lanes fingerprint --write` writes it, e.g. fingerprint.sha256) instead of the first configuration")
    Path expect;

    @Option(names = "--require-aarch64", description = "fail (exit 1) when the aarch64 configurations cannot run "
            + "here, instead of listing them as skipped")
    boolean requireAarch64;

    @Option(names = "--list", description = "print the configurations and their command lines, run nothing")
    boolean list;

    /**
     * What one child gave: {@code seconds} of wall-clock time and about {@code cpuSeconds} of
     * processor time (all its threads, sampled every {@value #CPU_SAMPLE_MILLIS} ms; less
     * dependent than the wall clock on what else the machine runs).
     */
    record Outcome(Configuration config, String status, String isa, int bits, String digest,
            Map<String, String> parts, double seconds, double cpuSeconds, String detail) {
        boolean ran() {
            return status.equals("ok");
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (jobs < 1 || jobs > 256) {
            throw new Main.UsageException("Invalid value for option '--jobs': '" + jobs + "' must be in [1, 256]");
        }
        if (timeout < 1) {
            throw new Main.UsageException("Invalid value for option '--timeout': '" + timeout + "' must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExpectedDigests expected = expect != null ? ExpectedDigests.read(expect) : null;

        String javaCmd = javaPath != null ? javaPath.toString()
                : ProcessHandle.current().info().command().orElseThrow(
                        () -> new IOException("cannot tell which java runs this program: name one with --java"));
        if (javaPath != null && !Files.isExecutable(javaPath)) {
            throw new Main.UsageException("Invalid value for option '--java': '" + javaPath
                    + "' is not an executable file");
        }
        CrossCheckPlan.JvmProbe host = CrossCheckPlan.probe(List.of(javaCmd), Map.of(), 120);
        if (host.version() < 25) {
            throw new IOException(javaCmd + " is Java " + host.version() + ": the program needs Java 25 or newer");
        }
        Path dir = aarch64 != null ? aarch64 : defaultAarch64Dir();
        String[] why = {null};
        CrossCheckPlan.Emulator emulator = CrossCheckPlan.findEmulator(dir, qemu, why);
        CrossCheckPlan plan = new CrossCheckPlan(javaCmd, classPath(), host, emulator, why[0],
                CrossCheckPlan.cpuFlags());
        Set<String> known = new LinkedHashSet<>(plan.names());
        plan.skipped.forEach(s -> known.add(s.name()));
        for (String n : concat(only, skip)) {
            if (!known.contains(n)) {
                throw new Main.UsageException("Invalid configuration name '" + n + "' in --only/--skip; the names are: "
                        + String.join(", ", known));
            }
        }
        plan.select(Set.copyOf(only), Set.copyOf(skip));
        if (plan.configurations.isEmpty()) {
            throw new Main.UsageException("--only/--skip left no configuration to run");
        }
        if (list) {
            for (Configuration c : plan.configurations) {
                out.println(c.name() + ": " + (c.env().isEmpty() ? "" : envText(c.env()) + " ")
                        + String.join(" ", c.commandLine()));
            }
            printSkipped(out, plan);
            return 0;
        }

        err.printf(Locale.ROOT, "lanes cross-check: %d configurations, %d at a time (at most %d s each)%n",
                plan.configurations.size(), jobs, timeout);
        List<Outcome> outcomes = runAll(plan.configurations, err);
        return report(out, plan, outcomes, expected, !host.arch().equals("aarch64"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * {@code $LANES_AARCH64}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/lanes/aarch64}: the
     * folder the preparing script fills by default (so {@code $HOME} before Java's
     * {@code user.home}, which comes from the user database).
     */
    static Path defaultAarch64Dir() {
        String env = System.getenv("LANES_AARCH64");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        String home = System.getenv("HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache");
        return base.resolve("lanes").resolve("aarch64");
    }

    /** This JVM's class path with every entry made absolute (the children may resolve it elsewhere). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String envText(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private List<Outcome> runAll(List<Configuration> configs, PrintWriter err) throws InterruptedException {
        Set<Process> running = ConcurrentHashMap.newKeySet();
        // children must not outlive an interrupted cross-check
        Thread reaper = new Thread(() -> running.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(reaper);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Configuration c : configs) {
                futures.add(pool.submit(() -> {
                    Outcome o = runOne(c, running);
                    synchronized (err) {
                        err.printf(Locale.ROOT, "  [%d/%d] %-9s %-8s %6.1f s (cpu %.1f s)%n", done.incrementAndGet(),
                                configs.size(), c.name(), o.status(), o.seconds(), o.cpuSeconds());
                    }
                    return o;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a child's supervision failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            running.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    private Outcome runOne(Configuration c, Set<Process> running) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(c.commandLine());
        pb.environment().remove("QEMU_CPU");
        pb.environment().putAll(c.env());
        Path stdout = Files.createTempFile("lanes-cross-check-" + c.name(), ".out");
        Path stderr = Files.createTempFile("lanes-cross-check-" + c.name(), ".err");
        try {
            pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            long start = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Outcome(c, "FAILED", "", 0, "", Map.of(), 0, 0, "cannot start " + c.commandLine().get(0) + ": "
                        + e.getMessage());
            }
            running.add(p);
            long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
            double cpu = 0;
            boolean finished = false;
            while (!finished && System.nanoTime() < deadline) {
                var sample = p.info().totalCpuDuration();
                if (sample.isPresent()) {
                    cpu = sample.get().toNanos() / 1e9;
                }
                finished = p.waitFor(Math.min(CPU_SAMPLE_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            running.remove(p);
            String text = Files.readString(stdout, StandardCharsets.UTF_8);
            String errText = Files.readString(stderr, StandardCharsets.UTF_8);
            if (!finished) {
                return new Outcome(c, "TIMEOUT", "", 0, "", Map.of(), seconds, cpu, "no result after " + timeout
                        + " s");
            }
            return parse(c, p.exitValue(), text, errText, seconds, cpu);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Reads a child's output and checks that it ran what its configuration promises. */
    static Outcome parse(Configuration c, int status, String out, String err, double seconds, double cpu) {
        String[] lines = out.split("\n");
        String info = lines.length > 0 ? lines[0] : "";
        String digest = lines.length > 1 && lines[1].matches("sha256 [0-9a-f]{64}") ? lines[1].substring(7) : null;
        if (status != 0 || digest == null) {
            String why = (err.strip() + "\n" + out.strip()).strip().lines()
                    .filter(l -> !l.startsWith("WARNING: Using incubator")).limit(4)
                    .reduce((a, b) -> a + " / " + b).orElse("no output");
            return new Outcome(c, "FAILED", "", 0, "", Map.of(), seconds, cpu, "status " + status + ": " + why);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            String[] f = lines[i].strip().split(" ");
            if (f.length == 2 && f[1].matches("[0-9a-f]{64}")) {
                parts.put(f[0], f[1]);
            }
        }
        String backend = field(info, "backend");
        String isa = field(info, "isa");
        int bits = field(info, "bits").matches("\\d+") ? Integer.parseInt(field(info, "bits")) : 0;
        String jit = field(info, "jit");
        List<String> wrong = new ArrayList<>();
        if (!backend.equals(c.backend())) {
            wrong.add("backend " + backend + ", expected " + c.backend());
        }
        if (c.bits() != 0 && bits != c.bits()) {
            wrong.add(bits + " bits, expected " + c.bits());
        }
        if (!c.isaMatches(isa)) {
            wrong.add("isa " + isa + ", expected " + c.isa());
        }
        if (!field(info, "threads").equals(Integer.toString(c.threads()))) {
            wrong.add("threads " + field(info, "threads") + ", expected " + c.threads());
        }
        String shown = isa + (jit.equals("c2") || jit.isEmpty() ? "" : " " + (jit.equals("none") ? "interp." : jit));
        if (!wrong.isEmpty()) {
            return new Outcome(c, "WRONG", shown, bits, digest, parts, seconds, cpu, "ran " + String.join(", ", wrong));
        }
        return new Outcome(c, "ok", shown, bits, digest, parts, seconds, cpu, "");
    }

    /** The value of {@code name=} in the fingerprint's first line (up to the next space), or "". */
    private static String field(String line, String name) {
        int i = (" " + line).indexOf(" " + name + "=");
        if (i < 0) {
            return "";
        }
        int from = i + name.length() + 1;
        int to = line.indexOf(' ', from);
        return line.substring(from, to < 0 ? line.length() : to);
    }

    private int report(PrintWriter out, CrossCheckPlan plan, List<Outcome> outcomes, ExpectedDigests expected,
            boolean aarch64Emulated) {
        // the reference of each battery: the expected file, else the first configuration that ran it
        Map<String, String> reference = new LinkedHashMap<>();
        Map<String, Map<String, String>> referenceParts = new LinkedHashMap<>();
        Map<String, String> referenceName = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String b = o.config().battery();
            if (expected != null) {
                if (expected.digest(b) != null && !reference.containsKey(b)) {
                    reference.put(b, expected.digest(b));
                    Map<String, String> parts = new LinkedHashMap<>();
                    expected.digests().forEach((k, v) -> {
                        if (k.startsWith(b + "/")) {
                            parts.put(k.substring(b.length() + 1), v);
                        }
                    });
                    referenceParts.put(b, parts);
                    referenceName.put(b, expect.toString());
                }
            } else if (o.ran() && !reference.containsKey(b)) {
                reference.put(b, o.digest());
                referenceParts.put(b, o.parts());
                referenceName.put(b, o.config().name());
            }
        }

        List<String> problems = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"config", "settings", "isa", "bits", "threads", "battery", "digest", "seconds",
            "cpu s", "result"});
        for (Outcome o : outcomes) {
            String b = o.config().battery();
            String result = o.status();
            if (o.ran()) {
                String want = reference.get(b);
                if (want == null) {
                    result = "NO REFERENCE";
                    problems.add(o.config().name() + ": " + expect + " records no " + b + " battery");
                } else if (!want.equals(o.digest())) {
                    List<String> differing = new ArrayList<>();
                    referenceParts.getOrDefault(b, Map.of()).forEach((part, d) -> {
                        if (!d.equals(o.parts().get(part))) {
                            differing.add(part);
                        }
                    });
                    result = "DIFFERS in " + (differing.isEmpty() ? "?" : String.join(", ", differing));
                    problems.add(o.config().name() + " (" + o.config().settings() + "): " + b + " digest " + o.digest()
                            + " differs from " + referenceName.get(b) + "'s " + want + "; parts that differ: "
                            + (differing.isEmpty() ? "unknown" : String.join(", ", differing)));
                } else {
                    result = "same";
                }
            } else {
                problems.add(o.config().name() + " (" + o.config().settings() + "): " + o.status() + ", " + o.detail());
                result = o.status() + (o.status().equals("WRONG") ? ": " + o.detail() : "");
            }
            rows.add(new String[] {o.config().name(), o.config().settings(), o.isa(),
                o.bits() > 0 ? Integer.toString(o.bits()) : "", Integer.toString(o.config().threads()), b,
                o.digest().isEmpty() ? "-" : o.digest().substring(0, 16),
                String.format(Locale.ROOT, "%.1f", o.seconds()), String.format(Locale.ROOT, "%.1f", o.cpuSeconds()),
                result});
        }
        printTable(out, rows);
        printSkipped(out, plan);
        // on an aarch64 machine its own levels stand in for the emulated ones
        if (requireAarch64 && aarch64Emulated && outcomes.stream().noneMatch(o -> o.config().emulated())) {
            problems.add("--require-aarch64: the aarch64 configurations did not run ("
                    + plan.skipped.stream().filter(s -> s.name().equals("neon")).map(CrossCheckPlan.Skipped::reason)
                            .findFirst().orElse("left out by --only/--skip") + ")");
        }
        if (problems.isEmpty()) {
            StringBuilder s = new StringBuilder();
            reference.forEach((b, d) -> {
                long n = outcomes.stream().filter(o -> o.config().battery().equals(b)).count();
                s.append(s.isEmpty() ? "" : "; ").append(b).append(' ').append(d).append(" in ").append(n)
                        .append(n == 1 ? " configuration" : " configurations");
            });
            out.println("all " + outcomes.size() + " configurations agree: " + s
                    + (expected != null ? " (as " + expect + " records)" : ""));
            return 0;
        }
        out.println(problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
        problems.forEach(p -> out.println("  " + p));
        return 1;
    }

    /** Prints rows in columns as wide as their widest cell, the numbers right-aligned. */
    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i == 3 || i == 4 || i == 7 || i == 8;
                String pad = " ".repeat(i == r.length - 1 && !right ? 0 : width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(right ? pad + r[i] : r[i] + pad);
            }
            out.println(line);
        }
    }

    /** The configurations that cannot run here, those with one reason on one line. */
    private static void printSkipped(PrintWriter out, CrossCheckPlan plan) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        plan.skipped.forEach(s -> byReason.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s.name()));
        if (!byReason.isEmpty()) {
            out.println("skipped:");
            byReason.forEach((reason, names) -> out.println("  " + String.join(", ", names) + ": " + reason));
        }
    }
}
