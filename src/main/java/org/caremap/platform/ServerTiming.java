package org.caremap.platform;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where a page's time goes: every page answers with a {@code Server-Timing: app;dur=<ms>} header, the time from the
 * request's arrival until its answer starts (authorisation, the page's queries and its audit events; the rendering
 * of the page follows), and the log names each page with its whole server time, rendering included: at DEBUG for
 * every page (logger {@code org.caremap.timing}), at INFO for a page slower than {@code slowMillis}. Static files,
 * FHIR and the API are left out.
 */
final class ServerTiming extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("org.caremap.timing");

	private final long slowMillis;

	ServerTiming(long slowMillis) {
		this.slowMillis = slowMillis;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.startsWith("/fhir") || path.startsWith("/api/")
				|| path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Timed timed = new Timed(response, start);
		try {
			chain.doFilter(request, timed);
		}
		finally {
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (millis >= slowMillis) {
				log.info("{} {} {} in {} ms (slower than {} ms)", request.getMethod(), request.getRequestURI(), response.getStatus(),
						millis, slowMillis);
			}
			else if (log.isDebugEnabled()) {
				log.debug("{} {} {} in {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
			}
		}
	}

	/** Adds the header just before the answer starts, while headers can still be set. */
	private static final class Timed extends HttpServletResponseWrapper {
		private final long start;
		private boolean stamped;

		Timed(HttpServletResponse response, long start) {
			super(response);
			this.start = start;
		}

		private void stamp() {
			if (stamped || isCommitted()) return;
			stamped = true;
			double millis = (System.nanoTime() - start) / 1_000_000.0;
			addHeader("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f", millis));
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			stamp();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			stamp();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			stamp();
			super.flushBuffer();
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			stamp();
			super.sendRedirect(location);
		}

		@Override
		public void sendError(int sc) throws IOException {
			stamp();
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			stamp();
			super.sendError(sc, msg);
		}
	}
}
