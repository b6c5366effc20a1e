package io.tenantguard.e2e.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.e2e.Chart;
import io.tenantguard.e2e.RealCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator as it runs in production: its jar in a JVM of its own, sized as in the chart's
 * container, so that its memory is its own and measurable.
 */
public final class OperatorProcess implements AutoCloseable {
  /**
   * The JVM the chart's container gets: its JAVA_TOOL_OPTIONS, and its memory limit as the RAM the
   * JVM sizes itself by (its heap share, its initial heap, its choice of collector), as in the
   * container. On this host the JVM would otherwise size itself by the host's memory.
   */
  static List<String> jvm() {
    Container container = Chart.operatorContainer();
    Quantity limit = container.getResources().getLimits().get("memory");
    String toolOptions = container.getEnv().stream()
        .filter(env -> env.getName().equals("JAVA_TOOL_OPTIONS"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse("");
    List<String> options = new ArrayList<>();
    options.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).longValueExact());
    options.addAll(Arrays.asList(toolOptions.trim().split("\\s+")));
    return options;
  }

  /** The container's environment the process gets too: glibc reads it, not the JVM. */
  static Map<String, String> environment() {
    return Chart.operatorContainer().getEnv().stream()
        .filter(env -> env.getName().equals("MALLOC_ARENA_MAX"))
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * The operator of the chart's identity installed in {@code namespace}, which is its own namespace
   * too, with more options for its JVM after the chart's (a benchmark comparing JVM options).
   */
  static OperatorProcess start(Path jar, Path kubeconfig, String namespace, int port, Path log,
      List<String> jvmOptions, List<String> options) throws IOException {
    return start(jar, kubeconfig, port, log, Map.of("TENANTGUARD_NAMESPACE", namespace), jvmOptions,
        options.toArray(String[]::new));
  }

  /** The operator with these options of {@code run} besides its probe address and port; its output in {@code log}. */
  public static OperatorProcess start(Path jar, Path kubeconfig, int port, Path log, String... options) throws IOException {
    return start(jar, kubeconfig, port, log, Map.of(), List.of(), options);
  }

  /** The same, with more variables in its environment and more options for its JVM. */
  public static OperatorProcess start(Path jar, Path kubeconfig, int port, Path log, Map<String, String> environment,
      List<String> jvmOptions, String... options) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvm());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "run", "--probe-address", "127.0.0.1", "--probe-port", String.valueOf(port)));
    command.addAll(Arrays.asList(options));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    // as the chart runs it: its own namespace (the signing key's) is its identity's, the release's
    builder.environment().put("TENANTGUARD_NAMESPACE", RealCluster.OPERATOR_NAMESPACE);
    builder.environment().putAll(environment());
    builder.environment().putAll(environment);
    Files.createDirectories(log.getParent());
    return new OperatorProcess(builder.start(), port);
  }

  /** A port nobody listens on now, for the probes of one more operator. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Seconds from now until /readyz answers 200. */
  public double awaitReady(Duration patience) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < patience.toNanos()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue());
      }
      try {
        if (get("/readyz").statusCode() == 200) {
          return (System.nanoTime() - start) / 1e9;
        }
      } catch (IOException notYetListening) {
        // the probe server is not up yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the operator was not ready after " + patience);
  }

  public String metrics() throws IOException, InterruptedException {
    return get("/metrics").body();
  }

  /** SIGKILL: no shutdown hook, no orderly stop, as a crashed node or an OOM kill leaves it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGSTOP: frozen as a process in a long pause or a node cut off is, its state kept. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: it runs on from where it stopped, unaware that time passed. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    if (new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit code once it has exited within {@code patience}, else null. */
  public Integer awaitExit(Duration patience) throws InterruptedException {
    return process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  public long pid() {
    return process.pid();
  }

  /** Resident memory of the operator's JVM, from the kernel. */
  double rssMegabytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for the operator");
  }

  /** The live objects by class into {@code file}; the JVM collects its heap in full first. */
  public void writeHistogram(Path file) throws IOException, InterruptedException {
    jcmd("GC.class_histogram", file);
  }

  /** What the JVM's native memory tracking counts, by area, into {@code file} (when it runs with it). */
  public void writeNativeMemory(Path file) throws IOException, InterruptedException {
    jcmd("VM.native_memory", file);
  }

  private void jcmd(String command, Path file) throws IOException, InterruptedException {
    if (new ProcessBuilder("jcmd", String.valueOf(process.pid()), command).redirectErrorStream(true)
        .redirectOutput(file.toFile()).start().waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + Files.readString(file));
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
