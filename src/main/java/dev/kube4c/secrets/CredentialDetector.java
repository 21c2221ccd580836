package dev.kube4c.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in manifest values, in two ways: values in a known format (cloud keys, private
 * keys, JWTs, tokens of well-known services), which count wherever they appear; and high-entropy
 * values under a key-like name ({@code DB_PASSWORD}, {@code apiKey}, {@code --client-secret}).
 * Placeholders, references ({@code $(VAR)}, {@code ${VAR}}, file paths) and identifiers are
 * ignored, to keep false positives rare. Stateless and thread-safe.
 */
public final class CredentialDetector {

  /**
   * A known credential format; every match contains one of {@code hints} (and {@code alsoHint} when
   * set), substrings checked before the regex: a regex tried at every position of every large text
   * was most of the secret rules' time.
   */
  private record Format(String kind, List<String> hints, String alsoHint, Pattern pattern) {
    Format(String kind, String hint, Pattern pattern) {
      this(kind, List.of(hint), null, pattern);
    }

    Format(String kind, List<String> hints, Pattern pattern) {
      this(kind, hints, null, pattern);
    }

    boolean mayMatch(String text) {
      if (alsoHint != null && !text.contains(alsoHint)) {
        return false;
      }
      for (String hint : hints) {
        if (text.contains(hint)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final List<Format> FORMATS =
      List.of(
          new Format(
              "private key PEM block",
              "PRIVATE KEY",
              Pattern.compile(
                  "-----BEGIN ((?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----[\\s\\\\n]*[A-Za-z0-9+/=:,\\-\\s\\\\]{64,}")),
          new Format(
              "AWS access key ID",
              List.of("AKIA", "ASIA", "ABIA", "ACCA"),
              Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b")),
          new Format(
              "GCP service-account key JSON",
              "service_account",
              Pattern.compile(
                  "\"type\"\\s*:\\s*\"service_account\"[\\s\\S]*\"private_key\"\\s*:\\s*\"-----BEGIN")),
          new Format("Google API key", "AIza", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}\\b")),
          new Format(
              "Google OAuth client secret",
              "GOCSPX-",
              Pattern.compile("\\bGOCSPX-[A-Za-z0-9_\\-]{28}\\b")),
          new Format(
              "Azure storage connection string",
              "AccountKey=",
              Pattern.compile(
                  "DefaultEndpointsProtocol=https?;AccountName=(?!devstoreaccount1;)[^;\\s]+;AccountKey=[A-Za-z0-9+/]{40,}={0,2}")),
          new Format(
              "Azure SAS token",
              "sig=",
              Pattern.compile("\\bsv=\\d{4}-\\d{2}-\\d{2}&[^\\s\"']*\\bsig=[A-Za-z0-9%+/]{30,}")),
          new Format(
              "JSON Web Token",
              "eyJ",
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}")),
          new Format(
              "GitHub token",
              List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
              Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\\b")),
          new Format("GitLab token", "glpat-", Pattern.compile("\\bglpat-[A-Za-z0-9_\\-]{20}\\b")),
          new Format(
              "Slack token", "xox", Pattern.compile("\\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}")),
          new Format(
              "Slack webhook URL",
              "hooks.slack.com",
              Pattern.compile(
                  "https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}")),
          new Format(
              "Stripe key",
              List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
              Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}\\b")),
          new Format(
              "SendGrid API key",
              "SG.",
              Pattern.compile("\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}\\b")),
          new Format(
              "OpenAI API key",
              "T3BlbkFJ",
              Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}")),
          new Format("Hugging Face token", "hf_", Pattern.compile("\\bhf_[A-Za-z]{34}\\b")),
          new Format("npm token", "npm_", Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b")),
          new Format(
              "password in URL",
              List.of("://"),
              "@",
              Pattern.compile(
                  "\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@\"']{1,64}:([^\\s:/@\"']{1,128})@[A-Za-z0-9.-]+")));

  /** Parts of a key name that mean "the value is a credential". */
  private static final List<String> KEY_WORDS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "pwd",
          "secret",
          "token",
          "apikey",
          "accesskey",
          "privatekey",
          "credential",
          "signingkey",
          "encryptionkey",
          "masterkey",
          "authkey",
          "secretkey",
          "clientkey",
          "accountkey");

  private static final Pattern KEY_LIKE = Pattern.compile(String.join("|", KEY_WORDS));

  /** Key names that hold a reference or setting about a credential, not the credential. */
  private static final Pattern NOT_A_VALUE =
      Pattern.compile(
          ".*(file|path|dir|ref|name|names|url|uri|endpoint|id|ttl|expiry|expiration|timeout|enabled|enable|length|header|type|mode|size|count|seconds|duration|policy|provider|format|version|mount|location|prefix|suffix|source|issuer|audience|algorithm|lifetime|interval|hash|sha|checksum|field|template|selector)$");

  /** Values that stand for a credential without being one. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(?i).*(changeme|change_me|change-me|example|placeholder|dummy|redacted|replace|your[_-]?|xxxx|\\*\\*\\*|<[^>]*>|\\$\\{|\\$\\(|\\{\\{|%\\(|todo|insert|fake|sample|test123|password123|secret123|notasecret|not-a-secret).*");

  /** Key names for passwords, where even a low-entropy literal is a hard-coded credential. */
  private static final Pattern PASSWORD_KEY =
      Pattern.compile(".*(password|passwd|passphrase|pwd|pass)$");

  /** Settings that are not values: booleans, numbers, yes/no. */
  private static final Pattern SETTING =
      Pattern.compile("(?i)(true|false|yes|no|on|off|null|none|empty|required|optional|[0-9.]+)");

  private static final Set<String> DEFAULT_PASSWORDS =
      Set.of("password", "secret", "admin", "root", "postgres", "mysql", "guest", "pass", "test");

  /**
   * key=value or key: value inside a larger text (a properties file, a shell line, an argument). A
   * key starts where no letter precedes it: trying every position inside a long word, each
   * backtracking over up to 80 characters, made this the most expensive pattern of a scan.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?<![A-Za-z])([A-Za-z][A-Za-z0-9_.\\-]{0,80})[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})");

  /** Known formats anywhere in the text, then key-like assignments in it. */
  public List<Detection> inText(String key, String text) {
    List<Detection> found = new ArrayList<>(knownFormats(key, text));
    if (!found.isEmpty()) {
      return found;
    }
    if (!mayHoldKeyLikeName(text)) {
      return found;
    }
    Matcher m = ASSIGNMENT.matcher(text);
    while (m.find()) {
      highEntropy(m.group(1), m.group(2)).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Whether some name in the text could be key-like: names are compared without case and without
   * {@code _ . -} (isKeyLike), so a key-like name leaves its keyword in the text stripped the same
   * way. Most large texts (dashboards, configuration files) have none and skip the assignment scan.
   */
  private static boolean mayHoldKeyLikeName(String text) {
    StringBuilder builder = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '_' && c != '.' && c != '-') {
        builder.append(Character.toLowerCase(c));
      }
    }
    String stripped = builder.toString();
    // String.indexOf per word is many times faster than one alternation over a long text.
    for (String word : KEY_WORDS) {
      if (stripped.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** A single value under a key (an env var, a ConfigMap entry, a --flag=value argument). */
  public Optional<Detection> inKeyValue(String key, String value) {
    List<Detection> known = knownFormats(key, value);
    if (!known.isEmpty()) {
      return Optional.of(known.get(0));
    }
    return highEntropy(key, value);
  }

  private List<Detection> knownFormats(String key, String text) {
    List<Detection> found = new ArrayList<>();
    for (Format format : FORMATS) {
      if (!format.mayMatch(text)) {
        continue;
      }
      Matcher m = format.pattern().matcher(text);
      while (m.find()) {
        String match = m.group();
        if (format.kind().equals("password in URL")) {
          String password = m.group(1);
          if (isPlaceholder(password)
              || DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))
              || password.startsWith("$")) {
            continue;
          }
          match = password;
        } else if (match.contains("EXAMPLE") || isPlaceholder(match)) {
          continue; // documentation keys such as AKIAIOSFODNN7EXAMPLE
        }
        found.add(new Detection(format.kind(), key, Redaction.redact(match)));
        break;
      }
    }
    return found;
  }

  /**
   * True for values that stand for a credential without being one: changeme, ${VAR}, <your-key>,
   * ...
   */
  public static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value).matches();
  }

  /** True for a key name such as DB_PASSWORD, apiKey or client-secret (but not passwordFile). */
  public static boolean isKeyLike(String key) {
    if (key == null) {
      return false;
    }
    String normalized = normalizedKey(key);
    return KEY_LIKE.matcher(normalized).find()
        && !NOT_A_VALUE.matcher(normalized).matches()
        && !normalized.contains("tokeniz")
        && !normalized.contains("maxtoken");
  }

  /**
   * The key in lower case with only its letters a-z and digits: DB_PASSWORD, dbPassword and
   * db-password are one name. A loop, not replaceAll, which compiled a regex for every env var.
   */
  private static String normalizedKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    StringBuilder normalized = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        normalized.append(c);
      }
    }
    return normalized.toString();
  }

  private Optional<Detection> highEntropy(String key, String raw) {
    if (!isKeyLike(key)) {
      return Optional.empty();
    }
    String value = raw.strip();
    if (value.length() < 12
        || value.length() > 4096
        || value.contains(" ")
        || isPlaceholder(value)
        || isReference(value)) {
      return literalPassword(key, value);
    }
    int classes = characterClasses(value);
    double entropy = shannonEntropy(value);
    boolean strong =
        value.length() >= 16 ? classes >= 2 && entropy >= 3.5 : classes >= 3 && entropy >= 3.2;
    if (!strong || looksLikeIdentifier(value) || looksLikeCode(value) || hasSequentialRun(value)) {
      return literalPassword(key, value);
    }
    return Optional.of(new Detection("high-entropy value", key, Redaction.redact(value)));
  }

  /**
   * A literal under a password-named key (MYSQL_ROOT_PASSWORD: my-secret-pw) is a hard-coded
   * password whatever its entropy; settings, references, placeholders and ALL_CAPS_TOKENS
   * (substitution markers) are not.
   */
  private static Optional<Detection> literalPassword(String key, String value) {
    String normalized = normalizedKey(key);
    // Secret keys of S3-style services (MINIO_SECRET_KEY: minio123) are passwords by another name.
    boolean secretKey = normalized.endsWith("secretkey") || normalized.endsWith("secretaccesskey");
    if (!(PASSWORD_KEY.matcher(normalized).matches() || (secretKey && value.length() >= 8))
        || value.length() < 4
        || value.length() > 256
        || value.contains(" ")
        || SETTING.matcher(value).matches()
        || isPlaceholder(value)
        || isReference(value)
        || looksLikeCode(value)
        || value.matches("[A-Z0-9_]+_[A-Z0-9_]+")) {
      return Optional.empty();
    }
    return Optional.of(new Detection("literal password", key, Redaction.redact(value)));
  }

  /** Program text caught by the key=value pattern: calls, indexing, attribute chains. */
  private static boolean looksLikeCode(String value) {
    return value.contains("(")
        || value.contains(")")
        || value.contains("[")
        || value.contains("{")
        || value.contains("}");
  }

  /** Made-up values: runs such as 1234, 5678 or abcd rarely occur in random keys. */
  private static boolean hasSequentialRun(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    int run = 1;
    for (int i = 1; i < lower.length(); i++) {
      char c = lower.charAt(i);
      run = Character.isLetterOrDigit(c) && c == lower.charAt(i - 1) + 1 ? run + 1 : 1;
      if (run >= 4) {
        return true;
      }
    }
    return false;
  }

  private static boolean isReference(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return value.startsWith("/")
        || value.startsWith("./")
        || value.startsWith("~")
        || lower.startsWith("http://")
        || lower.startsWith("https://")
        || lower.startsWith("file:")
        || lower.startsWith("vault:")
        || lower.startsWith("arn:")
        || lower.startsWith("projects/")
        || lower.startsWith("secretsmanager:")
        || lower.startsWith("sm://")
        || lower.startsWith("akv://")
        || lower.startsWith("ref+")
        || value.startsWith("$");
  }

  /**
   * Kubernetes-style names and dotted identifiers: lower-case words joined by - . _ with few
   * digits.
   */
  private static boolean looksLikeIdentifier(String value) {
    if (value.matches("[a-z][a-z0-9]*([-._][a-z0-9]+)+")) {
      return true;
    }
    // Image references, hostnames with ports and similar.
    return value.matches("[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._-]+)+(:[A-Za-z0-9._-]+)?");
  }

  private static int characterClasses(String value) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }

  /** Bits per character of the value's own character distribution. */
  static double shannonEntropy(String value) {
    int[] counts = new int[128];
    int outside = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        outside++;
      }
    }
    double entropy = 0;
    double length = value.length();
    for (int count : counts) {
      if (count > 0) {
        double p = count / length;
        entropy -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (outside > 0) {
      double p = outside / length;
      entropy -= p * (Math.log(p) / Math.log(2));
    }
    return entropy;
  }
}
