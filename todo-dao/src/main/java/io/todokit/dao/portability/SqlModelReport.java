package io.todokit.dao.portability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link SqlModelImport} did: the records mapped per kind, the records refused per kind with
 * the reason and how many, and what the import wrote.
 *
 * @param mapped records mapped per kind ({@code users}, {@code tasks}, {@code reminders} …)
 * @param refused per kind, each reason and how many records it refused
 * @param imported what the import of the mapped records wrote
 */
public record SqlModelReport(
    Map<String, Long> mapped, Map<String, Map<String, Long>> refused, ImportReport imported) {

  /** Copies the maps. */
  public SqlModelReport {
    mapped = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(mapped)));
    Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(refused)
        .forEach(
            (kind, reasons) -> copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(reasons))));
    refused = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(imported, "imported");
  }

  /**
   * The records of one kind refused, for every reason.
   *
   * @param kind the kind, e.g. {@code tasks}
   * @return how many were refused
   */
  public long refusedCount(String kind) {
    return refused.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }
}
