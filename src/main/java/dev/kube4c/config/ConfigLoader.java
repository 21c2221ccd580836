package dev.kube4c.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .kube4c.yaml}; every mistake becomes an {@link InputProblem} with file, line and
 * column.
 */
public final class ConfigLoader {

  private final ObjectMapper mapper =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  /** The loaded config (defaults where it failed) and the problems found in it. */
  public record Loaded(Config config, List<InputProblem> problems) {}

  public Loaded load(Path file) {
    String name = file.toString();
    List<InputProblem> problems = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(new InputProblem(Location.of(name), "cannot read config: " + e.getMessage()));
      return new Loaded(Config.DEFAULT, problems);
    }
    if (text.isBlank()) {
      return new Loaded(Config.DEFAULT.withSource(name), problems);
    }
    Config config;
    try {
      config = mapper.readValue(text, Config.class);
    } catch (UnrecognizedPropertyException e) {
      // Jackson points after the value; the key's own line is what the user needs.
      int line = lineOf(text, e.getPropertyName() + ":", 0);
      String message =
          "unknown setting '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")";
      problems.add(
          line > 0
              ? new InputProblem(
                  new Location(
                      name, line, text.split("\n", -1)[line - 1].indexOf(e.getPropertyName()) + 1),
                  message)
              : problem(name, e, message));
      return new Loaded(Config.DEFAULT.withSource(name), problems);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      problems.add(
          problem(
              name,
              e,
              "invalid config: " + (newline > 0 ? message.substring(0, newline) : message)));
      return new Loaded(Config.DEFAULT.withSource(name), problems);
    }
    if (config == null) {
      return new Loaded(Config.DEFAULT.withSource(name), problems);
    }
    config = config.withSource(name).withExceptions(withLines(config.exceptions(), text));
    validate(name, text, config, problems);
    return new Loaded(config, problems);
  }

  private static InputProblem problem(String file, JsonProcessingException e, String message) {
    var at = e.getLocation();
    int line = at == null ? 0 : at.getLineNr();
    int column = at == null ? 0 : at.getColumnNr();
    return new InputProblem(new Location(file, line, column), message);
  }

  private static void validate(
      String file, String text, Config config, List<InputProblem> problems) {
    for (Map.Entry<String, String> e : config.severity().entrySet()) {
      try {
        Severity.parse(e.getValue());
      } catch (IllegalArgumentException bad) {
        problems.add(
            new InputProblem(
                new Location(file, lineOf(text, e.getKey(), 0), 1),
                "severity of '"
                    + e.getKey()
                    + "' must be critical, high, medium, low or info, not '"
                    + e.getValue()
                    + "'"));
      }
    }
    for (Config.ExceptionSpec exception : config.exceptions()) {
      if (exception.rule() == null || exception.rule().isBlank()) {
        problems.add(
            new InputProblem(
                new Location(file, exception.line(), 1),
                "exception without 'rule' (use \"*\" for every rule)"));
      }
    }
    if (config.pssLevel() != null
        && !List.of("baseline", "restricted", "privileged").contains(config.pssLevel())) {
      problems.add(
          new InputProblem(
              new Location(file, lineOf(text, "pssLevel", 0), 1),
              "pssLevel must be baseline or restricted"));
    }
    if (config.advisoryMaxAgeDays() < 1) {
      problems.add(
          new InputProblem(
              new Location(file, lineOf(text, "advisoryMaxAgeDays", 0), 1),
              "advisoryMaxAgeDays must be a whole number of days, at least 1"));
    }
    if (config.pssVersion() != null
        && dev.kube4c.pss.PssVersion.parse(config.pssVersion()).isEmpty()) {
      problems.add(
          new InputProblem(
              new Location(file, lineOf(text, "pssVersion", 0), 1),
              "pssVersion must be v1.N or latest, not '" + config.pssVersion() + "'"));
    }
  }

  /**
   * Finds the line of each exception entry ("- rule:" items in order), for exception-expired
   * locations.
   */
  private static List<Config.ExceptionSpec> withLines(
      List<Config.ExceptionSpec> exceptions, String text) {
    List<Config.ExceptionSpec> out = new ArrayList<>();
    int from = lineOf(text, "exceptions", 0);
    for (Config.ExceptionSpec exception : exceptions) {
      int line = lineOf(text, "rule:", from);
      out.add(exception.withLine(line));
      from = line > 0 ? line : from;
    }
    return out;
  }

  /**
   * 1-based line of the first line after {@code afterLine} that contains {@code needle}; 0 when
   * absent.
   */
  private static int lineOf(String text, String needle, int afterLine) {
    String[] lines = text.split("\n", -1);
    for (int i = afterLine; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    return 0;
  }
}
