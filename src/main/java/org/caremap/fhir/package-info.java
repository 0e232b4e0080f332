/**
 * The FHIR R4 API (capability 18): a plain HAPI FHIR server at {@code /fhir} over Caremap's own store. Each module
 * maps its own data and supplies the resource providers for the resources it owns (in its {@code fhir}
 * sub-package); this module runs the server, turns bearer tokens into SMART scopes and the acting principal,
 * pages, and answers every refusal with an {@code OperationOutcome}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "identity", "platform", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.fhir;
