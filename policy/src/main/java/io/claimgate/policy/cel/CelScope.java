package io.claimgate.policy.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an expression is used, and so which variables it may read (docs/POLICY.md, "CEL").
 * An expression that names a variable outside its scope fails to compile ("undeclared reference"),
 * so a typo or a filter-only variable in an authorizer policy is caught when the file is loaded.
 */
public enum CelScope {
    /** {@code oauth.claim.check}: the token's claims only. */
    CLAIMS(Map.of(CelVariables.CLAIMS, CelVariables.CLAIMS_TYPE)),

    /**
     * Authorizer policies ({@code when}, {@code names_from}): {@code principal.name},
     * {@code principal.type}, {@code claims}, {@code groups}, {@code scopes}, {@code listener},
     * {@code client.address}.
     */
    PRINCIPAL(principalVariables()),

    /** Record filters ({@code skip_when}): everything of {@link #PRINCIPAL} plus {@code record}. */
    RECORD(recordVariables());

    private final Map<String, CelType> variables;

    CelScope(Map<String, CelType> variables) {
        this.variables = variables;
    }

    /** Variable name to its declared CEL type, in declaration order. */
    public Map<String, CelType> variables() {
        return variables;
    }

    private static Map<String, CelType> principalVariables() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        // principal and client are maps rather than message types: CEL selects map keys with the
        // same dot syntax (principal.name), and we need no protobuf descriptors for them.
        vars.put(CelVariables.PRINCIPAL, MapType.create(SimpleType.STRING, SimpleType.STRING));
        vars.put(CelVariables.CLAIMS, CelVariables.CLAIMS_TYPE);
        vars.put(CelVariables.GROUPS, ListType.create(SimpleType.STRING));
        vars.put(CelVariables.SCOPES, ListType.create(SimpleType.STRING));
        vars.put(CelVariables.LISTENER, SimpleType.STRING);
        vars.put(CelVariables.CLIENT, MapType.create(SimpleType.STRING, SimpleType.STRING));
        return Map.copyOf(vars);
    }

    private static Map<String, CelType> recordVariables() {
        Map<String, CelType> vars = new LinkedHashMap<>(principalVariables());
        // record.topic is a string and record.headers a map(string, string); dyn values keep both
        // reachable through one map-typed variable.
        vars.put(CelVariables.RECORD, MapType.create(SimpleType.STRING, SimpleType.DYN));
        return Map.copyOf(vars);
    }
}
