package org.caremap.careplan;

/** A template worth applying, and why: an assessment result or a coded condition. */
public record TemplateSuggestion(TemplateView template, String because) {
}
