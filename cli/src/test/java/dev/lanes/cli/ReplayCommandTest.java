package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes replay} on the PyTorch recordings of core's golden tests, and on tampered copies. */
class ReplayCommandTest {
    static final Path GOLDEN = Path.of("..", "core", "src", "test", "resources", "golden", "optim");

    @TempDir
    Path dir;

    private static List<String> goldenFiles() throws Exception {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            return s.filter(p -> p.toString().endsWith(".json")).map(Path::toString).sorted().toList();
        }
    }

    @Test
    void everyRecordingReplaysExactly() throws Exception {
        List<String> files = goldenFiles();
        assertTrue(files.size() >= 15, files.toString());
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(files);
        Run r = Run.of(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.toString());
        assertEquals(files.size(), r.out().lines().filter(l -> l.endsWith(" ok")).count(), r.toString());
        assertTrue(r.out().contains("Adam, 20 steps x 37 values, max 0 ulps"), r.toString());
        Run scalar = Run.of("replay", "--scalar", files.get(0));
        assertEquals(0, scalar.status(), scalar.toString());
    }

    @Test
    void aTamperedRecordingFails() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode rec = (ObjectNode) json.readTree(GOLDEN.resolve("adam__float32.json").toFile());
        ArrayNode param = (ArrayNode) rec.get("trajectory").get(6).get("param");
        float v = (float) param.get(5).doubleValue();
        float tampered = v;
        for (int i = 0; i < 64; i++) {
            tampered = Math.nextUp(tampered); // 64 ulps of v: more than 4 of any nearby magnitude
        }
        param.set(5, (double) tampered);
        Path bad = dir.resolve("adam-tampered.json");
        json.writeValue(bad.toFile(), rec);

        Run r = Run.of("replay", GOLDEN.resolve("sgd__float32.json").toString(), bad.toString());
        assertEquals(1, r.status(), r.toString());
        String line = r.out().lines().filter(l -> l.startsWith(bad.toString())).findFirst().orElseThrow();
        assertTrue(line.contains("FAIL") && line.contains("step 7, param[5]") && line.contains("1 differing"), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("sgd__float32.json") && l.endsWith(" ok")), r.toString());

        Run lenient = Run.of("replay", "--max-ulps", "100", bad.toString());
        assertEquals(0, lenient.status(), lenient.toString());
    }

    @Test
    void unknownConfigurationsAreRefusedByName() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode rec = (ObjectNode) json.readTree(GOLDEN.resolve("sgd__float32.json").toFile());
        ((ObjectNode) rec.get("hyperparams")).put("foreach", true);
        Path foreach = dir.resolve("foreach.json");
        json.writeValue(foreach.toFile(), rec);
        ((ObjectNode) rec.get("hyperparams")).remove("foreach");
        ((ObjectNode) rec.get("hyperparams")).put("amsgrad", true);
        Path unknown = dir.resolve("unknown.json");
        json.writeValue(unknown.toFile(), rec);
        rec.put("optimizer", "LBFGS");
        Path lbfgs = dir.resolve("lbfgs.json");
        json.writeValue(lbfgs.toFile(), rec);

        Run r = Run.of("replay", foreach.toString(), unknown.toString(), lbfgs.toString(),
                dir.resolve("absent.json").toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("SGD: keyword argument foreach=true is not supported"), r.toString());
        assertTrue(r.err().contains("SGD: keyword argument amsgrad=true is not supported"), r.toString());
        assertTrue(r.err().contains("unknown PyTorch optimizer 'LBFGS'"), r.toString());
        assertTrue(r.err().contains("absent.json"), r.toString());
    }

    @Test
    void implementationChoicesThatKeepTheNumbersAreAccepted() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode rec = (ObjectNode) json.readTree(GOLDEN.resolve("adagrad__float32.json").toFile());
        ObjectNode h = (ObjectNode) rec.get("hyperparams");
        h.put("foreach", false);
        h.put("fused", false);
        h.put("capturable", false);
        h.put("differentiable", true);
        h.put("maximize", false);
        Path plain = dir.resolve("plain.json");
        json.writeValue(plain.toFile(), rec);

        Run r = Run.of("replay", plain.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("0 differing ok"), r.toString());

        h.put("capturable", true);
        json.writeValue(plain.toFile(), rec);
        Run capturable = Run.of("replay", plain.toString());
        assertEquals(1, capturable.status(), capturable.toString());
        assertTrue(capturable.err().contains("Adagrad: keyword argument capturable=true is not supported"),
                capturable.toString());
    }
}
