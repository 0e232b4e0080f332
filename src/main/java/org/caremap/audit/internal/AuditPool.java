package org.caremap.audit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's own small pool of connections, for events that are written in a transaction of their own (a
 * denial or failure, which must outlive the rollback that follows it; the read events of web requests, written
 * together): a request holding a connection of the main pool never waits for a second one from the same pool
 * (which, with as many such requests as connections, would wait forever).
 */
@Component
class AuditPool implements DisposableBean {

	static final String INSERT = """
			insert into audit_event (actor, actor_roles, action, resource_type, resource_id,
			                         patient_id, outcome, source_ip, node, detail)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final HikariDataSource pool;
	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;

	AuditPool(HikariDataSource main) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("caremap-audit");
		config.setJdbcUrl(main.getJdbcUrl());
		config.setUsername(main.getUsername());
		config.setPassword(main.getPassword());
		config.setSchema(main.getSchema());
		// one for the group writer, three for refusals written at once
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		config.setIdleTimeout(60_000);
		config.addDataSourceProperty("ApplicationName", "caremap-audit");
		// the rows of many requests go in as multi-row inserts
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		this.pool = new HikariDataSource(config);
		this.jdbc = new JdbcTemplate(pool);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
	}

	/** Inserts the rows (in {@link #INSERT}'s column order) in a transaction of their own, committed on return. */
	void insert(java.util.List<Object[]> rows) {
		transaction.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows));
	}

	JdbcTemplate jdbc() {
		return jdbc;
	}

	TransactionTemplate transaction() {
		return transaction;
	}

	@Override
	public void destroy() {
		pool.close();
	}
}
