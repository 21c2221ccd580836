package dev.kube4c.components;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command lines and env-file values the way a POSIX shell would for simple, quote-only
 * syntax.
 */
final class CommandLines {

  private CommandLines() {}

  /**
   * Words of {@code text}: whitespace separates, single and double quotes group, backslash-newline
   * joins lines.
   */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\'
          && i + 1 < text.length()
          && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
        i++;
        if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * A flag word: "--name=value", or "--name" (value from the next word if it is not a flag, else
   * "true").
   */
  record Flag(String name, String value, int index) {}

  static List<Flag> flags(List<String> words) {
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("--") || word.length() < 3) {
        continue;
      }
      int eq = word.indexOf('=');
      if (eq > 0) {
        flags.add(new Flag(word.substring(2, eq), word.substring(eq + 1), i));
      } else if (i + 1 < words.size()
          && !words.get(i + 1).startsWith("-")
          && !isBooleanFlag(word.substring(2))) {
        flags.add(new Flag(word.substring(2), words.get(i + 1), i));
        i++;
      } else {
        flags.add(new Flag(word.substring(2), "true", i));
      }
    }
    return flags;
  }

  /** Flags of these components that take no value word; a bare flag means true. */
  private static boolean isBooleanFlag(String name) {
    return switch (name) {
      case "anonymous-auth",
          "profiling",
          "client-cert-auth",
          "peer-client-cert-auth",
          "auto-tls",
          "peer-auto-tls",
          "use-service-account-credentials",
          "service-account-lookup",
          "rotate-certificates",
          "protect-kernel-defaults",
          "make-iptables-util-chains",
          "leader-elect",
          "allow-privileged",
          "enable-bootstrap-token-auth",
          "v" ->
          true;
      default -> false;
    };
  }
}
