package org.caremap.demo.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseView;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.team.ContactWay;
import org.caremap.team.MemberKind;
import org.caremap.team.Members;
import org.caremap.team.Messages;
import org.caremap.team.NewMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's care teams outside the organisation and a few secure message threads: on the first patients of the demo
 * case manager's caseload, a pharmacist, a community health worker, the primary care physician from the patient's
 * providers and a family caregiver from the support network; on a case where Dr. Okafor (care team) works with Dana, a
 * thread with a reply and an urgent message, and a second thread on another patient.
 */
@Component
class DemoTeam {

	private static final Logger log = LoggerFactory.getLogger(DemoTeam.class);

	private final Members members;
	private final Messages messages;
	private final Cases cases;
	private final PatientRegistry registry;
	private final UserAccounts accounts;
	private final UserDetailsService users;

	DemoTeam(Members members, Messages messages, Cases cases, PatientRegistry registry, UserAccounts accounts,
			UserDetailsService users) {
		this.members = members;
		this.messages = messages;
		this.cases = cases;
		this.registry = registry;
		this.accounts = accounts;
		this.users = users;
	}

	void create() {
		int added = 0;
		int threads = 0;
		SecurityContext previous = SecurityContextHolder.getContext();
		try {
			as("casemanager");
			var dana = accounts.findByUsername("casemanager").orElseThrow().id();
			var okafor = accounts.findByUsername("careteam").orElseThrow().id();
			List<CaseloadRow> rows = cases.caseload(dana);
			LocalDate today = LocalDate.now();
			for (int i = 0; i < Math.min(3, rows.size()); i++) {
				CaseloadRow row = rows.get(i);
				PatientDetails details = registry.details(row.patient()).orElseThrow();
				members.add(row.patient(), new NewMember(row.id(), MemberKind.PHARMACIST, i % 2 == 0 ? "Grace Liu" : "Omar Haddad",
						"Pharmacist", "Riverside Community Pharmacy", "(614) 555-01" + (40 + i), "pharmacy@riverside-rx.example",
						ContactWay.PHONE, null, null, today.minusDays(20), null));
				members.add(row.patient(), new NewMember(row.id(), MemberKind.COMMUNITY_HEALTH_WORKER, "Luis Ortega",
						"Community health worker", "Franklin County CHW Network", "(614) 555-0177", null, ContactWay.TEXT, null, null,
						today.minusDays(12), null));
				added += 2;
				for (PatientProvider p : details.providers()) {
					if (p.role() != PatientProvider.Role.PRIMARY_CARE) continue;
					members.add(row.patient(), new NewMember(row.id(), MemberKind.PRIMARY_CARE_PHYSICIAN, p.name(),
							"Primary care physician", null, p.phone(), null, ContactWay.PHONE,
							new NewMember.Source(NewMember.Source.Kind.PROVIDER, p.id()), null, today.minusDays(30), null));
					added++;
					break;
				}
				for (SupportContact c : details.network()) {
					if (!c.caregiver() || c.id() == null) continue;
					members.add(row.patient(), new NewMember(row.id(), MemberKind.FAMILY_CAREGIVER, c.name(),
							"Family caregiver (" + c.relationship().toLowerCase(java.util.Locale.ENGLISH) + ")", null, c.phone(), c.email(),
							c.phone() != null ? ContactWay.PHONE : ContactWay.MAIL,
							new NewMember.Source(NewMember.Source.Kind.SUPPORT_CONTACT, c.id()), null, today.minusDays(30), null));
					added++;
					break;
				}
			}
			// threads where Dr. Okafor is on the case team with Dana
			for (CaseloadRow row : rows) {
				CaseView c = cases.find(row.id()).orElseThrow();
				if (c.team().stream().noneMatch(m -> m.user().equals(okafor) && m.to() == null)) continue;
				if (threads == 0) {
					as("casemanager");
					UUID thread = messages.start(row.patient(), row.id(), "Insulin refill before the weekend",
							new Messages.NewMessage("The pharmacy says the insulin refill needs a new prescription. Could you send one today?",
									false, null));
					as("careteam");
					messages.post(row.patient(), thread, new Messages.NewMessage("Sent to Riverside Community Pharmacy this morning.",
							false, null));
					as("casemanager");
					messages.post(row.patient(), thread, new Messages.NewMessage(
							"Her daughter reports blood sugar readings under 60 twice today. Please call her back before 5 pm.", true, null));
				}
				else {
					as("casemanager");
					messages.start(row.patient(), row.id(), "Blood pressure log",
							new Messages.NewMessage("The home readings for the last two weeks are in the contact notes; the evening ones run high.",
									false, null));
				}
				threads++;
				if (threads == 2) break;
			}
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		log.info("Demo care teams: {} members from outside, {} message threads", added, threads);
	}

	private void as(String username) {
		UserDetails user = users.loadUserByUsername(username);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
	}
}
