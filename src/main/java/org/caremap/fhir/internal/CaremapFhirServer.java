package org.caremap.fhir.internal;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;

/**
 * The FHIR R4 server: HAPI's plain {@link RestfulServer} with the providers every module supplies. JSON by default,
 * XML on request; the capability statement is generated from the providers, so it lists exactly what is served.
 */
class CaremapFhirServer extends RestfulServer {

	private static final long serialVersionUID = 1L;

	private final transient List<IResourceProvider> providers;
	private final transient List<Object> interceptors;
	private final transient List<Object> systemProviders;

	CaremapFhirServer(List<IResourceProvider> providers, List<Object> systemProviders, List<Object> interceptors) {
		super(FhirContext.forR4Cached());
		this.providers = providers;
		this.systemProviders = systemProviders;
		this.interceptors = interceptors;
	}

	@Override
	protected void initialize() {
		setResourceProviders(providers);
		setPlainProviders(systemProviders);
		setDefaultResponseEncoding(EncodingEnum.JSON);
		setServerName("Caremap");
		setImplementationDescription("Caremap care management FHIR R4 API");
		setDefaultPrettyPrint(false);
		interceptors.forEach(this::registerInterceptor);
		registerInterceptor(new CorsInterceptor());
	}
}
