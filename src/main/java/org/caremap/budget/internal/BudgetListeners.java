package org.caremap.budget.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.caremap.appointment.AppointmentBooked;
import org.caremap.appointment.AppointmentCancelled;
import org.caremap.appointment.AppointmentKept;
import org.caremap.appointment.AppointmentMissed;
import org.caremap.budget.BookingRow;
import org.caremap.budget.BookingSource;
import org.caremap.budget.internal.BudgetBook.Entry;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.CommunityReferralSent;
import org.caremap.community.Directory;
import org.caremap.community.ServiceCard;
import org.caremap.contact.ContactLogged;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationUnitsUsed;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Books the cost of what the plans arrange, from the owning modules' events; each runs after the publisher's
 * transaction and may run again (every booking is keyed by what it comes from). Per source:
 * <ul>
 * <li>authorization: each approved line commits its units not yet used (priced at the rate of the approved period's
 * first day); each use of units is spent on its day; a denial, withdrawal or expiry releases the commitment; a use
 * taken back is released.</li>
 * <li>community: a referral to a service with a fee (one the directory does not list as free) commits one use of it
 * (priced at the service's rate, if it has one; the directory's fee text is kept in the description); delivered, it is
 * spent on the day it closed; declined or cancelled, the commitment is released.</li>
 * <li>transport: a booked appointment with transport arranged commits one trip; kept, the trip is spent on its day;
 * missed or cancelled, the commitment is released (a rescheduled appointment commits again when booked).</li>
 * <li>staff time: a logged contact's minutes are spent on its day at the staff rate (per hour).</li>
 * </ul>
 * The program booked to is the one of the patient's case on that day (the latest started, if several), or of the
 * contact's case.
 */
@Component
class BudgetListeners {

	private static final String ACTOR = "budget";
	private static final BigDecimal ONE = BigDecimal.ONE;

	private final BudgetBook book;
	private final Cases cases;
	private final Organizations organizations;
	private final Directory directory;

	BudgetListeners(BudgetBook book, Cases cases, Organizations organizations, Directory directory) {
		this.book = book;
		this.cases = cases;
		this.organizations = organizations;
		this.directory = directory;
	}

	private ZoneId zone() {
		return organizations.zone();
	}

	/** The program of the patient's case on that day: open on the day, the latest started; else the latest case. */
	@Nullable
	ProgramId programOf(PatientId patient, LocalDate day) {
		List<CaseView> all = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> cases.ofPatient(patient));
		return programOn(all, day);
	}

	static @Nullable ProgramId programOn(List<CaseView> all, LocalDate day) {
		Comparator<CaseView> latest = Comparator.comparing(CaseView::startDate);
		return all.stream()
			.filter(c -> !c.startDate().isAfter(day) && (c.closedOn() == null || !c.closedOn().isBefore(day)))
			.max(latest)
			.or(() -> all.stream().max(latest))
			.map(CaseView::program)
			.orElse(null);
	}

	// ---------------------------------------------------------------- authorizations

	@ApplicationModuleListener
	void on(AuthorizationDecided e) {
		BookingRules.decision(e, e.at().atZone(zone()).toLocalDate(), day -> programOf(e.patient(), day), book::exists)
			.forEach(book::put);
	}

	@ApplicationModuleListener
	void on(AuthorizationUnitsUsed e) {
		String commitment = "AUTH_LINE:" + e.line();
		if (!book.exists(commitment)) {
			// decided before the budget knew of it: commit what was approved
			LocalDate from = e.approvedFrom() == null ? e.usedOn() : e.approvedFrom();
			book.put(Entry.commitment(commitment, BookingSource.AUTHORIZATION, e.line(), programOf(e.patient(), from), e.patient(),
					e.payer(), e.code(), e.service(), from, BigDecimal.valueOf(e.lineUnitsApproved()), null));
		}
		book.put(Entry.spend("AUTH_USE:" + e.use(), BookingSource.AUTHORIZATION, e.line(), programOf(e.patient(), e.usedOn()),
				e.patient(), e.payer(), e.code(), e.service(), e.usedOn(), BigDecimal.valueOf(e.units()),
				e.takenBack() ? "budget.released.takenBack" : null));
	}

	// ---------------------------------------------------------------- community services

	@ApplicationModuleListener
	void on(CommunityReferralSent e) {
		if (e.service() == null || e.resent()) return;
		UUID service = e.service();
		// a service the directory lists as free costs the program nothing: only services with a fee are booked
		ServiceCard card = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> directory.find(service)).orElse(null);
		if (card != null && card.free()) return;
		String fees = card == null || card.fees() == null ? "" : " · " + card.fees();
		LocalDate today = LocalDate.now(zone());
		book.put(Entry.commitment("COMMUNITY:" + e.referral(), BookingSource.COMMUNITY, e.referral(), programOf(e.patient(), today),
				e.patient(), null, service.toString(), e.serviceName() + " · " + e.organizationName() + fees, today, ONE, null));
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed e) {
		String sent = book.description("COMMUNITY:" + e.referral()).orElse(null);
		if (sent == null) return; // sent before the budget knew of it, to a free service, or with no service
		if (e.delivered()) {
			LocalDate on = e.at().atZone(zone()).toLocalDate();
			book.put(Entry.spend("COMMUNITY_DELIVERED:" + e.referral(), BookingSource.COMMUNITY, e.referral(), programOf(e.patient(), on),
					e.patient(), null, e.service().toString(), sent, on, ONE, null));
		}
		else {
			book.release(BookingSource.COMMUNITY, e.referral(), BookingRow.Kind.COMMITMENT, "budget.released.notDelivered");
		}
	}

	// ---------------------------------------------------------------- transport

	@ApplicationModuleListener
	void on(AppointmentBooked e) {
		if (!e.transportArranged()) return;
		LocalDate on = e.start().atZone(zone()).toLocalDate();
		book.put(Entry.commitment("TRIP:" + e.appointment(), BookingSource.TRANSPORT, e.appointment(), programOf(e.patient(), on),
				e.patient(), null, "TRIP", e.with(), on, ONE, null));
	}

	@ApplicationModuleListener
	void on(AppointmentKept e) {
		if (!e.transportArranged() && !book.exists("TRIP:" + e.appointment())) return;
		LocalDate on = e.start().atZone(zone()).toLocalDate();
		book.put(Entry.spend("TRIP_TAKEN:" + e.appointment(), BookingSource.TRANSPORT, e.appointment(), programOf(e.patient(), on),
				e.patient(), null, "TRIP", e.with(), on, ONE, null));
	}

	@ApplicationModuleListener
	void on(AppointmentMissed e) {
		book.release(BookingSource.TRANSPORT, e.appointment(), BookingRow.Kind.COMMITMENT, "budget.released.missed");
	}

	@ApplicationModuleListener
	void on(AppointmentCancelled e) {
		book.release(BookingSource.TRANSPORT, e.appointment(), BookingRow.Kind.COMMITMENT, "budget.released.cancelled");
	}

	// ---------------------------------------------------------------- staff time

	@ApplicationModuleListener
	void on(ContactLogged e) {
		if (e.minutes() <= 0) return;
		LocalDate on = e.occurredAt().atZone(zone()).toLocalDate();
		ProgramId program = e.caseId() == null ? programOf(e.patient(), on)
				: SystemActor.call(ACTOR, List.of("SYSTEM"), () -> cases.find(e.caseId())).map(CaseView::program).orElse(null);
		book.put(Entry.spend("CONTACT:" + e.contact(), BookingSource.STAFF_TIME, e.contact(), program, e.patient(), null,
				e.staffKind().name(), e.type().name(), on, BookingRules.hours(e.minutes()), null));
	}
}
