package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.CrossCheckPlan.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes cross-check}: every configuration this machine can run gives the digests committed
 * in {@code fingerprint.sha256}; a difference is found and named; what the children report is
 * checked against what their configuration promises.
 *
 * <p>Where {@code LANES_REQUIRE_AARCH64=1} (CI sets it after preparing the emulated aarch64 JDK with
 * {@code scripts/prepare-aarch64-jdk.sh}) the emulated NEON and SVE configurations must run too;
 * elsewhere they run when the JDK is prepared and are skipped, with the reason, when it is not.
 */
class CrossCheckCommandTest {

    private static final String DIGEST_A = "a".repeat(64);

    @Test
    void everyConfigurationGivesTheCommittedDigests() {
        boolean requireAarch64 = "1".equals(System.getenv("LANES_REQUIRE_AARCH64"));
        List<String> args = new ArrayList<>(List.of("cross-check", "--expect",
                FingerprintCommandTest.COMMITTED.toString()));
        if (requireAarch64) {
            args.add("--require-aarch64");
        }
        long start = System.nanoTime();
        Run r = Run.of(args.toArray(String[]::new));
        // the table belongs in the build log: it is the evidence
        System.out.printf("lanes %s (%.0f s)%n%s%s", String.join(" ", args), (System.nanoTime() - start) / 1e9,
                r.out(), r.err());
        assertEquals(0, r.status(), r.toString());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\S+ .* (same|DIFFERS.*|FAILED.*|WRONG.*)$"))
                .toList();
        List<String> expected = new ArrayList<>(List.of("scalar", "native", "bits64", "bits128", "bits256", "bits512",
                "threads2", "threads3", "c1", "short", "xint"));
        if (System.getProperty("os.arch").equals("amd64")) {
            expected.addAll(List.of("sse2", "avx0"));
        }
        if (requireAarch64) {
            expected.addAll(List.of("neon", "sve128", "sve256", "sve512", "sve2-512"));
        }
        for (String name : expected) {
            assertTrue(rows.stream().anyMatch(l -> l.startsWith(name + " ") && l.endsWith(" same")),
                    name + " did not run or did not agree\n" + r);
        }
        assertTrue(rows.size() >= 12 && rows.stream().allMatch(l -> l.endsWith(" same")), r.toString());
        assertTrue(r.out().contains("all " + rows.size() + " configurations agree"), r.toString());
    }

    @Test
    void aDifferenceFailsAndNamesThePart(@TempDir Path dir) throws Exception {
        // the committed file with the short battery's training part and overall digest altered
        String text = Files.readString(FingerprintCommandTest.COMMITTED);
        StringBuilder altered = new StringBuilder();
        for (String line : text.split("\n")) {
            altered.append(line.startsWith("short ") || line.startsWith("short/training ")
                    ? line.substring(0, line.indexOf(' ') + 1) + DIGEST_A : line).append('\n');
        }
        Path file = dir.resolve("altered.sha256");
        Files.writeString(file, altered);
        Run r = Run.of("cross-check", "--only", "short", "--expect", file.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("short ") && l.endsWith("DIFFERS in training")),
                r.toString());
        assertTrue(r.out().contains("parts that differ: training") && r.out().contains(DIGEST_A), r.toString());
    }

    @Test
    void badArgumentsAreRefusedByName(@TempDir Path dir) {
        Run r = Run.of("cross-check", "--list", "--only", "nosuch");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("'nosuch'") && r.err().contains("scalar, native"), r.toString());
        r = Run.of("cross-check", "--list", "--java", dir.resolve("java").toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("'--java'"), r.toString());
        r = Run.of("cross-check", "--list", "--jobs", "0");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("'--jobs': '0'"), r.toString());
        r = Run.of("cross-check", "--list", "--skip", "scalar,native", "--only", "scalar");
        assertEquals(2, r.status(), r.toString());
    }

    @Test
    void listShowsEachCommandAndWhyTheEmulatedOnesAreMissing(@TempDir Path dir) {
        Run r = Run.of("cross-check", "--list", "--aarch64", dir.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("scalar: ") && l.contains(" -Dlanes.kernels=scalar ")
                && l.endsWith(" fingerprint --parts --threads 1")), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("xint: ") && l.contains(" -Xint ")
                && l.endsWith(" --short")), r.toString());
        assertTrue(r.out().contains("neon, sve128, sve256, sve512, sve2-128, sve2-256, sve2-512: no aarch64 JDK 25 under "
                + dir), r.toString());
        Run required = Run.of("cross-check", "--only", "short", "--require-aarch64", "--aarch64", dir.toString());
        assertEquals(1, required.status(), required.toString());
        assertTrue(required.out().contains("--require-aarch64: the aarch64 configurations did not run (no aarch64 "
                + "JDK 25 under " + dir), required.toString());
    }

    @Test
    void theEmulatorIsFoundInThePreparedFolder(@TempDir Path dir) throws Exception {
        String[] why = {null};
        assertNull(CrossCheckPlan.findEmulator(dir, null, why));
        assertTrue(why[0].contains("scripts/prepare-aarch64-jdk.sh"), why[0]);
        Path java = dir.resolve("root/usr/lib/jvm/java-25-openjdk-arm64/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "");
        Path qemu = dir.resolve("bin/qemu-aarch64-static");
        Files.createDirectories(qemu.getParent());
        Files.writeString(qemu, "");
        assertTrue(qemu.toFile().setExecutable(true));
        CrossCheckPlan.Emulator e = CrossCheckPlan.findEmulator(dir, null, why);
        assertNotNull(e, why[0]);
        assertEquals(dir.resolve("root").toAbsolutePath(), e.root());
        assertEquals(java.toAbsolutePath().toString(), e.java());
        assertEquals(qemu.toAbsolutePath(), e.qemu());
        assertNull(CrossCheckPlan.findEmulator(dir, dir.resolve("nothing"), why));
        assertTrue(why[0].contains("nothing") && why[0].contains("not an executable"), why[0]);
    }

    @Test
    void aChildMustRunWhatItsConfigurationPromises() {
        Configuration sve256 = new Configuration("sve256", "QEMU_CPU=a64fx,sve256=on", List.of("java"), Map.of(), false,
                1, "vector", 256, "sve", true);
        String parts = "  reductions " + DIGEST_A + "\n";
        String good = "backend=vector bits=256 (native 256) threads=1 isa=sve+fma jit=c2 cpu=x jvm=y\nsha256 "
                + DIGEST_A + "\n" + parts;
        CrossCheckCommand.Outcome ok = CrossCheckCommand.parse(sve256, 0, good, "", 1.5, 1);
        assertEquals("ok", ok.status(), ok.detail());
        assertEquals(256, ok.bits());
        assertEquals(Map.of("reductions", DIGEST_A), ok.parts());

        CrossCheckCommand.Outcome sve2 = CrossCheckCommand.parse(sve256, 0, good.replace("isa=sve+fma", "isa=sve2+fma"),
                "", 1, 1);
        assertEquals("WRONG", sve2.status());
        assertTrue(sve2.detail().contains("isa sve2+fma, expected sve"), sve2.detail());
        CrossCheckCommand.Outcome narrow = CrossCheckCommand.parse(sve256, 0, good.replace("bits=256", "bits=128"),
                "", 1, 1);
        assertEquals("WRONG", narrow.status());
        assertTrue(narrow.detail().contains("128 bits, expected 256"), narrow.detail());
        CrossCheckCommand.Outcome scalar = CrossCheckCommand.parse(sve256, 0,
                good.replace("backend=vector bits=256 (native 256)", "backend=scalar bits=32"), "", 1, 1);
        assertTrue(scalar.detail().contains("backend scalar, expected vector"), scalar.detail());
        CrossCheckCommand.Outcome crashed = CrossCheckCommand.parse(sve256, 134, "",
                "WARNING: Using incubator modules: jdk.incubator.vector\nqemu: uncaught target signal 4\n", 3, 2);
        assertEquals("FAILED", crashed.status());
        assertTrue(crashed.detail().equals("status 134: qemu: uncaught target signal 4"), crashed.detail());
    }
}
