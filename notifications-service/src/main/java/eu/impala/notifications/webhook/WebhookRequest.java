package eu.impala.notifications.webhook;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new subscription: where to POST, and which event types about the association's members. */
public record WebhookRequest(
        @NotBlank(message = "a url is required") @Size(max = 2000) String url,
        @NotEmpty(message = "name at least one event type, or *") @Size(max = 20)
        Set<@NotNull @Pattern(regexp = "\\*|member\\.(registered|updated|status-changed|erased|renewal-due)"
                + "|contact\\.(added|updated|removed|erased)",
                message = "must be * or one of member.registered, member.updated, member.status-changed, member.erased, "
                        + "member.renewal-due, contact.added, contact.updated, contact.removed, contact.erased") String> eventTypes) {
}
