package org.caremap.workforce;

import java.util.List;

/**
 * Why a person may not take new cases: a stable code ({@code error.<code>} words it in the message bundle), a detail
 * for logs, and the words the message takes (the person's name, the licence, the day it expired, as a LocalDate the page
 * writes in its words).
 */
public record Refusal(String code, String detail, List<Object> arguments) {

	public Refusal {
		arguments = List.copyOf(arguments);
	}
}
