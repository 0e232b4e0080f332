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
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@Component
class JdbcAuditTrail implements AuditTrail {

	private final JdbcClient jdbc;
	private final TransactionTemplate ownTransaction;
	private final String node;

	JdbcAuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions, NodeName node) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.node = node.value();
	}

	@Override
	public void record(AuditEntry entry) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String actor = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
		String roles = auth == null ? null
				: auth.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter(a -> a != null && a.startsWith("ROLE_"))
					.map(a -> a.substring(5))
					.sorted()
					.collect(Collectors.joining(","));
		write(actor, roles, entry);
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
			.param("roles", roles == null || roles.isEmpty() ? null : roles)
			.param("action", entry.action())
			.param("type", entry.resourceType())
			.param("rid", entry.resourceId())
			.param("patient", entry.patientId() == null ? null : (UUID) entry.patientId().value())
			.param("outcome", entry.outcome().name())
			.param("ip", ip)
			.param("node", node)
			.param("detail", entry.detail())
			.update();
		if (entry.outcome() == AuditOutcome.SUCCESS) {
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
