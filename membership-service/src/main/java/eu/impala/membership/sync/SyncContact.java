package eu.impala.membership.sync;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import eu.impala.commons.validation.LanguageCode;
import eu.impala.membership.contact.ContactRole;

/** A contact person of a synced member; consents are purpose → granted (e.g. {"campaigns": true}). */
public record SyncContact(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "digits, spaces and + ( ) . / - only") String phone,
        ContactRole role,
        @LanguageCode String language,
        Map<@Pattern(regexp = "[a-z][a-z-]{0,39}", message = "purposes are lower-case words") String, Boolean> consents) {
}
