package dev.dashmech.dashctl;

import com.fasterxml.jackson.core.JacksonException;
import dev.dashmech.dashctl.output.Json;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A dashboard as {@code dashctl dashboard --json} prints it and {@code dashctl infer --dashboard} reads it back:
 * everything needed to bid by it and to invert a bid (the table of values, bids and win probabilities, and the
 * payment format), plus how it was rebalanced.
 *
 * @param format          {@code wpb} or {@code all-pay}
 * @param rebalancing     {@code none}, {@code reference} or {@code individually-rational}
 * @param balance         the outstanding balance it was rebalanced with
 * @param balanceUsed     the part of it the rebalancing resolves
 * @param eta             the rebalancing rate (0 without rebalancing)
 * @param vDagger         {@code v†} of individually rational rebalancing, else null
 * @param values          the value grid, increasing from 0
 * @param bids            the bid for each value, strictly increasing
 * @param winProbabilities the forecast win probability of each value, non-decreasing
 */
public record PublishedDashboard(
        String format,
        String rebalancing,
        double balance,
        double balanceUsed,
        double eta,
        Double vDagger,
        double[] values,
        double[] bids,
        double[] winProbabilities) {

    /** The dashboard of a rebalanced strategy. */
    static PublishedDashboard of(RebalancedStrategy s) {
        BidTable t = s.table();
        return new PublishedDashboard(s.format().label(), s.mode().label(), s.balance(), s.balanceUsed(), s.eta(),
                s.vDagger().isPresent() ? s.vDagger().getAsDouble() : null, t.values(), t.bids(),
                t.winProbabilities());
    }

    /** Reads a dashboard JSON file; every problem is a {@link BadInputException} naming the file. */
    static PublishedDashboard read(Path file) {
        PublishedDashboard d;
        try {
            d = Json.MAPPER.readValue(Files.readString(file), PublishedDashboard.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException("dashboard file " + file + " does not exist");
        } catch (JacksonException e) {
            throw new BadInputException(file + ": not a dashboard as 'dashctl dashboard --json' prints it: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read dashboard file " + file + ": " + e.getMessage(), e);
        }
        if (d == null || d.format == null || d.values == null || d.bids == null || d.winProbabilities == null) {
            throw new BadInputException(file + ": a dashboard needs format, values, bids and winProbabilities");
        }
        return d;
    }

    /** The payment format. */
    PaymentFormat paymentFormat(String where) {
        try {
            return PaymentFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage(), e);
        }
    }

    /** The table, checked: equal lengths, strictly increasing bids, probabilities in [0, 1]. */
    BidTable table(String where) {
        try {
            return BidTable.of(values, bids, winProbabilities);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage(), e);
        }
    }
}
