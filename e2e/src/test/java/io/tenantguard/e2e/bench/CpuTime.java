package io.tenantguard.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from the kernel's accounting, in seconds: the whole machine's (every process, the API
 * server and etcd included) and one process's. Comparing what two phases of one run cost the
 * machine says where the time goes when the wall clock alone cannot.
 */
final class CpuTime {
  /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** CPU seconds the machine spent busy (not idle, not waiting for I/O) since boot. */
  static double machineBusySeconds() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    // cpu user nice system idle iowait irq softirq steal (guest time is already in user and nice)
    for (int i = 1; i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(fields[i]);
      }
    }
    return busy / TICKS_PER_SECOND;
  }

  /** The machine's load over the last minute: what else ran beside the benchmark. */
  static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  /** CPU seconds (user and system) the process has used since it started. */
  static double processSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // fields after the command name, which is in parentheses and may hold spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }
}
