package dev.kube4c.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SBOM files as input instead of an image: CycloneDX JSON (1.2 to 1.6, e.g. from Syft, Trivy,
 * cdxgen or kube4c itself) and SPDX 2.x JSON (e.g. from Syft or Docker's {@code docker sbom}).
 * Packages are known by their purls: a component or package without one cannot be matched against
 * advisories and is counted in a note. The format is recognised from the content.
 */
public final class SbomFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BYTES = 512L * 1024 * 1024;

  private SbomFiles() {}

  /**
   * True when the file looks like an SBOM (a JSON object with {@code bomFormat} or {@code
   * spdxVersion}).
   */
  public static boolean looksLikeSbom(Path file) {
    try (var in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
      return head.contains("\"bomFormat\"") || head.contains("\"spdxVersion\"");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * @throws IOException with a message for the user (file and, for bad JSON, line and column)
   */
  public static Sbom read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON ("
              + e.getOriginalMessage()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": not a JSON object");
    }
    if (root.path("bomFormat").asText().equals("CycloneDX")) {
      return cycloneDx(file, root);
    }
    if (root.path("spdxVersion").asText().startsWith("SPDX-")) {
      return spdx(file, root);
    }
    throw new IOException(file + ": neither a CycloneDX nor an SPDX JSON document");
  }

  private static Sbom cycloneDx(Path file, JsonNode root) {
    JsonNode subject = root.path("metadata").path("component");
    List<SoftwarePackage> packages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    OsRelease[] os = {null};
    int[] withoutPurl = {0};
    components(root.path("components"), packages, os, withoutPurl);
    if (withoutPurl[0] > 0) {
      notes.add(file + ": " + withoutPurl[0] + " components without a purl not used");
    }
    String name = subject.path("name").asText(file.getFileName().toString());
    String version = subject.path("version").asText("");
    return new Sbom(
        name.isEmpty() ? file.getFileName().toString() : name,
        version.startsWith("sha256:") ? version : null,
        os[0] == null ? osFromPurls(packages) : os[0],
        packages,
        notes);
  }

  private static void components(
      JsonNode list, List<SoftwarePackage> out, OsRelease[] os, int[] withoutPurl) {
    for (JsonNode c : list) {
      if (c.path("type").asText().equals("operating-system")) {
        os[0] =
            new OsRelease(
                c.path("name").asText("").toLowerCase(Locale.ROOT),
                c.path("version").asText(""),
                null,
                c.path("description").asText(null));
      } else if (c.hasNonNull("purl")) {
        Map<String, String> props = new HashMap<>();
        for (JsonNode p : c.path("properties")) {
          props.putIfAbsent(p.path("name").asText(), p.path("value").asText());
        }
        String location =
            props.getOrDefault(CycloneDxWriter.LOCATION, props.get("syft:location:0:path"));
        SoftwarePackage p = Purls.fromPurl(c.path("purl").asText(), location);
        if (p != null) {
          out.add(withProperties(p, props));
        }
      } else if (!c.path("type").asText().equals("file")) {
        withoutPurl[0]++;
      }
      components(c.path("components"), out, os, withoutPurl);
    }
  }

  private static SoftwarePackage withProperties(SoftwarePackage p, Map<String, String> props) {
    return new SoftwarePackage(
        props.getOrDefault(CycloneDxWriter.ECOSYSTEM, p.ecosystem()),
        p.name(),
        p.version(),
        props.getOrDefault(CycloneDxWriter.SOURCE_NAME, p.sourceName()),
        props.getOrDefault(CycloneDxWriter.SOURCE_VERSION, p.sourceVersion()),
        p.purl(),
        p.location());
  }

  private static Sbom spdx(Path file, JsonNode root) {
    List<SoftwarePackage> packages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    OsRelease os = null;
    int withoutPurl = 0;
    for (JsonNode p : root.path("packages")) {
      String purpose = p.path("primaryPackagePurpose").asText("");
      if (purpose.equals("OPERATING-SYSTEM")) {
        os =
            new OsRelease(
                p.path("name").asText("").toLowerCase(Locale.ROOT),
                p.path("versionInfo").asText(""),
                null,
                null);
        continue;
      }
      String purl = null;
      for (JsonNode ref : p.path("externalRefs")) {
        if (ref.path("referenceType").asText().equals("purl")) {
          purl = ref.path("referenceLocator").asText();
          break;
        }
      }
      SoftwarePackage sp = purl == null ? null : Purls.fromPurl(purl, sourceInfoPath(p));
      if (sp == null) {
        if (!purpose.equals("CONTAINER") && !purpose.equals("FILE")) {
          withoutPurl++;
        }
        continue;
      }
      packages.add(sp);
    }
    if (withoutPurl > 0) {
      notes.add(file + ": " + withoutPurl + " packages without a purl not used");
    }
    String name = root.path("name").asText(file.getFileName().toString());
    return new Sbom(name, null, os == null ? osFromPurls(packages) : os, packages, notes);
  }

  /** Syft writes "acquired package info from ... : /path" into sourceInfo. */
  private static String sourceInfoPath(JsonNode p) {
    String info = p.path("sourceInfo").asText("");
    int colon = info.lastIndexOf(": /");
    return colon < 0 ? null : info.substring(colon + 2).trim().split(",")[0].trim();
  }

  /** Without an OS component, the distro qualifier of an OS package (e.g. {@code debian-12}). */
  private static OsRelease osFromPurls(List<SoftwarePackage> packages) {
    for (SoftwarePackage p : packages) {
      if (p.purl() == null) {
        continue;
      }
      int at = p.purl().indexOf("distro=");
      if (at > 0
          && (p.purl().startsWith("pkg:deb/")
              || p.purl().startsWith("pkg:apk/")
              || p.purl().startsWith("pkg:rpm/"))) {
        String distro = p.purl().substring(at + 7).replaceFirst("[&#].*", "");
        distro = java.net.URLDecoder.decode(distro, java.nio.charset.StandardCharsets.UTF_8);
        int dash = distro.lastIndexOf('-');
        String ns =
            p.purl()
                .substring(
                    p.purl().indexOf('/') + 1, p.purl().indexOf('/', p.purl().indexOf('/') + 1));
        return dash > 0
            ? new OsRelease(distro.substring(0, dash), distro.substring(dash + 1), null, null)
            : new OsRelease(ns, distro, null, null);
      }
    }
    return null;
  }
}
