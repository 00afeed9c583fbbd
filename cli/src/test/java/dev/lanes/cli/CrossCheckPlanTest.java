package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.CrossCheckPlan.Configuration;
import dev.lanes.cli.CrossCheckPlan.JvmProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossCheckPlan}: the configurations follow what the probed JVM and the CPU can do, and
 * what cannot run is listed with its reason.
 */
class CrossCheckPlanTest {

    private static final CrossCheckPlan.Emulator EMULATOR = new CrossCheckPlan.Emulator(Path.of("/q"), Path.of("/r"),
            "/r/usr/lib/jvm/java-25-openjdk-arm64/bin/java");

    private static Configuration named(CrossCheckPlan plan, String name) {
        return plan.configurations.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not planned: " + plan.names()));
    }

    private static String reason(CrossCheckPlan plan, String name) {
        return plan.skipped.stream().filter(s -> s.name().equals(name)).map(CrossCheckPlan.Skipped::reason)
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not skipped: " + plan.skipped));
    }

    @Test
    void anAvx2CpuRunsTheLevelsBelowAndSaysWhyNotAvx512() {
        JvmProbe avx2 = new JvmProbe("amd64", 25, Map.of("UseAVX", "2", "UseSSE", "4", "UseFMA", "true"));
        CrossCheckPlan plan = new CrossCheckPlan("java", "lanes.jar", avx2, EMULATOR, null,
                Set.of("sse4_1", "avx", "avx2", "fma"));
        assertEquals(List.of("scalar", "native", "bits64", "bits128", "bits256", "bits512", "threads2", "threads3",
                "sse2", "avx0", "avx1", "nofma", "c1", "short", "xint", "neon", "sve128", "sve256", "sve512",
                "sve2-128", "sve2-256", "sve2-512"), plan.names());
        assertEquals("avx2", named(plan, "native").isa());
        assertEquals("sse4", named(plan, "avx0").isa());
        assertEquals("avx2-fma", named(plan, "nofma").isa());
        assertTrue(named(plan, "avx1").commandLine().containsAll(List.of("-XX:UseAVX=1", "-cp", "lanes.jar")));
        assertTrue(named(plan, "xint").commandLine().containsAll(List.of("-Xint", "--short")));
        assertEquals("scalar", named(plan, "scalar").backend());
        assertEquals(256, named(plan, "bits256").bits());
        assertEquals(3, named(plan, "threads3").threads());
        assertTrue(reason(plan, "avx3").contains("the CPU lacks avx512f"), reason(plan, "avx3"));

        Configuration sve256 = named(plan, "sve256");
        assertEquals(List.of("/q", "-L", "/r", "/r/usr/lib/jvm/java-25-openjdk-arm64/bin/java"),
                sve256.commandLine().subList(0, 4));
        assertEquals(Map.of("QEMU_CPU", "a64fx,sve256=on"), sve256.env());
        assertEquals(256, sve256.bits());
        assertTrue(sve256.isaMatches("sve+fma") && !sve256.isaMatches("sve2+fma"));
        assertTrue(named(plan, "sve2-512").env().get("QEMU_CPU").contains("pauth-impdef=on"));
    }

    @Test
    void withoutFmaOrEmulatorTheSkippedOnesAreNamed() {
        JvmProbe old = new JvmProbe("amd64", 25, Map.of("UseAVX", "1", "UseSSE", "4", "UseFMA", "false"));
        CrossCheckPlan plan = new CrossCheckPlan("java", "lanes.jar", old, null, "no aarch64 JDK here", Set.of());
        assertTrue(reason(plan, "nofma").contains("does not use FMA"));
        assertTrue(reason(plan, "avx2").contains("the JVM chose UseAVX=1"), reason(plan, "avx2"));
        assertEquals("no aarch64 JDK here", reason(plan, "sve512"));
        assertTrue(plan.names().containsAll(List.of("sse2", "avx0")) && !plan.names().contains("avx1"));

        plan.select(Set.of(), Set.of("sse2", "avx0"));
        assertTrue(!plan.names().contains("sse2") && plan.names().contains("scalar"));
        plan.select(Set.of("scalar", "xint"), Set.of());
        assertEquals(List.of("scalar", "xint"), plan.names());
    }

    @Test
    void anAarch64JvmRunsItsSveLevelsNatively() {
        JvmProbe sve2 = new JvmProbe("aarch64", 25, Map.of("UseSVE", "2", "UseFMA", "true"));
        CrossCheckPlan plan = new CrossCheckPlan("java", "lanes.jar", sve2, EMULATOR, null, Set.of());
        assertEquals("neon", named(plan, "neon").isa());
        assertTrue(named(plan, "neon").commandLine().contains("-XX:UseSVE=0") && !named(plan, "neon").emulated());
        assertEquals("sve", named(plan, "sve").isa());
        assertEquals("sve2", named(plan, "native").isa());
        assertTrue(reason(plan, "sve2-512").contains("aarch64 itself"));
        assertTrue(plan.names().stream().noneMatch(n -> n.startsWith("sve2-") || n.startsWith("avx")));
    }
}
