package dev.kube4c.images;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's docker-registry (distribution 2.x) on a free loopback port, with its storage in a temp
 * folder; tests skip visibly when the binary is absent (.ci/install-registry.sh installs it).
 * {@code extraConfig} is appended to the config (e.g. an {@code auth:} section).
 */
public final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final Path dir;
  private final String address;

  private LocalRegistry(Process process, Path dir, String address) {
    this.process = process;
    this.dir = dir;
    this.address = address;
  }

  public static LocalRegistry start(String extraConfig) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(BINARY),
        "skipped: " + BINARY + " is not installed (run .ci/install-registry.sh)");
    int port = freePort();
    Path dir = Files.createTempDirectory("kube4c-registry");
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: error",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("data"),
            "http:",
            "  addr: 127.0.0.1:" + port,
            extraConfig,
            ""));
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, dir, "127.0.0.1:" + port);
    registry.awaitReady();
    return registry;
  }

  /** host:port, as an image reference names the registry. */
  public String address() {
    return address;
  }

  public Path dir() {
    return dir;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200 || response.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IOException("docker-registry did not start on " + address);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
