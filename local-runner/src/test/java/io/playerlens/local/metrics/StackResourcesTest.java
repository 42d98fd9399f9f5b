package io.playerlens.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackResourcesTest {
    @Test
    void readsBusyAndStolenTicksFromTheMachineLine() {
        // user nice system idle iowait irq softirq steal guest guest_nice (a line of /proc/stat on the bench VM)
        long[] ticks = StackResources.machineTicks("cpu  1217743 2 100507 6560830 2265 0 15023 47773 0 0");

        assertThat(ticks[0]).as("busy: user + nice + system + irq + softirq, idle and iowait left out").isEqualTo(1217743 + 2 + 100507 + 15023);
        assertThat(ticks[1]).as("steal").isEqualTo(47773);
    }

    @Test
    void aKernelWithoutAStealColumnReportsNoneStolen() {
        assertThat(StackResources.machineTicks("cpu  10 0 5 100 1 0 2")[1]).isZero();
    }

    @Test
    void aSampleAccountsForTheWholeMachine() {
        StackResources resources = new StackResources();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 100_000_000L;
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spin++;
        }
        StackResources.Usage usage = resources.sample();

        assertThat(spin).isPositive();
        assertThat(usage.jvmCores()).as("this thread used 100 ms of CPU in the interval").isPositive();
        assertThat(usage.stolenCores()).isBetween(0.0, (double) usage.machineCores());
        assertThat(usage.otherCores()).isBetween(0.0, (double) usage.machineCores());
        assertThat(usage.availableCores()).isBetween(0.0, (double) usage.machineCores());
    }
}
