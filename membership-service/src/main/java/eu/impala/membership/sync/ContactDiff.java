package eu.impala.membership.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import eu.impala.membership.contact.Consent;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.contact.ContactData;
import eu.impala.membership.contact.ContactRole;

/** A record's contacts against those its member has: what to add, change and remove, in a sync's plan. */
final class ContactDiff {

    final List<Contact> inserts = new ArrayList<>();
    final List<Contact> updates = new ArrayList<>();
    final List<UUID> deletes = new ArrayList<>();
    final List<ContactChange> changes = new ArrayList<>();

    private ContactDiff() {
    }

    /** Contacts are matched by email; {@code source} is where new consent answers say they came from. */
    static ContactDiff of(SyncRecord r, UUID member, List<Contact> held, String source, Instant now) {
        ContactDiff diff = new ContactDiff();
        Map<String, Contact> current = new LinkedHashMap<>();
        held.forEach(c -> current.put(c.data().key(), c));
        Set<String> keep = new HashSet<>();
        for (ContactData data : desired(r, current, source, now)) {
            keep.add(data.key());
            Contact existing = current.get(data.key());
            if (existing == null) {
                Contact c = new Contact(UUID.randomUUID(), member, data, 1, now, now);
                diff.inserts.add(c);
                diff.changes.add(new ContactChange(ContactChange.Type.ADDED, c, null));
            } else if (!data.changedFrom(existing.data()).isEmpty()) {
                Contact c = existing.withData(data, now);
                diff.updates.add(c);
                diff.changes.add(new ContactChange(ContactChange.Type.UPDATED, c, existing.data()));
            }
        }
        for (Contact existing : held) {
            if (!keep.contains(existing.data().key())) {
                diff.deletes.add(existing.id());
                diff.changes.add(new ContactChange(ContactChange.Type.REMOVED, existing, existing.data()));
            }
        }
        return diff;
    }

    /**
     * The record's contacts with defaults: language en, role OTHER, and the first one PRIMARY when none is.
     * A consent keeps its original time and source while its answer stays the same.
     */
    private static List<ContactData> desired(SyncRecord r, Map<String, Contact> current, String source, Instant now) {
        List<ContactData> out = new ArrayList<>();
        if (r.contacts() == null) {
            return out;
        }
        boolean hasPrimary = r.contacts().stream().anyMatch(c -> c.role() == ContactRole.PRIMARY);
        for (int i = 0; i < r.contacts().size(); i++) {
            SyncContact c = r.contacts().get(i);
            ContactRole role = c.role() != null ? c.role() : (!hasPrimary && i == 0 ? ContactRole.PRIMARY : ContactRole.OTHER);
            Contact existing = current.get(c.email().toLowerCase(Locale.ROOT));
            Map<String, Consent> consents = new HashMap<>();
            if (c.consents() != null) {
                c.consents().forEach((purpose, granted) -> {
                    Consent old = existing == null ? null : existing.data().consents().get(purpose);
                    boolean answer = Boolean.TRUE.equals(granted);
                    consents.put(purpose, old != null && old.granted() == answer ? old : new Consent(answer, now, source));
                });
            }
            out.add(new ContactData(c.name().strip(), c.email().strip(), c.phone(), role,
                    c.language() == null ? "en" : c.language(), consents));
        }
        return out;
    }
}
