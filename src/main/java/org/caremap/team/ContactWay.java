package org.caremap.team;

/** How a member of the care team prefers to be reached. */
public enum ContactWay {
	PHONE, EMAIL, TEXT, MAIL
}
