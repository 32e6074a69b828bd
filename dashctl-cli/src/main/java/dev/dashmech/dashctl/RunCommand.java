package dev.dashmech.dashctl;

import dev.dashmech.engine.service.StageEngineService;
import dev.dashmech.platform.config.ServiceConfig;
import dev.dashmech.platform.config.ServiceConfigException;
import dev.dashmech.platform.config.ServiceOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dashctl run --role ROLE}: runs one of the pipeline's services in the foreground. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one service of the pipeline in the foreground until Ctrl-C or SIGTERM, serving /metrics (Prometheus)"
                    + " and /health on 127.0.0.1.",
            "Settings come from defaults, --config FILE, DASHMECH_* environment variables and flags, in that order of"
                    + " precedence. Without bootstrap.servers the service starts an embedded Kafka broker.",
            "Roles: stage-engine (assembles stages from auctions and bids, infers values, runs the instrumented"
                    + " allocation, writes stage-outcomes and rejected-bids). Its own settings:"
                    + " engine.application.id, engine.idle.close.interval.ms (0 for replays), "
                    + "engine.skipped.id.retention.ms, engine.store.type (in-memory|rocksdb), topics.prefix, "
                    + "topics.loop.partitions."
        })
final class RunCommand implements Callable<Integer> {

    /** Exit code of a configuration that cannot be used. */
    static final int BAD_CONFIG_EXIT_CODE = 2;

    private static final List<String> ROLES = List.of(StageEngineService.ROLE);

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The service to run: stage-engine.")
    String role;

    @Mixin
    ServiceOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!ROLES.contains(role)) {
            throw new ParameterException(spec.commandLine(), "unknown role '" + role + "'; the roles are " + ROLES);
        }
        ServiceConfig config;
        try {
            config = options.load(StageEngineService.keys());
        } catch (ServiceConfigException e) {
            spec.commandLine().getErr().println("dashctl run --role " + role + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return BAD_CONFIG_EXIT_CODE;
        }
        return StageEngineService.run(config, System.out);
    }
}
