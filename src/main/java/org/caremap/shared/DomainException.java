package org.caremap.shared;

/**
 * A rule of the domain refused an operation. The code is stable (clients and tests may rely on it) and maps to
 * a message key {@code error.<code>} that says in plain words what went wrong.
 */
public class DomainException extends RuntimeException {

	private final String code;
	private final transient Object[] arguments;

	public DomainException(String code, String detail, Object... arguments) {
		super(detail);
		this.code = code;
		this.arguments = arguments.clone();
	}

	public String code() {
		return code;
	}

	public Object[] arguments() {
		return arguments.clone();
	}
}
