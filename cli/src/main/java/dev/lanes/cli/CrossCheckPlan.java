package dev.lanes.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configurations {@code lanes cross-check} runs, chosen from what the JVM and the CPU can do:
 * the scalar reference, every vector width, several thread counts, the instruction-set levels the
 * CPU can restrict itself to, C1 alone, the interpreter (on the short battery) and, where an
 * aarch64 JDK and {@code qemu-aarch64-static} are at hand, aarch64 CPUs under emulation. What
 * cannot run here is listed with the reason.
 */
final class CrossCheckPlan {

    /**
     * One child JVM: {@code command} starts {@code lanes fingerprint} (without its own arguments),
     * {@code env} adds to the environment; the child must report {@code backend}, the vector width
     * {@code bits} (0: any) and the instruction set {@code isa} (null: any; see {@link #isaMatches}).
     */
    record Configuration(String name, String settings, List<String> command, Map<String, String> env,
            boolean shortBattery, int threads, String backend, int bits, String isa, boolean emulated) {

        /** The whole command line of the child. */
        List<String> commandLine() {
            List<String> c = new ArrayList<>(command);
            c.addAll(List.of("fingerprint", "--parts", "--threads", Integer.toString(threads)));
            if (shortBattery) {
                c.add("--short");
            }
            return c;
        }

        /**
         * Whether the reported instruction set is the expected one: equal, or the expected name
         * followed by the FMA suffix ({@code avx2} matches {@code avx2+fma}, not {@code avx});
         * true when nothing is expected.
         */
        boolean isaMatches(String reported) {
            return isa == null || reported.equals(isa) || reported.startsWith(isa + "+")
                    || reported.startsWith(isa + "-");
        }

        String battery() {
            return shortBattery ? FingerprintCommand.Battery.SHORT.name() : FingerprintCommand.Battery.FULL.name();
        }
    }

    /** A configuration that does not run here, and why. */
    record Skipped(String name, String reason) {}

    /** What a JVM says about itself: {@code os.arch}, the specification version and its flags. */
    record JvmProbe(String arch, int version, Map<String, String> flags) {
        int intFlag(String name, int otherwise) {
            String v = flags.get(name);
            return v != null && v.matches("\\d+") ? Integer.parseInt(v) : otherwise;
        }
    }

    /** The aarch64 JDK under emulation: the qemu binary, the root folder it maps, the java inside it. */
    record Emulator(Path qemu, Path root, String java) {}

    /**
     * The aarch64 CPUs emulated: name, {@code QEMU_CPU}, instruction set and vector bits the JVM
     * must report. {@code pauth-impdef=on} keeps pointer authentication but with QEMU's cheap
     * hash instead of QARMA: the JDK's native code signs every return address, and emulating
     * QARMA made the fingerprint 2.5 times slower.
     */
    static final String[][] AARCH64 = {
        {"neon", "neoverse-n1", "neon", "128"},
        {"sve128", "a64fx,sve128=on", "sve", "128"},
        {"sve256", "a64fx,sve256=on", "sve", "256"},
        {"sve512", "a64fx", "sve", "512"},
        {"sve2-128", "max,sve128=on,pauth-impdef=on", "sve2", "128"},
        {"sve2-256", "max,sve256=on,pauth-impdef=on", "sve2", "256"},
        {"sve2-512", "max,sve512=on,pauth-impdef=on", "sve2", "512"},
    };

    /** Arguments every child JVM gets before its configuration's own. */
    static final List<String> CHILD_JVM = List.of("-Xmx512m", "--add-modules", "jdk.incubator.vector");

    final List<Configuration> configurations = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();
    final JvmProbe host;

    private final String java;
    private final String classPath;

    /**
     * Plans the run for {@code java} (probed here) with the program on {@code classPath};
     * {@code emulator} is null where there is none, with {@code whyNoEmulator} saying why.
     */
    CrossCheckPlan(String java, String classPath, JvmProbe host, Emulator emulator, String whyNoEmulator,
            Set<String> cpuFlags) {
        this.java = java;
        this.classPath = classPath;
        this.host = host;
        hostConfigurations(cpuFlags);
        if (host.arch().equals("aarch64")) {
            for (String[] a : AARCH64) {
                skipped.add(new Skipped(a[0], "this JVM runs on aarch64 itself: its own levels run natively above"));
            }
        } else if (emulator == null) {
            for (String[] a : AARCH64) {
                skipped.add(new Skipped(a[0], whyNoEmulator));
            }
        } else {
            for (String[] a : AARCH64) {
                List<String> cmd = new ArrayList<>(List.of(emulator.qemu().toString(), "-L", emulator.root().toString(),
                        emulator.java()));
                cmd.addAll(CHILD_JVM);
                cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
                configurations.add(new Configuration(a[0], "QEMU_CPU=" + a[1], cmd, Map.of("QEMU_CPU", a[1]), false, 1,
                        "vector", Integer.parseInt(a[3]), a[2], true));
            }
        }
    }

    private void host(String name, String settings, List<String> options, boolean shortBattery, int threads,
            String backend, int bits, String isa) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(CHILD_JVM);
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
        configurations.add(new Configuration(name, settings, cmd, Map.of(), shortBattery, threads, backend, bits, isa,
                false));
    }

    private void host(String name, List<String> options, String isa) {
        host(name, String.join(" ", options), options, false, 1, "vector", 0, isa);
    }

    private void hostConfigurations(Set<String> cpuFlags) {
        host("scalar", "-Dlanes.kernels=scalar", List.of("-Dlanes.kernels=scalar"), false, 1, "scalar", 0, null);
        host("native", "(defaults)", List.of(), false, 1, "vector", 0, nativeIsa());
        for (int bits : new int[] {64, 128, 256, 512}) {
            String p = "-Dlanes.vector.bits=" + bits;
            host("bits" + bits, p, List.of(p), false, 1, "vector", bits, null);
        }
        host("threads2", "--threads 2", List.of(), false, 2, "vector", 0, null);
        host("threads3", "--threads 3", List.of(), false, 3, "vector", 0, null);
        switch (host.arch()) {
            case "amd64", "x86_64" -> x86Levels(cpuFlags);
            case "aarch64" -> {
                int sve = host.intFlag("UseSVE", 0);
                for (int level = 0; level < sve; level++) {
                    host(level == 0 ? "neon" : "sve", List.of("-XX:UseSVE=" + level), sveName(level));
                }
            }
            default -> skipped.add(new Skipped("isa-levels", "no instruction-set levels are known for " + host.arch()));
        }
        host("c1", List.of("-XX:TieredStopAtLevel=1"), null);
        host("short", "--short", List.of(), true, 1, "vector", 0, null);
        host("xint", "-Xint --short", List.of("-Xint"), true, 1, "vector", 0, null);
    }

    /** The instruction set the probed JVM uses by default, as {@link VmFeatures#isa()} names it. */
    private String nativeIsa() {
        return switch (host.arch()) {
            case "amd64", "x86_64" -> avxName(host.intFlag("UseAVX", 0));
            case "aarch64" -> sveName(host.intFlag("UseSVE", 0));
            default -> null;
        };
    }

    private String avxName(int level) {
        return switch (level) {
            case 0 -> "sse" + host.intFlag("UseSSE", 2);
            case 1 -> "avx";
            case 2 -> "avx2";
            default -> "avx512";
        };
    }

    private static String sveName(int level) {
        return level == 0 ? "neon" : level == 1 ? "sve" : "sve" + level;
    }

    private void x86Levels(Set<String> cpuFlags) {
        int avx = host.intFlag("UseAVX", 0);
        int sse = host.intFlag("UseSSE", 2);
        String[] cpuFlag = {"sse4_1", "avx", "avx2", "avx512f"};
        if (sse > 2) {
            host("sse2", List.of("-XX:UseAVX=0", "-XX:UseSSE=2"), "sse2");
        }
        for (int level = 0; level < avx; level++) {
            host("avx" + level, List.of("-XX:UseAVX=" + level), avxName(level));
        }
        for (int level = avx + 1; level < cpuFlag.length; level++) {
            boolean cpuHas = cpuFlags.contains(cpuFlag[level]);
            skipped.add(new Skipped("avx" + level, "-XX:UseAVX=" + level + " (" + avxName(level) + "): "
                    + (cpuFlags.isEmpty() ? "the JVM chose UseAVX=" + avx + " on this CPU"
                    : cpuHas ? "the CPU lists " + cpuFlag[level] + " but the JVM chose UseAVX=" + avx
                    : "the CPU lacks " + cpuFlag[level] + " (the JVM chose UseAVX=" + avx + ")")));
        }
        if (Boolean.parseBoolean(host.flags().get("UseFMA"))) {
            host("nofma", List.of("-XX:-UseFMA"), nativeIsa() + "-fma");
        } else {
            skipped.add(new Skipped("nofma", "the JVM does not use FMA on this CPU: every configuration runs without"));
        }
    }

    /** The names of the planned configurations. */
    List<String> names() {
        return configurations.stream().map(Configuration::name).toList();
    }

    /** Keeps only the configurations in {@code only} (when not empty) and drops those in {@code skip}. */
    void select(Set<String> only, Set<String> skip) {
        configurations.removeIf(c -> (!only.isEmpty() && !only.contains(c.name())) || skip.contains(c.name()));
    }

    // ---- probing ----

    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S*)\\s+\\{.*$");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+([\\w.]+) = (.*)$");

    /**
     * Starts {@code command} with {@code -XX:+PrintFlagsFinal -XshowSettings:properties -version}
     * and reads its architecture, version and flags; an {@link IOException} says what went wrong.
     */
    static JvmProbe probe(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-XshowSettings:properties", "-version"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("lanes-probe", ".txt");
        try {
            pb.redirectOutput(out.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " -version did not finish in " + timeoutSeconds
                        + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " -version failed (status " + p.exitValue() + "): "
                        + text.strip().lines().limit(5).reduce((a, b) -> a + " / " + b).orElse(""));
            }
            Map<String, String> flags = new HashMap<>();
            Map<String, String> props = new HashMap<>();
            for (String line : text.split("\n")) {
                Matcher f = FLAG.matcher(line);
                if (f.matches()) {
                    flags.put(f.group(1), f.group(2));
                    continue;
                }
                Matcher m = PROPERTY.matcher(line);
                if (m.matches()) {
                    props.putIfAbsent(m.group(1), m.group(2).strip());
                }
            }
            String arch = props.get("os.arch");
            String spec = props.getOrDefault("java.specification.version", "");
            if (arch == null || !spec.matches("\\d+")) {
                throw new IOException(String.join(" ", command) + " did not report os.arch and "
                        + "java.specification.version: is it a Java 25 JVM?");
            }
            return new JvmProbe(arch, Integer.parseInt(spec), flags);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The CPU's feature flags from {@code /proc/cpuinfo} (empty where there is no such file). */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("flags") || line.startsWith("Features")) {
                    return Set.of(line.substring(line.indexOf(':') + 1).strip().toLowerCase(Locale.ROOT).split("\\s+"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the reasons then name the JVM's choice alone
        }
        return Set.of();
    }

    /**
     * Finds the emulated aarch64 JDK under {@code dir} (the folder {@code scripts/prepare-aarch64-jdk.sh}
     * fills: {@code root/} with the JDK, {@code bin/qemu-aarch64-static} where the system has none)
     * and the qemu binary ({@code qemu}, else the cached one, else {@code qemu-aarch64-static} on
     * the PATH). Returns null and puts the reason in {@code why[0]} when something is missing.
     */
    static Emulator findEmulator(Path dir, Path qemu, String[] why) {
        Path root = Files.isDirectory(dir.resolve("root/usr/lib/jvm")) ? dir.resolve("root") : dir;
        Path jvms = root.resolve("usr/lib/jvm");
        String javaPath = null;
        int best = 0;
        if (Files.isDirectory(jvms)) {
            try (var s = Files.list(jvms)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Matcher m = Pattern.compile("java-(\\d+)-openjdk-arm64").matcher(p.getFileName().toString());
                    if (m.matches() && Integer.parseInt(m.group(1)) >= 25 && Integer.parseInt(m.group(1)) > best
                            && Files.isRegularFile(p.resolve("bin/java"))) {
                        best = Integer.parseInt(m.group(1));
                        javaPath = p.resolve("bin/java").toAbsolutePath().toString();
                    }
                }
            } catch (IOException e) {
                why[0] = "cannot list " + jvms + ": " + e.getMessage();
                return null;
            }
        }
        if (javaPath == null) {
            why[0] = "no aarch64 JDK 25 under " + dir + " (prepare one with scripts/prepare-aarch64-jdk.sh, "
                    + "or name another folder with --aarch64 or LANES_AARCH64)";
            return null;
        }
        Path q = qemu;
        if (q == null) {
            Path cached = dir.resolve("bin/qemu-aarch64-static");
            q = Files.isExecutable(cached) ? cached : onPath("qemu-aarch64-static");
        }
        if (q == null || !Files.isExecutable(q)) {
            why[0] = (qemu != null ? qemu + " is not an executable file" : "no qemu-aarch64-static on the PATH or in "
                    + dir.resolve("bin")) + " (scripts/prepare-aarch64-jdk.sh fetches one)";
            return null;
        }
        return new Emulator(q.toAbsolutePath(), root.toAbsolutePath(), javaPath);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name);
            }
        }
        return null;
    }
}
