package org.caremap.team.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.caremap.shared.DomainException;
import org.caremap.team.Messages;
import org.junit.jupiter.api.Test;

/** An attachment's type is read from its first bytes, never from what the browser claims; size is bounded. */
class MessageAttachmentTypeTest {

	private static Messages.Upload upload(String name, String claimed, byte[] content) {
		return new Messages.Upload(name, claimed, content);
	}

	@Test
	void pdfPngJpegAndTextAreKnownByTheirBytes() {
		assertThat(JdbcMessages.checkedType(upload("a.bin", "application/octet-stream", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("application/pdf");
		assertThat(JdbcMessages.checkedType(upload("a", "", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0 })))
			.isEqualTo("image/png");
		assertThat(JdbcMessages.checkedType(upload("a.jpg", "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1 })))
			.isEqualTo("image/jpeg");
		assertThat(JdbcMessages.checkedType(upload("notes.txt", "text/plain", "Blood sugar 58 at 7 am\n".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo("text/plain");
	}

	@Test
	void aProgramAnEmptyFileABinaryTextAndAnOversizedFileAreRefused() {
		assertThatThrownBy(() -> JdbcMessages.checkedType(upload("x.pdf", "application/pdf", new byte[] { 'M', 'Z', 0 })))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("team.attachment-type");
		assertThatThrownBy(() -> JdbcMessages.checkedType(upload("x.txt", "text/plain", new byte[] { 'a', 0, 'b' })))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("team.attachment-type");
		assertThatThrownBy(() -> JdbcMessages.checkedType(upload("x.txt", "text/plain", new byte[0])))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("team.attachment-empty");
		byte[] big = new byte[JdbcMessages.MAX_ATTACHMENT + 1];
		big[0] = '%'; big[1] = 'P'; big[2] = 'D'; big[3] = 'F'; big[4] = '-';
		assertThatThrownBy(() -> JdbcMessages.checkedType(upload("big.pdf", "application/pdf", big)))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("team.attachment-too-big");
	}
}
