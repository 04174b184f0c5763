package dev.accessconsole.domain.infrastructure.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accessconsole.authz.api.ClaimCondition;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * A federation rule's condition in CEL (the language of Google Cloud's workload identity federation), over the token's
 * claims as {@code claims}: {@code claims.repository == "acme/payments" && claims.ref.startsWith("refs/heads/")}. Compiled
 * once per expression (a bounded cache); must be a boolean.
 */
@ApplicationScoped
public class CelClaimCondition implements ClaimCondition {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
            .addVar("claims", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    private final Cache<String, Object> programs = Caffeine.newBuilder().maximumSize(1_000).build();

    @Override
    public boolean test(String condition, Map<String, Object> claims) throws InvalidCondition {
        CelRuntime.Program program = program(condition);
        try {
            Object result = program.eval(Map.of("claims", claims));
            if (!(result instanceof Boolean holds)) {
                throw new InvalidCondition("the condition yielded " + (result == null ? "null" : result.getClass().getSimpleName()) + ", not a boolean");
            }
            return holds;
        } catch (CelEvaluationException failed) {
            throw new InvalidCondition(failed.getMessage());
        } catch (RuntimeException failed) {
            throw new InvalidCondition("evaluation failed: " + failed.getClass().getSimpleName());
        }
    }

    /** Compiles a condition, or says why it is not one (a rule is refused with this message). */
    public void check(String condition) throws InvalidCondition {
        program(condition);
    }

    private CelRuntime.Program program(String condition) throws InvalidCondition {
        Object compiled = programs.get(condition, CelClaimCondition::compile);
        if (compiled instanceof String error) {
            throw new InvalidCondition(error);
        }
        return (CelRuntime.Program) compiled;
    }

    /** The program, or the compiler's message. */
    private static Object compile(String condition) {
        try {
            CelValidationResult result = CEL.compile(condition);
            if (result.hasError()) {
                return result.getErrorString();
            }
            return CEL.createProgram(result.getAst());
        } catch (CelValidationException | CelEvaluationException | RuntimeException failed) {
            return String.valueOf(failed.getMessage());
        }
    }
}
