package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' regex library: {@code s.find(re)} is the first match or "", {@code s.findAll(re)}
 * every match and {@code s.findAll(re, n)} at most n of them (all when n is negative). RE2 syntax,
 * as in Kubernetes, so matching time stays linear.
 */
final class RegexFunctions {

  private RegexFunctions() {}

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration(
            "find",
            newMemberOverload(
                "kube4c_string_find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_string_find", String.class, String.class, RegexFunctions::find));
    b.declare(
        newFunctionDeclaration(
            "findAll",
            newMemberOverload(
                "kube4c_string_find_all",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING),
            newMemberOverload(
                "kube4c_string_find_all_n",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING,
                SimpleType.INT)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_string_find_all", String.class, String.class, (s, re) -> findAll(s, re, -1)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_string_find_all_n",
            List.of(String.class, String.class, Long.class),
            (CelFunctionOverload)
                args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    return b.build();
  }

  static String find(String text, String regex) throws CelEvaluationException {
    Matcher m = compile(regex).matcher(text);
    return m.find() ? m.group() : "";
  }

  static List<String> findAll(String text, String regex, long limit) throws CelEvaluationException {
    List<String> found = new ArrayList<>();
    if (limit == 0) {
      return found;
    }
    Matcher m = compile(regex).matcher(text);
    while (m.find() && (limit < 0 || found.size() < limit)) {
      found.add(m.group());
    }
    return found;
  }

  private static Pattern compile(String regex) throws CelEvaluationException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException(
          "invalid regular expression '" + regex + "': " + e.getDescription());
    }
  }
}
