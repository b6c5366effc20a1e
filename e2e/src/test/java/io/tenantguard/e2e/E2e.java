package io.tenantguard.e2e;

import java.nio.file.Path;

/** Where the repository is, as Maven tells the tests. */
final class E2e {
  private E2e() {}

  /** The run folder of the tests' own control plane, beside the default one in the cache. */
  static Path runFolder() {
    String cache = System.getenv("TENANTGUARD_CACHE");
    if (cache == null) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      cache = (xdg != null ? xdg : System.getProperty("user.home") + "/.cache") + "/tenantguard";
    }
    return Path.of(cache, "run-e2e");
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("tenantguard.repoRoot", "..")).toAbsolutePath().normalize();
  }
}
