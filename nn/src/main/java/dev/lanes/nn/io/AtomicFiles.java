package dev.lanes.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a crash at any moment leaves either the previous file or the new one,
 * never a mixture: the content goes to a temporary file in the same directory
 * ({@code .<name>.<random>.tmp}), which is forced to the disk ({@code fsync}), then renamed over
 * the target in one atomic step, and the directory is forced too (where the platform allows it),
 * so that the rename itself survives a power cut. A directory this creates is forced into its
 * parent the same way.
 *
 * <p>Checked on Linux with {@code strace}: {@code open(O_CREAT|O_EXCL)} of the temporary file,
 * the writes, {@code fsync}, {@code rename}, {@code open} and {@code fsync} of the directory; and
 * by a test that kills a training process with SIGKILL during its checkpoint writes. A process
 * killed during the write leaves its temporary file behind (nothing runs at a SIGKILL); it is
 * never mistaken for the target.
 *
 * <p>The new file gets the permissions of any newly created file ({@code rw-rw-rw-} less the
 * process's umask), not those of a private temporary file.
 */
public final class AtomicFiles {
    private static final FileAttribute<?>[] PLAIN_FILE = plainFile();

    private AtomicFiles() {}

    /** Writes the content of a file to an open channel. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}. */
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * Replaces {@code target} by what {@code content} writes. If {@code content} or any step
     * fails, the temporary file is removed and {@code target} is as it was.
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (!Files.isDirectory(dir)) {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            Files.createDirectories(dir);
            // make the new directories' entries durable, from the deepest up to the one that existed
            for (Path d = dir; d != null && !d.equals(existing); d = d.getParent()) {
                forceDirectory(d.getParent());
            }
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp", PLAIN_FILE);
        boolean done = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
                out.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
            done = true;
            forceDirectory(dir);
        } catch (IOException | RuntimeException | Error e) {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        // Makes a rename or creation durable on POSIX file systems; other platforms refuse to open
        // a directory, and there it is as durable as the platform makes it.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here
        }
    }

    /** {@code rw-rw-rw-} (the umask applies) where the file system has POSIX permissions. */
    private static FileAttribute<?>[] plainFile() {
        try {
            if (Path.of("").toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-rw-rw-"))};
            }
        } catch (RuntimeException e) {
            // no POSIX permissions: the platform's defaults
        }
        return new FileAttribute<?>[0];
    }
}
