package org.caremap.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.caremap.fhir.EventualSearches;
import org.caremap.platform.ReplicaReads;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Which FHIR requests may read from the replica, and whose writes they must see: a search whose client sends
 * {@code Caremap-Consistency: eventual} is marked for {@link EventualSearches} (after {@link FhirScopeCheck}, so the
 * caller is the one the token acts as); a request that writes keeps its caller's eventual reads on the primary until
 * the replica has replayed it. Nothing happens without a replica.
 */
@Interceptor
class ReadConsistency {

	private final ReplicaReads reads;

	ReadConsistency(ReplicaReads reads) {
		this.reads = reads;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void mark(RequestDetails request, RestOperationTypeEnum operation) {
		if (!reads.configured() || request.getRequestType() != RequestTypeEnum.GET) return;
		if (operation != RestOperationTypeEnum.SEARCH_TYPE && operation != RestOperationTypeEnum.SEARCH_SYSTEM) return;
		String consistency = request.getHeader(ReplicaReads.CONSISTENCY_HEADER);
		if (consistency != null && consistency.trim().equalsIgnoreCase(ReplicaReads.EVENTUAL)) {
			EventualSearches.begin(reads, caller());
		}
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void completed(RequestDetails request) {
		EventualSearches.end();
		if (!reads.configured()) return;
		RequestTypeEnum type = request.getRequestType();
		if (type != RequestTypeEnum.GET && type != RequestTypeEnum.HEAD && type != RequestTypeEnum.OPTIONS) {
			reads.wrote(caller());
		}
	}

	private static @Nullable String caller() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || !auth.isAuthenticated() ? null : auth.getName();
	}
}
