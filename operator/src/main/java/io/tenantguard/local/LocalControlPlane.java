package io.tenantguard.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local control plane of {@code e2e/cluster}: etcd, kube-apiserver and kube-controller-manager
 * built from their Go modules and run on loopback. Progress goes to this process's stderr.
 */
public final class LocalControlPlane {
  /** A line of {@code e2e/cluster status} for a running process. */
  private static final Pattern RUNNING = Pattern.compile("([a-z0-9-]+): pid (\\d+)");
  private final Path script;
  private final String runFolder;
  private final String auditPolicy;

  /** The control plane the quick start and a user's own e2e/cluster calls share. */
  public LocalControlPlane(Path repository) {
    this(repository, null);
  }

  /**
   * @param runFolder where its data and logs live (TENANTGUARD_RUN_DIR); a folder of its own gives
   *     a control plane of its own, as the tests want; null for the default one
   */
  public LocalControlPlane(Path repository, Path runFolder) {
    this(repository, runFolder, null);
  }

  /** @param auditPolicy an audit policy the API server runs with, its log in the run folder; null for none */
  public LocalControlPlane(Path repository, Path runFolder, Path auditPolicy) {
    this.script = repository.resolve("e2e/cluster");
    this.runFolder = runFolder == null ? null : runFolder.toString();
    this.auditPolicy = auditPolicy == null ? null : auditPolicy.toString();
  }

  /**
   * Where its data and logs live, as {@code e2e/cluster} chooses it: the run folder given,
   * TENANTGUARD_RUN_DIR, or {@code run} in the cache (TENANTGUARD_CACHE, or XDG_CACHE_HOME's or
   * ~/.cache's tenantguard).
   */
  public Path runFolder() {
    if (runFolder != null) {
      return Path.of(runFolder);
    }
    String named = System.getenv("TENANTGUARD_RUN_DIR");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String cache = System.getenv("TENANTGUARD_CACHE");
    if (cache == null || cache.isBlank()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      cache = (xdg != null && !xdg.isBlank() ? xdg : System.getProperty("user.home") + "/.cache") + "/tenantguard";
    }
    return Path.of(cache, "run");
  }

  public boolean isRunning() {
    return run("kubeconfig", ProcessBuilder.Redirect.DISCARD).exitCode() == 0;
  }

  /** Starts the control plane, or reuses the running one; returns its admin kubeconfig. */
  public Path up() {
    Result up = run("up", ProcessBuilder.Redirect.INHERIT);
    if (up.exitCode() != 0) {
      throw new IllegalStateException("e2e/cluster up failed (exit " + up.exitCode() + "); its messages are above");
    }
    List<String> lines = up.output().lines().toList();
    return Path.of(lines.get(lines.size() - 1).trim());
  }

  /** The running control plane's processes by name (etcd, kube-apiserver, ...), with their pids. */
  public Map<String, Long> processes() {
    Map<String, Long> processes = new LinkedHashMap<>();
    for (String line : run("status", ProcessBuilder.Redirect.DISCARD).output().lines().toList()) {
      Matcher running = RUNNING.matcher(line);
      if (running.matches()) {
        processes.put(running.group(1), Long.parseLong(running.group(2)));
      }
    }
    return processes;
  }

  public void down() {
    run("down", ProcessBuilder.Redirect.INHERIT);
  }

  private record Result(int exitCode, String output) {}

  /** Runs the script; its stdout is the result, its messages go to {@code messages}. */
  private Result run(String command, ProcessBuilder.Redirect messages) {
    try {
      ProcessBuilder builder = new ProcessBuilder(script.toString(), command).redirectError(messages);
      if (runFolder != null) {
        builder.environment().put("TENANTGUARD_RUN_DIR", runFolder);
      }
      if (auditPolicy != null) {
        builder.environment().put("TENANTGUARD_AUDIT_POLICY", auditPolicy);
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " " + command + " did not finish in 30 minutes");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("running " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    }
  }
}
