package org.caremap.platform;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One transaction per reading request: a GET (or HEAD), from its controller or FHIR provider until its answer
 * starts, runs in one read-only transaction on one connection, which the modules' own transactional calls join, so
 * a page that asks five modules opens one transaction, not five. It runs after Spring Security (the session and the
 * token are read before) and ends when the answer starts (the body is asked for, a redirect, an error, a flush) or
 * the request ends: the page is rendered and sent without holding a connection, and whatever is written when the
 * answer starts (the session, saved on its own connection) never waits for a second connection of the pool while
 * this one is held. It commits; if a call inside failed and marked it for rollback (a refusal caught and shown as a
 * page, say), it is rolled back instead, quietly: a read has nothing to lose. The request's read events are not in
 * it: the audit trail writes them before the answer starts.
 * <p>
 * Downloads of bulk-export files and static files are left out; {@code caremap.http.read-transaction=false} leaves
 * every request to its modules' transactions.
 */
final class ReadRequestTransaction extends OncePerRequestFilter {

	private final PlatformTransactionManager transactions;
	private final DefaultTransactionDefinition definition;

	ReadRequestTransaction(PlatformTransactionManager transactions) {
		this.transactions = transactions;
		this.definition = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRED);
		this.definition.setReadOnly(true);
		this.definition.setName("read request");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) return true;
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.startsWith("/fhir-bulk/")
				|| path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the session is read now (Spring Session keeps it for the request), on a connection of its own, before this
		// request holds one: a page that reads it later (a form's token) does not ask the pool for a second
		request.getSession(false);
		Open open = new Open(transactions, transactions.getTransaction(definition));
		try {
			chain.doFilter(request, new Answer(response, open));
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			open.rollback();
			throw ex;
		}
		open.end();
	}

	/** The request's transaction until it ends, once. */
	private static final class Open {
		private final PlatformTransactionManager transactions;
		private final TransactionStatus status;
		private boolean ended;

		Open(PlatformTransactionManager transactions, TransactionStatus status) {
			this.transactions = transactions;
			this.status = status;
		}

		void end() {
			if (ended) return;
			ended = true;
			if (status.isRollbackOnly()) transactions.rollback(status);
			else transactions.commit(status);
		}

		void rollback() {
			if (ended) return;
			ended = true;
			transactions.rollback(status);
		}
	}

	/** The response, which ends the transaction before anything of the answer is sent. */
	private static final class Answer extends HttpServletResponseWrapper {
		private final Open open;

		Answer(HttpServletResponse response, Open open) {
			super(response);
			this.open = open;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			open.end();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			open.end();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			open.end();
			super.flushBuffer();
		}

		@Override
		public void sendError(int sc) throws IOException {
			open.end();
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			open.end();
			super.sendError(sc, msg);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			open.end();
			super.sendRedirect(location);
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			open.end();
			super.sendRedirect(location, sc);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			open.end();
			super.sendRedirect(location, clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			open.end();
			super.sendRedirect(location, sc, clearBuffer);
		}
	}
}
