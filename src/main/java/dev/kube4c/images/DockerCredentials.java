package dev.kube4c.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from the Docker config file ({@code $DOCKER_CONFIG/config.json}, else {@code
 * ~/.docker/config.json}): the {@code auths} section with {@code auth} (base64 user:password) or
 * {@code username}/{@code password}, or an {@code identitytoken}. Credential helpers ({@code
 * credsStore}, {@code credHelpers}) run external programs and are not used.
 */
public final class DockerCredentials {

  /** One registry's login: basic credentials, or an OAuth2 refresh token (identitytoken). */
  public record Login(String username, String password, String identityToken) {

    String basicHeader() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Login[" + username + ", ***]"; // never print secrets
    }
  }

  public static final DockerCredentials NONE = new DockerCredentials(Map.of());

  private final Map<String, Login> byHost;

  private DockerCredentials(Map<String, Login> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  /** The default file; a missing or unreadable file means anonymous access. */
  public static DockerCredentials fromEnvironment() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file =
        dir != null && !dir.isEmpty()
            ? Path.of(dir, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(file) ? load(file) : NONE;
  }

  public static DockerCredentials load(Path file) {
    try {
      return parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  static DockerCredentials parse(JsonNode root) {
    Map<String, Login> logins = new HashMap<>();
    root.path("auths")
        .properties()
        .forEach(e -> login(e.getValue()).ifPresent(l -> logins.put(host(e.getKey()), l)));
    return new DockerCredentials(logins);
  }

  private static Optional<Login> login(JsonNode entry) {
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          user = decoded.substring(0, colon);
          password = decoded.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String identityToken = entry.path("identitytoken").asText("");
    if (user.isEmpty() && identityToken.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Login(user, password, identityToken.isEmpty() ? null : identityToken));
  }

  /**
   * "https://index.docker.io/v1/" and "docker.io" name the same registry; keys may carry a scheme
   * and path.
   */
  static String host(String key) {
    String host = key.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> host;
    };
  }

  public Optional<Login> forRegistry(String registry) {
    return Optional.ofNullable(byHost.get(host(registry)));
  }
}
