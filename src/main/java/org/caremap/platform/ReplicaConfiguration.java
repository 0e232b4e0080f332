package org.caremap.platform;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The read replica ({@link ReplicaReads}): none by default; an external one by {@code caremap.db.replica.url}; with
 * {@code caremap.db.replica.embedded=true} and the embedded primary, a standby of it made and run by Caremap. Its
 * pool is not a bean of its own, so that a replica that is down never makes the application look unhealthy: reads
 * then go to the primary.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

	@Bean(destroyMethod = "close")
	ReplicaRouting replicaReads(ReplicaProperties replica, CaremapProperties caremap,
			DatabaseConfiguration.DatabaseTarget target, JdbcClient primary, ObjectProvider<MeterRegistry> meters) {
		String url = replica.url();
		String user = replica.user() != null && !replica.user().isBlank() ? replica.user() : target.appUser();
		String password = replica.password() != null ? replica.password() : target.appPassword();
		EmbeddedStandby standby = null;
		if ((url == null || url.isBlank()) && target.server() != null) {
			if (!replica.embedded()) {
				EmbeddedStandby.forgetSlot(target.server());
				return new ReplicaRouting(primary);
			}
			Path dir = replica.dataDir() != null ? replica.dataDir()
					: caremap.embeddedDataDir().resolveSibling("postgres-replica");
			standby = EmbeddedStandby.obtain(target.server(), dir, replica.port(), caremap.embeddedDb().startupWait());
			url = standby.jdbcUrl();
		}
		if (url == null || url.isBlank()) {
			if (replica.embedded()) {
				LoggerFactory.getLogger(ReplicaConfiguration.class).warn("caremap.db.replica.embedded makes a standby of the"
						+ " embedded database only; with an external one, give its replica's caremap.db.replica.url. No replica:"
						+ " every read goes to the primary.");
			}
			return new ReplicaRouting(primary);
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName("caremap-replica");
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setSchema(target.schema());
		config.setMaximumPoolSize(replica.poolSize());
		config.setMinimumIdle(Math.min(1, replica.poolSize()));
		config.setReadOnly(true);
		// a replica that does not answer costs a read at most this long before the primary answers it
		config.setConnectionTimeout(2_000);
		config.setValidationTimeout(1_000);
		// a replica down at start does not stop Caremap: reads go to the primary until it answers
		config.setInitializationFailTimeout(-1);
		config.addDataSourceProperty("ApplicationName", "caremap-replica");
		config.addDataSourceProperty("connectTimeout", "2");
		HikariDataSource pool = new HikariDataSource(config);
		return new ReplicaRouting(primary, pool, url, replica.maxLag(), replica.checkEvery(), standby,
				meters.getIfAvailable());
	}

	/**
	 * A page that changes something (any method but GET, HEAD and OPTIONS) keeps its user's lag-tolerant reads on the
	 * primary until the replica has replayed that change.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class Writes {
		@Bean
		WebMvcConfigurer replicaWrites(ReplicaReads reads) {
			return new WebMvcConfigurer() {
				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					if (!reads.configured()) return;
					registry.addInterceptor(new HandlerInterceptor() {
						@Override
						public void afterCompletion(HttpServletRequest request, HttpServletResponse response,
								Object handler, @org.jspecify.annotations.Nullable Exception ex) {
							String method = request.getMethod();
							if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
							if (request.getUserPrincipal() != null) reads.wrote(request.getUserPrincipal().getName());
						}
					});
				}
			};
		}
	}
}
