package dev.kube4c.vuln.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kube4c.vuln.osv.Advisory;
import dev.kube4c.vuln.osv.AffectedPackage;
import dev.kube4c.vuln.osv.OsvParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The local advisory store: one gzip'd JSON-lines file of normalised advisories per OSV ecosystem
 * ({@code Debian:12}, {@code Go}, ...) and an {@code index.json} saying what each holds and when it
 * was imported. A scan reads only the files of the ecosystems its images need, into hash maps by
 * package name (see docs/vulnerabilities.md for why this beats an embedded SQL engine here).
 */
public final class AdvisoryStore {

  static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS)
          .build();

  private final Path dir;

  public AdvisoryStore(Path dir) {
    this.dir = dir;
  }

  /** {@code $KUBE4C_CACHE_DIR/db}, else {@code ~/.cache/kube4c/db}. */
  public static Path defaultDir(Map<String, String> env) {
    // The same base as the layer cache: KUBE4C_CACHE_DIR, else XDG_CACHE_HOME/kube4c, else
    // ~/.cache/kube4c.
    String cache = env.get("KUBE4C_CACHE_DIR");
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "kube4c")
                : Path.of(System.getProperty("user.home"), ".cache", "kube4c");
    return base.resolve("db");
  }

  public Path dir() {
    return dir;
  }

  /** What the store holds, per ecosystem. */
  public record Entry(String file, int advisories, Instant importedAt, String newestModified) {}

  /** The store's index: empty when nothing was imported yet. */
  public record Index(int format, Map<String, Entry> ecosystems) {
    public Index {
      ecosystems = ecosystems == null ? Map.of() : new TreeMap<>(ecosystems);
    }
  }

  /** The outcome of an import. */
  public record ImportResult(
      int recordsRead,
      Map<String, Integer> advisoriesByEcosystem,
      int gitRangesIgnored,
      List<String> problems) {}

  public Index index() throws IOException {
    Path file = dir.resolve("index.json");
    if (!Files.exists(file)) {
      return new Index(FORMAT, Map.of());
    }
    try {
      Index index = JSON.readValue(file.toFile(), Index.class);
      if (index.format() != FORMAT) {
        throw new IOException(
            file
                + ": store format "
                + index.format()
                + " is not "
                + FORMAT
                + "; import the data again");
      }
      return index;
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": unreadable store index; import the data again", e);
    }
  }

  /**
   * Imports OSV data: {@code all.zip} exports (any zip of OSV JSON records), folders of records and
   * single record files. A file, entry or record that cannot be read is a problem; everything else
   * is imported. An advisory imported again replaces the stored one.
   */
  public ImportResult importFiles(List<Path> inputs, Instant now) throws IOException {
    OsvParser parser = new OsvParser();
    Map<String, Map<String, Advisory>> byEcosystem = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int[] counts = new int[2]; // records read, git ranges ignored
    RecordSink sink =
        (JsonNode record, String origin) -> {
          counts[0]++;
          OsvParser.Parsed parsed = parser.parse(record, origin);
          problems.addAll(parsed.problems());
          counts[1] += parsed.gitRangesIgnored();
          if (parsed.advisory() != null) {
            Map<String, List<AffectedPackage>> split = new LinkedHashMap<>();
            for (AffectedPackage p : parsed.advisory().affected()) {
              split.computeIfAbsent(p.ecosystem(), k -> new ArrayList<>()).add(p);
            }
            split.forEach(
                (ecosystem, packages) ->
                    byEcosystem
                        .computeIfAbsent(ecosystem, k -> new HashMap<>())
                        .put(parsed.advisory().id(), parsed.advisory().withAffected(packages)));
          }
        };
    for (Path input : inputs) {
      read(input, sink, problems);
    }
    Files.createDirectories(dir);
    Index index = index();
    Map<String, Entry> entries = new TreeMap<>(index.ecosystems());
    Map<String, Integer> imported = new TreeMap<>();
    for (Map.Entry<String, Map<String, Advisory>> e : byEcosystem.entrySet()) {
      String ecosystem = e.getKey();
      Map<String, Advisory> merged = new TreeMap<>();
      Entry old = entries.get(ecosystem);
      if (old != null) {
        for (Advisory a : readFile(dir.resolve(old.file()))) {
          merged.put(a.id(), a);
        }
      }
      merged.putAll(e.getValue());
      String file = fileName(ecosystem);
      writeFile(dir.resolve(file), merged.values());
      String newest =
          merged.values().stream().map(Advisory::modified).max(String::compareTo).orElse("");
      entries.put(ecosystem, new Entry(file, merged.size(), now, newest));
      imported.put(ecosystem, e.getValue().size());
    }
    writeIndex(new Index(FORMAT, entries));
    return new ImportResult(counts[0], imported, counts[1], List.copyOf(problems));
  }

  /** The advisories of the given ecosystems (as named in the index), indexed for matching. */
  public AdvisoryIndex load(Collection<String> ecosystems) throws IOException {
    Index index = index();
    Map<String, Map<String, List<Advisory>>> loaded = new HashMap<>();
    for (String ecosystem : ecosystems) {
      Entry entry = index.ecosystems().get(ecosystem);
      if (entry == null) {
        continue;
      }
      Map<String, List<Advisory>> byName = new HashMap<>();
      for (Advisory a : readFile(dir.resolve(entry.file()))) {
        for (AffectedPackage p : a.affected()) {
          List<Advisory> list =
              byName.computeIfAbsent(
                  AdvisoryIndex.key(ecosystem, p.name()), k -> new ArrayList<>(2));
          if (list.isEmpty() || list.get(list.size() - 1) != a) {
            list.add(a);
          }
        }
      }
      loaded.put(ecosystem, byName);
    }
    return new AdvisoryIndex(index.ecosystems().keySet(), loaded);
  }

  // ---- reading inputs

  @FunctionalInterface
  private interface RecordSink {
    void accept(JsonNode record, String origin);
  }

  private static void read(Path input, RecordSink sink, List<String> problems) {
    if (Files.isDirectory(input)) {
      try (Stream<Path> files = Files.walk(input)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          readJsonFile(file, sink, problems);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        problems.add(input + ": cannot read folder: " + e.getMessage());
      }
      return;
    }
    if (!Files.isRegularFile(input)) {
      problems.add(input + ": no such file or folder");
      return;
    }
    try (InputStream in = Files.newInputStream(input)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4) {
        readZip(input, sink, problems);
        return;
      }
    } catch (IOException e) {
      problems.add(input + ": cannot read: " + e.getMessage());
      return;
    }
    readJsonFile(input, sink, problems);
  }

  private static void readJsonFile(Path file, RecordSink sink, List<String> problems) {
    try (InputStream in = Files.newInputStream(file)) {
      readJson(in, file.toString(), sink, problems);
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
    }
  }

  private static void readJson(
      InputStream in, String origin, RecordSink sink, List<String> problems) {
    JsonNode tree;
    try {
      tree = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      problems.add(
          origin
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": invalid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
      return;
    } catch (IOException e) {
      problems.add(origin + ": cannot read: " + e.getMessage());
      return;
    }
    if (tree != null && tree.isArray()) {
      tree.forEach(r -> sink.accept(r, origin));
    } else {
      sink.accept(tree, origin);
    }
  }

  private static void readZip(Path file, RecordSink sink, List<String> problems) {
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (!entry.isDirectory() && entry.getName().endsWith(".json")) {
          entries++;
          // the entry is read whole: one OSV record is small, and a parser error stays in it
          byte[] bytes = zip.readAllBytes();
          readJson(
              new java.io.ByteArrayInputStream(bytes),
              file + "!" + entry.getName(),
              sink,
              problems);
        }
      }
      if (entries == 0) {
        // a zip reader may see a damaged archive as an empty one: never import nothing silently
        problems.add(file + ": no OSV records (*.json entries) in this zip: empty or corrupt");
      }
    } catch (ZipException | java.io.EOFException e) {
      problems.add(
          file
              + ": corrupt zip after "
              + entries
              + " record file(s) ("
              + e.getMessage()
              + "); the records before it were imported");
    } catch (IOException e) {
      problems.add(file + ": cannot read zip: " + e.getMessage());
    }
  }

  // ---- the store's own files

  static String fileName(String ecosystem) {
    return ecosystem.replaceAll("[^A-Za-z0-9.]+", "_") + ".jsonl.gz";
  }

  private static List<Advisory> readFile(Path file) throws IOException {
    List<Advisory> out = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
      var objectReader = JSON.readerFor(Advisory.class);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        out.add(objectReader.readValue(line));
      }
    } catch (JsonProcessingException | java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(
          file
              + ": damaged store file ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); import the data again",
          e);
    }
    return out;
  }

  private static void writeFile(Path file, Collection<Advisory> advisories) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16),
                StandardCharsets.UTF_8))) {
      var writer = JSON.writerFor(Advisory.class);
      for (Advisory a : advisories) {
        out.write(writer.writeValueAsString(a));
        out.write('\n');
      }
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void writeIndex(Index index) throws IOException {
    Path file = dir.resolve("index.json");
    Path temp = dir.resolve("index.json.tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), index);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Ecosystems present in the store. */
  public Set<String> ecosystems() throws IOException {
    return index().ecosystems().keySet();
  }
}
