package org.caremap.identity.internal;

import org.aopalliance.intercept.MethodInvocation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every refusal by a role rule is audited in this one place, whatever refused it: a URL rule or a module API's
 * {@code @PreAuthorize}, on a page, the FHIR API or a job. (Refusals of a patient's record are audited by the
 * patient access check, which says why.) Someone not signed in is sent to sign in, which is not a refusal.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationAudit {

	@Bean
	AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
		return new SpringAuthorizationEventPublisher(events);
	}

	@Bean
	Listener authorizationDenials(AuditTrail audit) {
		return new Listener(audit);
	}

	static final class Listener {

		private final AuditTrail audit;

		Listener(AuditTrail audit) {
			this.audit = audit;
		}

		@EventListener
		public void on(AuthorizationDeniedEvent<?> event) {
			Authentication who = event.getAuthentication().get();
			if (who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated()) return;
			Object source = event.getSource();
			String type;
			String what;
			if (source instanceof MethodInvocation invocation) {
				type = "Operation";
				what = invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
			}
			else if (source instanceof RequestAuthorizationContext context) {
				type = "Url";
				what = context.getRequest().getMethod() + " " + context.getRequest().getRequestURI();
			}
			else if (source instanceof jakarta.servlet.http.HttpServletRequest request) {
				type = "Url";
				what = request.getMethod() + " " + request.getRequestURI();
			}
			else {
				type = "Operation";
				what = String.valueOf(source);
			}
			audit.record(who.getName(), new AuditEntry("ACCESS", type, what.length() > 300 ? what.substring(0, 300) : what, null,
					AuditOutcome.DENIED, "not permitted for the roles " + who.getAuthorities()));
		}
	}
}
