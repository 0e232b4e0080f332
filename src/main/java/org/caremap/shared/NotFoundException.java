package org.caremap.shared;

/** The thing asked for does not exist (or the caller may not know that it exists). */
public class NotFoundException extends DomainException {
	public NotFoundException(String what, Object id) {
		super("not-found", what + " " + id + " not found", what);
	}
}
