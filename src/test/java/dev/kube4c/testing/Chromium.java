package dev.kube4c.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver protocol over java.net.http:
 * just the commands the report tests need, no Selenium. Skips the calling test visibly when
 * Debian's chromium and chromium-driver are not installed (.ci/install-chromium.sh).
 */
public final class Chromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** W3C's key for element references in JSON. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final Process driver;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String session;
  private final Path profile;

  private Chromium(Process driver, String base, String session, Path profile) {
    this.driver = driver;
    this.base = base;
    this.session = session;
    this.profile = profile;
  }

  /**
   * Starts chromedriver and a headless browser with a fresh profile, or skips the test when they
   * are absent.
   */
  public static Chromium start(int width, int height) {
    Optional<Path> chromedriver = onPath("chromedriver");
    Optional<Path> browser =
        Optional.of(Path.of("/usr/lib/chromium/chromium"))
            .filter(Files::isExecutable)
            .or(() -> onPath("chromium"));
    Assumptions.assumeTrue(
        chromedriver.isPresent() && browser.isPresent(),
        "skipped: chromium and chromedriver are not installed (run .ci/install-chromium.sh)");
    Process process = null;
    try {
      int port = freePort();
      Path profile = Files.createTempDirectory("kube4c-chromium");
      process =
          new ProcessBuilder(chromedriver.get().toString(), "--port=" + port, "--log-level=OFF")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try {
          HttpResponse<String> status =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                  HttpResponse.BodyHandlers.ofString());
          if (JSON.readTree(status.body()).at("/value/ready").asBoolean()) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("chromedriver did not become ready in 20 s");
        }
        Thread.sleep(100);
      }
      ObjectNode capabilities = JSON.createObjectNode();
      ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      ObjectNode options = always.putObject("goog:chromeOptions");
      options.put("binary", browser.get().toString());
      ArrayNode args = options.putArray("args");
      for (String arg :
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-dev-shm-usage",
              "--user-data-dir=" + profile,
              "--window-size=" + width + "," + height)) {
        args.add(arg);
      }
      always.putObject("goog:loggingPrefs").put("browser", "ALL");
      JsonNode created = post(http, base + "/session", capabilities);
      String session = created.at("/value/sessionId").asText();
      if (session.isEmpty()) {
        throw new IllegalStateException("chromedriver refused the session: " + created);
      }
      return new Chromium(process, base, session, profile);
    } catch (IOException e) {
      destroy(process);
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      destroy(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      destroy(process);
      throw e;
    }
  }

  /** Loads a URL and waits for the load event (WebDriver's default page-load strategy). */
  public void open(String url) {
    command("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  /** Runs a synchronous script and returns its JSON value. */
  public JsonNode script(String body, Object... args) {
    ObjectNode request = JSON.createObjectNode().put("script", body);
    ArrayNode array = request.putArray("args");
    for (Object arg : args) {
      array.addPOJO(arg);
    }
    return command("POST", "/execute/sync", request);
  }

  /** Clicks the first element matching a CSS selector (fails when there is none). */
  public void click(String css) {
    JsonNode element =
        command(
            "POST",
            "/element",
            JSON.createObjectNode().put("using", "css selector").put("value", css));
    if (!element.hasNonNull(ELEMENT)) {
      throw new IllegalStateException("no element reference for " + css + ": " + element);
    }
    String id = element.get(ELEMENT).asText();
    command("POST", "/element/" + id + "/click", JSON.createObjectNode());
  }

  /** A PNG of the viewport. */
  public void screenshot(Path file) {
    byte[] png = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Browser console entries since the last call, as "LEVEL message" (chromedriver's log endpoint).
   */
  public List<String> consoleLog() {
    JsonNode entries = command("POST", "/se/log", JSON.createObjectNode().put("type", "browser"));
    List<String> lines = new ArrayList<>();
    entries.forEach(e -> lines.add(e.get("level").asText() + " " + e.get("message").asText()));
    return lines;
  }

  private JsonNode command(String method, String path, JsonNode body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + "/session/" + session + path))
              .timeout(Duration.ofSeconds(60));
      if (method.equals("GET")) {
        request.GET();
      } else {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode value = JSON.readTree(response.body()).get("value");
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "WebDriver "
                + path
                + " failed: "
                + (value == null
                    ? response.body()
                    : value.path("error").asText() + ": " + value.path("message").asText()));
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode post(HttpClient http, String url, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Override
  public void close() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/session/" + session))
              .timeout(Duration.ofSeconds(20))
              .DELETE()
              .build();
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // the driver is stopped below either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      destroy(driver);
      deleteQuietly(profile);
    }
  }

  private static void destroy(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp profile left behind is harmless
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
