package org.caremap.chart.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.access.BreakGlass;
import org.caremap.chart.ChartPage;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every chart page refused the same way, whichever module owns it ({@link ChartPage}): the reason, and for clinical
 * staff, emergency access with a reason.
 */
@ControllerAdvice(annotations = ChartPage.class)
class ChartDenied {

	/** A refused chart explains why and, for clinical staff, offers emergency access with a reason. */
	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(HttpServletResponse response, HttpServletRequest request) {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		ModelAndView page = new ModelAndView("chart/denied");
		page.setStatus(org.springframework.http.HttpStatus.FORBIDDEN);
		CurrentUser me = CurrentUser.require();
		page.addObject("canBreakGlass", me.roles().stream().anyMatch(r -> r != Role.ADMIN));
		page.addObject("me", me);
		page.addObject("currentPath", request.getRequestURI());
		// a refused emergency-access request comes back here with its error
		var flash = org.springframework.web.servlet.support.RequestContextUtils.getInputFlashMap(request);
		if (flash != null) page.addAllObjects(flash);
		page.addObject("maxMinutes", BreakGlass.MAX_DURATION.toMinutes());
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("/patients/([0-9a-fA-F-]{36})").matcher(request.getRequestURI());
		page.addObject("breakGlassPatient", m.find() ? m.group(1) : null);
		return page;
	}
}
