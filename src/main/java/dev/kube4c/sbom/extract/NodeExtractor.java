package dev.kube4c.sbom.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * npm packages: the {@code package.json} of each package folder under a {@code node_modules} folder
 * ({@code node_modules/NAME/package.json} or {@code node_modules/@SCOPE/NAME/package.json}, at any
 * depth). Other package.json files (tests, fixtures inside a package) are not packages.
 */
public final class NodeExtractor implements Extractor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  @Override
  public boolean wants(String path, int mode, long size) {
    if (!path.endsWith("/package.json")) {
      return false;
    }
    String[] parts = path.split("/");
    int n = parts.length;
    return (n >= 3 && parts[n - 3].equals("node_modules") && !parts[n - 2].startsWith("@"))
        || (n >= 4 && parts[n - 4].equals("node_modules") && parts[n - 3].startsWith("@"));
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    byte[] bytes = content.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      return FileResult.note(TextFiles.tooLarge(path, MAX_BYTES));
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return FileResult.note(
          "/"
              + path
              + ": not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    String name = json == null ? "" : json.path("name").asText("");
    String version = json == null ? "" : json.path("version").asText("");
    if (name.isEmpty() || version.isEmpty()) {
      return FileResult.EMPTY; // private or workspace packages without a version
    }
    int slash = name.indexOf('/');
    String purl =
        name.startsWith("@") && slash > 0
            ? Purls.of(
                "npm", name.substring(0, slash), name.substring(slash + 1), version, Map.of())
            : Purls.of("npm", null, name, version, Map.of());
    return FileResult.of(
        List.of(new SoftwarePackage("npm", name, version, null, null, purl, "/" + path)));
  }
}
