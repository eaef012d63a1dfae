package eu.impala.membership.member;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.tenant.Caller;
import io.smallrye.mutiny.Uni;

/** Registering and reading members; every change and its event commit together through the outbox. */
@ApplicationScoped
public class MemberService {

    private final Outbox outbox;

    public MemberService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Registers a new member as APPLICANT; runs inside the caller's transaction. */
    public Uni<Member> register(Caller caller, MemberProfile profile) {
        MemberAccess.requireMayRepresent(caller, profile);
        Member member = Member.register(UUID.randomUUID(), profile, now());
        return member.<Member>persist()
                .call(() -> outbox.append(MemberEvents.registered(member)));
    }

    public Uni<Member> find(Caller caller, UUID id) {
        return Member.<Member>findById(id).map(m -> MemberAccess.visible(caller, m, id));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
