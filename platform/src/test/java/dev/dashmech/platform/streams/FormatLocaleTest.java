package dev.dashmech.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatLocaleTest {

    @Test
    void bareEnglishBecomesUsEnglish() {
        assertThat(FormatLocale.preferred(Locale.ENGLISH)).isEqualTo(Locale.US);
        assertThat(FormatLocale.preferred(Locale.forLanguageTag("en"))).isEqualTo(Locale.US);
    }

    @Test
    void everyOtherLocaleIsLeftAlone() {
        for (Locale l : new Locale[] {Locale.US, Locale.UK, Locale.GERMANY, Locale.FRENCH, Locale.ROOT,
                Locale.forLanguageTag("en-Latn"), Locale.forLanguageTag("en-u-nu-arab"),
                new Locale("en", "", "POSIX")}) {
            assertThat(FormatLocale.preferred(l)).as(l.toLanguageTag()).isEqualTo(l);
        }
    }

    @Test
    void formatsNumbersAsBareEnglishDid() {
        for (String pattern : new String[] {"%d", "%,d", "%.3f", "%,.2f", "%e"}) {
            Object arg = pattern.endsWith("d") ? (Object) (-1234567L) : (Object) (-1234567.891);
            assertThat(String.format(Locale.US, pattern, arg)).as(pattern)
                    .isEqualTo(String.format(Locale.ENGLISH, pattern, arg));
        }
    }

    @Test
    void setsTheDefaultOnlyWhenBareEnglish() {
        Locale saved = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
            assertThat(FormatLocale.preferUsEnglish()).isEqualTo(Locale.US);
            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);

            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            assertThat(FormatLocale.preferUsEnglish()).isEqualTo(Locale.GERMANY);
            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.GERMANY);
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, saved);
        }
    }
}
