package org.caremap.appointment;

/** What is arranged: a visit to a provider, a procedure or surgery, a test, a community service. */
public enum AppointmentKind {
	PROVIDER_VISIT(true, "Provider visit"), PROCEDURE(false, "Procedure or surgery"), TEST(false, "Test"),
	COMMUNITY_SERVICE(false, "Community service");

	private final boolean faceToFace;
	private final String label;

	AppointmentKind(boolean faceToFace, String label) {
		this.faceToFace = faceToFace;
		this.label = label;
	}

	/** Whether keeping it counts as the face-to-face visit a transition of care asks for. */
	public boolean faceToFace() {
		return faceToFace;
	}

	/** Its name in plain English (FHIR serviceType text, calendar files); pages take theirs from the messages. */
	public String label() {
		return label;
	}
}
