package org.caremap.access;

import java.util.Set;

import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.PatientId;

/**
 * What a portal principal (a patient, or a proxy from their support network) may do with a patient's record:
 * implemented by the portal module, which knows the accounts and the disclosure the patient chose; consulted by the
 * one access check ({@link PatientAccess}) whenever the acting principal is a portal one. With no implementation,
 * a portal principal reaches nothing.
 */
public interface PortalAccessRule {

	/** The purposes this principal may act for on this patient's record right now (empty: none). */
	Set<AccessPurpose> allowed(PortalPrincipal principal, PatientId patient);
}
