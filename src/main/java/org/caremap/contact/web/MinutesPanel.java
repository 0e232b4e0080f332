package org.caremap.contact.web;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.caremap.caseload.CaseId;
import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.caremap.contact.Contacts;
import org.caremap.organization.Organizations;
import org.springframework.stereotype.Component;

/** Beside the patient's tasks: the minutes logged on the open case this month (the basis of billing). */
@Component
class MinutesPanel implements ChartPanels {

	private final Contacts contacts;
	private final Organizations organizations;

	MinutesPanel(Contacts contacts, Organizations organizations) {
		this.contacts = contacts;
		this.organizations = organizations;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("tasks") || !(place.subject() instanceof CaseId openCase)) return List.of();
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		return List.of(new ChartPart(10, "contact/chart", "minutes", contacts.minutes(openCase, YearMonth.now(zone))));
	}
}
