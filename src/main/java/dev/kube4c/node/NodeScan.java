package dev.kube4c.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.components.Component;
import dev.kube4c.components.FlagListDetector;
import dev.kube4c.source.DetectorInput;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import dev.kube4c.source.Location;
import dev.kube4c.source.SourceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Node mode: reads a node's component configuration from the standard locations below a root folder
 * (/ on the node itself, or where a Job mounts the host) and records the mode and owner of the
 * files the CIS benchmark audits as {@code NodeFile} documents. Paths in the report are the node's
 * paths.
 */
public final class NodeScan {

  public static final String API_VERSION = "node.kube4c.dev/v1";
  public static final String KIND = "NodeFile";

  private static final Pattern ENCRYPTION_FLAG =
      Pattern.compile("--encryption-provider-config[= ]([^\\s\"',]+)");

  private final Path root;

  public NodeScan(Path root) {
    this.root = root;
  }

  public SourceLoader.Loaded load(SourceLoader loader) {
    List<Path> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    Path manifests = resolve("/etc/kubernetes/manifests");
    Set<Component> withManifest = EnumSet.noneOf(Component.class);
    if (Files.isDirectory(manifests)) {
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(manifests)) {
        for (Path file : dir) {
          String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
          if (Files.isRegularFile(file)
              && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
            files.add(file);
            names.add("/etc/kubernetes/manifests/" + file.getFileName());
            for (Component c : Component.values()) {
              if (name.startsWith(c.binary())) {
                withManifest.add(c);
              }
            }
            encryptionConfig(file)
                .ifPresent(
                    path -> {
                      if (Files.isRegularFile(resolve(path)) && !names.contains(path)) {
                        files.add(resolve(path));
                        names.add(path);
                      }
                    });
          }
        }
      } catch (IOException e) {
        problems.add(
            new InputProblem(
                Location.of("/etc/kubernetes/manifests"), "cannot read: " + e.getMessage()));
      }
    }
    for (String path : NodeFiles.CONFIG_FILES) {
      if (Files.isRegularFile(resolve(path))) {
        files.add(resolve(path));
        names.add(path);
      }
    }
    SourceLoader.Loaded loaded = loader.loadFiles(files, names);
    List<Document> documents = new ArrayList<>(loaded.documents());
    List<InputSummary> inputs = new ArrayList<>(loaded.inputs());
    documents.addAll(processes(withManifest, inputs));
    documents.addAll(fileModes(problems));
    problems.addAll(0, loaded.problems());
    inputs.add(
        new InputSummary(
            "node " + root, documents.size(), documents.size(), problems.size(), null));
    return new SourceLoader.Loaded(documents, problems, inputs, loaded.notes());
  }

  private Path resolve(String nodePath) {
    return root.resolve(nodePath.startsWith("/") ? nodePath.substring(1) : nodePath);
  }

  private static Optional<String> encryptionConfig(Path manifest) {
    try {
      Matcher m = ENCRYPTION_FLAG.matcher(Files.readString(manifest, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Command lines of running components (the kubelet, and control-plane processes without a static
   * manifest).
   */
  private List<Document> processes(Set<Component> withManifest, List<InputSummary> inputs) {
    List<Document> out = new ArrayList<>();
    Path proc = resolve("/proc");
    if (!Files.isDirectory(proc)) {
      return out;
    }
    FlagListDetector detector = new FlagListDetector();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(
            proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path pid : dir) {
        Path cmdline = pid.resolve("cmdline");
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(cmdline);
        } catch (IOException e) {
          continue; // processes come and go; unreadable ones are not ours
        }
        String[] argv = new String(bytes, StandardCharsets.UTF_8).split("\0");
        if (argv.length < 2) {
          continue;
        }
        Optional<Component> component = Component.ofCommand(argv[0]);
        if (component.isEmpty() || withManifest.contains(component.get())) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        for (String arg : argv) {
          text.append(arg.contains(" ") ? "'" + arg.replace("'", "") + "'" : arg).append(' ');
        }
        String name = "/proc/" + pid.getFileName() + "/cmdline";
        List<Document> found = detector.detect(new DetectorInput(name, text.toString(), List.of()));
        out.addAll(found);
        inputs.add(new InputSummary(name, 1, found.size(), 0, null));
      }
    } catch (IOException e) {
      // no process list: flags then come from files only
    }
    return out;
  }

  /**
   * One NodeFile document per audited file that exists, with its mode, owner and what CIS allows.
   */
  private List<Document> fileModes(List<InputProblem> problems) {
    List<Document> out = new ArrayList<>();
    int etcdUid = uidOf("etcd");
    for (NodeFiles.Audit audit : NodeFiles.AUDITS) {
      Path path = resolve(audit.path());
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      List<Path> targets = new ArrayList<>();
      if (audit.recursive() && Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> audit.suffix() == null || p.toString().endsWith(audit.suffix()))
              .sorted()
              .forEach(targets::add);
        } catch (IOException | RuntimeException e) {
          problems.add(
              new InputProblem(Location.of(audit.path()), "cannot list: " + e.getMessage()));
        }
      } else {
        targets.add(path);
      }
      for (Path target : targets) {
        String nodePath = "/" + root.relativize(target).toString().replace('\\', '/');
        try {
          PosixFileAttributes attributes = Files.readAttributes(target, PosixFileAttributes.class);
          int uid = (Integer) Files.getAttribute(target, "unix:uid");
          int gid = (Integer) Files.getAttribute(target, "unix:gid");
          int expectedUid = audit.owner().equals("etcd") && etcdUid >= 0 ? etcdUid : 0;
          out.add(
              new Document(
                  nodeFile(
                      nodePath,
                      audit,
                      mode(attributes.permissions()),
                      uid,
                      gid,
                      expectedUid,
                      attributes.isDirectory()),
                  Location.of(nodePath)));
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
          problems.add(
              new InputProblem(
                  Location.of(nodePath), "cannot read mode and owner: " + e.getMessage()));
        }
      }
    }
    return out;
  }

  private static ObjectNode nodeFile(
      String path,
      NodeFiles.Audit audit,
      int mode,
      int uid,
      int gid,
      int expectedUid,
      boolean directory) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", API_VERSION);
    object.put("kind", KIND);
    object.putObject("metadata").put("name", path);
    object.put("path", path);
    object.put("type", directory ? "directory" : "file");
    object.put("what", audit.what());
    object.put("cis", audit.cis());
    object.put("mode", String.format("%03o", mode));
    object.put("maxMode", String.format("%03o", audit.maxMode()));
    object.put("uid", uid);
    object.put("gid", gid);
    object.put("expectedUid", expectedUid);
    object.put("expectedGid", expectedUid);
    object.put(
        "expectedOwner", expectedUid == 0 ? "root:root" : audit.owner() + ":" + audit.owner());
    return object;
  }

  static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400
    }
    return mode;
  }

  /** The uid of a user in the node's /etc/passwd, or -1. */
  private int uidOf(String user) {
    try {
      for (String line : Files.readAllLines(resolve("/etc/passwd"), StandardCharsets.UTF_8)) {
        String[] parts = line.split(":");
        if (parts.length > 2 && parts[0].equals(user)) {
          return Integer.parseInt(parts[2]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
