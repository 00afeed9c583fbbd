package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program on files crafted to break its readers: each bad file ends the run with exit status
 * 1 and a single line on stderr naming the file and the problem (no stack trace), and a recording
 * with the non-finite numbers Python writes replays.
 */
class CraftedFilesTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--limit", "64", "--test-limit", "32", "--layers", "8", "--epochs", "1",
        "--quiet"};

    private static String[] train(String... more) {
        String[] all = new String[1 + SMALL.length + more.length];
        all[0] = "train";
        System.arraycopy(SMALL, 0, all, 1, SMALL.length);
        System.arraycopy(more, 0, all, 1 + SMALL.length, more.length);
        return all;
    }

    /** Exit status 1 and exactly one line on stderr, which names the file and says {@code problem}. */
    private static void failsWithOneLine(Run r, Path file, String problem) {
        assertEquals(1, r.status(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r);
        assertTrue(lines.get(0).contains(file.toString()) && lines.get(0).contains(problem), r.toString());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.toString());
    }

    @Test
    void aCheckpointWhoseHeaderNests200000ArraysIsRefusedInOneLine() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        Files.createDirectories(ckpt);
        String json = "[".repeat(200_000) + "]".repeat(200_000);
        byte[] header = json.getBytes(StandardCharsets.US_ASCII);
        Path file = ckpt.resolve("checkpoint.safetensors");
        Files.write(file, ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).array());
        Run r = Run.of(train("--checkpoint", ckpt.toString(), "--resume", "--log", dir.resolve("log.csv").toString()));
        failsWithOneLine(r, file, "nested deeper than 64 levels");
    }

    @Test
    void anIdxHeaderClaimingTooManyImagesPrintsTheRealShape() throws IOException {
        Path data = dir.resolve("idx");
        Files.createDirectories(data);
        Path images = data.resolve("train-images-idx3-ubyte");
        Files.write(images, ByteBuffer.allocate(16).putInt(0x0803).putInt(2_147_483_647).putInt(65_535)
                .putInt(65_535).array());
        Files.write(data.resolve("train-labels-idx1-ubyte"), ByteBuffer.allocate(9).putInt(0x0801).putInt(1)
                .put((byte) 3).array());
        Run r = Run.of(train("--data", data.toString(), "--log", dir.resolve("log.csv").toString()));
        failsWithOneLine(r, images, "shape [2147483647, 65535, 65535] holds 9,223,090,559,730,712,575 values "
                + "(4,294,836,225 per item), more than one array can hold (2,147,483,639)");
    }

    @Test
    void aCsvFileWithNaNIsRefusedInOneLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("points.csv"), "1,2,0\n3,NaN,1\n5,6,0\n7,8,1\n9,10,0\n");
        Run r = Run.of("train", "--csv", csv.toString(), "--classes", "2", "--quiet", "--epochs", "1", "--log",
                dir.resolve("log.csv").toString());
        failsWithOneLine(r, csv, "line 2, column 2: 'NaN' is not a number");
    }

    @Test
    void aRecordingWithNaNAndInfinityReplaysAndNaNEqualsNaN() throws IOException {
        // what Python's json.dumps writes for float('nan'), float('inf'), float('-inf')
        Path rec = Files.writeString(dir.resolve("nonfinite.json"), """
                {"optimizer": "SGD", "hyperparams": {"lr": 0.5},
                 "param0": [1.0, NaN, 2.0, -Infinity],
                 "grads": [[0.5, 1.0, Infinity, 0.0], [NaN, 0.0, 0.0, 1.0]],
                 "trajectory": [{"param": [0.75, NaN, -Infinity, -Infinity]},
                                {"param": [NaN, NaN, -Infinity, -Infinity]}]}
                """);
        Run r = Run.of("replay", rec.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("SGD, 2 steps x 4 values, max 0 ulps (parameters and 0 state tensors), 0 differing ok"), r.toString());
        assertTrue(r.err().isEmpty(), r.toString());
    }

    @Test
    void aBrokenRecordingIsRefusedInOneLine() throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.json"), "{\"optimizer\": \"SGD\", \"param0\": [1.0, 2");
        failsWithOneLine(Run.of("replay", cut.toString()), cut, "not valid JSON at line 1");
        Path nested = Files.writeString(dir.resolve("nested.json"), "[".repeat(100_000) + "]".repeat(100_000));
        failsWithOneLine(Run.of("replay", nested.toString()), nested, "nesting depth");
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"optimizer\": \"SGD\", \"optimizer\": \"Adam\"}");
        failsWithOneLine(Run.of("replay", twice.toString()), twice, "Duplicate field 'optimizer'");
    }

    @Test
    void aCheckpointWithAMultiLineValueIsRefusedInOneLine() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Run first = Run.of(train("--checkpoint", ckpt.toString(), "--log", dir.resolve("log.csv").toString()));
        assertEquals(0, first.status(), first.toString());
        Path file = ckpt.resolve("checkpoint.safetensors");
        var c = dev.lanes.nn.io.SafeTensors.read(file);
        var meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put("training.early_stopping.best", "1\nlanes train: all good\u001b[2J");
        dev.lanes.nn.io.SafeTensors.write(file, meta, c.tensors());
        Run r = Run.of("train", "--limit", "64", "--test-limit", "32", "--layers", "8", "--epochs", "2", "--quiet",
                "--checkpoint", ckpt.toString(), "--resume", "--log", dir.resolve("log.csv").toString());
        failsWithOneLine(r, file, "bad training state");
        assertTrue(r.err().contains("\\u000alanes train: all good\\u001b[2J"), r.toString());
    }
}
