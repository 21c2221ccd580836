package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels, pip), {@code
 * *.egg-info/PKG-INFO} (setuptools) and {@code *.egg-info} files (distutils, as Debian's
 * python3-rpm installs). Both are RFC 822 headers; {@code Name} and {@code Version} are all that
 * matching needs. Names are normalised as PEP 503 says (lower case, runs of {@code -_.} become
 * {@code -}).
 */
public final class PythonExtractor implements Extractor {

  @Override
  public boolean wants(String path, int mode, long size) {
    return (path.endsWith("/METADATA") && parent(path).endsWith(".dist-info"))
        || (path.endsWith("/PKG-INFO") && parent(path).endsWith(".egg-info"))
        || (path.endsWith(".egg-info") && size < 1024 * 1024); // distutils: a single file
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    String text = TextFiles.read(content, 8 * 1024 * 1024);
    if (text == null) {
      return FileResult.note(TextFiles.tooLarge(path, 8 * 1024 * 1024));
    }
    String name = null;
    String version = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        break; // the body (long description) follows the headers
      }
      if (name == null && line.startsWith("Name:")) {
        name = line.substring(5).trim();
      } else if (version == null && line.startsWith("Version:")) {
        version = line.substring(8).trim();
      }
    }
    if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
      return FileResult.note("/" + path + ": no Name or Version header");
    }
    String normalised = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    return FileResult.of(
        List.of(
            new SoftwarePackage(
                "PyPI",
                normalised,
                version,
                null,
                null,
                Purls.of("pypi", null, normalised, version, Map.of()),
                "/" + path)));
  }
}
