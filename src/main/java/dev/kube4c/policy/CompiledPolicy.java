package dev.kube4c.policy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.kube4c.policy.cel.CelEnvironment;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy whose expressions are all compiled and type-checked, ready to evaluate many times from
 * many threads. Compiled once per scan (or once per webhook start).
 */
final class CompiledPolicy {

  /** One compiled expression with its source, for messages. */
  record Program(Policy.Expression source, CelRuntime.Program program) {}

  /** A validation's programs: the check and, when given, its messageExpression. */
  record CompiledValidation(Policy.Validation validation, Program check, Program message) {}

  private final Policy policy;
  private final List<Program> conditions;
  private final List<Program> variables;
  private final Map<String, Program> variablesByName;
  private final List<CompiledValidation> validations;
  private final List<Program> auditAnnotations;
  private final Set<String> reads;
  private final Map<String, String> shareKeys;
  private final Map<String, String> paramKeys;

  private CompiledPolicy(
      Policy policy,
      List<Program> conditions,
      List<Program> variables,
      List<CompiledValidation> validations,
      List<Program> auditAnnotations) {
    this.policy = policy;
    this.conditions = List.copyOf(conditions);
    this.variables = List.copyOf(variables);
    Map<String, Program> byName = new LinkedHashMap<>();
    variables.forEach(v -> byName.put(v.source().name(), v));
    this.variablesByName = Collections.unmodifiableMap(byName);
    this.validations = List.copyOf(validations);
    this.auditAnnotations = List.copyOf(auditAnnotations);
    this.reads = readVariables(policy);
    this.shareKeys = shareKeys(policy);
    this.paramKeys = paramKeys(policy);
  }

  /**
   * Per variable, a key that is equal in every policy that defines it, and the variables before it,
   * in the same words, all from {@code object} alone: such a variable has one value per object
   * whichever policy asks (the podSpec and containers variables most policies start with). Absent
   * for variables that read anything else.
   */
  String shareKey(String variable) {
    return shareKeys.get(variable);
  }

  /**
   * Per variable that reads {@code params} and nothing else of the request (nor a variable that
   * does), a key equal in every policy that defines it and the variables it reads in the same
   * words: with the same parameter object, such a variable has one value for every object of a scan
   * (an allow-list split into its entries, say). Absent for other variables.
   */
  String paramKey(String variable) {
    return paramKeys.get(variable);
  }

  private static final Pattern READS_REQUEST =
      Pattern.compile("\\b(object|oldObject|request|namespaceObject|authorizer)\\b");

  private static final Pattern VARIABLE_READ = Pattern.compile("\\bvariables\\s*(\\.\\s*(\\w+))?");

  private static Map<String, String> paramKeys(Policy policy) {
    Map<String, String> keys = new HashMap<>();
    for (Policy.Expression variable : policy.variables()) {
      String text = variable.text();
      if (READS_REQUEST.matcher(text).find()) {
        continue;
      }
      StringBuilder key = new StringBuilder();
      boolean onlyParams = true;
      java.util.regex.Matcher read = VARIABLE_READ.matcher(text);
      while (read.find() && onlyParams) {
        String name = read.group(2);
        onlyParams = name != null && keys.containsKey(name);
        key.append(onlyParams ? keys.get(name) : "");
      }
      if (onlyParams) {
        key.append(variable.name()).append('=').append(text.strip()).append('\n');
        keys.put(variable.name(), key.toString().intern());
      }
    }
    return Map.copyOf(keys);
  }

  private static final Pattern READS_MORE_THAN_OBJECT =
      Pattern.compile("\\b(params|request|oldObject|namespaceObject|authorizer)\\b");

  private static Map<String, String> shareKeys(Policy policy) {
    Map<String, String> keys = new HashMap<>();
    StringBuilder chain = new StringBuilder();
    for (Policy.Expression variable : policy.variables()) {
      if (READS_MORE_THAN_OBJECT.matcher(variable.text()).find()) {
        break;
      }
      chain.append(variable.name()).append('=').append(variable.text().strip()).append('\n');
      // Interned, so that policies sharing a key compare it by identity, not by its whole text.
      keys.put(variable.name(), chain.toString().intern());
    }
    return Map.copyOf(keys);
  }

  /**
   * Whether any expression of the policy may read this variable; the evaluator builds only those
   * that are read (the request map, the Namespace look-up). A name absent from every expression's
   * text cannot be read.
   */
  boolean reads(String variable) {
    return reads.contains(variable);
  }

  private static Set<String> readVariables(Policy policy) {
    StringBuilder text = new StringBuilder();
    policy.matchConditions().forEach(e -> text.append(e.text()).append('\n'));
    policy.variables().forEach(e -> text.append(e.text()).append('\n'));
    policy.auditAnnotations().forEach(e -> text.append(e.text()).append('\n'));
    for (Policy.Validation v : policy.validations()) {
      text.append(v.expression().text()).append('\n');
      if (v.messageExpression() != null) {
        text.append(v.messageExpression().text()).append('\n');
      }
    }
    Set<String> found = new java.util.HashSet<>();
    List<String> names = new ArrayList<>(CelEnvironment.VARIABLES);
    names.add(CelEnvironment.AUTHORIZER);
    for (String name : names) {
      if (Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
        found.add(name);
      }
    }
    return Set.copyOf(found);
  }

  Policy policy() {
    return policy;
  }

  List<Program> conditions() {
    return conditions;
  }

  /** The variables by name, in order (built once: every evaluation looks them up). */
  Map<String, Program> variablesByName() {
    return variablesByName;
  }

  List<Program> variables() {
    return variables;
  }

  List<CompiledValidation> validations() {
    return validations;
  }

  List<Program> auditAnnotations() {
    return auditAnnotations;
  }

  /**
   * Compiles every expression of the policy; null (with a problem per bad expression, at its file,
   * line and column) when any fails, as the API server rejects the whole policy.
   */
  static CompiledPolicy compile(Policy policy, List<InputProblem> problems) {
    return compile(policy, problems, new Expressions());
  }

  /**
   * Expressions compiled so far, by their text: in one environment the same text always compiles to
   * the same checked tree and program, and policies repeat expressions (the podSpec and containers
   * variables; the copies of one policy across namespaces in a cluster or a corpus: 81 policies of
   * the 100k benchmark corpus took 0.74 s to compile one by one).
   */
  static final class Expressions {
    private final Map<String, Compiled> byText = new HashMap<>();

    /** A checked expression and its program, or why no program could be made of it. */
    private record Compiled(
        CelValidationResult result, CelRuntime.Program program, String failure) {}

    private Compiled compile(Cel cel, String text) {
      return byText.computeIfAbsent(
          text,
          t -> {
            CelValidationResult result = cel.compile(t);
            if (result.hasError()) {
              return new Compiled(result, null, null);
            }
            try {
              return new Compiled(result, cel.createProgram(result.getAst()), null);
            } catch (CelValidationException | CelEvaluationException e) {
              return new Compiled(result, null, e.getMessage());
            }
          });
    }
  }

  static CompiledPolicy compile(
      Policy policy, List<InputProblem> problems, Expressions expressions) {
    Cel cel = CelEnvironment.cel();
    int before = problems.size();
    Set<CelKind> bool = Set.of(CelKind.BOOL);
    Set<CelKind> string = Set.of(CelKind.STRING);
    List<Program> conditions = new ArrayList<>();
    for (Policy.Expression e : policy.matchConditions()) {
      add(conditions, compile(cel, policy, e, bool, problems, expressions));
    }
    List<Program> variables = new ArrayList<>();
    for (Policy.Expression e : policy.variables()) {
      add(variables, compile(cel, policy, e, null, problems, expressions));
    }
    List<CompiledValidation> validations = new ArrayList<>();
    for (Policy.Validation v : policy.validations()) {
      Program check = compile(cel, policy, v.expression(), bool, problems, expressions);
      Program message =
          v.messageExpression() == null
              ? null
              : compile(cel, policy, v.messageExpression(), string, problems, expressions);
      if (check != null) {
        validations.add(new CompiledValidation(v, check, message));
      }
    }
    List<Program> audit = new ArrayList<>();
    for (Policy.Expression e : policy.auditAnnotations()) {
      add(
          audit,
          compile(
              cel, policy, e, Set.of(CelKind.STRING, CelKind.NULL_TYPE), problems, expressions));
    }
    if (problems.size() > before) {
      return null;
    }
    return new CompiledPolicy(policy, conditions, variables, validations, audit);
  }

  private static void add(List<Program> programs, Program program) {
    if (program != null) {
      programs.add(program);
    }
  }

  private static Program compile(
      Cel cel,
      Policy policy,
      Policy.Expression expression,
      Set<CelKind> resultKinds,
      List<InputProblem> problems,
      Expressions expressions) {
    String where = "ValidatingAdmissionPolicy " + policy.name() + ": " + field(expression) + ": ";
    Expressions.Compiled compiled = expressions.compile(cel, expression.text());
    CelValidationResult result = compiled.result();
    if (result.hasError()) {
      CelIssue issue = result.getErrors().get(0);
      problems.add(
          new InputProblem(
              locate(policy, expression, issue), where + "compile error: " + issue.getMessage()));
      return null;
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelType type = ast.getResultType();
      if (resultKinds != null && type.kind() != CelKind.DYN && !resultKinds.contains(type.kind())) {
        problems.add(
            new InputProblem(
                at(policy, expression, 1, 0),
                where
                    + "type error: must evaluate to "
                    + (resultKinds.contains(CelKind.BOOL) ? "bool" : "string")
                    + ", not "
                    + type.name()));
        return null;
      }
      if (compiled.failure() != null) {
        problems.add(new InputProblem(at(policy, expression, 1, 0), where + compiled.failure()));
        return null;
      }
      return new Program(expression, compiled.program());
    } catch (CelValidationException e) {
      problems.add(new InputProblem(at(policy, expression, 1, 0), where + e.getMessage()));
      return null;
    }
  }

  /** spec.validations[0].expression, as kubectl names a field. */
  static String field(Policy.Expression expression) {
    StringBuilder out = new StringBuilder();
    for (Object part : expression.path()) {
      if (part instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(part);
      }
    }
    return out.toString();
  }

  private static Location locate(Policy policy, Policy.Expression expression, CelIssue issue) {
    int line = Math.max(1, issue.getSourceLocation().getLine());
    int column = Math.max(0, issue.getSourceLocation().getColumn());
    return at(policy, expression, line, column);
  }

  private static Location at(Policy policy, Policy.Expression expression, int line, int column) {
    return ExpressionLocator.locate(policy.resource().location(), expression.path(), line, column);
  }
}
