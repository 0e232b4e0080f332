package org.caremap.patient;

/**
 * An identifier with its assigning authority: {@code system} is the namespace URI, {@code assigner} the
 * authority's name (e.g. a hospital or a payer).
 */
public record PatientIdentifier(IdentifierType type, String system, String value, String assigner) {
	public PatientIdentifier {
		if (system == null || system.isBlank()) throw new IllegalArgumentException("identifier system is required");
		if (value == null || value.isBlank()) throw new IllegalArgumentException("identifier value is required");
		if (assigner == null || assigner.isBlank()) throw new IllegalArgumentException("assigning authority is required");
	}
}
