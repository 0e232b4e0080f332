package org.caremap.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Some paths are left out (see {@link #LEFT_OUT}); {@code caremap.http.read-transaction=false} leaves every request
 * to its modules' transactions.
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
		for (String prefix : LEFT_OUT) {
			if (path.startsWith(prefix)) return true;
		}
		// a bulk export's kick-off is a GET that writes its job and schedules it (on a connection of its own)
		return path.contains("$export");
	}

	/**
	 * Paths read without it: static files and health (which must not wait for a connection), the sign-in page and the
	 * server's own descriptions, bulk-export downloads (long), and the outcomes dashboard (which computes and keeps
	 * figures under a lock, each period in a transaction of its own).
	 */
	private static final java.util.List<String> LEFT_OUT = java.util.List.of("/assets/", "/webjars/", "/favicon.ico",
			"/actuator", "/login", "/.well-known/", "/fhir/metadata", "/fhir-bulk/", "/quality", "/error");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the session is read now (Spring Session keeps it for the request), on a connection of its own, before this
		// request holds one: a page that reads it later (a form's token) does not ask the pool for a second
		request.getSession(false);
		Open open = new Open(transactions, transactions.getTransaction(definition));
		try {
			chain.doFilter(request, new org.caremap.shared.BeforeAnswer(response, open::end));
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
}
