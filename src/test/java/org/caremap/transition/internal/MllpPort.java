package org.caremap.transition.internal;

import org.springframework.context.ApplicationContext;

/** The port the running application's MLLP listener took, for tests of other modules that send it messages. */
public final class MllpPort {

	private MllpPort() {
	}

	public static int of(ApplicationContext context) {
		return context.getBean(MllpListener.class).port();
	}
}
