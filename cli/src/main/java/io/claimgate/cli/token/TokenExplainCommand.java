package io.claimgate.cli.token;

import io.claimgate.cli.UsageException;
import java.util.List;

public final class TokenExplainCommand {
    public TokenExplainCommand(Object... streams) {
    }

    public int run(List<String> args) throws UsageException {
        throw new UsageException("not built yet");
    }
}
