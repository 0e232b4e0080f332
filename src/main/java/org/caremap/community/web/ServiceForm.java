package org.caremap.community.web;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.caremap.community.Eligibility;
import org.caremap.community.Need;
import org.caremap.community.ServiceEntry;
import org.caremap.patient.ContactDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/** A directory entry as its form posts it (the organisation, the service, its main location, its weekly hours). */
record ServiceForm(@NotBlank @Size(max = 300) @Nullable String organizationName,
		@Size(max = 50) @Pattern(regexp = ContactDetails.PHONE) @Nullable String organizationPhone,
		@Size(max = 500) @Pattern(regexp = "^$|^https?://\\S+$") @Nullable String website,
		@Size(max = 254) @Pattern(regexp = ContactDetails.EMAIL) @Nullable String referralEmail,
		@NotBlank @Size(max = 300) @Nullable String name, @Size(max = 8000) @Nullable String description,
		@Size(max = 50) @Pattern(regexp = ContactDetails.PHONE) @Nullable String phone,
		@Size(max = 254) @Pattern(regexp = ContactDetails.EMAIL) @Nullable String email,
		@Size(max = 4000) @Nullable String applicationProcess, @Size(max = 2000) @Nullable String fees,
		@Nullable Boolean free, @Size(max = 4000) @Nullable String eligibilityText,
		@Min(0) @Max(130) @Nullable Integer minimumAge, @Min(0) @Max(130) @Nullable Integer maximumAge,
		@Min(0) @Max(1000) @Nullable Integer incomeLimit, @Size(max = 20) @Nullable List<Eligibility> groups,
		@Size(max = 20) @Nullable List<Need> needs, @Size(max = 40) @Nullable List<@Pattern(regexp = "^[a-z]{2,3}$") String> languages,
		@Size(max = 300) @Nullable String address, @Size(max = 100) @Nullable String city,
		@Size(max = 100) @Nullable String state, @Pattern(regexp = "^$|^[0-9]{5}(-[0-9]{4})?$") @Nullable String postalCode,
		@DecimalMin("-90") @DecimalMax("90") @Nullable Double latitude,
		@DecimalMin("-180") @DecimalMax("180") @Nullable Double longitude,
		@Size(max = 2000) @Nullable String transportation, @Nullable List<@Nullable LocalTime> opens,
		@Nullable List<@Nullable LocalTime> closes, @Nullable Integer version) {

	ServiceForm {
		opens = seven(opens);
		closes = seven(closes);
	}

	/** Seven entries, Monday to Sunday, whatever was sent (the form shows one row a day). */
	private static List<@Nullable LocalTime> seven(@Nullable List<@Nullable LocalTime> times) {
		List<@Nullable LocalTime> out = sevenNulls();
		if (times != null) for (int i = 0; i < 7 && i < times.size(); i++) out.set(i, times.get(i));
		return out;
	}

	static ServiceForm blank() {
		return new ServiceForm("", "", "", "", "", "", "", "", "", "", false, "", null, null, null, List.of(), List.of(),
				List.of("en"), "", "", "OH", "", null, null, "", sevenNulls(), sevenNulls(), 0);
	}

	private static List<@Nullable LocalTime> sevenNulls() {
		List<@Nullable LocalTime> out = new ArrayList<>();
		for (int i = 0; i < 7; i++) out.add(null);
		return out;
	}

	static ServiceForm of(ServiceEntry e, int version) {
		List<@Nullable LocalTime> opens = sevenNulls();
		List<@Nullable LocalTime> closes = sevenNulls();
		for (ServiceEntry.Opening o : e.hours()) {
			if (opens.get(o.weekday() - 1) == null) {
				opens.set(o.weekday() - 1, o.opens());
				closes.set(o.weekday() - 1, o.closes());
			}
		}
		return new ServiceForm(e.organizationName(), e.organizationPhone(), e.website(), e.referralEmail(), e.name(),
				e.description(), e.phone(), e.email(), e.applicationProcess(), e.fees(), e.free(), e.eligibilityText(),
				e.minimumAge(), e.maximumAge(), e.incomeLimitFplPercent(), new ArrayList<>(e.groups()),
				new ArrayList<>(e.needs()), e.languages(), e.address(), e.city(), e.state(), e.postalCode(), e.latitude(),
				e.longitude(), e.transportation(), opens, closes, version);
	}

	/** The entry, or null with field errors added for what the annotations cannot check. */
	@Nullable
	ServiceEntry entry(BindingResult errors) {
		if (minimumAge != null && maximumAge != null && maximumAge < minimumAge) {
			errors.rejectValue("maximumAge", "community.form.ageOrder");
		}
		if ((latitude == null) != (longitude == null)) errors.rejectValue("longitude", "community.form.bothCoordinates");
		List<ServiceEntry.Opening> hours = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			LocalTime o = opens == null || opens.size() <= i ? null : opens.get(i);
			LocalTime c = closes == null || closes.size() <= i ? null : closes.get(i);
			if (o == null && c == null) continue;
			if (o == null || c == null) {
				errors.rejectValue("closes[" + i + "]", "community.form.hoursBoth");
				continue;
			}
			if (!c.isAfter(o)) {
				errors.rejectValue("closes[" + i + "]", "community.form.hoursOrder");
				continue;
			}
			hours.add(new ServiceEntry.Opening(i + 1, o, c));
		}
		if (errors.hasErrors()) return null;
		return new ServiceEntry(organizationName.strip(), blank(organizationPhone), blank(website), blank(referralEmail),
				name.strip(), blank(description), blank(phone), blank(email), blank(applicationProcess), blank(fees),
				Boolean.TRUE.equals(free), blank(eligibilityText), minimumAge, maximumAge, incomeLimit,
				groups == null || groups.isEmpty() ? EnumSet.noneOf(Eligibility.class) : EnumSet.copyOf(groups),
				needs == null || needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs),
				languages == null ? List.of() : languages.stream().distinct().toList(), blank(address), blank(city),
				blank(state), blank(postalCode), latitude, longitude, blank(transportation), hours);
	}

	private static @Nullable String blank(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
