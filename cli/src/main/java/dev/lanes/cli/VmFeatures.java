package dev.lanes.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the running JVM compiles for, read from its own flags: the instruction set it uses
 * ({@code UseAVX}/{@code UseSSE}/{@code UseFMA} on x86, {@code UseSVE} on aarch64, each as the
 * JVM chose it for this CPU or as the command line restricted it) and which compilers run. The
 * fingerprint prints both, so a cross-check can show what each configuration really ran.
 */
final class VmFeatures {
    private VmFeatures() {}

    /**
     * The instruction set, e.g. {@code avx512+fma}, {@code sse4-fma}, {@code neon+fma},
     * {@code sve2+fma}; the architecture's name where the flags are unknown.
     */
    static String isa() {
        String arch = System.getProperty("os.arch", "unknown");
        String fma = flag("UseFMA");
        String suffix = fma == null ? "" : Boolean.parseBoolean(fma) ? "+fma" : "-fma";
        switch (arch) {
            case "amd64", "x86_64" -> {
                String avx = flag("UseAVX");
                if (avx == null) {
                    return arch;
                }
                return switch (avx) {
                    case "0" -> "sse" + (flag("UseSSE") == null ? "" : flag("UseSSE"));
                    case "1" -> "avx";
                    case "2" -> "avx2";
                    default -> "avx512";
                } + suffix;
            }
            case "aarch64" -> {
                String sve = flag("UseSVE");
                if (sve == null) {
                    return arch;
                }
                return switch (sve) {
                    case "0" -> "neon";
                    case "1" -> "sve";
                    default -> "sve" + sve;
                } + suffix;
            }
            default -> {
                return arch;
            }
        }
    }

    /** The compilers: {@code none} (the interpreter), {@code c1} (C1 alone) or {@code c2}. */
    static String jit() {
        if (System.getProperty("java.vm.info", "").contains("interpreted")) {
            return "none";
        }
        String level = flag("TieredStopAtLevel");
        boolean tiered = Boolean.parseBoolean(flag("TieredCompilation"));
        return tiered && level != null && !level.isEmpty() && level.charAt(0) < '4' ? "c1" : "c2";
    }

    /** A HotSpot flag's value, or null where the flag or the management module is absent. */
    private static String flag(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (IllegalArgumentException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
