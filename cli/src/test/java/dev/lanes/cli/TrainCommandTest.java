package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes train} end to end on small slices of the embedded data and on a CSV file. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private String[] small(String... more) {
        String[] base = {"train", "--limit", "512", "--test-limit", "200", "--layers", "32", "--batch-size", "64",
            "--threads", "2", "--seed", "7"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void trainsWritesTheLogAndBothChartFormats() throws Exception {
        Path log = dir.resolve("log.csv");
        Path svg = dir.resolve("charts/train.svg");
        Run r = Run.of(small("--epochs", "3", "--log", log.toString(), "--plot", svg.toString()));
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("network 784-32-10 relu, adam"), r.toString());
        assertTrue(r.out().contains("epoch  3/3"), r.toString());
        assertTrue(r.out().matches("(?s).*test accuracy 0\\.\\d{4} \\(\\d+/200\\), test loss \\d\\.\\d{4}.*"), r.toString());
        assertTrue(r.out().contains("backend ") && r.out().contains("vector width"), r.toString());
        assertTrue(r.err().isEmpty() || !r.err().contains("Exception"), r.toString());

        List<String> lines = Files.readAllLines(log);
        assertEquals(TrainCommand.HEADER, lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        double firstLoss = 0;
        double lastAcc = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(9, f.length, lines.get(i));
            assertEquals(i, Integer.parseInt(f[0]));
            for (String v : f) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), lines.get(i));
            }
            if (i == 1) {
                firstLoss = Double.parseDouble(f[1]);
            }
            lastAcc = Double.parseDouble(f[4]);
        }
        assertTrue(Double.parseDouble(lines.get(3).split(",")[1]) < firstLoss, "training loss did not fall: " + lines);
        assertTrue(lastAcc > 0.5, "test accuracy after 3 epochs: " + lastAcc);
        Run.assertSvg(svg);

        Path png = dir.resolve("train.png");
        Run p = Run.of(small("--epochs", "1", "--optimizer", "momentum", "--schedule", "cosine", "--log",
                dir.resolve("log2.csv").toString(), "--plot", png.toString()));
        assertEquals(0, p.status(), p.toString());
        Run.assertPng(png);
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedRun() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Run straight = Run.of(small("--epochs", "2", "--checkpoint", a.toString(), "--log", dir.resolve("a.csv").toString()));
        assertEquals(0, straight.status(), straight.toString());
        Run first = Run.of(small("--epochs", "1", "--checkpoint", b.toString(), "--log", dir.resolve("b.csv").toString()));
        assertEquals(0, first.status(), first.toString());
        Run rest = Run.of(small("--epochs", "2", "--checkpoint", b.toString(), "--resume", "--log",
                dir.resolve("b.csv").toString()));
        assertEquals(0, rest.status(), rest.toString());
        assertTrue(rest.out().contains("resumed from") && rest.out().contains("after epoch 1"), rest.toString());
        assertEquals(finalLine(straight), finalLine(rest));
        assertEquals(weightsLine(straight), weightsLine(rest));
        assertTrue(!weightsLine(straight).equals(weightsLine(first)), "one epoch and two give different weights");
        assertArrayEquals(Files.readAllBytes(a.resolve("checkpoint.safetensors")),
                Files.readAllBytes(b.resolve("checkpoint.safetensors")));
        assertEquals(3, Files.readAllLines(dir.resolve("b.csv")).size(), "the log goes on after a resume");
    }

    /** The last line, {@code weights sha256 <64 hex digits>}. */
    static String weightsLine(Run r) {
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("weights sha256 [0-9a-f]{64}"), r.toString());
        return last;
    }

    @Test
    void theWeightsDigestIsTheSha256OfTheLittleEndianBits() throws Exception {
        float[] w = {1f, -0f, Float.intBitsToFloat(0x7fc00001), 0x1p-149f};
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : w) {
            b.putInt(Float.floatToIntBits(v));
        }
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(b.array());
        assertEquals(java.util.HexFormat.of().formatHex(expected), TrainCommand.weightsSha256(w));
        // any NaN counts as the canonical one
        w[2] = Float.NaN;
        assertEquals(java.util.HexFormat.of().formatHex(expected), TrainCommand.weightsSha256(w));
        float[] many = new float[40_000];
        java.util.Arrays.fill(many, 0.5f);
        java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(4 * many.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : many) {
            m.putFloat(v);
        }
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(m.array())), TrainCommand.weightsSha256(many));
    }

    private static String finalLine(Run r) {
        return r.out().lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
    }

    @Test
    void trainsOnACsvFile() throws Exception {
        // three classes, separable by the sign pattern of two features
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        dev.lanes.nn.Rng rng = new dev.lanes.nn.Rng(3);
        for (int i = 0; i < 300; i++) {
            double x = rng.nextGaussian();
            double y = rng.nextGaussian();
            int label = x > 0 ? (y > 0 ? 0 : 1) : 2;
            csv.append(x).append(',').append(y).append(',').append(rng.nextGaussian()).append(',').append(label).append('\n');
        }
        Path file = dir.resolve("points.csv");
        Files.writeString(file, csv);
        Run r = Run.of("train", "--csv", file.toString(), "--classes", "3", "--layers", "16", "--epochs", "20",
                "--batch-size", "16", "--lr", "0.01", "--log", dir.resolve("csv.csv").toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("240 training, 60 test"), r.toString());
        String acc = finalLine(r).split(" ")[2];
        assertTrue(Double.parseDouble(acc) > 0.8, r.toString());
    }

    @Test
    void trainsOnADirectoryWithOneIdxPair() throws Exception {
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"}) {
            try (var in = Data.class.getResourceAsStream("fashion-mnist-subset/" + f)) {
                Files.copy(in, idx.resolve(f));
            }
        }
        Run r = Run.of("train", "--data", idx.toString(), "--epochs", "1", "--limit", "300", "--test-limit", "100",
                "--layers", "8", "--log", dir.resolve("idx.csv").toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("IDX files in " + idx + " (no t10k files: 1000 training images held out)"), r.toString());
        assertTrue(r.out().contains("300 training, 100 test examples"), r.toString());
    }
}
