package org.caremap.workforce;

/** What a credential is: a licence to practise (RN, LCSW, LMSW...) or a certification (CCM, ACM...). */
public enum CredentialKind {
	LICENCE, CERTIFICATION
}
