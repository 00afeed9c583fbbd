package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes fingerprint}: its output, the short battery, and the file of expected digests
 * ({@code --write}, {@code --expect}, the committed {@code fingerprint.sha256}). That the digest
 * is the same under every backend, width, thread count and instruction set is checked in child
 * JVMs by {@link CrossCheckCommandTest}.
 */
class FingerprintCommandTest {

    /** The committed file of expected digests, at the repository root (tests run in {@code cli}). */
    static final Path COMMITTED = Path.of("..", "fingerprint.sha256");

    @Test
    void printsTheKernelsTheInstructionSetAndOneDigest() {
        Run r = Run.of("fingerprint", "--threads", "2");
        assertEquals(0, r.status(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.toString());
        assertTrue(lines[0].startsWith("backend=") && lines[0].contains(" threads=2 ") && lines[0].contains(" isa=")
                && lines[0].contains(" jit=c2 ") && lines[0].contains(" cpu=") && lines[0].contains(" jvm="),
                r.toString());
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64")) {
            assertTrue(lines[0].matches(".* isa=(sse[234]|avx|avx2|avx512)[+-]fma .*"), r.toString());
        }
        assertTrue(lines[1].matches("sha256 [0-9a-f]{64}"), r.toString());
    }

    @Test
    void theCommittedDigestsAreThisMachines() {
        Run full = Run.of("fingerprint", "--parts", "--expect", COMMITTED.toString());
        assertEquals(0, full.status(), "the full battery no longer gives the digest in fingerprint.sha256: a change "
                + "that alters a result must rewrite it on purpose (./lanes fingerprint --write fingerprint.sha256) "
                + "and say why in its commit message\n" + full);
        assertTrue(full.out().contains("matches " + COMMITTED), full.toString());
        Run brief = Run.of("fingerprint", "--short", "--expect", COMMITTED.toString());
        assertEquals(0, brief.status(), brief.toString());
    }

    @Test
    void partsAreListedOnRequest() {
        Run r = Run.of("fingerprint", "--parts");
        assertEquals(0, r.status(), r.toString());
        for (String part : new String[] {"reductions", "elementwise", "transcendental", "mlp-kernels", "optimizers",
            "training"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("  " + part + " [0-9a-f]{64}")), part + "\n" + r);
        }
    }

    @Test
    void theShortBatteryIsAnotherNumberWithTheSameParts() {
        Run brief = Run.of("fingerprint", "--short", "--parts");
        Run again = Run.of("fingerprint", "--short", "--threads", "3");
        Run full = Run.of("fingerprint");
        assertEquals(0, brief.status(), brief.toString());
        assertTrue(brief.out().lines().findFirst().orElseThrow().contains(" battery=short "), brief.toString());
        assertEquals(8, brief.out().split("\n").length, brief.toString());
        assertEquals(brief.out().split("\n")[1], again.out().split("\n")[1], brief + "\n" + again);
        assertNotEquals(full.out().split("\n")[1], brief.out().split("\n")[1]);
    }

    @Test
    void writeThenExpectAgreeAndADifferenceNamesThePart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("fp.sha256");
        Run w = Run.of("fingerprint", "--short", "--write", file.toString());
        assertEquals(0, w.status(), w.toString());
        String text = Files.readString(file);
        assertTrue(text.lines().anyMatch(l -> l.matches("full [0-9a-f]{64}")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("short [0-9a-f]{64}")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("full/optimizers [0-9a-f]{64}")), text);
        String shortDigest = w.out().split("\n")[1].substring(7);
        assertTrue(text.contains("short " + shortDigest + "\n"), text);

        Run ok = Run.of("fingerprint", "--short", "--expect", file.toString());
        assertEquals(0, ok.status(), ok.toString());
        assertTrue(ok.out().endsWith("matches " + file + "\n"), ok.toString());

        // one part's recorded digest changed: exit 1, both digests, the part named
        String line = text.lines().filter(l -> l.startsWith("short/optimizers ")).findFirst().orElseThrow();
        String flipped = line.substring(0, line.length() - 1) + (line.endsWith("0") ? "1" : "0");
        String overall = "short " + shortDigest;
        String otherOverall = "short " + "0".repeat(64);
        Files.writeString(file, text.replace(line, flipped).replace(overall, otherOverall));
        Run bad = Run.of("fingerprint", "--short", "--expect", file.toString());
        assertEquals(1, bad.status(), bad.toString());
        assertTrue(bad.err().contains("expected " + "0".repeat(64)) && bad.err().contains("got      " + shortDigest)
                && bad.err().contains("part optimizers differs"), bad.toString());
        assertTrue(!bad.err().contains("part training differs"), bad.toString());
    }

    @Test
    void aBadFileOrCommandLineIsRefusedByName(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.sha256");
        Run r = Run.of("fingerprint", "--short", "--expect", missing.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("does not exist"), r.toString());

        Path bad = dir.resolve("bad.sha256");
        Files.writeString(bad, "# comment\nfull 1234\n");
        r = Run.of("fingerprint", "--short", "--expect", bad.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains(bad + ":2") && r.err().contains("full 1234"), r.toString());

        Path onlyFull = dir.resolve("full.sha256");
        Files.writeString(onlyFull, "full " + "a".repeat(64) + "\n");
        r = Run.of("fingerprint", "--short", "--expect", onlyFull.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("records no digest for the short battery"), r.toString());

        r = Run.of("fingerprint", "--expect", bad.toString(), "--write", bad.toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--expect and --write"), r.toString());
        r = Run.of("fingerprint", "--threads", "0");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("'--threads': '0'"), r.toString());
    }
}
