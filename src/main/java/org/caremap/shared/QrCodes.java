package org.caremap.shared;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * A QR code drawn as inline SVG (no image request, nothing for the content security policy to allow): one square per
 * dark module, with the quiet zone of four modules around it that scanners need.
 */
public final class QrCodes {

	private QrCodes() {
	}

	/** The SVG of a QR code holding this text; the caller names it (aria) since the picture says nothing itself. */
	public static String svg(String text, String labelledBy) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("text too long for a QR code", ex);
		}
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + labelledBy
				+ "\" viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight()
				+ "\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\" id=\"totp-qr\">"
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
	}
}
