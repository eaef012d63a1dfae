package eu.impala.membership.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is known about a contact person. Two contacts with the same email (case-insensitive) are the same
 * person of a member; their consents compare by the answer given, not by when it was recorded.
 */
public record ContactData(String name, String email, String phone, ContactRole role, String language,
                          Map<String, Consent> consents) {

    public ContactData {
        consents = consents == null ? Map.of() : Map.copyOf(new TreeMap<>(consents));
    }

    public String key() {
        return email.toLowerCase(Locale.ROOT);
    }

    /** Fields that differ from {@code before}. */
    public List<String> changedFrom(ContactData before) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(name, before.name)) {
            changed.add("name");
        }
        if (!Objects.equals(email, before.email)) {
            changed.add("email");
        }
        if (!Objects.equals(phone, before.phone)) {
            changed.add("phone");
        }
        if (role != before.role) {
            changed.add("role");
        }
        if (!Objects.equals(language, before.language)) {
            changed.add("language");
        }
        if (!answers(consents).equals(answers(before.consents))) {
            changed.add("consents");
        }
        return changed;
    }

    /** purpose → granted, the part of consents that matters for change detection and for consumers. */
    public static Map<String, Boolean> answers(Map<String, Consent> consents) {
        Map<String, Boolean> answers = new TreeMap<>();
        consents.forEach((purpose, consent) -> answers.put(purpose, consent.granted()));
        return answers;
    }
}
