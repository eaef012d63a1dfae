package eu.impala.campaigns.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A campaign's title and summary in one more language. */
public record Translation(@NotBlank(message = "a translated title is required") @Size(max = 200) String title,
                          @NotBlank(message = "a translated summary is required") @Size(max = 1000) String summary) {
}
