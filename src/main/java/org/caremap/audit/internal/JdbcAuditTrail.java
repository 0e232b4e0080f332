package org.caremap.audit.internal;

import java.util.UUID;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit events. A successful access is written in the transaction that made it (read-only ones included:
 * the pool's connections ignore the read-only hint), so it commits with it and needs no second connection. A
 * denial or failure must outlive the rollback that usually follows it: it is written in a transaction of its own,
 * on a small pool of its own, so that a request holding a connection of the main pool never waits for a second one
 * from the same pool (which, with as many such requests as connections, would wait forever).
 */
@Component
class JdbcAuditTrail implements AuditTrail, DisposableBean {

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate template;
	private final HikariDataSource ownPool;
	private final JdbcClient ownJdbc;
	private final TransactionTemplate ownTransaction;
	private final String node;

	JdbcAuditTrail(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, HikariDataSource main,
			NodeName node) {
		this.jdbc = jdbc;
		this.template = template;
		HikariConfig config = new HikariConfig();
		config.setPoolName("caremap-audit");
		config.setJdbcUrl(main.getJdbcUrl());
		config.setUsername(main.getUsername());
		config.setPassword(main.getPassword());
		config.setSchema(main.getSchema());
		config.setMaximumPoolSize(3);
		config.setMinimumIdle(0);
		config.setIdleTimeout(60_000);
		config.addDataSourceProperty("ApplicationName", "caremap-audit");
		this.ownPool = new HikariDataSource(config);
		this.ownJdbc = JdbcClient.create(ownPool);
		this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(ownPool));
		this.node = node.value();
	}

	@Override
	public void destroy() {
		ownPool.close();
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
		String ip = sourceIp();
		java.util.List<Object[]> rows = new java.util.ArrayList<>(entries.size());
		for (AuditEntry e : entries) {
			rows.add(new Object[] { actor, roles, e.action(), e.resourceType(), e.resourceId(),
					e.patientId() == null ? null : e.patientId().value(), e.outcome().name(), ip, node, e.detail() });
		}
		String sql = """
				insert into audit_event (actor, actor_roles, action, resource_type, resource_id,
				                         patient_id, outcome, source_ip, node, detail)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
		if (entries.stream().allMatch(e -> e.outcome() == AuditOutcome.SUCCESS)) {
			template.batchUpdate(sql, rows);
		}
		else {
			ownTransaction.executeWithoutResult(status -> new org.springframework.jdbc.core.JdbcTemplate(ownPool).batchUpdate(sql, rows));
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
		String ip = sourceIp();
		// the database stamps the time (V28): the application cannot date an event
		java.util.function.Consumer<JdbcClient> insert = client -> client.sql("""
				insert into audit_event (actor, actor_roles, action, resource_type, resource_id,
				                         patient_id, outcome, source_ip, node, detail)
				values (:actor, :roles, :action, :type, :rid, :patient, :outcome, :ip, :node, :detail)""")
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
		if (entry.outcome() == AuditOutcome.SUCCESS) {
			insert.accept(jdbc);
		}
		else {
			ownTransaction.executeWithoutResult(status -> insert.accept(ownJdbc));
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
