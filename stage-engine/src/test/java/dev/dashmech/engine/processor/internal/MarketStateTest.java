package dev.dashmech.engine.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketStateTest {

    @Test
    void shouldShareTheEligibleSetWhileAuctionsNameTheSameAgents() {
        MarketState m = new MarketState("m");
        Set<String> first = m.eligible(new ArrayList<>(List.of("b", "a", "b")));
        assertThat(first).containsExactly("b", "a"); // distinct, in list order

        assertThat(m.eligible(new ArrayList<>(List.of("b", "a", "b")))).isSameAs(first);

        Set<String> other = m.eligible(List.of("a", "c"));
        assertThat(other).isNotSameAs(first).containsExactly("a", "c");
        assertThat(first).containsExactly("b", "a"); // the earlier stages' set is untouched
        assertThat(m.eligible(List.of("b", "a", "b"))).isNotSameAs(first).containsExactly("b", "a");
    }

    @Test
    void shouldNotBeFooledByAChangeToTheListItWasGiven() {
        MarketState m = new MarketState("m");
        List<String> agents = new ArrayList<>(List.of("a", "b"));
        Set<String> first = m.eligible(agents);
        agents.add("c"); // a decoder may reuse its list
        assertThat(m.eligible(agents)).isNotSameAs(first).containsExactly("a", "b", "c");
        assertThat(first).containsExactly("a", "b");
    }
}
