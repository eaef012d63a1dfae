package eu.impala.membership.contact;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import eu.impala.commons.validation.LanguageCode;

/** A contact person as a client sends it; consents are purpose → granted. */
public record ContactRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "digits, spaces and + ( ) . / - only") String phone,
        @NotNull ContactRole role,
        @NotNull @LanguageCode String language,
        Map<@Pattern(regexp = "[a-z][a-z-]{0,39}", message = "purposes are lower-case words") String, Boolean> consents) {
}
