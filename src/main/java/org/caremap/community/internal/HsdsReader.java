package org.caremap.community.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an HSDS 3.0 file into one shape whatever its form: organisations, services, locations and services at
 * locations as JSON objects of the HSDS API's shape, keyed by their ids. The tabular form's tables are folded into
 * the same objects (a service's phones, schedules, languages, costs, areas and attributes as arrays in it).
 */
final class HsdsReader {

	/** The file's records, by kind and id, and what could not be read. */
	static final class Package {
		final Map<String, ObjectNode> organizations = new LinkedHashMap<>();
		final Map<String, ObjectNode> services = new LinkedHashMap<>();
		final Map<String, ObjectNode> locations = new LinkedHashMap<>();
		final Map<String, ObjectNode> servicesAtLocations = new LinkedHashMap<>();
		final List<String> problems = new ArrayList<>();
		String format = "HSDS_JSON";
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final long maxBytes;
	private final int maxRows;

	HsdsReader(long maxBytes, int maxRows) {
		this.maxBytes = maxBytes;
		this.maxRows = maxRows;
	}

	Package read(String fileName, byte[] content) {
		if (content.length > maxBytes) throw new IllegalArgumentException("the file is larger than " + maxBytes + " bytes");
		String name = fileName.toLowerCase(Locale.ROOT);
		Map<String, String> files = new LinkedHashMap<>();
		if (name.endsWith(".zip") || (content.length > 3 && content[0] == 'P' && content[1] == 'K')) {
			unzip(content, files);
		}
		else if (name.endsWith(".json")) {
			files.put(baseName(fileName), new String(content, StandardCharsets.UTF_8));
		}
		else {
			throw new IllegalArgumentException("give a .json file or a .zip of the CSV tables (with datapackage.json) or JSON files");
		}
		return read(files);
	}

	Package read(Path folder) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		long total = 0;
		try (var list = Files.list(folder)) {
			for (Path p : list.sorted().toList()) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (!Files.isRegularFile(p) || !(n.endsWith(".csv") || n.endsWith(".json"))) continue;
				total += Files.size(p);
				if (total > maxBytes) throw new IllegalArgumentException("the folder holds more than " + maxBytes + " bytes");
				files.put(n, Files.readString(p, StandardCharsets.UTF_8));
			}
		}
		return read(files);
	}

	private void unzip(byte[] content, Map<String, String> files) {
		long total = 0;
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			ZipEntry entry;
			int entries = 0;
			while ((entry = zip.getNextEntry()) != null) {
				if (++entries > 200) throw new IllegalArgumentException("the zip holds more than 200 files");
				if (entry.isDirectory()) continue;
				String n = baseName(entry.getName()).toLowerCase(Locale.ROOT);
				if (!(n.endsWith(".csv") || n.endsWith(".json")) || n.startsWith(".")) continue;
				byte[] bytes = readBounded(zip, maxBytes - total);
				total += bytes.length;
				files.put(n, new String(bytes, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("the zip cannot be read: " + ex.getMessage());
		}
	}

	private static byte[] readBounded(InputStream in, long left) throws IOException {
		byte[] buffer = new byte[8192];
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int n;
		while ((n = in.read(buffer)) > 0) {
			out.write(buffer, 0, n);
			if (out.size() > left) throw new IllegalArgumentException("the zip unpacks to more than the import's size limit");
		}
		return out.toByteArray();
	}

	private static String baseName(String path) {
		String p = path.replace('\\', '/');
		return p.substring(p.lastIndexOf('/') + 1);
	}

	private Package read(Map<String, String> files) {
		Package pkg = new Package();
		boolean tabular = files.keySet().stream().anyMatch(n -> n.endsWith(".csv"));
		if (tabular) {
			pkg.format = "HSDS_CSV";
			tables(files, pkg);
		}
		for (var e : files.entrySet()) {
			if (!e.getKey().endsWith(".json") || e.getKey().equals("datapackage.json") || e.getKey().startsWith("schema")) continue;
			JsonNode root;
			try {
				root = JSON.readTree(e.getValue());
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(e.getKey() + " is not JSON: " + firstLine(ex.getMessage()));
			}
			if (root.isArray()) {
				for (JsonNode n : root) document(n, pkg);
			}
			else if (root.isObject() && root.has("contents") && root.path("contents").isArray()) {
				for (JsonNode n : root.path("contents")) document(n, pkg); // an HSDS API page
			}
			else document(root, pkg);
		}
		int max = maxRows;
		if (pkg.services.size() > max || pkg.organizations.size() > max || pkg.locations.size() > max) {
			throw new IllegalArgumentException("the file holds more than " + max + " records of one kind");
		}
		return pkg;
	}

	private static String firstLine(@Nullable String s) {
		if (s == null) return "";
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	// ---- JSON documents ----

	private void document(JsonNode n, Package pkg) {
		if (!(n instanceof ObjectNode o)) {
			pkg.problems.add("a record that is not a JSON object was skipped");
			return;
		}
		if (o.has("service") && o.has("location")) serviceAtLocation(o, pkg);
		else if (o.has("services") || o.has("organization_identifiers") || o.has("programs") || o.has("year_incorporated")
				|| o.has("tax_status")) organization(o, pkg);
		else if (o.has("addresses") || o.has("location_type") || (o.has("latitude") && !o.has("organization"))) location(o, null, pkg);
		else service(o, null, pkg);
	}

	private void organization(ObjectNode o, Package pkg) {
		String id = id(o);
		merge(pkg.organizations, id, strip(o, "services", "locations", "programs", "funding", "contacts"));
		if (id == null) return;
		for (JsonNode s : o.path("services")) if (s instanceof ObjectNode so) service(so, id, pkg);
		for (JsonNode l : o.path("locations")) if (l instanceof ObjectNode lo) location(lo, id, pkg);
	}

	private void service(ObjectNode o, @Nullable String organization, Package pkg) {
		String id = id(o);
		String org = organization;
		if (o.path("organization") instanceof ObjectNode oo) {
			organization(oo, pkg);
			org = id(oo);
		}
		ObjectNode copy = strip(o, "organization", "service_at_locations");
		if (org != null && !copy.has("organization_id")) copy.put("organization_id", org);
		merge(pkg.services, id, copy);
		if (id == null) return;
		for (JsonNode sal : o.path("service_at_locations")) {
			if (sal instanceof ObjectNode so) {
				ObjectNode link = so.deepCopy();
				link.put("service_id", id);
				serviceAtLocation(link, pkg, org);
			}
		}
	}

	private void location(ObjectNode o, @Nullable String organization, Package pkg) {
		ObjectNode copy = o.deepCopy();
		if (organization != null && !copy.has("organization_id")) copy.put("organization_id", organization);
		merge(pkg.locations, id(o), copy);
	}

	private void serviceAtLocation(ObjectNode o, Package pkg) {
		serviceAtLocation(o, pkg, null);
	}

	private void serviceAtLocation(ObjectNode o, Package pkg, @Nullable String organization) {
		String serviceId = text(o, "service_id");
		if (o.path("service") instanceof ObjectNode s) {
			service(s, null, pkg);
			serviceId = id(s);
			if (organization == null) organization = text(pkg.services.getOrDefault(serviceId, s), "organization_id");
		}
		String locationId = text(o, "location_id");
		if (o.path("location") instanceof ObjectNode l) {
			location(l, organization, pkg);
			locationId = id(l);
		}
		ObjectNode link = strip(o, "service", "location");
		if (serviceId != null) link.put("service_id", serviceId);
		if (locationId != null) link.put("location_id", locationId);
		String id = id(o);
		merge(pkg.servicesAtLocations, id == null ? serviceId + "@" + locationId : id, link);
	}

	/** Keeps the fuller of two copies of a record (the HSDS API repeats records inside one another). */
	private static void merge(Map<String, ObjectNode> into, @Nullable String id, ObjectNode o) {
		String key = id == null ? "(no id) " + into.size() : id;
		ObjectNode old = into.get(key);
		if (old == null || o.size() > old.size()) {
			if (old != null && old.has("organization_id") && !o.has("organization_id")) o.set("organization_id", old.get("organization_id"));
			into.put(key, o);
		}
		else if (!old.has("organization_id") && o.has("organization_id")) old.set("organization_id", o.get("organization_id"));
	}

	private static ObjectNode strip(ObjectNode o, String... fields) {
		ObjectNode copy = o.deepCopy();
		for (String f : fields) copy.remove(f);
		return copy;
	}

	static @Nullable String id(JsonNode o) {
		return text(o, "id");
	}

	static @Nullable String text(JsonNode o, String field) {
		JsonNode v = o.get(field);
		if (v == null || v.isNull() || v.isMissingNode() || v.isContainer()) return null;
		String s = v.asString();
		return s == null || s.isBlank() ? null : s.strip();
	}

	// ---- CSV tables ----

	private void tables(Map<String, String> files, Package pkg) {
		Map<String, ObjectNode> terms = new HashMap<>();
		Map<String, String> taxonomies = new HashMap<>();
		for (ObjectNode t : rows(files, "taxonomies.csv")) if (id(t) != null) taxonomies.put(id(t), text(t, "name"));
		for (ObjectNode t : rows(files, "taxonomy_terms.csv")) {
			if (id(t) == null) continue;
			String tax = text(t, "taxonomy_id");
			if (text(t, "taxonomy") == null && tax != null && taxonomies.get(tax) != null) t.put("taxonomy", taxonomies.get(tax));
			terms.put(id(t), t);
		}
		for (ObjectNode o : rows(files, "organizations.csv")) merge(pkg.organizations, id(o), o);
		for (ObjectNode s : rows(files, "services.csv")) merge(pkg.services, id(s), s);
		for (ObjectNode l : rows(files, "locations.csv")) merge(pkg.locations, id(l), l);
		for (ObjectNode sal : rows(files, "service_at_location.csv")) {
			String id = id(sal);
			merge(pkg.servicesAtLocations, id == null ? text(sal, "service_id") + "@" + text(sal, "location_id") : id, sal);
		}
		for (ObjectNode a : rows(files, "addresses.csv")) attach(pkg.locations, text(a, "location_id"), "addresses", a);
		for (ObjectNode a : rows(files, "accessibility.csv")) attach(pkg.locations, text(a, "location_id"), "accessibility", a);
		for (ObjectNode p : rows(files, "phones.csv")) {
			if (text(p, "service_id") != null) attach(pkg.services, text(p, "service_id"), "phones", p);
			else if (text(p, "organization_id") != null) attach(pkg.organizations, text(p, "organization_id"), "phones", p);
		}
		for (ObjectNode s : rows(files, "schedules.csv")) {
			if (text(s, "service_id") != null) attach(pkg.services, text(s, "service_id"), "schedules", s);
			else if (text(s, "service_at_location_id") != null) attach(pkg.servicesAtLocations, text(s, "service_at_location_id"), "schedules", s);
		}
		for (ObjectNode l : rows(files, "languages.csv")) {
			if (text(l, "service_id") != null) attach(pkg.services, text(l, "service_id"), "languages", l);
		}
		for (ObjectNode c : rows(files, "cost_options.csv")) attach(pkg.services, text(c, "service_id"), "cost_options", c);
		for (ObjectNode a : rows(files, "service_areas.csv")) attach(pkg.services, text(a, "service_id"), "service_areas", a);
		for (ObjectNode a : rows(files, "attributes.csv")) {
			ObjectNode term = terms.get(text(a, "taxonomy_term_id"));
			if (term != null) a.set("taxonomy_term", term.deepCopy());
			String link = text(a, "link_id");
			if (link != null && pkg.services.containsKey(link)) attach(pkg.services, link, "attributes", a);
		}
	}

	private static void attach(Map<String, ObjectNode> records, @Nullable String id, String array, ObjectNode row) {
		if (id == null) return;
		ObjectNode record = records.get(id);
		if (record == null) return;
		JsonNode existing = record.get(array);
		ArrayNode list = existing instanceof ArrayNode a ? a : record.putArray(array);
		list.add(row);
	}

	private List<ObjectNode> rows(Map<String, String> files, String table) {
		String text = files.get(table);
		if (text == null) return List.of();
		List<List<String>> rows;
		try {
			rows = Csv.parse(text, maxRows + 1);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(table + " holds " + ex.getMessage() + " (the limit is " + maxRows + ")");
		}
		if (rows.isEmpty()) return List.of();
		List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		List<ObjectNode> out = new ArrayList<>();
		for (int i = 1; i < rows.size(); i++) {
			List<String> r = rows.get(i);
			ObjectNode o = JSON.createObjectNode();
			for (int c = 0; c < header.size() && c < r.size(); c++) {
				String v = r.get(c);
				if (v != null && !v.isBlank()) o.put(header.get(c), v);
			}
			if (!o.isEmpty()) out.add(o);
		}
		return out;
	}
}
