package io.tenantguard.attestation;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.ControlOwner;
import io.tenantguard.evidence.Controls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The provider's attestations of its organisational duties, from the operator's configuration:
 * control id to the reference of the attestation (a certificate, an audit report). Only an
 * organisational duty the provider answers for can be attested: a control the cluster evaluates is
 * never taken on trust.
 */
public record Attestations(Map<String, String> references) {
  public static final Attestations NONE = new Attestations(Map.of());

  public Attestations {
    references = Map.copyOf(references);
  }

  public Optional<String> of(Control control) {
    return Optional.ofNullable(references.get(control.id()));
  }

  /** From {@code ID=REFERENCE} pairs, as the repeated {@code --attestation} option gives them. */
  public static Attestations parse(List<String> pairs) {
    Map<String, String> references = new TreeMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("'" + pair + "' is not CONTROL=REFERENCE");
      }
      references.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return validated(references);
  }

  /** From a YAML or JSON file mapping each control id to its reference. */
  public static Attestations read(Path file) {
    Map<String, Object> read;
    try {
      read = Serialization.unmarshal(Files.readString(file), Map.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file + " as a map of CONTROL: REFERENCE (" + e.getMessage() + ")", e);
    }
    Map<String, String> references = new TreeMap<>();
    if (read != null) {
      read.forEach((id, reference) -> references.put(id, reference == null ? "" : reference.toString().trim()));
    }
    return validated(references);
  }

  /** These, then {@code more} over them. */
  public Attestations plus(Attestations more) {
    Map<String, String> all = new TreeMap<>(references);
    all.putAll(more.references);
    return new Attestations(all);
  }

  private static Attestations validated(Map<String, String> references) {
    List<String> problems = new ArrayList<>();
    references.forEach((id, reference) -> problem(id, reference).ifPresent(problems::add));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + ". The provider attests only these: "
          + attestable().stream().map(Control::id).collect(Collectors.joining(", ")));
    }
    return new Attestations(references);
  }

  private static Optional<String> problem(String id, String reference) {
    Optional<Control> control = Controls.byId(id);
    if (control.isEmpty()) {
      return Optional.of("no control " + id + " in the catalogue");
    }
    if (!control.get().organisational()) {
      return Optional.of(id + " is evaluated in the cluster (by " + control.get().evaluator() + "), never attested");
    }
    if (control.get().owner() == ControlOwner.Client) {
      return Optional.of(id + " is the client's duty: the provider cannot attest it");
    }
    return reference.isBlank() ? Optional.of(id + " has an empty reference") : Optional.empty();
  }

  /** The controls the provider may attest. */
  public static List<Control> attestable() {
    return Controls.organisational().stream().filter(c -> c.owner() != ControlOwner.Client).toList();
  }
}
