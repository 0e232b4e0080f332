package org.caremap.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@Component
class JdbcAuditTrail implements AuditTrail {

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate template;
	private final TransactionTemplate ownTransaction;
	private final String node;

	JdbcAuditTrail(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template,
			PlatformTransactionManager transactions, NodeName node) {
		this.jdbc = jdbc;
		this.template = template;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.node = node.value();
	}

	@Override
	public void record(AuditEntry entry) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String actor = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
		write(actor, roles(auth), entry);
	}

	@Override
	public void recordAll(java.util.List<AuditEntry> entries) {
		if (entries.isEmpty()) return;
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String actor = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
		String roles = roles(auth);
		OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		String ip = sourceIp();
		java.util.List<Object[]> rows = new java.util.ArrayList<>(entries.size());
		for (AuditEntry e : entries) {
			rows.add(new Object[] { now, actor, roles, e.action(), e.resourceType(), e.resourceId(),
					e.patientId() == null ? null : e.patientId().value(), e.outcome().name(), ip, node, e.detail() });
		}
		Runnable insert = () -> template.batchUpdate("""
				insert into audit_event (occurred_at, actor, actor_roles, action, resource_type, resource_id,
				                         patient_id, outcome, source_ip, node, detail)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			ownTransaction.executeWithoutResult(status -> insert.run());
		}
		else {
			insert.run();
		}
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

	@Override
	public void record(String actor, AuditEntry entry) {
		write(actor, null, entry);
	}

	private void write(String actor, @Nullable String roles, AuditEntry entry) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String ip = sourceIp();
		Runnable insert = () -> jdbc.sql("""
				insert into audit_event (occurred_at, actor, actor_roles, action, resource_type, resource_id,
				                         patient_id, outcome, source_ip, node, detail)
				values (:at, :actor, :roles, :action, :type, :rid, :patient, :outcome, :ip, :node, :detail)""")
			.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("actor", actor)
			.param("roles", roles)
			.param("action", entry.action())
			.param("type", entry.resourceType())
			.param("rid", entry.resourceId())
			.param("patient", entry.patientId() == null ? null : (UUID) entry.patientId().value())
			.param("outcome", entry.outcome().name())
			.param("ip", ip)
			.param("node", node)
			.param("detail", entry.detail())
			.update();
		if (entry.outcome() == AuditOutcome.SUCCESS && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			insert.run();
		}
		else {
			ownTransaction.executeWithoutResult(status -> insert.run());
		}
	}

	private static @Nullable String sourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}
}
