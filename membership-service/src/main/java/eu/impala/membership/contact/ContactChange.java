package eu.impala.membership.contact;

/** One change to a contact, for history and events. */
public record ContactChange(Type type, Contact after, ContactData before) {

    /** What happened to the contact. */
    public enum Type { ADDED, UPDATED, REMOVED, ERASED }

    public String action() {
        return "contact-" + type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
