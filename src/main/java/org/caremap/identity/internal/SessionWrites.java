package org.caremap.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions are written when something in them changed, not on every request. Spring Session writes attributes only
 * when one is set (save mode {@code on-set-attribute}, the default, kept), but it moves a session's last access time
 * on every request, and so updates the session's row for every page read. Here the row is updated only when the id,
 * the timeout or the person changed, or when the stored last access is older than a tenth of the idle timeout (at
 * most a minute): with the 15-minute timeout, a session in use is written at most once a minute, and an idle
 * session ends at most a minute earlier than it would otherwise (never later).
 * <p>
 * The update keeps Spring Session's parameters in their order (id, last access, timeout, expiry, person, key) and
 * adds the condition; an update that changes no row is not an error to Spring Session.
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

	static final String UPDATE_WHEN_CHANGED = """
			UPDATE %TABLE_NAME% s
			SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time, MAX_INACTIVE_INTERVAL = v.max_inactive_interval,
			    EXPIRY_TIME = v.expiry_time, PRINCIPAL_NAME = v.principal_name
			FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
			             CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
			             CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) v
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id
			       OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
			       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
			       OR v.last_access_time - s.LAST_ACCESS_TIME >= LEAST(60000, v.max_inactive_interval * 100))
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionWrittenWhenChanged() {
		return repository -> repository.setUpdateSessionQuery(UPDATE_WHEN_CHANGED);
	}
}
