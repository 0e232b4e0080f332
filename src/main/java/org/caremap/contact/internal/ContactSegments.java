package org.caremap.contact.internal;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The reader's 42 CFR Part 2 view of one patient, decided by {@link Segmentation} once per web request for this
 * module's reads (a page reads several kinds of record of the same patient); outside a request, each time.
 */
@Component
public final class ContactSegments {

	private static final String KEY = ContactSegments.class.getName() + ":";

	private final Segmentation segmentation;

	ContactSegments(Segmentation segmentation) {
		this.segmentation = segmentation;
	}

	public Part2Segment of(PatientId patient) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) return segmentation.part2(patient);
		String key = KEY + patient.value();
		if (request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Part2Segment known) return known;
		Part2Segment segment = segmentation.part2(patient);
		request.setAttribute(key, segment, RequestAttributes.SCOPE_REQUEST);
		return segment;
	}
}
