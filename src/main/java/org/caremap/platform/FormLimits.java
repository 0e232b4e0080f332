package org.caremap.platform;

import java.lang.reflect.RecordComponent;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The longest text a form's field takes, read from its {@code @Size(max)}, so that the page's {@code maxlength}
 * and the server's check never disagree: templates write {@code *{@formLimits.max(#root, 'name')}}.
 */
@Component("formLimits")
public class FormLimits {

	/** The field's {@code @Size(max)}, or null when it has none. */
	public @Nullable Integer max(@Nullable Object form, String field) {
		if (form == null) return null;
		Class<?> type = form.getClass();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (!component.getName().equals(field)) continue;
				Size size = component.getAnnotation(Size.class);
				if (size == null) {
					try {
						size = type.getDeclaredField(field).getAnnotation(Size.class);
					}
					catch (NoSuchFieldException ex) {
						size = null;
					}
				}
				return size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
			}
			return null;
		}
		try {
			Size size = type.getDeclaredField(field).getAnnotation(Size.class);
			return size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}
}
