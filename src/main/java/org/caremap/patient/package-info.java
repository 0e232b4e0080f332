/**
 * The patient registry: who the patient is, their identifiers with assigning authorities, their coded
 * conditions.
 */
@org.jspecify.annotations.NullMarked
package org.caremap.patient;
