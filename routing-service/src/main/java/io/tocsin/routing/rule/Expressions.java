package io.tocsin.routing.rule;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.protobuf.NullValue;
import com.google.re2j.Pattern;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.Program;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.AstDepthLimitValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.routing.api.InvalidRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Common Expression Language environment of event rules: one variable, {@code alert}, a typed structure over the
 * normalized alert, so a misspelt field is refused when the rule is saved rather than failing on every alert.
 * Conditions must be {@code bool}, dedup keys {@code string}. What an expression may cost is bounded where CEL can
 * bound it: its length and nesting when compiled, its regular expressions' size (RE2: linear time, no backtracking),
 * and the iterations of its comprehensions ({@code exists}, {@code all}, {@code map}…) per evaluation.
 */
final class Expressions {

    static final int MAX_LENGTH = 2000;
    static final int MAX_ITERATIONS = 1000;
    private static final int MAX_DEPTH = 50;
    private static final int MAX_REGEX_PROGRAM = 1000;

    /** The fields of {@code alert}, as a rule's author reads them in the README. */
    private static final Map<String, CelType> FIELDS = fields();
    private static final StructType ALERT = StructType.create("tocsin.Alert", ImmutableSet.copyOf(FIELDS.keySet()),
            field -> Optional.ofNullable(FIELDS.get(field)));
    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(MAX_LENGTH)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM)
            // as the CEL specification and cel-go (Kubernetes): matches() finds the expression anywhere in the text
            .enableRegexPartialMatch(true)
            .build();
    private static final Cel CONDITIONS = environment(SimpleType.BOOL);
    private static final Cel KEYS = environment(SimpleType.STRING);
    private static final CelValidator CONDITION_CHECKS = validator(CONDITIONS);
    private static final CelValidator KEY_CHECKS = validator(KEYS);
    private static final int MAX_CACHED_PATTERNS = 1000;
    /** CEL compiles a regular expression on every call of matches(); rules match the same literals on every alert. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private Expressions() {
    }

    private static Map<String, CelType> fields() {
        Map<String, CelType> fields = new LinkedHashMap<>();
        fields.put("summary", SimpleType.STRING);
        fields.put("source", SimpleType.STRING);
        fields.put("severity", SimpleType.STRING);
        fields.put("dedupKey", SimpleType.STRING);
        fields.put("integrationType", SimpleType.STRING);
        fields.put("action", SimpleType.STRING);
        fields.put("labels", MapType.create(SimpleType.STRING, SimpleType.STRING));
        fields.put("details", MapType.create(SimpleType.STRING, SimpleType.DYN));
        return fields;
    }

    private static Cel environment(CelType result) {
        return CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                // the standard environment, but matches() replaced: CEL wants it spelt out for that
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
                .addFunctionBindings(CelFunctionBinding.from("matches", String.class, String.class, Expressions::matches),
                        CelFunctionBinding.from("matches_string", String.class, String.class, Expressions::matches))
                .setTypeProvider(new CelTypeProvider() {
                    @Override
                    public ImmutableList<CelType> types() {
                        return ImmutableList.of(ALERT);
                    }

                    @Override
                    public Optional<CelType> findType(String name) {
                        return ALERT.name().equals(name) ? Optional.of(ALERT) : Optional.empty();
                    }
                })
                .addVar("alert", ALERT)
                .setResultType(result)
                .build();
    }

    /** CEL's matches(), on compiled patterns kept by their text; its limit on a pattern's size holds as in CEL. */
    private static boolean matches(String text, String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            pattern = Pattern.compile(regex);
            if (pattern.programSize() > MAX_REGEX_PROGRAM) {
                throw new IllegalArgumentException("regular expression program size " + pattern.programSize()
                        + " exceeds the limit of " + MAX_REGEX_PROGRAM);
            }
            if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
                // patterns built from alerts' own values could grow it without end: start over
                PATTERNS.clear();
            }
            PATTERNS.put(regex, pattern);
        }
        return pattern.matcher(text).find();
    }

    private static CelValidator validator(Cel cel) {
        return CelValidatorFactory.standardCelValidatorBuilder(cel)
                .addAstValidators(RegexLiteralValidator.INSTANCE, AstDepthLimitValidator.newInstance(MAX_DEPTH))
                .build();
    }

    /** A rule's condition, compiled; a 400 naming {@code where} it is, what is wrong and at which position if not. */
    static Program condition(String expression, String where) {
        return compiled(CONDITIONS, CONDITION_CHECKS, expression, where);
    }

    /** An expression building a dedup key, compiled; a 400 as for {@link #condition}. */
    static Program key(String expression, String where) {
        return compiled(KEYS, KEY_CHECKS, expression, where);
    }

    private static Program compiled(Cel cel, CelValidator checks, String expression, String where) {
        if (expression.codePointCount(0, expression.length()) > MAX_LENGTH) {
            throw new InvalidRequest(where + " is longer than " + MAX_LENGTH + " characters");
        }
        CelValidationResult compiled = cel.compile(expression);
        try {
            if (compiled.hasError()) {
                throw refused(compiled.getErrors(), expression, where);
            }
            CelValidationResult checked = checks.validate(compiled.getAst());
            if (checked.hasError()) {
                throw refused(checked.getErrors(), expression, where);
            }
            CelAbstractSyntaxTree ast = checked.getAst();
            return cel.createProgram(ast);
        } catch (dev.cel.common.CelValidationException | CelEvaluationException unexpected) {
            // hasError() said there was none: a program CEL cannot plan is still the rule's fault
            throw new InvalidRequest(where + " (" + expression + ") cannot be compiled: " + unexpected.getMessage());
        }
    }

    /** "rule 2 'when': undeclared reference to 'foo' at line 1, column 7 (alert.x == foo)", each issue so. */
    private static InvalidRequest refused(List<CelIssue> issues, String expression, String where) {
        return new InvalidRequest(where + " (" + expression + "): " + issues.stream().map(issue -> issue.getMessage()
                        + (issue.getSourceLocation().getLine() > 0 ? " at line " + issue.getSourceLocation().getLine()
                        + ", column " + (issue.getSourceLocation().getColumn() + 1) : ""))
                .collect(Collectors.joining("; ")));
    }

    /**
     * The {@code alert} variable of an alert: absent texts are empty (so {@code alert.summary.startsWith('x')} is false
     * on a resolve without a summary, not an error), severity and action in lower case as PagerDuty's API writes them,
     * {@code labels} the alert's {@code details.labels} where it has them as a map (Alertmanager, Grafana), and
     * JSON numbers as CEL's int and double.
     */
    static Map<String, Object> variables(AlertEvent alert) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("summary", text(alert.summary()));
        values.put("source", text(alert.source()));
        values.put("severity", alert.severity() == null ? "" : alert.severity().name().toLowerCase(Locale.ROOT));
        values.put("dedupKey", text(alert.dedupKey()));
        values.put("integrationType", text(alert.integrationType()));
        values.put("action", alert.action() == null ? "" : alert.action().name().toLowerCase(Locale.ROOT));
        Map<String, Object> details = alert.details() == null ? Map.of() : alert.details();
        values.put("labels", details.get("labels") instanceof Map<?, ?> labels ? labels(labels) : Map.of());
        values.put("details", celValue(details));
        return Map.of("alert", values);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, String> labels(Map<?, ?> labels) {
        Map<String, String> texts = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (value != null) {
                texts.put(String.valueOf(key), String.valueOf(value));
            }
        });
        return texts;
    }

    /** A JSON value as CEL's runtime takes it: integers are 64-bit, other numbers double, null its null. */
    private static Object celValue(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case Map<?, ?> map -> {
                Map<String, Object> converted = new LinkedHashMap<>();
                map.forEach((key, item) -> converted.put(String.valueOf(key), celValue(item)));
                yield converted;
            }
            case Collection<?> list -> list.stream().map(Expressions::celValue).toList();
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case Float number -> number.doubleValue();
            case BigInteger number -> number.bitLength() < 64 ? (Object) number.longValue() : number.doubleValue();
            case BigDecimal number -> number.doubleValue();
            default -> value;
        };
    }
}
