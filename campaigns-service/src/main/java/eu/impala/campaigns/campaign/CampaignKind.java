package eu.impala.campaigns.campaign;

/** How members take part: signing a declaration, or a pledge with a commitment of their own in free text. */
public enum CampaignKind {
    DECLARATION,
    PLEDGE
}
