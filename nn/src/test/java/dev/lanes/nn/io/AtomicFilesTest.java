package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path f, String s) throws IOException {
        AtomicFiles.write(f, out -> out.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))));
    }

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsDirectoriesReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("a/b/c.bin");
        write(f, "one");
        write(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("c.bin"), names(f.getParent()));
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("c.bin");
        write(f, "before");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("before", Files.readString(f));
        assertEquals(List.of("c.bin"), names(dir));
    }

    @Test
    void theFileHasThePermissionsOfAnyNewFile() throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("atomic");
        write(f, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }
}
