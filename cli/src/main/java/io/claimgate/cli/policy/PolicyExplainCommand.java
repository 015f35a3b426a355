package io.claimgate.cli.policy;

import io.claimgate.cli.UsageException;
import java.util.List;

public final class PolicyExplainCommand {
    public PolicyExplainCommand(Object... streams) {
    }

    public int run(List<String> args) throws UsageException {
        throw new UsageException("not built yet");
    }
}
