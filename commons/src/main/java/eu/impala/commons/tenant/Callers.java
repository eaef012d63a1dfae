package eu.impala.commons.tenant;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, read from its verified token. */
@ApplicationScoped
public class Callers {

    public static final String ASSOCIATION_CLAIM = "association_id";
    public static final String MEMBER_CLAIM = "member_id";

    private final SecurityIdentity identity;

    /** {@code identity} is a request-scoped proxy: each call sees the current request's identity. */
    public Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller current() {
        return of(identity);
    }

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        Optional<UUID> association = Optional.empty();
        Optional<UUID> member = Optional.empty();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            association = uuidClaim(jwt, ASSOCIATION_CLAIM);
            member = uuidClaim(jwt, MEMBER_CLAIM);
        }
        return new Caller(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()), association, member);
    }

    /** A claim that is absent or not a UUID binds the caller to nothing, so it can reach nothing tenant-bound. */
    static Optional<UUID> uuidClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().replace("\"", "").trim();
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
