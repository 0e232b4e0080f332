package org.caremap.audit.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
			chain.doFilter(request, new org.caremap.shared.BeforeAnswer(response, () -> write(audit, writer)));
		}
		catch (IOException | ServletException | RuntimeException | Error failed) {
			// a request that failed still read what it read before it failed; its own failure is the one reported
			try {
				write(audit, writer);
			}
			catch (RuntimeException also) {
				failed.addSuppressed(also);
			}
			throw failed;
		}
		finally {
			RequestAudit.end();
		}
		write(audit, writer);
	}

	static void write(RequestAudit audit, AuditGroupCommit writer) {
		List<Object[]> rows = audit.release();
		if (!rows.isEmpty()) writer.write(rows);
	}
}
