package org.caremap.shared;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A value computed once per reading web request (GET or HEAD) and reused by every later asker of the same request:
 * a page asks the same question (may this reader read this patient? what is the organisation's time zone?) from its
 * header, its tabs and its lists. A reading request changes nothing these answers depend on; any other request, and
 * any work outside a request (jobs, the ADT feed), computes each time. Values must be immutable (or copied by the
 * asker).
 */
public final class RequestMemo {

	private static final Object NONE = new Object();

	private RequestMemo() {
	}

	@SuppressWarnings("unchecked")
	public static <T> T get(String key, Supplier<T> compute) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet) || !reading(servlet.getRequest())) return compute.get();
		String name = RequestMemo.class.getName() + ":" + key;
		@Nullable Object known = attributes.getAttribute(name, RequestAttributes.SCOPE_REQUEST);
		if (known != null) return known == NONE ? (T) null : (T) known;
		T value = compute.get();
		attributes.setAttribute(name, value == null ? NONE : value, RequestAttributes.SCOPE_REQUEST);
		return value;
	}

	private static boolean reading(HttpServletRequest request) {
		String method = request.getMethod();
		return "GET".equals(method) || "HEAD".equals(method);
	}
}
