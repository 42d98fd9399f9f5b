package io.playerlens.local.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU and memory of the local stack: this JVM (gateway, Lambdas, Flink MiniCluster) plus its child processes
 * (the emulators), read from {@code /proc} on Linux. CPU is in cores (1.0 = one core busy) between two calls.
 * Beside the stack's own use it reads what the machine could not give it: time the hypervisor ran another guest on
 * this VM's cores ({@code steal} in {@code /proc/stat}) and time other processes used — on a shared 2-core VM the
 * steal alone was 4–31 % of the cores in a minute (2026-12-03), so "1.6 of 2 cores" can mean a saturated stack.
 */
public final class StackResources {
    /** One reading: cores in use since the previous reading, resident memory in MiB. */
    public record Usage(double jvmCores, double emulatorCores, double jvmRssMib, double emulatorRssMib, double heapUsedMib, int machineCores,
                        double stolenCores, double otherCores) {
        public double totalCores() {
            return jvmCores + emulatorCores;
        }

        /** Cores the stack could have had: the machine's, less what the hypervisor and other processes took. */
        public double availableCores() {
            return Math.max(0, machineCores - stolenCores - otherCores);
        }
    }

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private long lastNanos = System.nanoTime();
    private long lastJvmCpuNanos = jvmCpuNanos();
    private long lastChildTicks = childTicks();
    private long[] lastMachineTicks = machineTicks();

    /** Usage since the previous call (or since construction). */
    public synchronized Usage sample() {
        long now = System.nanoTime();
        long jvmCpu = jvmCpuNanos();
        long children = childTicks();
        double wall = Math.max(1, now - lastNanos);
        double jvmCores = (jvmCpu - lastJvmCpuNanos) / wall;
        double childCores = Math.max(0, children - lastChildTicks) * (1e9 / CLOCK_TICKS) / wall;
        lastNanos = now;
        lastJvmCpuNanos = jvmCpu;
        lastChildTicks = children;
        long[] machine = machineTicks();
        double stolen = Math.max(0, machine[1] - lastMachineTicks[1]) * (1e9 / CLOCK_TICKS) / wall;
        double machineBusy = Math.max(0, machine[0] - lastMachineTicks[0]) * (1e9 / CLOCK_TICKS) / wall;
        lastMachineTicks = machine;
        double other = Math.max(0, machineBusy - jvmCores - childCores);
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        return new Usage(jvmCores, childCores, rssMib(ProcessHandle.current().pid()),
                descendants().stream().mapToDouble(StackResources::rssMib).sum(), heap, Runtime.getRuntime().availableProcessors(),
                stolen, other);
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * The machine's busy ticks (user, nice, system, irq, softirq, all cores) and its stolen ticks, from the first line
     * of {@code /proc/stat}; zeros where there is none.
     */
    static long[] machineTicks() {
        String stat = read(Path.of("/proc/stat"));
        if (stat == null || !stat.startsWith("cpu ")) {
            return new long[] {0, 0};
        }
        return machineTicks(stat.substring(0, stat.indexOf('\n') < 0 ? stat.length() : stat.indexOf('\n')));
    }

    /**
     * Parses {@code cpu  user nice system idle iowait irq softirq steal ...} (kernels before 2.6.11 have no steal); a
     * line it cannot read counts as zeros, so a sample never fails on it.
     */
    static long[] machineTicks(String cpuLine) {
        try {
            String[] f = cpuLine.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return new long[] {busy, f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (NumberFormatException e) {
            return new long[] {0, 0};
        }
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
    }

    /** utime + stime of the live descendants, in clock ticks. */
    private static long childTicks() {
        long ticks = 0;
        for (long pid : descendants()) {
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            if (stat == null) {
                continue;
            }
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }

    private static double rssMib(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return 0;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null; // the process ended between listing and reading, or not Linux
        }
    }
}
