package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go binaries: every executable file is looked at; an ELF with Go build info gives its main module,
 * its dependencies and the Go standard library ({@code stdlib}, versioned {@code v1.N.M} like a
 * module, as the Go vulnerability database names it).
 */
public final class GoBinaryExtractor implements Extractor {

  private static final int MIN_SIZE = 64 * 1024;

  @Override
  public boolean wants(String path, int mode, long size) {
    return (mode & 0111) != 0
        && size >= MIN_SIZE
        && !path.endsWith(".so")
        && !path.contains(".so.");
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    Optional<GoBuildInfo.Info> info;
    try {
      info = GoBuildInfo.read(content);
    } catch (GoBuildInfo.Unreadable e) {
      return FileResult.note("/" + path + ": Go binary " + e.getMessage());
    }
    if (info.isEmpty()) {
      return FileResult.EMPTY;
    }
    String location = "/" + path;
    List<SoftwarePackage> packages = new ArrayList<>();
    GoBuildInfo.Info i = info.get();
    if (i.main() != null) {
      packages.add(module(i.main(), location));
    }
    i.deps().forEach(d -> packages.add(module(d, location)));
    String stdlib = "v" + i.goVersion().substring(2).replaceFirst("[ +].*", "");
    packages.add(
        new SoftwarePackage(
            "Go",
            "stdlib",
            stdlib,
            null,
            null,
            Purls.of("golang", null, "stdlib", stdlib, Map.of()),
            location));
    return FileResult.of(packages);
  }

  private static SoftwarePackage module(GoBuildInfo.Module m, String location) {
    int slash = m.path().lastIndexOf('/');
    String purl =
        slash > 0
            ? Purls.of(
                "golang",
                m.path().substring(0, slash),
                m.path().substring(slash + 1),
                m.version(),
                Map.of())
            : Purls.of("golang", null, m.path(), m.version(), Map.of());
    return new SoftwarePackage("Go", m.path(), m.version(), null, null, purl, location);
  }
}
