package dev.lanes.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file of expected fingerprint digests ({@code fingerprint.sha256} in the repository): one
 * {@code KEY DIGEST} per line, where KEY is a battery ({@code full}, {@code short}) or a battery
 * and a part ({@code full/optimizers}); lines starting with {@code #} are comments.
 * {@code lanes fingerprint --write FILE} writes it, {@code --expect FILE} and
 * {@code lanes cross-check --expect FILE} compare with it.
 */
record ExpectedDigests(Path file, Map<String, String> digests) {

    /** Reads {@code file}; a missing file or a malformed line is an {@link IOException} naming it. */
    static ExpectedDigests read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the file of expected digests " + file + " does not exist (write it with "
                    + "lanes fingerprint --write " + file + ")", e);
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2 || !f[1].matches("[0-9a-f]{64}") || digests.putIfAbsent(f[0], f[1]) != null) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'KEY SHA256' (64 lower-case hex digits, "
                        + "each key once), found '" + line + "'");
            }
        }
        return new ExpectedDigests(file, digests);
    }

    /**
     * Writes the digests of both batteries and their parts to {@code file}, replacing it whole: a
     * temporary file beside it is moved over it, so a failure leaves the old file as it was.
     */
    static void write(Path file, String full, Map<String, String> fullParts, String shortDigest,
            Map<String, String> shortParts) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# The expected digests of `lanes fingerprint --parts` (battery \"full\") and of\n")
                .append("# `lanes fingerprint --short --parts` (\"short\"), on every CPU, width and thread count.\n")
                .append("# Compared by `lanes fingerprint --expect FILE`, `lanes cross-check --expect FILE` and the\n")
                .append("# tests. A change that alters any result bit must rewrite this file on purpose,\n")
                .append("#   ./lanes fingerprint --write fingerprint.sha256\n")
                .append("# and say in its commit message which results changed and why.\n");
        append(b, "full", full, fullParts);
        append(b, "short", shortDigest, shortParts);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void append(StringBuilder b, String battery, String digest, Map<String, String> parts) {
        b.append(battery).append(' ').append(digest).append('\n');
        parts.forEach((name, d) -> b.append(battery).append('/').append(name).append(' ').append(d).append('\n'));
    }

    /** The recorded digest of {@code battery}, or null when the file has none. */
    String digest(String battery) {
        return digests.get(battery);
    }

    /**
     * Compares a battery's digest and parts with the recorded ones; returns one line per
     * difference (empty when they agree), the overall digest first, then each differing part.
     */
    List<String> compare(String battery, String digest, Map<String, String> parts) {
        List<String> problems = new ArrayList<>();
        String want = digests.get(battery);
        if (want == null) {
            problems.add(file + " records no digest for the " + battery + " battery");
            return problems;
        }
        if (!want.equals(digest)) {
            problems.add("expected " + want + " (" + file + ")");
            problems.add("got      " + digest);
            for (var e : parts.entrySet()) {
                String wantPart = digests.get(battery + "/" + e.getKey());
                if (wantPart != null && !wantPart.equals(e.getValue())) {
                    problems.add("part " + e.getKey() + " differs: expected " + wantPart + ", got " + e.getValue());
                }
            }
        }
        return problems;
    }
}
