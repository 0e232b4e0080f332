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
		@Nullable Time dischargeTime, List<Identifier> priorIdentifiers, List<String> diagnoses, Contact contact) {

	public AdtMessage {
		identifiers = List.copyOf(identifiers);
		priorIdentifiers = List.copyOf(priorIdentifiers);
		diagnoses = List.copyOf(diagnoses);
	}

	/** A message that carries no contact details. */
	public AdtMessage(String sendingApplication, String sendingFacility, String controlId, String version, String event,
			@Nullable LocalDateTime recordedAt, List<Identifier> identifiers, @Nullable String familyName, @Nullable String givenName,
			@Nullable LocalDate birthDate, @Nullable String sex, @Nullable String patientClass, @Nullable String location,
			@Nullable String admissionType, @Nullable String admitSource, @Nullable String visitNumber,
			@Nullable String dischargeDisposition, @Nullable Time admitTime, @Nullable Time dischargeTime,
			List<Identifier> priorIdentifiers, List<String> diagnoses) {
		this(sendingApplication, sendingFacility, controlId, version, event, recordedAt, identifiers, familyName, givenName,
				birthDate, sex, patientClass, location, admissionType, admitSource, visitNumber, dischargeDisposition, admitTime,
				dischargeTime, priorIdentifiers, diagnoses, Contact.NONE);
	}

	/**
	 * The other demographics a message carries, as sent (HL7 escapes decoded): PID-5 middle name, the first PID-11
	 * address (street and other designation, city, state, ZIP), the first telephone of PID-13/PID-14 and an e-mail
	 * address among them, the PID-15 language as an ISO 639-1 code. Each is null when the message leaves it out.
	 */
	public record Contact(@Nullable String middleName, @Nullable String addressLine, @Nullable String city,
			@Nullable String state, @Nullable String postalCode, @Nullable String phone, @Nullable String email,
			@Nullable String language) {

		public static final Contact NONE = new Contact(null, null, null, null, null, null, null, null);
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
