package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' URL library: {@code url(s)} and {@code isURL(s)} take an absolute URI or an absolute
 * path; a URL has {@code getScheme()}, {@code getHost()} (with port, IPv6 in brackets), {@code
 * getHostname()}, {@code getPort()} ("" when absent), {@code getEscapedPath()} and {@code
 * getQuery()} (each key to its values).
 */
final class UrlFunctions {

  private UrlFunctions() {}

  static final CelType URL = OpaqueType.create("kubernetes.URL");

  /** A parsed URL; equal when written the same. */
  record KubeUrl(String text, URI uri) {
    @Override
    public boolean equals(Object o) {
      return o instanceof KubeUrl other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }
  }

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration("url", newGlobalOverload("kube4c_url", URL, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_url", String.class, UrlFunctions::url));
    b.declare(
        newFunctionDeclaration(
            "isURL", newGlobalOverload("kube4c_is_url", SimpleType.BOOL, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_is_url", String.class, s -> parse(s).isPresent()));
    getter(b, "getScheme", "kube4c_url_scheme");
    b.bind(
        CelFunctionBinding.from(
            "kube4c_url_scheme", KubeUrl.class, u -> orEmpty(u.uri().getScheme())));
    getter(b, "getHost", "kube4c_url_host");
    b.bind(
        CelFunctionBinding.from(
            "kube4c_url_host",
            KubeUrl.class,
            u -> orEmpty(u.uri().getRawAuthority()).replaceFirst("^[^@]*@", "")));
    getter(b, "getHostname", "kube4c_url_hostname");
    b.bind(CelFunctionBinding.from("kube4c_url_hostname", KubeUrl.class, UrlFunctions::hostname));
    getter(b, "getPort", "kube4c_url_port");
    b.bind(
        CelFunctionBinding.from(
            "kube4c_url_port",
            KubeUrl.class,
            u -> u.uri().getPort() < 0 ? "" : Integer.toString(u.uri().getPort())));
    getter(b, "getEscapedPath", "kube4c_url_escaped_path");
    b.bind(
        CelFunctionBinding.from(
            "kube4c_url_escaped_path", KubeUrl.class, u -> orEmpty(u.uri().getRawPath())));
    b.declare(
        newFunctionDeclaration(
            "getQuery",
            newMemberOverload(
                "kube4c_url_query",
                MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)),
                URL)));
    b.bind(CelFunctionBinding.from("kube4c_url_query", KubeUrl.class, UrlFunctions::query));
    return b.build();
  }

  private static void getter(CelLibrary.Builder b, String name, String id) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, SimpleType.STRING, URL)));
  }

  static KubeUrl url(String text) throws CelEvaluationException {
    return parse(text).orElseThrow(() -> new CelEvaluationException("invalid URL '" + text + "'"));
  }

  static Optional<KubeUrl> parse(String text) {
    try {
      URI uri = new URI(text);
      boolean absolute = uri.getScheme() != null && !uri.isOpaque();
      boolean absolutePath = uri.getScheme() == null && text.startsWith("/");
      return absolute || absolutePath ? Optional.of(new KubeUrl(text, uri)) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String hostname(KubeUrl url) {
    String host = orEmpty(url.uri().getHost());
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Map<String, List<String>> query(KubeUrl url) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = url.uri().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
