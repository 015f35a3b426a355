package io.claimgate.policy.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of the CEL variables (public: policy files use them) and builders for their values.
 * Values handed to CEL must be CEL's own Java representations: {@code Long} not {@code Integer},
 * {@code Double} not {@code Float}, lists and string-keyed maps, {@code NullValue} for null;
 * {@link CelValues#normalize(Object)} converts JSON claim values accordingly.
 */
public final class CelVariables {
    public static final String PRINCIPAL = "principal";
    public static final String CLAIMS = "claims";
    public static final String GROUPS = "groups";
    public static final String SCOPES = "scopes";
    public static final String LISTENER = "listener";
    public static final String CLIENT = "client";
    public static final String RECORD = "record";

    static final CelType CLAIMS_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private CelVariables() {
    }

    /**
     * The variables of {@link CelScope#PRINCIPAL}. Claims are normalized here, once, so that the
     * map can be reused for every evaluation on behalf of the same principal.
     */
    public static Map<String, Object> principal(String principalType, String principalName,
                                                Map<String, ?> claims, Collection<String> groups,
                                                Collection<String> scopes, String listener, String clientAddress) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PRINCIPAL, Map.of("name", principalName, "type", principalType));
        vars.put(CLAIMS, CelValues.normalizeMap(claims));
        vars.put(GROUPS, List.copyOf(groups));
        List<String> sortedScopes = new ArrayList<>(scopes);
        sortedScopes.sort(null);   // a Set has no order; make 'scopes[0]' at least deterministic
        vars.put(SCOPES, List.copyOf(sortedScopes));
        vars.put(LISTENER, listener == null ? "" : listener);
        vars.put(CLIENT, Map.of("address", clientAddress == null ? "" : clientAddress));
        return Map.copyOf(vars);
    }

    /** {@link CelScope#RECORD}: principal variables plus {@code record.topic} and {@code record.headers}. */
    public static Map<String, Object> withRecord(Map<String, Object> principalVariables, String topic,
                                                 Map<String, String> headers) {
        Map<String, Object> vars = new HashMap<>(principalVariables);
        vars.put(RECORD, Map.of("topic", topic, "headers", Map.copyOf(headers)));
        return Map.copyOf(vars);
    }
}
