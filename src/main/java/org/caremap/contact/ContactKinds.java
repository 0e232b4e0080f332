package org.caremap.contact;

/** The vocabularies of a contact. */
public final class ContactKinds {

	private ContactKinds() {
	}

	/** How the contact happened. */
	public enum Type {
		PHONE, VIDEO, IN_PERSON, HOME_VISIT, PORTAL_MESSAGE, LETTER, EMAIL
	}

	/** Who started it. */
	public enum Direction {
		OUTBOUND, INBOUND
	}

	/** Who it was with. */
	public enum Party {
		PATIENT, CAREGIVER, PROVIDER, PAYER, COMMUNITY_ORGANIZATION
	}

	/** How it ended. Only REACHED restarts a follow-up cadence; the others are kept as attempts. */
	public enum Outcome {
		REACHED, LEFT_MESSAGE, NO_ANSWER, WRONG_NUMBER, DECLINED
	}

	/** Whose time it was, for care-management billing (clinical staff or physician/QHP). */
	public enum StaffKind {
		CLINICAL_STAFF, PHYSICIAN
	}
}
