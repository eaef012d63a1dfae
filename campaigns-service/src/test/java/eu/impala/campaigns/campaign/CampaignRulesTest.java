package eu.impala.campaigns.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.impala.campaigns.member.MemberSnapshot;
import eu.impala.commons.problem.ProblemException;

class CampaignRulesTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-24T12:00:00Z");

    @Test
    void aCampaignMovesOnlyForward() {
        assertTrue(CampaignStatus.DRAFT.canBecome(CampaignStatus.PUBLISHED));
        assertFalse(CampaignStatus.DRAFT.canBecome(CampaignStatus.CLOSED));
        assertFalse(CampaignStatus.CLOSED.canBecome(CampaignStatus.PUBLISHED));
        assertTrue(CampaignStatus.ARCHIVED.allowedNext().isEmpty());
        ProblemException e = assertThrows(ProblemException.class,
                () -> campaign(CampaignStatus.DRAFT).transitionTo(CampaignStatus.ARCHIVED, NOW));
        assertEquals(409, e.status());
    }

    @Test
    void publishingStampsTheTimeAndTheVersion() {
        Campaign published = campaign(CampaignStatus.DRAFT).transitionTo(CampaignStatus.PUBLISHED, NOW);
        assertEquals(NOW, published.publishedAt());
        assertEquals(2, published.version());
    }

    @Test
    void onlyActiveMembersOfTheRightKindCategoryAndCountrySign() {
        Eligibility rules = new Eligibility(Set.of("COMPANY"), Set.of(), Set.of("FR", "BE"));
        assertTrue(rules.admits(member("COMPANY", "FR", "ACTIVE")));
        assertEquals(1, rules.refusals(member("ARTIST", "FR", "ACTIVE")).size());
        assertEquals(1, rules.refusals(member("COMPANY", "DE", "ACTIVE")).size());
        assertEquals(1, rules.refusals(member("COMPANY", "FR", "LAPSED")).size());
        assertTrue(new Eligibility(null, null, null).admits(member("ARTIST", "PT", "ACTIVE")), "empty lists admit all");
        assertFalse(new Eligibility(null, null, null).admits(member("ARTIST", "PT", "SUSPENDED")));
    }

    @Test
    void theReaderGetsTheirLanguageElseTheCampaignsOwn() {
        Campaign c = campaign(CampaignStatus.PUBLISHED);
        assertEquals("fr", c.localized(Locale.LanguageRange.parse("fr-BE,fr;q=0.9,en;q=0.5")).language());
        assertEquals("Accords équitables", c.localized(Locale.LanguageRange.parse("fr")).title());
        assertEquals("en", c.localized(Locale.LanguageRange.parse("de,en;q=0.5")).language(), "no German: English");
        assertEquals("en", c.localized(Locale.LanguageRange.parse("it")).language(), "no Italian: its own language");
        assertEquals("en", c.localized(List.of()).language());
        assertEquals("en", PublicCampaignResource.languages("%%%garbage").isEmpty() ? "en" : "?");
    }

    @Test
    void aPublishedCampaignKeepsItsSlug() {
        Campaign c = campaign(CampaignStatus.PUBLISHED);
        CampaignContent content = new CampaignContent("other-slug", "t", "s", "b", "en", Map.of(), CampaignTopic.VAT,
                CampaignKind.DECLARATION, null, new Eligibility(null, null, null), null, null);
        assertEquals(409, assertThrows(ProblemException.class, () -> c.revisedTo(content, NOW)).status());
    }

    private static MemberSnapshot member(String kind, String country, String status) {
        return new MemberSnapshot(UUID.randomUUID(), kind, "M", country, "DIRECT", null, status, null);
    }

    private static Campaign campaign(CampaignStatus status) {
        return new Campaign(UUID.randomUUID(), "fair", "Fair deals", "Summary", "Body", "en",
                Map.of("fr", new Translation("Accords équitables", "Résumé")), CampaignTopic.DIGITAL_MARKETS,
                CampaignKind.DECLARATION, status, 10, new Eligibility(null, null, null), null, null, null, null, null,
                null, 0, 1, NOW, "secretariat", NOW);
    }
}
