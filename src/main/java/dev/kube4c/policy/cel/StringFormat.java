package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The strings extension's {@code string.format(list)}, as Kubernetes enables it: {@code
 * %[.precision]conversion} with the conversions s, d, f, e, x, X, o and b of the CEL strings
 * specification, and {@code %%} for a percent sign. CEL-Java's strings extension does not have it.
 */
final class StringFormat {

  private StringFormat() {}

  private static final int DEFAULT_PRECISION = 6;

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration(
            "format",
            newMemberOverload(
                "kube4c_string_format",
                SimpleType.STRING,
                SimpleType.STRING,
                ListType.create(SimpleType.DYN))));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_string_format", String.class, List.class, StringFormat::format));
    return b.build();
  }

  static String format(String pattern, List<?> args) throws CelEvaluationException {
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    int next = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (++i >= pattern.length()) {
        throw error("a '%' at the end of the format string has no conversion");
      }
      if (pattern.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      int precision = -1;
      if (pattern.charAt(i) == '.') {
        int start = ++i;
        while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
          i++;
        }
        if (start == i || i >= pattern.length()) {
          throw error("a precision must be digits followed by a conversion");
        }
        precision = Integer.parseInt(pattern.substring(start, i));
      }
      char conversion = pattern.charAt(i);
      if (next >= args.size()) {
        throw error("index " + next + " out of range: the list holds " + args.size() + " values");
      }
      out.append(convert(conversion, precision, args.get(next++)));
    }
    return out.toString();
  }

  private static String convert(char conversion, int precision, Object value)
      throws CelEvaluationException {
    if (precision >= 0 && conversion != 'f' && conversion != 'e') {
      throw error("%" + conversion + " takes no precision");
    }
    return switch (conversion) {
      case 's' -> string(value);
      case 'd' -> decimal(value);
      case 'f' -> fixed(value, precision < 0 ? DEFAULT_PRECISION : precision);
      case 'e' -> scientific(value, precision < 0 ? DEFAULT_PRECISION : precision);
      case 'x' -> hex(value, false);
      case 'X' -> hex(value, true);
      case 'o' -> integer(value, 8, "%o");
      case 'b' -> value instanceof Boolean bool ? (bool ? "1" : "0") : integer(value, 2, "%b");
      default -> throw error("unrecognized formatting clause '%" + conversion + "'");
    };
  }

  /** %s: any value, lists and maps element by element. */
  static String string(Object value) throws CelEvaluationException {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Double d) {
      return special(d) != null ? special(d) : plain(BigDecimal.valueOf(d));
    }
    if (value instanceof Long || value instanceof UnsignedLong || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof ByteString bytes) {
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
    if (isNull(value)) {
      return "null";
    }
    if (value instanceof Duration duration) {
      return plain(BigDecimal.valueOf(duration.getSeconds(), 0).add(nanos(duration.getNano())))
          + "s";
    }
    if (value instanceof com.google.protobuf.Duration duration) {
      return plain(BigDecimal.valueOf(duration.getSeconds()).add(nanos(duration.getNanos()))) + "s";
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    if (value instanceof com.google.protobuf.Timestamp timestamp) {
      return DateTimeFormatter.ISO_INSTANT.format(
          Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(string(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String[]> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.add(new String[] {string(entry.getKey()), string(entry.getValue())});
      }
      entries.sort((a, b) -> a[0].compareTo(b[0]));
      List<String> items = new ArrayList<>();
      entries.forEach(e -> items.add(e[0] + ": " + e[1]));
      return "{" + String.join(", ", items) + "}";
    }
    return value.toString(); // a type
  }

  private static String decimal(Object value) throws CelEvaluationException {
    if (value instanceof Long || value instanceof UnsignedLong) {
      return value.toString();
    }
    if (value instanceof Double d && special(d) != null) {
      return special(d);
    }
    throw error("%d needs an int or uint, not " + typeOf(value));
  }

  private static String fixed(Object value, int precision) throws CelEvaluationException {
    Object number = number(value, "%f");
    if (number instanceof String special) {
      return special;
    }
    // The exact binary value, rounded half to even, as the specification asks.
    return ((BigDecimal) number).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String scientific(Object value, int precision) throws CelEvaluationException {
    Object number = number(value, "%e");
    if (number instanceof String special) {
      return special;
    }
    return String.format(Locale.ROOT, "%." + precision + "e", (BigDecimal) number);
  }

  private static String hex(Object value, boolean upper) throws CelEvaluationException {
    String text;
    if (value instanceof String s) {
      text = HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof ByteString bytes) {
      text = HexFormat.of().formatHex(bytes.toByteArray());
    } else {
      text = integer(value, 16, upper ? "%X" : "%x");
    }
    return upper ? text.toUpperCase(Locale.ROOT) : text;
  }

  private static String integer(Object value, int radix, String clause)
      throws CelEvaluationException {
    if (value instanceof Long l) {
      return Long.toString(l, radix); // a negative value keeps its '-' sign
    }
    if (value instanceof UnsignedLong u) {
      return u.bigIntegerValue().toString(radix);
    }
    throw error(clause + " needs an int or uint, not " + typeOf(value));
  }

  /** A number as a BigDecimal, or NaN/Infinity as their text. */
  private static Object number(Object value, String clause) throws CelEvaluationException {
    if (value instanceof Double d) {
      return special(d) != null ? special(d) : new BigDecimal(d);
    }
    if (value instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (value instanceof UnsignedLong u) {
      return new BigDecimal(new BigInteger(u.toString()));
    }
    throw error(clause + " needs a number, not " + typeOf(value));
  }

  private static String special(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    return Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : null;
  }

  private static BigDecimal nanos(int nanos) {
    return BigDecimal.valueOf(nanos, 9);
  }

  /** Base 10 without insignificant zeros (and without a '.' when nothing follows it). */
  private static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static String typeOf(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double) {
      return "double";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Map) {
      return "map";
    }
    return isNull(value) ? "null" : value.getClass().getSimpleName();
  }

  /** CEL's null: protobuf's NullValue from our JSON values, CEL-Java's own from literals. */
  private static boolean isNull(Object value) {
    return value == null
        || value instanceof NullValue
        || value instanceof dev.cel.common.values.NullValue;
  }

  private static CelEvaluationException error(String message) {
    return new CelEvaluationException("format: " + message);
  }
}
