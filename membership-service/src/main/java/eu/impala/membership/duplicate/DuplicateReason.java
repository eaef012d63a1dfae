package eu.impala.membership.duplicate;

/**
 * Why two members look like one: a shared key, with its weight in a pair's score. The VAT number names one legal
 * entity, so it weighs most; a name in a country is often the same company; a website can be shared by a group.
 */
public enum DuplicateReason {
    VAT_NUMBER(60, "vat_key"),
    NAME_AND_COUNTRY(25, "name_key"),
    WEBSITE_DOMAIN(15, "domain_key");

    /** A pair's score is the sum of its reasons' weights: 15 to 100. */
    public final int weight;
    final String column;

    DuplicateReason(int weight, String column) {
        this.weight = weight;
        this.column = column;
    }
}
