/**
 * Outreach registries (capability 3): saved rules beside the discharge and ED lists (patients with given condition
 * groups, an assessment result, ED visits, no primary care provider, no recent contact, not enrolled), evaluated
 * nightly on one node in SQL on the module's own read model, which listeners of the other modules' events fill; each
 * rule's members and its size per day; bulk referral of members to a program through the referral module's API.
 * Nothing depends on this module but the demo.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "assessment", "audit", "caseload", "contact",
		"organization", "patient", "program", "referral", "shared", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.outreach;
