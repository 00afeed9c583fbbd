package dev.lanes.cli;

import dev.lanes.nn.Rng;
import dev.lanes.nn.data.Csv;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.Idx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where {@code train} and {@code compare} get their data: a training and a test set. */
final class Data {
    /** The Debian package's directory ({@code apt install dataset-fashion-mnist}). */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String EMBEDDED = "fashion-mnist-subset/";
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    /** A training and a test set, features scaled to [0, 1] for images, and where they came from. */
    record Sets(Dataset train, Dataset test, String description) {}

    private Data() {}

    /**
     * Loads the data a command line names: {@code data} is null or {@code "embedded"} (the subset
     * in the program), {@code "fashion-mnist"} (the Debian package), or a directory of IDX files
     * (MNIST's four names; with the training pair alone, a sixth of it is held out for testing);
     * {@code csv}, if not null, a CSV file whose last column is the class (the last 20 % of its rows,
     * after a seeded shuffle, are the test set).
     *
     * @throws Main.DataException saying how to get missing data
     */
    static Sets load(String data, Path csv, int classes, long seed) throws IOException {
        if (csv != null) {
            if (!Files.isRegularFile(csv)) {
                throw new Main.DataException("--csv: no such file: " + csv);
            }
            Dataset all = Csv.classification(csv, -1, classes, hasHeader(csv)).shuffled(new Rng(seed));
            int test = Math.max(1, all.size() / 5);
            Dataset[] parts = all.split(all.size() - test);
            return new Sets(parts[0], parts[1], "CSV " + csv + " (" + parts[0].size() + " train, "
                    + parts[1].size() + " test rows, last column the class)");
        }
        if (data == null || data.equals("embedded")) {
            Path dir = Files.createTempDirectory("lanes-fashion-mnist");
            for (String f : IDX_FILES) {
                Path to = dir.resolve(f + ".gz");
                try (InputStream in = Data.class.getResourceAsStream(EMBEDDED + f + ".gz")) {
                    if (in == null) {
                        throw new Main.DataException("the embedded Fashion-MNIST subset is missing from the program ("
                                + f + ".gz); rebuild it with ./mvnw -B -pl cli -am package");
                    }
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                to.toFile().deleteOnExit();
            }
            dir.toFile().deleteOnExit();
            return idx(dir, "the embedded Fashion-MNIST subset (6,000 train / 1,000 test images)");
        }
        if (data.equals("fashion-mnist")) {
            if (!Files.isDirectory(DEBIAN_FASHION_MNIST)) {
                throw new Main.DataException("--data fashion-mnist: " + DEBIAN_FASHION_MNIST + " does not exist; install "
                        + "it with 'sudo apt install dataset-fashion-mnist' (Debian, Ubuntu), or download the four "
                        + "IDX files from https://github.com/zalandoresearch/fashion-mnist into a directory and "
                        + "pass --data DIR");
            }
            return idx(DEBIAN_FASHION_MNIST, "Fashion-MNIST (" + DEBIAN_FASHION_MNIST + ")");
        }
        Path dir = Path.of(data);
        if (!Files.isDirectory(dir)) {
            throw new Main.DataException("--data: '" + data + "' is neither 'embedded', 'fashion-mnist' nor a directory "
                    + "(a directory must hold train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz])");
        }
        return idx(dir, "IDX files in " + dir);
    }

    private static Sets idx(Path dir, String description) throws IOException {
        Path[] files = new Path[IDX_FILES.length];
        for (int i = 0; i < files.length; i++) {
            files[i] = i < 2 ? find(dir, IDX_FILES[i]) : optional(dir, IDX_FILES[i]);
        }
        Dataset train = Idx.dataset(files[0], files[1], 10).scaled(1f / 255);
        if (files[2] == null || files[3] == null) {
            // one pair only: the last sixth, after a fixed shuffle, is the test set
            Dataset all = train.shuffled(new Rng(0));
            int test = Math.max(1, all.size() / 6);
            Dataset[] parts = all.split(all.size() - test);
            return new Sets(parts[0], parts[1], description + " (no t10k files: " + test + " training images held out)");
        }
        Dataset test = Idx.dataset(files[2], files[3], 10).scaled(1f / 255);
        return new Sets(train, test, description);
    }

    private static Path optional(Path dir, String name) {
        for (String candidate : new String[] {name + ".gz", name, name.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path find(Path dir, String name) {
        Path p = optional(dir, name);
        if (p != null) {
            return p;
        }
        throw new Main.DataException("--data: " + dir + " has no " + name + " (nor " + name + ".gz); get the IDX "
                + "files of MNIST or Fashion-MNIST (e.g. 'sudo apt install dataset-fashion-mnist')");
    }

    /** Whether the first line has a field that is not a number (read as Csv reads it: byte per char). */
    private static boolean hasHeader(Path csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            for (String field : (first == null ? "" : first).split(",")) {
                try {
                    Double.parseDouble(field.trim());
                } catch (NumberFormatException e) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The first {@code n} examples (all if {@code n <= 0} or more than there are). */
    static Dataset limit(Dataset d, int n) {
        return n <= 0 || n >= d.size() ? d : d.slice(0, n);
    }
}
