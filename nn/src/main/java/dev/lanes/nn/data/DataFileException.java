package dev.lanes.nn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be: bad magic number, truncated, counts
 * that disagree, a non-numeric field. The message names the file and the problem.
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file, as given by the caller. */
    private final transient Path file;

    /** A problem with {@code file}, described by {@code problem}. */
    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
