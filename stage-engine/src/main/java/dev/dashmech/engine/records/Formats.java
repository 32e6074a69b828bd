package dev.dashmech.engine.records;

import dev.dashmech.mechanism.bidding.PaymentFormat;

/** The payment formats of the records ({@code schemas}) and of the mechanism name the same two things. */
public final class Formats {

    private Formats() {
    }

    public static PaymentFormat of(dev.dashmech.schemas.avro.PaymentFormat format) {
        return switch (format) {
            case WINNER_PAYS_BID -> PaymentFormat.WINNER_PAYS_BID;
            case ALL_PAY -> PaymentFormat.ALL_PAY;
        };
    }

    public static dev.dashmech.schemas.avro.PaymentFormat toRecord(PaymentFormat format) {
        return switch (format) {
            case WINNER_PAYS_BID -> dev.dashmech.schemas.avro.PaymentFormat.WINNER_PAYS_BID;
            case ALL_PAY -> dev.dashmech.schemas.avro.PaymentFormat.ALL_PAY;
        };
    }
}
