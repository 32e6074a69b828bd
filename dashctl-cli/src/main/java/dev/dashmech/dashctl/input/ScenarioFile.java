package dev.dashmech.dashctl.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dashmech.dashctl.BadInputException;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.simulate.AgentSpec;
import dev.dashmech.mechanism.simulate.AllocationSpec;
import dev.dashmech.mechanism.simulate.Market;
import dev.dashmech.mechanism.simulate.Scenario;
import dev.dashmech.mechanism.simulate.Strategy;
import dev.dashmech.mechanism.simulate.ValueProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a scenario YAML file (see {@code docs/dashctl-math-commands.md} for the keys). Strict: an unknown key, a
 * missing required key or a bad value is a {@link BadInputException} naming the file, the key's path
 * ({@code agents[1].value.step}) and the value.
 */
public final class ScenarioFile {

    /** The seed of a scenario that names none. */
    public static final long DEFAULT_SEED = 1;

    private static final Set<String> TOP = Set.of("market", "agents", "stages", "seed");
    private static final Set<String> MARKET = Set.of("allocation", "valueMax", "rho", "eta", "dashboard", "lookback",
            "grid", "rebalancing", "hysteresis", "publishEvery", "refitEvery", "forgetting");
    private static final Set<String> ALLOCATION = Set.of("type", "temperature", "reserve", "ctrs");
    private static final Set<String> AGENT = Set.of("id", "format", "value", "strategy", "enterAt", "leaveAt");
    private static final Set<String> STATIC = Set.of("process", "value");
    private static final Set<String> RANDOM_WALK = Set.of("process", "start", "step");
    private static final Set<String> JUMP = Set.of("process", "before", "after", "atStage");
    private static final Set<String> SHADE = Set.of("shade");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ScenarioFile() {
    }

    /**
     * The scenario in {@code file}; {@code stages} and {@code seed}, when not null, replace the file's (the file
     * may then leave them out).
     */
    public static Scenario read(Path file, Long stages, Long seed) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("scenario file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, stages, seed);
    }

    /** The scenario in YAML {@code text}; {@code name} is how errors refer to it. */
    public static Scenario parse(String name, String text, Long stages, Long seed) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(name + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        YamlNode top = YamlNode.mapping(name, "", root, TOP);
        Market market = market(top.mapping("market", MARKET));
        List<AgentSpec> agents = agents(top);
        long n = stages != null ? stages : top.has("stages") ? top.integer("stages")
                : missing(top, "stages", "give the number of stages in the file or with --stages");
        long s = seed != null ? seed : top.integer("seed", DEFAULT_SEED);
        return construct(top, "", () -> new Scenario(market, agents, n, s));
    }

    private static Market market(YamlNode m) {
        AllocationSpec allocation = allocation(m.mapping("allocation", ALLOCATION));
        double valueMax = m.number("valueMax");
        DashboardKind kind = construct(m, "", () -> DashboardKind.parse(m.text("dashboard", "inferred-values")),
                "dashboard");
        RebalancingMode rebalancing = construct(m, "", () -> RebalancingMode.parse(m.text("rebalancing", "ir")),
                "rebalancing");
        double rho = m.number("rho", 0);
        double eta = m.number("eta", Market.DEFAULT_ETA);
        int lookback = intOf(m, "lookback", 1);
        int grid = intOf(m, "grid", Market.DEFAULT_GRID);
        double hysteresis = m.number("hysteresis", 0);
        int publishEvery = intOf(m, "publishEvery", 1);
        int refitEvery = intOf(m, "refitEvery", 1);
        double forgetting = m.number("forgetting", 1);
        return construct(m, m.path() + ".", () -> new Market(allocation, valueMax, rho, eta, kind, lookback, grid,
                rebalancing, hysteresis, publishEvery, refitEvery, forgetting));
    }

    private static AllocationSpec allocation(YamlNode a) {
        String type = a.text("type");
        double temperature = a.number("temperature", AllocationSpec.DEFAULT_TEMPERATURE);
        double reserve = a.number("reserve", 0);
        List<Double> ctrs = a.has("ctrs") ? a.numbers("ctrs") : List.of();
        return construct(a, a.path() + ".", () -> new AllocationSpec(type, temperature, reserve, ctrs));
    }

    private static List<AgentSpec> agents(YamlNode top) {
        JsonNode list = top.require("agents");
        if (!list.isArray() || list.isEmpty()) {
            throw top.bad("agents", "must be a list of at least one agent, was " + YamlNode.describe(list));
        }
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            agents.add(agent(YamlNode.mapping(top.file(), "agents[" + i + "]", list.get(i), AGENT)));
        }
        return agents;
    }

    private static AgentSpec agent(YamlNode a) {
        String id = a.require("id").asText();
        PaymentFormat format = construct(a, "", () -> PaymentFormat.parse(a.text("format")), "format");
        ValueProcess value = value(a);
        Strategy strategy = strategy(a);
        long enterAt = a.integer("enterAt", 1);
        long leaveAt = a.integer("leaveAt", AgentSpec.NEVER);
        return construct(a, a.path() + ".", () -> new AgentSpec(id, format, value, strategy, enterAt, leaveAt));
    }

    private static ValueProcess value(YamlNode a) {
        JsonNode v = a.require("value");
        if (v.isNumber()) {
            double x = a.number("value");
            return construct(a, a.path() + ".", () -> new ValueProcess.Static(x));
        }
        if (!v.isObject()) {
            throw a.bad(a.at("value"), "must be a number or a process such as {process: random-walk, start: 5,"
                    + " step: 0.1}, was " + YamlNode.describe(v));
        }
        String where = a.at("value");
        JsonNode process = v.get("process");
        if (process == null || !process.isTextual()) {
            throw a.bad(where + ".process", "missing; use static, random-walk or jump");
        }
        String path = where + ".";
        return switch (process.asText()) {
            case "static" -> {
                YamlNode p = YamlNode.mapping(a.file(), where, v, STATIC);
                double x = p.number("value");
                yield construct(p, path, () -> new ValueProcess.Static(x));
            }
            case "random-walk" -> {
                YamlNode p = YamlNode.mapping(a.file(), where, v, RANDOM_WALK);
                double start = p.number("start");
                double step = p.number("step");
                yield construct(p, path, () -> new ValueProcess.RandomWalk(start, step));
            }
            case "jump" -> {
                YamlNode p = YamlNode.mapping(a.file(), where, v, JUMP);
                double before = p.number("before");
                double after = p.number("after");
                long at = p.integer("atStage");
                yield construct(p, path, () -> new ValueProcess.Jump(before, after, at));
            }
            default -> throw a.bad(where + ".process", "unknown value process '" + process.asText()
                    + "'; use static, random-walk or jump");
        };
    }

    private static Strategy strategy(YamlNode a) {
        if (!a.has("strategy")) {
            return new Strategy.Follow();
        }
        JsonNode s = a.raw("strategy");
        String where = a.at("strategy");
        if (s.isTextual()) {
            return switch (s.asText()) {
                case "follow" -> new Strategy.Follow();
                case "truthful-baseline" -> new Strategy.TruthfulBaseline();
                case "shade" -> throw a.bad(where, "shade needs a factor: strategy: {shade: 0.8}");
                default -> throw a.bad(where, "unknown strategy '" + s.asText()
                        + "'; use follow, truthful-baseline or {shade: FACTOR}");
            };
        }
        if (s.isObject()) {
            YamlNode p = YamlNode.mapping(a.file(), where, s, SHADE);
            double factor = p.number("shade");
            return construct(p, where + ".", () -> new Strategy.Shade(factor));
        }
        throw a.bad(where, "must be follow, truthful-baseline or {shade: FACTOR}, was " + YamlNode.describe(s));
    }

    private static int intOf(YamlNode m, String key, int dflt) {
        long v = m.integer(key, dflt);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw m.bad(m.at(key), "is too large: " + v);
        }
        return (int) v;
    }

    private static long missing(YamlNode n, String key, String what) {
        throw n.bad(n.at(key), "missing; " + what);
    }

    /** Builds a model value; its argument check messages ({@code "rho: ..."}) get the path they belong under. */
    private static <T> T construct(YamlNode n, String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(n.file() + ": " + prefix + e.getMessage(), e);
        }
    }

    /** As {@link #construct(YamlNode, String, Supplier)}, for a message about one key that does not name it. */
    private static <T> T construct(YamlNode n, String ignored, Supplier<T> build, String key) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw n.bad(n.at(key), e.getMessage());
        }
    }
}
