package org.caremap.audit.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Every request's read events are written before its answer starts (see {@link AuditBeforeAnswer}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AuditWebConfiguration {

	@Bean
	FilterRegistrationBean<AuditBeforeAnswer> auditBeforeAnswer(AuditGroupCommit writer) {
		FilterRegistrationBean<AuditBeforeAnswer> registration = new FilterRegistrationBean<>(new AuditBeforeAnswer(writer));
		// outside everything that reads patient data (security, FHIR, the pages), inside the server-timing header
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		registration.setName("auditBeforeAnswer");
		return registration;
	}
}
