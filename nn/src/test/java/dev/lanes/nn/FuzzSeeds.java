package dev.lanes.nn;

import dev.lanes.nn.io.SafeTensors;
import dev.lanes.nn.io.Tensor;
import dev.lanes.optim.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the fuzz targets' seed corpora: small valid files of every kind the readers accept.
 * Run from the nn module directory (the committed corpora were written by it):
 * {@code java -cp <test class path> dev.lanes.nn.FuzzSeeds src/test/resources}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    /** Writes every corpus under {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        safeTensors(root.resolve("dev/lanes/nn/io/SafeTensorsFuzzTestInputs/read"));
        json(root.resolve("dev/lanes/nn/io/JsonFuzzTestInputs/parse"));
        checkpoints(root.resolve("dev/lanes/nn/CheckpointFuzzTestInputs/load"));
        idx(root.resolve("dev/lanes/nn/data/IdxFuzzTestInputs/read"));
        csv(root.resolve("dev/lanes/nn/data/CsvFuzzTestInputs/read"));
    }

    static Map<String, Tensor> sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("0.weight", Tensor.f32(new float[] {1f, -0f, Float.NaN, 0x1p-149f, 3.25f, -7f}, 3, 2));
        t.put("0.bias", Tensor.f32(new float[] {0.5f, 0.25f, -1f}, 3));
        t.put("steps", Tensor.i64(new long[] {Long.MIN_VALUE, 42}, 2));
        t.put("flags", Tensor.u8(new byte[] {(byte) 255, 1, 0}, 3));
        t.put("empty", Tensor.f32(new float[0], 0, 4));
        return t;
    }

    static void safeTensors(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "é \" \\ \n");
        SafeTensors.write(dir.resolve("valid-sample.safetensors"), meta, sample());
        SafeTensors.write(dir.resolve("valid-empty.safetensors"), Map.of(), Map.of());
        Map<String, Tensor> small = new LinkedHashMap<>();
        small.put("x", Tensor.f32(new float[] {2.5f}));
        small.put("y", Tensor.u8(new byte[] {7, 8}, 1, 2, 1));
        SafeTensors.write(dir.resolve("valid-scalar.safetensors"), null, small);
    }

    static void json(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] file = Files.readAllBytes(Path.of(dir.toString().replace("JsonFuzzTestInputs/parse",
                "SafeTensorsFuzzTestInputs/read"), "valid-sample.safetensors"));
        long n = ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        Files.write(dir.resolve("valid-header.json"), java.util.Arrays.copyOfRange(file, 8, 8 + (int) n));
        Files.writeString(dir.resolve("valid-nested.json"),
                "[0, [12, {\"a\": \"b\\u00e9\\n\\t\\\"\", \"c\": []}], {}, \"\\ud83d\\ude00\"]", StandardCharsets.UTF_8);
    }

    static void checkpoints(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Mlp mlp = CheckpointFuzzTest.network()) {
            Optimizer opt = CheckpointFuzzTest.optimizer(mlp);
            Trainer trainer = Trainer.builder(mlp, opt).epochs(2).batchSize(4).build();
            float[] x = {0.5f, -1f, 2f, 1f, 0f, -0.25f, 3f, 1f, 1f, -2f, 0.75f, 0f};
            trainer.fit(dev.lanes.nn.data.Dataset.classification(x, 3, new int[] {0, 1, 1, 0}, 2), null);
            trainer.save(dir.resolve("valid-checkpoint.safetensors"));
            Checkpoint.save(dir.resolve("valid-model-only.safetensors"), mlp, null, null);
            Checkpoint.saveWeights(dir.resolve("valid-weights.safetensors"), mlp);
        }
        // recipes (see CheckpointFuzzTest.load): a huge network described, an optimizer state
        // tensor of bytes, one flattened, a negative epoch
        Files.write(dir.resolve("recipe-huge-network"), new byte[] {'S', 0, 0, 1, 15});
        Files.write(dir.resolve("recipe-u8-state"), new byte[] {'S', 0, 2, 5, 1});
        Files.write(dir.resolve("recipe-flat-state"), new byte[] {'S', 0, 3, 5, 0});
        Files.write(dir.resolve("recipe-negative-epoch"), new byte[] {'S', 0, 0, 9, 1});
        try (Mlp other = Mlp.builder(2).hidden(3, Activation.leakyRelu(0.25f)).hidden(2, Activation.TANH)
                .output(1, Loss.MSE).maxBatch(2).build()) {
            Checkpoint.saveWeights(dir.resolve("valid-other-network.safetensors"), other);
        }
    }

    static byte[] idxFile(int type, int[] shape, ByteBuffer values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + values.capacity());
        b.putInt(type << 8 | shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.put(values.array()).array();
    }

    static void idx(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] images = idxFile(0x08, new int[] {3, 2, 2}, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255, 9, 8,
            7, 6, 5, 4, 3, (byte) 128}));
        Files.write(dir.resolve("valid-images-idx3-ubyte"), images);
        Files.write(dir.resolve("valid-images-idx3-ubyte.gz"), gzip(images));
        Files.write(dir.resolve("valid-labels-idx1-ubyte"), idxFile(0x08, new int[] {4},
                ByteBuffer.wrap(new byte[] {3, 0, 9, 1})));
        Files.write(dir.resolve("valid-bytes-idx1"), idxFile(0x09, new int[] {2}, ByteBuffer.wrap(new byte[] {-3, 7})));
        Files.write(dir.resolve("valid-shorts-idx1"), idxFile(0x0B, new int[] {2},
                ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 7)));
        Files.write(dir.resolve("valid-ints-idx2"), idxFile(0x0C, new int[] {1, 2},
                ByteBuffer.allocate(8).putInt(-70000).putInt(5)));
        Files.write(dir.resolve("valid-floats-idx1"), idxFile(0x0D, new int[] {3},
                ByteBuffer.allocate(12).putFloat(1.5f).putFloat(-2f).putFloat(0x1p-140f)));
        Files.write(dir.resolve("valid-doubles-idx2"), idxFile(0x0E, new int[] {2, 1},
                ByteBuffer.allocate(16).putDouble(0.1).putDouble(-1e10)));
        Files.write(dir.resolve("valid-scalar-idx0"), idxFile(0x08, new int[0], ByteBuffer.wrap(new byte[] {42})));
    }

    static void csv(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("valid-plain.csv"), "1,2,0\n3.5,-4e-2,1\n0,.5,2\n");
        Files.writeString(dir.resolve("valid-header.csv"), "label,x,y\r\n1, 0.25 ,7\r\n\r\n0,-1.5E+3,+2.\r\n");
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
