package dev.lanes.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a {@link Kernels} implementation is and where it runs, for bug reports and fingerprints.
 *
 * @param backend       {@code "scalar"} or {@code "vector"}
 * @param vectorBits    the vector width in bits the kernels use (32 for the scalar reference)
 * @param preferredBits the widest vector the CPU runs natively, as the JVM reports it
 *                      (0 when unknown, as for the scalar reference without the vector module)
 * @param cpu           the CPU model, as the operating system names it
 * @param jvm           the JVM vendor and version
 */
public record KernelInfo(String backend, int vectorBits, int preferredBits, String cpu, String jvm) {

    /** Describes the current machine for a backend of the given widths. */
    public static KernelInfo of(String backend, int vectorBits, int preferredBits) {
        return new KernelInfo(backend, vectorBits, preferredBits, cpuName(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                        + " " + Runtime.version());
    }

    /** True when the vector width is wider than the CPU runs natively, so the JDK emulates it. */
    public boolean emulated() {
        return preferredBits > 0 && vectorBits > preferredBits;
    }

    /** One line, for example {@code backend=vector bits=256 (native 256) cpu=… jvm=…}. */
    @Override
    public String toString() {
        String widths = preferredBits > 0
                ? " (native " + preferredBits + (emulated() ? ", emulated" : "") + ")" : "";
        return "backend=" + backend + " bits=" + vectorBits + widths + " cpu=" + cpu + " jvm=" + jvm;
    }

    private static String cpuName() {
        String arch = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                String model = lines
                        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name")
                                || l.startsWith("Hardware") || l.startsWith("CPU part"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(null);
                if (model != null && !model.isEmpty()) {
                    return model + " (" + arch + ", " + Runtime.getRuntime().availableProcessors() + " cpus)";
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture alone
            }
        }
        return arch + " (" + Runtime.getRuntime().availableProcessors() + " cpus)";
    }
}
