package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one fault test: printed as "name value" lines, as the benchmark prints its own,
 * and kept in e2e/target/faults/&lt;suite&gt;.json for docs/reliability.md.
 */
final class Figures {
  private final String suite;
  private final Map<String, Object> values = new LinkedHashMap<>();

  Figures(String suite) {
    this.suite = suite;
  }

  void put(String name, Object value) {
    values.put(name, value);
    System.out.println(suite + "_" + name + " " + value);
  }

  void write() {
    try {
      Path output = Path.of(System.getProperty("tenantguard.repoRoot", ".."), "e2e", "target", "faults");
      Files.createDirectories(output);
      Files.writeString(output.resolve(suite + ".json"), Serialization.asJson(values));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the figures of " + suite, e);
    }
  }
}
