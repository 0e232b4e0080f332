package org.caremap.utilization;

import java.util.regex.Pattern;

/**
 * The code of an authorization line: a CPT procedure code (five digits, or four digits and F or T), a HCPCS Level II
 * code (a letter and four digits) or a UB-04 revenue code (four digits, a leading zero). Each knows its FHIR system.
 */
public enum CodeSystem {
	CPT("http://www.ama-assn.org/go/cpt", Pattern.compile("[0-9]{4}[0-9FTU]")),
	HCPCS("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", Pattern.compile("[A-VX-Z][0-9]{4}")),
	REVENUE("https://www.nubc.org/CodeSystem/RevenueCodes", Pattern.compile("0[0-9]{3}"));

	private final String system;
	private final Pattern format;

	CodeSystem(String system, Pattern format) {
		this.system = system;
		this.format = format;
	}

	public String system() {
		return system;
	}

	public boolean fits(String code) {
		return format.matcher(code).matches();
	}

	public static CodeSystem ofSystem(String system) {
		for (CodeSystem c : values()) if (c.system.equals(system)) return c;
		throw new IllegalArgumentException("unknown code system " + system);
	}
}
