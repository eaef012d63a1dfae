package eu.impala.membership.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The keys that make two members duplicate candidates: what they ignore, and what never becomes a key. */
class MatchKeysTest {

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @CsvSource(delimiter = '|', value = {
        "FR 12 345 678 901   | FR | FR12345678901",
        "fr12.345.678.901    | DE | FR12345678901",
        "FR-12-345-678-901   |    | FR12345678901",
        "12345678901         | FR | FR12345678901",
        "12 345 678 901      | fr | FR12345678901",
        "DE 123456789        | FR | DE123456789",
        "NL123456789B01      | NL | NL123456789B01",
        "nl 1234.56.789.b01  | NL | NL123456789B01",
        "ATU12345678         | AT | ATU12345678",
        "U12345678           | AT | ATU12345678",
        "X1234567X           | ES | ESX1234567X",
        "GR123456789         | GR | EL123456789",
        "123456789           | GR | EL123456789",
        "EL 123456789        | GR | EL123456789",
        "12345678            |    | 12345678"})
    void aVatNumberLosesItsSeparatorsAndKeepsOrGetsItsCountryPrefix(String typed, String country, String key) {
        assertEquals(key, MatchKeys.vat(typed, country));
    }

    @ParameterizedTest(name = "{0} is no key")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "''", "n/a", "N/A", "pending", "-", "0",
        "000000000", "FR 00 000 000 000", "FR1234", "applied for"})
    void aVatNumberWithoutEnoughDigitsIsNoKey(String typed) {
        assertNull(MatchKeys.vat(typed, "FR"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "because.fr/label                     | because.fr",
        "https://www.Because.fr               | because.fr",
        "http://because.fr:8080/en/?x=1#top   | because.fr",
        "HTTPS://WWW.BECAUSE.FR/              | because.fr",
        "//because.fr                         | because.fr",
        "because.fr.                          | because.fr",
        "https://user@www.because.fr          | because.fr",
        "  www.because.fr  ?lang=fr           | because.fr",
        "https://shop.because.fr              | shop.because.fr",
        "https://www.soundcloud.com/Because/tracks | soundcloud.com/because",
        "facebook.com/@becausemusic           | facebook.com/becausemusic",
        "https://m.facebook.com/becausemusic  | facebook.com/becausemusic",
        "https://because.bandcamp.com         | because.bandcamp.com"})
    void aWebsiteIsItsHostWithoutSchemeWwwPortPathOrCase(String typed, String key) {
        assertEquals(key, MatchKeys.domain(typed));
    }

    @ParameterizedTest(name = "{0} is no key")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "''", "localhost", "https://intranet/",
        "https://facebook.com", "https://www.instagram.com/", "none", "http://", ".com", "a..b"})
    void aWebsiteWithoutAHostOfItsOwnIsNoKey(String typed) {
        assertNull(MatchKeys.domain(typed));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "Because Music SAS           | because music",
        "BECAUSE MUSIC               | because music",
        "Because  Music, S.A.S.      | because music",
        "because-music               | because music",
        "Bécause Músïc SARL          | because music",
        "Beggars Group Ltd.          | beggars group",
        "Beggars Group Limited       | beggars group",
        "Lumen Sound GmbH & Co. KG   | lumen sound",
        "Lumen Sound UG (haftungsbeschränkt) | lumen sound",
        "Straße Records GmbH         | strasse records",
        "Ørsted Lyd ApS              | orsted lyd",
        "Łódź Records Sp. z o.o.     | lodz records",
        "Edições Musicais, Lda       | edicoes musicais",
        "Ninja Tune B.V.             | ninja tune",
        "Sony Music Italy S.p.A.     | sony music italy",
        "UAB Garso Studija           | garso studija",
        "Musique S.à r.l.            | musique",
        "L'Autre Distribution        | lautre distribution",
        "Studio SA Music Oy          | studio sa music",
        "Ari Artist                  | ari artist",
        "Café Ｍusic                  | cafe music"})
    void aLegalNameLosesAccentsCasePunctuationAndLegalForms(String typed, String name) {
        assertEquals(name, MatchKeys.name(typed));
    }

    @Test
    void theNameKeyNamesTheCountrySoTheSameNameElsewhereIsAnotherKey() {
        assertEquals("FR:because music", MatchKeys.nameAndCountry("Because Music SAS", "fr"));
        assertEquals(MatchKeys.nameAndCountry("Because Music SAS", "FR"), MatchKeys.nameAndCountry("BECAUSE MUSIC", "FR"));
        assertNotEquals(MatchKeys.nameAndCountry("Because Music", "FR"), MatchKeys.nameAndCountry("Because Music", "BE"));
        assertNull(MatchKeys.nameAndCountry("Because Music", null));
    }

    @ParameterizedTest(name = "{0} is no key")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "''", "'   '", "SAS", "S.A.R.L.", "GmbH & Co. KG",
        "Ltd", "!!!", "--", "Sp. z o.o."})
    void aNameThatIsOnlyALegalFormOrPunctuationMatchesNothing(String typed) {
        assertNull(MatchKeys.nameAndCountry(typed, "FR"));
    }
}
