package dev.dashmech.platform.streams;

import java.util.Locale;

/**
 * The JVM's default {@link Locale.Category#FORMAT} locale, as a Kafka Streams process should have it.
 *
 * <p>Kafka Streams 4.4 formats a diagnostic string with {@code String.format("... %d", ...)} for every record a
 * task processes while one of its input partitions is empty and {@code max.task.idle.ms} is not {@code -1}; the stage
 * engine's {@code dashboards.internal} partitions are empty almost always. On JDK 17, {@code %d} under any default
 * locale other than exactly {@code en_US} builds a fresh {@code DecimalFormatSymbols} per call (JDK 21 caches it):
 * measured with JFR on {@code dashctl bench engine}, 12% of the engine's stream thread. A JVM started with
 * {@code LANG=C.UTF-8}, the usual container setting, gets the locale {@code en} with no country and pays it.
 * {@code en} and {@code en_US} format numbers identically, so {@link #preferUsEnglish()} turns the one into the
 * other and leaves every other locale alone (set {@code -Duser.country=US} or {@code LANG=en_US.UTF-8} yourself
 * if you run with another and want the speed).
 */
public final class FormatLocale {

    private FormatLocale() {
    }

    /**
     * Sets the default format locale to {@link Locale#US} when it is English with no country; no-op otherwise.
     *
     * @return the default format locale afterwards
     */
    public static Locale preferUsEnglish() {
        Locale current = Locale.getDefault(Locale.Category.FORMAT);
        Locale preferred = preferred(current);
        if (!preferred.equals(current)) {
            Locale.setDefault(Locale.Category.FORMAT, preferred);
        }
        return preferred;
    }

    /** What {@link #preferUsEnglish()} makes of {@code locale}: {@code en} (no country, variant or script) to
     * {@code en_US}, anything else unchanged. */
    static Locale preferred(Locale locale) {
        boolean bareEnglish = "en".equals(locale.getLanguage()) && locale.getCountry().isEmpty()
                && locale.getVariant().isEmpty() && locale.getScript().isEmpty() && !locale.hasExtensions();
        return bareEnglish ? Locale.US : locale;
    }
}
