package org.caremap.transition;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One ADT message in Caremap's canonical form, whatever HL7 version the feed sent (2.3 to 2.8). Times keep the
 * offset the message gave; a time without one is local to the feed and is placed in its zone when applied.
 */
public record AdtMessage(String sendingApplication, String sendingFacility, String controlId, String version,
		String event, @Nullable LocalDateTime recordedAt, List<Identifier> identifiers, @Nullable String familyName,
		@Nullable String givenName, @Nullable LocalDate birthDate, @Nullable String sex, @Nullable String patientClass,
		@Nullable String location, @Nullable String admissionType, @Nullable String admitSource,
		@Nullable String visitNumber, @Nullable String dischargeDisposition, @Nullable Time admitTime,
		@Nullable Time dischargeTime, List<Identifier> priorIdentifiers, List<String> diagnoses) {

	public AdtMessage {
		identifiers = List.copyOf(identifiers);
		priorIdentifiers = List.copyOf(priorIdentifiers);
		diagnoses = List.copyOf(diagnoses);
	}

	/** A patient identifier (PID-3, MRG-1): value, assigning authority, identifier type code (MR, PI, ...). */
	public record Identifier(String value, @Nullable String authority, @Nullable String type) {
	}

	/** An HL7 time: local date-time, with the offset when the message gave one. */
	public record Time(LocalDateTime local, java.time.@Nullable ZoneOffset offset) {
		public OffsetDateTime in(java.time.ZoneId feedZone) {
			return offset != null ? local.atOffset(offset) : local.atZone(feedZone).toOffsetDateTime();
		}
	}
}
