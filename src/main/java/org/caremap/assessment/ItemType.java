package org.caremap.assessment;

/** The kinds of Questionnaire item Caremap renders and scores (a subset of FHIR's item types). */
public enum ItemType {
	GROUP, DISPLAY, CHOICE, INTEGER, DECIMAL, BOOLEAN, STRING, TEXT, DATE;

	public static ItemType of(String fhir) {
		return switch (fhir) {
			case "group" -> GROUP;
			case "display" -> DISPLAY;
			case "choice", "coding" -> CHOICE;
			case "integer" -> INTEGER;
			case "decimal" -> DECIMAL;
			case "boolean" -> BOOLEAN;
			case "string" -> STRING;
			case "text" -> TEXT;
			case "date" -> DATE;
			default -> throw new IllegalArgumentException("item type " + fhir + " is not supported");
		};
	}
}
