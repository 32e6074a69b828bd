package dev.dashmech.dashctl.demo;

import dev.dashmech.engine.records.Formats;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.RebalancingKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The demo publisher's translation of a mechanism {@link Dashboard} into the {@code Dashboard} record. */
final class DemoDashboards {

    private DemoDashboards() {
    }

    static dev.dashmech.schemas.avro.Dashboard toRecord(String market, String agent, Dashboard d) {
        return dev.dashmech.schemas.avro.Dashboard.newBuilder()
                .setMarket(market)
                .setAgent(agent)
                .setVersion(d.version())
                .setFormat(Formats.toRecord(d.format()))
                .setKind(DashboardKind.valueOf(d.kind().name()))
                .setValues(list(d.values()))
                .setBids(list(d.bids()))
                .setWinProbabilities(list(d.winProbabilities()))
                .setRebalancing(RebalancingKind.valueOf(d.rebalancing().name()))
                .setBalanceUsed(d.balanceUsed())
                .setRho(d.rho())
                .setEta(d.eta())
                .setVDagger(d.vDagger().isPresent() ? d.vDagger().getAsDouble() : null)
                .setSampleCount(d.sampleCount())
                .setPublishedAt(Instant.now())
                .build();
    }

    private static List<Double> list(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
