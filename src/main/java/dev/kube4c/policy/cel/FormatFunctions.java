package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Kubernetes' format library: {@code format.dns1123Label()} and the other named formats, {@code
 * format.named(name)} (an optional), and {@code f.validate(s)}, which is {@code optional.none()}
 * for a valid string and otherwise the list of what is wrong with it.
 */
final class FormatFunctions {

  private FormatFunctions() {}

  static final CelType FORMAT = OpaqueType.create("kubernetes.NamedFormat");

  /** One named format and its check, which lists what is wrong (empty: valid). */
  record NamedFormat(String name, Function<String, List<String>> check) {
    @Override
    public boolean equals(Object o) {
      return o instanceof NamedFormat other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String LABEL_1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern DNS1035_LABEL = Pattern.compile(LABEL_1035);
  private static final Pattern NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final Map<String, NamedFormat> FORMATS = formats();

  private static Map<String, NamedFormat> formats() {
    Map<String, NamedFormat> all = new LinkedHashMap<>();
    add(all, "dns1123Label", s -> pattern(s, DNS1123_LABEL, 63, "a lowercase RFC 1123 label"));
    add(
        all,
        "dns1123Subdomain",
        s -> pattern(s, DNS1123_SUBDOMAIN, 253, "a lowercase RFC 1123 subdomain"));
    add(all, "dns1035Label", s -> pattern(s, DNS1035_LABEL, 63, "an RFC 1035 label"));
    add(
        all,
        "dns1123LabelPrefix",
        s -> pattern(trimDash(s), DNS1123_LABEL, 63, "a lowercase RFC 1123 label prefix"));
    add(
        all,
        "dns1123SubdomainPrefix",
        s -> pattern(trimDash(s), DNS1123_SUBDOMAIN, 253, "a lowercase RFC 1123 subdomain prefix"));
    add(
        all,
        "dns1035LabelPrefix",
        s -> pattern(trimDash(s), DNS1035_LABEL, 63, "an RFC 1035 label prefix"));
    add(all, "qualifiedName", FormatFunctions::qualifiedName);
    add(
        all,
        "labelValue",
        s -> s.isEmpty() ? List.of() : pattern(s, NAME_PART, 63, "a label value"));
    add(
        all,
        "uuid",
        s ->
            UUID.matcher(s).matches()
                ? List.of()
                : List.of("must be a UUID in 8-4-4-4-12 hexadecimal form"));
    add(all, "byte", FormatFunctions::base64);
    add(all, "date", FormatFunctions::date);
    add(all, "datetime", FormatFunctions::dateTime);
    add(
        all,
        "uri",
        s ->
            UrlFunctions.parse(s).filter(u -> u.uri().getScheme() != null).isPresent()
                ? List.of()
                : List.of("must be an absolute URI"));
    return Map.copyOf(all);
  }

  private static void add(
      Map<String, NamedFormat> all, String name, Function<String, List<String>> check) {
    all.put(name, new NamedFormat(name, check));
  }

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    for (String name : FORMATS.keySet()) {
      String id = "kube4c_format_" + name;
      b.declare(newFunctionDeclaration("format." + name, newGlobalOverload(id, FORMAT)));
      b.bind(CelFunctionBinding.from(id, List.of(), args -> FORMATS.get(name)));
    }
    b.declare(
        newFunctionDeclaration(
            "format.named",
            newGlobalOverload(
                "kube4c_format_named", OptionalType.create(FORMAT), SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_format_named", String.class, n -> Optional.ofNullable(FORMATS.get(n))));
    b.declare(
        newFunctionDeclaration(
            "validate",
            newMemberOverload(
                "kube4c_format_validate",
                OptionalType.create(ListType.create(SimpleType.STRING)),
                FORMAT,
                SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_format_validate",
            NamedFormat.class,
            String.class,
            (f, s) -> {
              List<String> errors = f.check().apply(s);
              return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
            }));
    return b.build();
  }

  private static String trimDash(String s) {
    return s.endsWith("-") ? s.substring(0, s.length() - 1) + "a" : s;
  }

  private static List<String> pattern(String s, Pattern pattern, int max, String what) {
    List<String> errors = new ArrayList<>();
    if (s.length() > max) {
      errors.add("must be no more than " + max + " characters");
    }
    if (!pattern.matcher(s).matches()) {
      errors.add(what + " must match the regex " + pattern.pattern());
    }
    return errors;
  }

  private static List<String> qualifiedName(String s) {
    int slash = s.indexOf('/');
    List<String> errors = new ArrayList<>();
    String name = s;
    if (slash >= 0) {
      String prefix = s.substring(0, slash);
      name = s.substring(slash + 1);
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        pattern(prefix, DNS1123_SUBDOMAIN, 253, "prefix part").forEach(errors::add);
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else {
      pattern(name, NAME_PART, 63, "name part").forEach(errors::add);
    }
    return errors;
  }

  private static List<String> base64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("must be base64-encoded bytes");
    }
  }

  private static List<String> date(String s) {
    try {
      LocalDate.parse(s);
      return List.of();
    } catch (DateTimeParseException e) {
      return List.of("must be a date in RFC 3339 full-date form (2006-01-02)");
    }
  }

  private static List<String> dateTime(String s) {
    try {
      OffsetDateTime.parse(s);
      return List.of();
    } catch (DateTimeParseException e) {
      return List.of("must be a date-time in RFC 3339 form (2006-01-02T15:04:05Z)");
    }
  }
}
