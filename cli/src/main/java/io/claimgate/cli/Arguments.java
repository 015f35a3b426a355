package io.claimgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} options, {@code --flag} switches and positionals.
 * Unknown options are refused, so a typo never silently changes what is checked.
 */
public final class Arguments {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param withValue options that take a value
     * @param flags     options that take none
     */
    public static Arguments parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (flags.contains(name) && value == null) {
                    parsed.options.put(name, "true");
                } else if (withValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    parsed.options.put(name, value);
                } else {
                    throw new UsageException("unknown option " + name);
                }
            } else {
                parsed.positionals.add(arg);
            }
        }
        return parsed;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("missing " + name);
        }
        return value;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Exactly {@code count} positionals, named in the message when they are not. */
    public List<String> positionals(int count, String names) throws UsageException {
        if (positionals.size() != count) {
            throw new UsageException("expected " + names + ", got " + positionals.size() + " argument"
                    + (positionals.size() == 1 ? "" : "s"));
        }
        return List.copyOf(positionals);
    }
}
