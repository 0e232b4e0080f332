package org.caremap.chart;

import org.caremap.shared.DomainException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** How a chart action reports its outcome after a redirect: what worked, or in plain words why it was refused. */
public final class ChartActions {

	private ChartActions() {
	}

	public static void attempt(RedirectAttributes redirect, String okKey, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("flash", okKey);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
	}
}
