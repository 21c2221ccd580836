package dev.kube4c.cli;

import dev.kube4c.engine.Scanner;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The kube4c command line. Exit codes follow CLI.md: 0 clean, 1 findings at the threshold, 2 usage
 * or input errors.
 */
@Command(
    name = "kube4c",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "Kubernetes security posture by the 4C model: Cloud, Cluster, Container, Code.")
public final class Main implements Runnable {

  /**
   * The subcommands by name, in the order that {@code kube4c --help} lists them. A run builds only
   * the one it names: picocli reads every command's annotations when it is added, which was 50 ms
   * of a small scan's 0.29 s.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> all = new LinkedHashMap<>();
    all.put("scan", ScanCommand.class);
    all.put("rules", RulesCommand.class);
    all.put("map", MapCommand.class);
    all.put("who-can", WhoCanCommand.class);
    all.put("netpol", NetpolCommand.class);
    all.put("render", RenderCommand.class);
    all.put("db", DbCommand.class);
    all.put("sbom", SbomCommand.class);
    all.put("serve", ServeCommand.class);
    all.put("test", TestCommand.class);
    all.put("version", VersionCommand.class);
    all.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(all);
  }

  public static final int EXIT_OK = 0;
  public static final int EXIT_FINDINGS = 1;
  public static final int EXIT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The HTTP client's own log (java.util.logging), held so that its level stays set: it warns with
   * stack traces when a GC pause blocks its event loop, and the scan reports every failure that
   * matters itself.
   */
  private static final java.util.logging.Logger HTTP_CLIENT_LOG =
      java.util.logging.Logger.getLogger("io.vertx");

  public static void main(String[] args) {
    HTTP_CLIENT_LOG.setLevel(java.util.logging.Level.OFF);
    PrintWriter err = new PrintWriter(System.err, true);
    // A failure in a library's thread (the HTTP client's, say) would otherwise print a stack trace;
    // the main thread reports what it means for the scan.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) ->
            err.println(
                "kube4c: "
                    + (e instanceof OutOfMemoryError ? "out of memory" : "internal error: " + e)
                    + " in thread "
                    + thread.getName()));
    System.exit(run(args, new PrintWriter(System.out, true), err));
  }

  /** Runs the command line with the given streams; used by tests as well as {@link #main}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    // `kube4c help`, options of the root, a mistyped name: every subcommand, for the usage text
    // and picocli's suggestions.
    String named = args.length > 0 && !args[0].equals("help") ? args[0] : null;
    SUBCOMMANDS.forEach(
        (name, command) -> {
          if (named == null || !SUBCOMMANDS.containsKey(named) || name.equals(named)) {
            commandLine.addSubcommand(name, command);
          }
        });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> EXIT_ERROR);
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("kube4c: " + ex.getMessage());
          err.println(
              "Try '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          return EXIT_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          boolean verbose = parseResult.originalArgs().contains("--verbose");
          err.println(
              "kube4c: "
                  + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
          if (verbose) {
            ex.printStackTrace(err);
          } else {
            err.println("(run with --verbose for details)");
          }
          return EXIT_ERROR;
        });
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "kube4c: out of memory (heap limit "
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB); raise it with KUBE4C_JAVA_OPTS=-Xmx4g");
      return EXIT_ERROR;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kube4c " + Scanner.VERSION};
    }
  }
}
