package org.caremap.patient;

import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * What the patient portal needs from the support network and the registry, beyond the chart's reads: the level a
 * contact may be told (read at every portal request, so a change takes effect at once), the patient's preferred
 * language, and the patient's own change of a contact's level.
 */
public interface SupportNetwork {

	/**
	 * What this (not voided) contact of this patient may be told, or empty when the contact is not theirs. Only the
	 * level is returned, nothing about the person, so this is not a read of the record and is not audited as one.
	 */
	Optional<SupportContact.Disclosure> disclosure(PatientId patient, UUID contact);

	/** The patient's preferred language code (e.g. {@code es}), if recorded; nothing else is returned (not audited). */
	Optional<String> preferredLanguage(PatientId patient);

	/**
	 * Changes what a contact may be told. Allowed to those who may change the registration (REGISTER), and to the
	 * patient themselves in the portal (CONTRIBUTE on their own record, not as a proxy). Audited.
	 *
	 * @return whether the contact was found and changed
	 */
	boolean changeDisclosure(PatientId patient, UUID contact, SupportContact.Disclosure level);
}
