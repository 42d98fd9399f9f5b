package io.playerlens.local.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU and memory of the local stack: this JVM (gateway, Lambdas, Flink MiniCluster) plus its child processes
 * (the emulators), read from {@code /proc} on Linux. CPU is in cores (1.0 = one core busy) between two calls.
 */
public final class StackResources {
    /** One reading: cores in use since the previous reading, resident memory in MiB. */
    public record Usage(double jvmCores, double emulatorCores, double jvmRssMib, double emulatorRssMib, double heapUsedMib, int machineCores) {
        public double totalCores() {
            return jvmCores + emulatorCores;
        }
    }

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private long lastNanos = System.nanoTime();
    private long lastJvmCpuNanos = jvmCpuNanos();
    private long lastChildTicks = childTicks();

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
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        return new Usage(jvmCores, childCores, rssMib(ProcessHandle.current().pid()),
                descendants().stream().mapToDouble(StackResources::rssMib).sum(), heap, Runtime.getRuntime().availableProcessors());
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
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
