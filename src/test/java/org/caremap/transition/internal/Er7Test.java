package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Objects;

import org.junit.jupiter.api.Test;

/** The message read by its own separators: fields, repetitions, components, subcomponents and escapes. */
class Er7Test {

	private static Er7 read(String text) {
		return new Er7(text, Objects.requireNonNull(AdtParser.header(text)));
	}

	@Test
	void readsByTheStandardSeparators() {
		Er7 m = read("MSH|^~\\&|EPIC|RGH|CAREMAP|RCP|20261120103000||ADT^A01|C1|P|2.5.1\r"
				+ "PID|1||123^^^RGH^MR~456^^^SSA^SS||Doe^Jane^Q||19500101|F\r"
				+ "PV1|1|I|6E^611^1^RGH&1.2.3&ISO\r"
				+ "DG1|1||I50.9^Heart failure^I10\rDG1|2||E11.9\r");
		Er7.Segment pid = Objects.requireNonNull(m.first("PID"));
		assertThat(pid.repetitions(3)).isEqualTo(2);
		assertThat(pid.value(3, 1, 1, 1)).isEqualTo("456");
		assertThat(pid.value(3, 1, 5, 1)).isEqualTo("SS");
		assertThat(pid.value(3, 2, 1, 1)).as("a repetition it does not have").isNull();
		assertThat(pid.value(5, 0, 2, 1)).isEqualTo("Jane");
		assertThat(pid.value(5, 0, 9, 1)).as("a component it does not have").isNull();
		assertThat(pid.value(40, 0, 1, 1)).as("a field beyond the segment").isNull();
		assertThat(pid.repetitions(4)).as("an empty field").isZero();
		Er7.Segment pv1 = Objects.requireNonNull(m.first("PV1"));
		assertThat(pv1.value(3, 0, 4, 1)).isEqualTo("RGH");
		assertThat(pv1.value(3, 0, 4, 2)).isEqualTo("1.2.3");
		assertThat(m.all("DG1")).hasSize(2);
		assertThat(m.all("DG1").get(1).value(3, 0, 1, 1)).isEqualTo("E11.9");
		assertThat(m.first("MSH")).as("MSH is read by the header, not here").isNull();
		assertThat(m.first("OBX")).isNull();
	}

	@Test
	void decodesEscapesAfterSplitting() {
		Er7 m = read("MSH|^~\\&|A|B|C|D|20261120103000||ADT^A08|C2|P|2.5.1\r"
				+ "PID|1||9^^^RGH^MR||O\\S\\Brien\\T\\Co^Ann\\F\\Marie\\R\\X\\E\\\r");
		Er7.Segment pid = Objects.requireNonNull(m.first("PID"));
		assertThat(pid.value(5, 0, 1, 1)).isEqualTo("O^Brien&Co");
		assertThat(pid.value(5, 0, 2, 1)).isEqualTo("Ann|Marie~X\\");
	}

	@Test
	void readsByTheSendersOwnSeparators() {
		Er7 m = read("MSH#$%!*#A#B#C#D#20261120103000##ADT$A01#C3#P#2.4\rPID#1##77$$$RGH*9$MR%88$$$X$MR##Roe$Ray\r");
		Er7.Segment pid = Objects.requireNonNull(m.first("PID"));
		assertThat(pid.repetitions(3)).isEqualTo(2);
		assertThat(pid.value(3, 0, 4, 1)).isEqualTo("RGH");
		assertThat(pid.value(3, 0, 4, 2)).isEqualTo("9");
		assertThat(pid.value(3, 1, 1, 1)).isEqualTo("88");
		assertThat(pid.value(5, 0, 2, 1)).isEqualTo("Ray");
	}

	@Test
	void refusesEncodingCharactersUsedTwice() {
		String text = "MSH|^^\\&|A|B|C|D|20261120103000||ADT^A01|C4|P|2.5.1\rPID|1||1^^^R^MR\r";
		assertThatThrownBy(() -> read(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
	}
}
