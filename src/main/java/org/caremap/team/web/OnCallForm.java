package org.caremap.team.web;

import java.time.LocalDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.caremap.patient.ContactDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** A shift on the on-call rota as the form posts it: the program, who, from and to (local time), the number to call. */
record OnCallForm(@NotNull @Nullable UUID program, @NotNull @Nullable UUID person,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime from,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime to,
		@Size(max = 50) @Pattern(regexp = ContactDetails.PHONE) @Nullable String phone) {
}
