package dev.lanes.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

/** Runs the program in this JVM and captures what it printed; helpers to check the files it wrote. */
record Run(int status, String out, String err) {

    static Run of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
    }

    /** Fails unless {@code file} is an SVG document that parses as XML with an svg root. */
    static void assertSvg(Path file) throws Exception {
        if (!Files.isRegularFile(file) || Files.size(file) < 1000) {
            throw new AssertionError(file + " is missing or nearly empty");
        }
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = f.newDocumentBuilder().parse(file.toFile());
        if (!doc.getDocumentElement().getLocalName().equals("svg")) {
            throw new AssertionError(file + ": root element is " + doc.getDocumentElement().getLocalName());
        }
    }

    /** Fails unless {@code file} starts with the PNG signature and ImageIO reads a non-empty image from it. */
    static void assertPng(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        for (int i = 0; i < sig.length; i++) {
            if (b.length <= i || b[i] != sig[i]) {
                throw new AssertionError(file + " does not start with the PNG signature");
            }
        }
        var img = ImageIO.read(file.toFile());
        if (img == null || img.getWidth() < 100 || img.getHeight() < 100) {
            throw new AssertionError(file + ": ImageIO read " + img);
        }
    }
}
