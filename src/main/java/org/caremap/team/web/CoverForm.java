package org.caremap.team.web;

import java.time.LocalDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** Naming a cover as the form posts it: for whom, who covers, from and to (the organisation's local time), why. */
record CoverForm(@NotNull @Nullable UUID owner, @NotNull @Nullable UUID cover,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime from,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime to,
		@NotBlank @Size(max = 500) @Nullable String reason) {
}
