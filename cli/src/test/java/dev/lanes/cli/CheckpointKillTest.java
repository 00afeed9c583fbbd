package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.nn.Rng;
import dev.lanes.nn.io.SafeTensors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: child JVMs run {@code lanes train --checkpoint DIR} (the cli's main class
 * on this test's class path) and are killed with SIGKILL ({@link Process#destroyForcibly()}) at
 * chosen moments, many of them while the checkpoint is being written; after every kill the
 * checkpoint on disk must be the previous epoch's or the new one, byte for byte the one every
 * other run wrote for that epoch, and must load; and {@code --resume} from it must finish with
 * the final weights' bits ({@code weights sha256}) of an uninterrupted run.
 *
 * <p><b>The write window.</b> The network (4-1024-1024-3, Adam: a 13 MB checkpoint) is large and
 * the data tiny (8 training rows), so that writing the checkpoint takes a good part of an epoch.
 * The file is written to a temporary file ({@code .checkpoint.safetensors.*.tmp}) that exists from
 * its creation until the rename that publishes it: a kill that leaves one behind landed in the
 * write, which is how the test counts them (and it asserts that at least a fifth did). Three
 * kinds of moment, drawn at random: 60 % a random time within three quarters of the temporary
 * file's lifetime (measured on the uninterrupted run) after the parent, polling the directory
 * every millisecond, sees the child's first or second write begin; 25 % a random time within an epoch's
 * duration after the first or second epoch line (printed just before that epoch's checkpoint is
 * prepared); 15 % a random time after the start (start-up, loading, the first epoch). Timing by
 * the write itself rather than by the clock keeps the aim on a loaded machine.
 *
 * <p><b>Time.</b> Every kill costs a JVM start, so the children run the scalar reference kernels
 * (the same bits as the vector ones, without compiling the vector code) under C1 alone; each
 * distinct checkpoint is resumed to the end once (the others are byte-identical to it). About
 * 80 s on two idle cores; {@code -Dlanes.killTest.kills=N} changes the number of kills.
 */
class CheckpointKillTest {
    private static final int EPOCHS = 6;
    private static final int KILLS = Integer.getInteger("lanes.killTest.kills", 50);
    private static final Pattern EPOCH = Pattern.compile("^epoch\\s+(\\d+)/\\d+\\s.*");
    private static final long CHILD_TIMEOUT_S = 120;

    @TempDir
    Path dir;

    /** A line the child printed and when it arrived. */
    private record Line(long nanos, String text) {}

    /** A running child and what it printed so far. */
    private static final class Child {
        final Process process;
        final long start = System.nanoTime();
        final List<Line> lines = new ArrayList<>();
        final Thread reader;

        Child(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(new Line(System.nanoTime(), l));
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the child was killed
                }
                synchronized (lines) {
                    lines.notifyAll();
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The epoch numbers printed so far, in order. */
        List<Integer> epochs() {
            synchronized (lines) {
                List<Integer> e = new ArrayList<>();
                for (Line l : lines) {
                    Matcher m = EPOCH.matcher(l.text());
                    if (m.matches()) {
                        e.add(Integer.parseInt(m.group(1)));
                    }
                }
                return e;
            }
        }

        /** Waits until {@code n} epoch lines arrived (true) or the output ended (false). */
        boolean awaitEpochLines(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
            synchronized (lines) {
                while (epochs().size() < n) {
                    if (!reader.isAlive()) {
                        return false;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        fail("no epoch line " + n + " within " + CHILD_TIMEOUT_S + " s:\n" + output());
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                return true;
            }
        }

        /** Waits for the end; returns the exit status. */
        int finish() throws InterruptedException {
            if (!process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the child did not finish within " + CHILD_TIMEOUT_S + " s:\n" + output());
            }
            reader.join(TimeUnit.SECONDS.toMillis(CHILD_TIMEOUT_S));
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                StringBuilder b = new StringBuilder();
                lines.forEach(l -> b.append(l.text()).append('\n'));
                return b.toString();
            }
        }

        /** The digest of the last line, {@code weights sha256 <hex>}. */
        String weights() {
            synchronized (lines) {
                String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).text();
                assertTrue(last.matches("weights sha256 [0-9a-f]{64}"), "last line: " + output());
                return last;
            }
        }
    }

    private Path data;

    private Child start(Path checkpoint, boolean resume) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlanes.kernels=scalar", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.lanes.cli.Main", "train", "--csv", data.toString(), "--classes", "3", "--layers", "1024,1024",
                "--epochs", Integer.toString(EPOCHS), "--batch-size", "16", "--threads", "1", "--seed", "11", "--quiet",
                "--checkpoint", checkpoint.toString(), "--log", checkpoint.resolve("log.csv").toString()));
        if (resume) {
            cmd.add("--resume");
        }
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** The epoch of the checkpoint in {@code ckpt} (0 if there is none), checking that it loads. */
    private static int epochOnDisk(Path ckpt) throws IOException {
        Path f = ckpt.resolve("checkpoint.safetensors");
        if (!Files.exists(f)) {
            return 0;
        }
        SafeTensors.Contents c = SafeTensors.read(f);
        return Integer.parseInt(c.metadata().get("training.epoch"));
    }

    /**
     * Waits until the {@code n}-th write of the child's checkpoint has begun (its temporary file
     * appeared, seen by polling the directory every millisecond): true, or false if the child
     * ended first.
     */
    private static boolean awaitWrite(Child c, Path ckpt, int n) throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (c.process.isAlive()) {
            if (Files.isDirectory(ckpt)) {
                try (Stream<Path> s = Files.list(ckpt)) {
                    s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp")).forEach(seen::add);
                } catch (IOException ignored) {
                    // a file vanished while listed
                }
                if (seen.size() >= n) {
                    return true;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("no write " + n + " within " + CHILD_TIMEOUT_S + " s:\n" + c.output());
            }
            Thread.sleep(1);
        }
        return false;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** Removes the temporary files a killed write left; returns how many there were. */
    private static int leftovers(Path ckpt) throws IOException {
        if (!Files.isDirectory(ckpt)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(ckpt)) {
            List<Path> tmp = s.filter(p -> p.getFileName().toString().matches("\\.checkpoint\\.safetensors\\..*\\.tmp"))
                    .toList();
            for (Path p : tmp) {
                Files.delete(p);
            }
            return tmp.size();
        }
    }

    @Test
    void killedTrainingLeavesALoadableCheckpointAndResumesToTheSameBits() throws Exception {
        long t0 = System.nanoTime();
        StringBuilder csv = new StringBuilder();
        Rng rng = new Rng(3);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 4; j++) {
                csv.append(String.format(Locale.ROOT, "%.4f,", rng.nextGaussian()));
            }
            csv.append(i % 3).append('\n');
        }
        data = Files.writeString(dir.resolve("data.csv"), csv);

        // the uninterrupted run: its final weights, the duration of an epoch and of the start, and
        // when the temporary file of each write exists (watched by polling the directory)
        Path refDir = dir.resolve("reference");
        Child ref = start(refDir, false);
        Map<String, long[]> tmpSeen = new HashMap<>();
        while (ref.process.isAlive()) {
            if (Files.isDirectory(refDir)) {
                try (Stream<Path> s = Files.list(refDir)) {
                    long now = System.nanoTime();
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
                            .forEach(n -> tmpSeen.computeIfAbsent(n, k -> new long[] {now, now})[1] = now);
                } catch (IOException ignored) {
                    // a file vanished while listed
                }
            }
            Thread.sleep(1);
        }
        assertEquals(0, ref.finish(), ref.output());
        String expected = ref.weights();
        List<Long> epochTimes = new ArrayList<>();
        synchronized (ref.lines) {
            for (Line l : ref.lines) {
                if (EPOCH.matcher(l.text()).matches()) {
                    epochTimes.add(l.nanos());
                }
            }
        }
        assertEquals(EPOCHS, epochTimes.size(), ref.output());
        long startup = epochTimes.get(0) - ref.start;
        List<Long> periods = new ArrayList<>();
        for (int i = 1; i < epochTimes.size(); i++) {
            periods.add(epochTimes.get(i) - epochTimes.get(i - 1));
        }
        periods.sort(null);
        long period = periods.get(periods.size() / 2);
        // the write window after the first epoch's line (a resumed child writes first too)
        long[] first = tmpSeen.values().stream().min((a, b) -> Long.compare(a[0], b[0])).orElse(null);
        assertTrue(first != null, "no temporary file seen during the uninterrupted run: " + tmpSeen);
        long opens = first[0] - epochTimes.get(0);
        long closes = first[1] - epochTimes.get(0);
        long width = Math.max(closes - opens, TimeUnit.MILLISECONDS.toNanos(5));

        Map<Integer, String> digests = new HashMap<>();
        Map<Integer, Integer> onDisk = new TreeMap<>();
        int kills = 0;
        int duringWrite = 0;
        Map<String, Integer> plans = new TreeMap<>();
        int chains = 1;
        int verified = 0;
        Rng plan = new Rng(42);
        Path chain = dir.resolve("chain-1");
        while (kills < KILLS) {
            int e0 = Files.isDirectory(chain) ? epochOnDisk(chain) : 0;
            // a chain ends two epochs before the last, so that a child can always be killed in
            // its second write (a kill in the first leaves e0 on disk: the chain would stall);
            // the checkpoints of the last epochs are still resumed, below, when first seen
            if (e0 >= EPOCHS - 2) {
                chain = dir.resolve("chain-" + ++chains);
                continue;
            }
            Child c = start(chain, e0 > 0);
            boolean finished;
            double r = plan.nextDouble();
            // the write after the first epoch line, or the second (the first write done: the
            // chain moves on)
            int j = plan.nextDouble() < 0.5 ? 2 : 1;
            String how;
            if (r < 0.15) {
                how = "start";
                long at = c.start + (long) (plan.nextDouble() * (startup + period));
                long wait = at - System.nanoTime();
                finished = wait > 0 && c.process.waitFor(wait, TimeUnit.NANOSECONDS);
            } else if (r < 0.4) {
                how = "epoch";
                finished = !c.awaitEpochLines(j);
                if (!finished) {
                    finished = c.process.waitFor((long) (plan.nextDouble() * period), TimeUnit.NANOSECONDS);
                }
            } else {
                how = "write";
                finished = !awaitWrite(c, chain, j);
                if (!finished) {
                    finished = c.process.waitFor((long) (plan.nextDouble() * 0.75 * width), TimeUnit.NANOSECONDS);
                }
            }
            if (finished) {
                assertEquals(0, c.finish(), c.output());
                assertEquals(expected, c.weights(), "a run that was not killed: " + c.output());
                continue;
            }
            c.process.destroyForcibly();
            c.finish();
            kills++;
            plans.merge(how, 1, Integer::sum);
            if (leftovers(chain) > 0) {
                duringWrite++;
            }
            List<Integer> printed = c.epochs();
            int e;
            try {
                e = epochOnDisk(chain);
            } catch (IOException x) {
                throw new AssertionError("kill " + kills + ": the checkpoint does not load: " + x.getMessage(), x);
            }
            if (printed.isEmpty()) {
                assertEquals(e0, e, "kill " + kills + " before any epoch line: the checkpoint must be the one resumed");
            } else {
                int k = printed.get(printed.size() - 1);
                assertTrue(e == k || e == k - 1, "kill " + kills + " after the line of epoch " + k
                        + ": the checkpoint holds epoch " + e);
            }
            onDisk.merge(e, 1, Integer::sum);
            if (e == 0) {
                continue;
            }
            Path file = chain.resolve("checkpoint.safetensors");
            String d = sha256(file);
            String seen = digests.putIfAbsent(e, d);
            if (seen != null) {
                assertEquals(seen, d, "kill " + kills + ": the checkpoint of epoch " + e + " differs from another run's");
                continue;
            }
            // the first checkpoint of this epoch: resume a copy of it to the end
            Path copy = dir.resolve("verify-" + e);
            Files.createDirectories(copy);
            Files.copy(file, copy.resolve("checkpoint.safetensors"));
            Child v = start(copy, true);
            assertEquals(0, v.finish(), v.output());
            assertEquals(expected, v.weights(), "resumed from the checkpoint of epoch " + e + " left by kill " + kills);
            verified++;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String summary = String.format(Locale.ROOT, "kill test: %d kills (%d during a checkpoint write; planned %s), "
                + "%d chains, checkpoint epochs on disk after the kills %s, %d checkpoints "
                + "resumed to the end, all with the uninterrupted run's %s; epoch %.0f ms, start %.0f ms, the "
                + "first write's temporary file from %.0f to %.0f ms after its epoch line; %.1f s",
                kills, duringWrite, plans, chains, onDisk, verified, expected, period * 1e-6, startup * 1e-6,
                opens * 1e-6, closes * 1e-6, seconds);
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "kill-test.txt"), summary + System.lineSeparator());
        assertTrue(duringWrite * 5 >= kills, "only " + duringWrite + " of " + kills + " kills landed in a write");
    }
}
