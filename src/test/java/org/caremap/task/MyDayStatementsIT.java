package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * How many SQL statements one "My day" request runs (issue 24): the application's pool is replaced by the same pool
 * that notes each statement a web request's thread sends, the page asked for once warm, and its statements counted
 * and written to {@code target/benchmarks/myday-statements.md}. The worklist is a read model in the task module
 * (its rows, the patients' display data and the cases' acuity in one query), so the page stays within a small
 * bound whatever the number of rows.
 */
class MyDayStatementsIT extends IntegrationTest {

	/** The statements web requests sent, in order. */
	static final List<String> SENT = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class CountingPool {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!"dataSource".equals(name) || !(bean instanceof HikariDataSource pool)) return bean;
					HikariConfig config = new HikariConfig();
					pool.copyStateTo(config);
					pool.close();
					return new Counting(config);
				}
			};
		}
	}

	/** The application's pool, its connections noting what web requests send. */
	static final class Counting extends HikariDataSource {

		Counting(HikariConfig config) {
			super(config);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return noting(super.getConnection(), Connection.class);
		}
	}

	private static boolean web() {
		return Thread.currentThread().getName().startsWith("http-nio");
	}

	@SuppressWarnings("unchecked")
	private static <T> T noting(T target, Class<T> type) {
		InvocationHandler handler = (proxy, method, args) -> {
			String m = method.getName();
			if (web() && args != null && args.length > 0 && args[0] instanceof String sql
					&& (m.startsWith("prepare") || m.startsWith("execute") || m.equals("addBatch"))) {
				SENT.add(sql.strip().replaceAll("\\s+", " "));
			}
			try {
				Object result = method.invoke(target, args);
				if (m.equals("createStatement") && result instanceof Statement s) return noting(s, Statement.class);
				return result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	@Test
	void myDayRunsAFewStatements() throws Exception {
		Browserless casemanager = staffClient("casemanager");
		assertThat(casemanager.get("/myday").statusCode()).isEqualTo(200);
		assertThat(casemanager.get("/myday").statusCode()).isEqualTo(200);
		SENT.clear();
		var page = casemanager.get("/myday");
		List<String> statements = new ArrayList<>(SENT);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/patients/");
		StringBuilder out = new StringBuilder("# SQL statements of one My day request\n\n" + statements.size()
				+ " statements (the demo case manager, warm)\n\n");
		statements.forEach(s -> out.append("- `").append(s.length() > 300 ? s.substring(0, 300) + "…" : s).append("`\n"));
		Path dir = Path.of("target", "benchmarks");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("myday-statements.md"), out);
		System.out.println(out);
		// the worklist in one read of the task module's read model: no separate count of later work, no lookup of
		// for whom rows are done, no acuity asked of the caseload module; 25 statements before the read model
		assertThat(statements).filteredOn(s -> s.contains("task_worklist_patient")).hasSize(1);
		assertThat(statements).noneMatch(s -> s.contains("from care_case"));
		assertThat(statements).noneMatch(s -> s.startsWith("select count(*) from task"));
		assertThat(statements).noneMatch(s -> s.startsWith("select id, acting_for from task"));
		assertThat(statements).hasSizeLessThanOrEqualTo(19);
	}
}
