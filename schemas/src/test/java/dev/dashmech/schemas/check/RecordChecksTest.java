package dev.dashmech.schemas.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.AllocationAlgorithm;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.RebalancingKind;
import dev.dashmech.schemas.avro.SampleRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordChecksTest {

    @Test
    void shouldFindNothingWrongWithTheSamples() {
        assertThat(RecordChecks.problemsOf(SampleRecords.marketConfig())).isEmpty();
        assertThat(RecordChecks.problemsOf(SampleRecords.dashboard())).isEmpty();
        assertThat(RecordChecks.requireValid(SampleRecords.dashboard())).isEqualTo(SampleRecords.dashboard());
    }

    @Test
    void shouldListEveryProblemOfAMarketConfigNamingFieldAndValue() {
        MarketConfig bad = MarketConfig.newBuilder(SampleRecords.marketConfig())
                .setMarket("eu/hotels")
                .setRho(1.0)
                .setEta(0.0)
                .setGridSize(1)
                .setPaymentFormats(List.of())
                .setAlgorithm(AllocationAlgorithm.newBuilder(SampleRecords.marketConfig().getAlgorithm())
                        .setClickThroughRates(List.of(0.1, 0.3)).build())
                .build();

        assertThat(RecordChecks.problemsOf(bad)).hasSize(6)
                .anySatisfy(x -> assertThat(x).contains("'eu/hotels'"))
                .anySatisfy(x -> assertThat(x).contains("rho is 1.0", "[0, 1)"))
                .anySatisfy(x -> assertThat(x).contains("eta is 0.0", "(0, 1]"))
                .anySatisfy(x -> assertThat(x).contains("gridSize is 1"))
                .anySatisfy(x -> assertThat(x).contains("paymentFormats is empty"))
                .anySatisfy(x -> assertThat(x).contains("[0.1, 0.3] increase at slot 2"));
        assertThatThrownBy(() -> RecordChecks.requireValid(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("market configuration eu/hotels is invalid");
    }

    @Test
    void shouldRefuseAnInstrumentedDashboardWithoutInstrumentation() {
        MarketConfig bad = MarketConfig.newBuilder(SampleRecords.marketConfig())
                .setDashboardKind(DashboardKind.INSTRUMENTED).setRho(0.0)
                .setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX).build())
                .build();

        assertThat(RecordChecks.problemsOf(bad)).singleElement().asString().contains("INSTRUMENTED", "rho is 0");
    }

    @Test
    void shouldRefuseADashboardTheEngineCouldNotInvert() {
        Dashboard bad = Dashboard.newBuilder(SampleRecords.dashboard())
                .setBids(List.of(0.0, 1.1, 1.1, 3.6, 5.0))
                .setWinProbabilities(List.of(0.5, 0.4, 0.7, 0.85, 1.2))
                .setVersion(0)
                .setRebalancing(RebalancingKind.REFERENCE)
                .build();

        assertThat(RecordChecks.problemsOf(bad)).hasSize(5)
                .anySatisfy(x -> assertThat(x).contains("bids[2] is 1.1 after 1.1", "strictly increasing"))
                .anySatisfy(x -> assertThat(x).contains("winProbabilities[1] is 0.4 after 0.5"))
                .anySatisfy(x -> assertThat(x).contains("winProbabilities[4] is 1.2"))
                .anySatisfy(x -> assertThat(x).contains("version is 0"))
                .anySatisfy(x -> assertThat(x).contains("vDagger", "REFERENCE"));
    }

    @Test
    void shouldRefuseColumnsOfDifferentLengths() {
        Dashboard bad = Dashboard.newBuilder(SampleRecords.dashboard()).setBids(List.of(0.0, 1.0)).build();

        assertThat(RecordChecks.problemsOf(bad)).singleElement().asString().contains("5, 2 and 5 entries");
    }

    @Test
    void shouldAcceptNegativeBidsOnlyWhereReferenceRebalancingPaysBackANegativeBalance() {
        // given the same negative low bids under reference rebalancing of a negative balance, and otherwise
        Dashboard rebate = Dashboard.newBuilder(SampleRecords.dashboard())
                .setBids(List.of(-0.4, 0.1, 1.0, 3.0, 5.0))
                .setRebalancing(RebalancingKind.REFERENCE).setBalanceUsed(-10.0).setVDagger(null)
                .build();
        Dashboard positiveBalance = Dashboard.newBuilder(rebate).setBalanceUsed(10.0).build();

        // then Def. 9's rebate is valid, and a negative bid without it is named
        assertThat(RecordChecks.problemsOf(rebate)).isEmpty();
        assertThat(RecordChecks.problemsOf(positiveBalance)).singleElement().asString()
                .contains("bids[0] is -0.4", "REFERENCE");
    }
}
