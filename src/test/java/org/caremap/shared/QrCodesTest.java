package org.caremap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import org.junit.jupiter.api.Test;

/** The authenticator key's QR code reads back as the otpauth:// address it was drawn from. */
class QrCodesTest {

	@Test
	void theDrawnCodeDecodesToTheAddress() throws Exception {
		String address = "otpauth://totp/Caremap:maria?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Caremap"
				+ "&algorithm=SHA1&digits=6&period=30";
		String svg = QrCodes.svg(address, "label");
		assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("aria-labelledby=\"label\"");

		Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(box.find()).isTrue();
		int size = Integer.parseInt(box.group(1));
		int margin = 4;
		BitMatrix modules = new BitMatrix(size - 2 * margin);
		Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
		int dark = 0;
		while (square.find()) {
			int x = Integer.parseInt(square.group(1)) - margin;
			int y = Integer.parseInt(square.group(2)) - margin;
			assertThat(x).as("no dark module in the quiet zone").isBetween(0, size - 2 * margin - 1);
			assertThat(y).isBetween(0, size - 2 * margin - 1);
			modules.set(x, y);
			dark++;
		}
		assertThat(dark).isGreaterThan(100);
		assertThat(new Decoder().decode(modules).getText()).isEqualTo(address);
	}
}
