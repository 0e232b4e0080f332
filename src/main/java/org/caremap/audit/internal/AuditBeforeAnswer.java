package org.caremap.audit.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes a request's read events before its answer leaves: they are held while the request reads (see
 * {@link RequestAudit}) and written, in one statement and one durable commit shared with the other requests that
 * finish at the same moment, when the answer is about to start: when the body is asked for (writer or stream), on a
 * redirect, an error or a flush, and at the latest when the request ends (an answer without a body). A request
 * whose events cannot be written gets no answer with the data: the write's failure is the request's failure.
 */
final class AuditBeforeAnswer extends OncePerRequestFilter {

	private final AuditGroupCommit writer;

	AuditBeforeAnswer(AuditGroupCommit writer) {
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (RequestAudit.current() != null) {
			chain.doFilter(request, response);
			return;
		}
		RequestAudit audit = RequestAudit.begin();
		try {
			chain.doFilter(request, new Answer(response, audit, writer));
			write(audit, writer);
		}
		finally {
			try {
				// a request that failed still read what it read before it failed
				if (audit.heldCount() > 0) write(audit, writer);
			}
			finally {
				RequestAudit.end();
			}
		}
	}

	static void write(RequestAudit audit, AuditGroupCommit writer) {
		List<Object[]> rows = audit.release();
		if (!rows.isEmpty()) writer.write(rows);
	}

	/** The response, which writes the held events before anything of the answer is sent. */
	private static final class Answer extends HttpServletResponseWrapper {

		private final RequestAudit audit;
		private final AuditGroupCommit writer;

		Answer(HttpServletResponse response, RequestAudit audit, AuditGroupCommit writer) {
			super(response);
			this.audit = audit;
			this.writer = writer;
		}

		private void starting() {
			write(audit, writer);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			starting();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			starting();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			starting();
			super.flushBuffer();
		}

		@Override
		public void sendError(int sc) throws IOException {
			starting();
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			starting();
			super.sendError(sc, msg);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			starting();
			super.sendRedirect(location);
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			starting();
			super.sendRedirect(location, sc);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			starting();
			super.sendRedirect(location, clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			starting();
			super.sendRedirect(location, sc, clearBuffer);
		}
	}
}
