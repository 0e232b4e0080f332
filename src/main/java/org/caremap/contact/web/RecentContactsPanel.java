package org.caremap.contact.web;

import java.util.List;

import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.caremap.contact.ContactView;
import org.caremap.contact.Contacts;
import org.springframework.stereotype.Component;

/** On the chart's summary: the last contacts logged, so that a contact just logged from the chart shows there. */
@Component
class RecentContactsPanel implements ChartPanels {

	static final int SHOWN = 3;

	private final Contacts contacts;

	RecentContactsPanel(Contacts contacts) {
		this.contacts = contacts;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("summary")) return List.of();
		List<ContactView> recent = contacts.ofPatient(place.header().patient()).stream()
			.sorted(java.util.Comparator.comparing(ContactView::occurredAt).reversed())
			.limit(SHOWN)
			.toList();
		return List.of(new ChartPart(40, "contact/chart", "recent", recent));
	}
}
