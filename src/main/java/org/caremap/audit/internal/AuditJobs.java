package org.caremap.audit.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealer runs as a scheduled job: one firing at a time across every node. */
@Configuration(proxyBeanMethods = false)
class AuditJobs {

	@Bean
	RecurringTask<Void> auditSealTask(AuditChain chain, AuditProperties properties) {
		return Tasks.recurring("audit-seal", FixedDelay.of(properties.sealInterval()))
			.execute((instance, context) -> chain.sealPending());
	}
}
