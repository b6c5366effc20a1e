package io.tenantguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, as Maven tells the tests. */
final class E2e {
  private E2e() {}

  /**
   * The run folder of the tests' own control plane, beside the default one in the cache; {@code
   * TENANTGUARD_E2E_RUN_DIR} names another, so that two test runs on one machine do not share one.
   */
  static Path runFolder() {
    String named = System.getenv("TENANTGUARD_E2E_RUN_DIR");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String cache = System.getenv("TENANTGUARD_CACHE");
    if (cache == null) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      cache = (xdg != null ? xdg : System.getProperty("user.home") + "/.cache") + "/tenantguard";
    }
    return Path.of(cache, "run-e2e");
  }

  /** Writes {@code content} to {@code file}, its folder made first; returns the file. */
  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("tenantguard.repoRoot", "..")).toAbsolutePath().normalize();
  }
}
