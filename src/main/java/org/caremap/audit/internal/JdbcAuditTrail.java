package org.caremap.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit events, by where they stand:
 * <ul>
 * <li>a successful change is written in the transaction that made it, so it commits with it (and rolls back with
 * it);</li>
 * <li>a successful read (action READ) in a web request (in a read-only transaction, or in none) is held until the request's answer
 * is about to start, then written with the request's other reads in one multi-row insert whose durable commit is
 * shared with the other requests finishing at that moment ({@link RequestAudit}, {@link AuditBeforeAnswer},
 * {@link AuditGroupCommit}): no answer leaves before its reads are on disk;</li>
 * <li>a successful read outside a web request (jobs, the ADT feed) joins the transaction it was made in;</li>
 * <li>a denial or failure must outlive the rollback that usually follows it: it is written at once in a transaction
 * of its own, on the audit trail's own pool ({@link AuditPool}).</li>
 * </ul>
 * {@code caremap.audit.hold-reads=false} writes reads in their transaction as outside a request (for comparison).
 */
@Component
class JdbcAuditTrail implements AuditTrail {

	private static final String READ = "READ";

	private final JdbcTemplate template;
	private final AuditPool own;
	private final String node;
	private final boolean holdReads;

	JdbcAuditTrail(JdbcTemplate template, AuditPool own, NodeName node,
			@Value("${caremap.audit.hold-reads:true}") boolean holdReads) {
		this.template = template;
		this.own = own;
		this.node = node.value();
		this.holdReads = holdReads;
	}

	@Override
	public void record(AuditEntry entry) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String actor = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
		write(List.<Object[]>of(row(actor, roles(auth), sourceIp(), entry)), entry.outcome() == AuditOutcome.SUCCESS,
				READ.equals(entry.action()));
	}

	@Override
	public void recordAll(List<AuditEntry> entries) {
		if (entries.isEmpty()) return;
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String actor = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
		String roles = roles(auth);
		String ip = sourceIp();
		List<Object[]> rows = new ArrayList<>(entries.size());
		for (AuditEntry e : entries) rows.add(row(actor, roles, ip, e));
		write(rows, entries.stream().allMatch(e -> e.outcome() == AuditOutcome.SUCCESS),
				entries.stream().allMatch(e -> READ.equals(e.action())));
	}

	@Override
	public void record(String actor, AuditEntry entry) {
		write(List.<Object[]>of(row(actor, null, sourceIp(), entry)), entry.outcome() == AuditOutcome.SUCCESS,
				READ.equals(entry.action()));
	}

	private void write(List<Object[]> rows, boolean success, boolean reads) {
		if (!success) {
			own.insert(rows);
			return;
		}
		// only reads are held: a change (an export, a referral received from a link) is written with it
		RequestAudit request = holdReads && reads ? RequestAudit.current() : null;
		if (request != null && readOnly() && request.hold(rows)) return;
		// the database stamps the time (V28): the application cannot date an event
		if (rows.size() == 1) template.update(AuditPool.INSERT, rows.get(0));
		else template.batchUpdate(AuditPool.INSERT, rows);
	}

	/** In a read-only transaction or in none: nothing this event describes waits for a commit. */
	private static boolean readOnly() {
		return !TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

	private Object[] row(String actor, @Nullable String roles, @Nullable String ip, AuditEntry e) {
		return new Object[] { actor, roles, e.action(), e.resourceType(), e.resourceId(),
				e.patientId() == null ? null : (UUID) e.patientId().value(), e.outcome().name(), ip, node, e.detail() };
	}

	private static @Nullable String roles(@Nullable Authentication auth) {
		if (auth == null) return null;
		String roles = auth.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.sorted()
			.collect(Collectors.joining(","));
		return roles.isEmpty() ? null : roles;
	}

	private static @Nullable String sourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}
}
