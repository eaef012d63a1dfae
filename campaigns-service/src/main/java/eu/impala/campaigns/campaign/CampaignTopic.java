package eu.impala.campaigns.campaign;

/** What a campaign is about: the policy areas IMPALA campaigns on. */
public enum CampaignTopic {
    COPYRIGHT,
    VALUE_GAP,
    DIGITAL_MARKETS,
    VAT,
    MEDIA_ACCESS,
    CULTURAL_DIVERSITY,
    COMPETITION,
    FINANCE,
    OTHER
}
