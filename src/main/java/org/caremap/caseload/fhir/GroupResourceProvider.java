package org.caremap.caseload.fhir;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.Part2Labels;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A program's enrolled patients as a FHIR Group (id = the program's id): the patients with an active case in it,
 * as far as the caller may read them. This is the group a payer or analytics system exports with
 * {@code Group/<id>/$export}. Read; search lists the programs.
 */
@Component
class GroupResourceProvider implements IResourceProvider {

	private final Programs programs;
	private final Cases cases;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Organizations organizations;
	private final Segmentation segmentation;

	GroupResourceProvider(Programs programs, Cases cases, PatientAccess access, AuditTrail audit, Organizations organizations,
			Segmentation segmentation) {
		this.programs = programs;
		this.cases = cases;
		this.access = access;
		this.audit = audit;
		this.organizations = organizations;
		this.segmentation = segmentation;
	}

	@Override
	public Class<Group> getResourceType() {
		return Group.class;
	}

	@Read
	public Group read(@IdParam IdType id) {
		UUID program;
		try {
			program = UUID.fromString(id.getIdPart());
		}
		catch (IllegalArgumentException ex) {
			throw new ResourceNotFoundException(id);
		}
		ProgramView view = programs.find(new ProgramId(program)).orElseThrow(() -> new ResourceNotFoundException(id));
		Group group = toFhir(view, true);
		audit.record(new AuditEntry("READ", "Group", program.toString(), null, AuditOutcome.SUCCESS,
				group.getMember().size() + " members"));
		return group;
	}

	@Search
	public List<Group> search() {
		return programs.all().stream().map(p -> toFhir(p, false)).toList();
	}

	private Group toFhir(ProgramView program, boolean members) {
		Group g = new Group();
		g.setId(program.id().value().toString());
		g.setActive(program.active());
		g.setType(Group.GroupType.PERSON);
		g.setActual(true);
		g.setName(program.name());
		g.getCode().setText(program.name());
		organizations.primary().ifPresent(o -> g.setManagingEntity(new Reference("Organization/" + o.id().value())));
		if (members) {
			List<CaseloadRow> enrolled = SystemActor.call("group-members", List.of("SYSTEM"), () -> cases.activeInProgram(program.id()));
			Set<PatientId> readable = access.readableScope();
			List<CaseloadRow> shown = enrolled.stream().filter(c -> readable == null || readable.contains(c.patient())).toList();
			if (program.confidentiality() == Confidentiality.PART2) {
				// being enrolled in a Part 2 program is itself a Part 2 record: only readers who see it are told
				var segments = segmentation.part2(shown.stream().map(CaseloadRow::patient).toList());
				shown = shown.stream().filter(c -> !segments.get(c.patient()).withholds(c.id().value())).toList();
				Part2Labels.label(g);
			}
			shown.stream()
				.map(c -> c.patient().value().toString()).distinct().sorted()
				.forEach(p -> g.addMember().setEntity(new Reference("Patient/" + p)));
			g.setQuantity(g.getMember().size());
		}
		return g;
	}
}
