/**
 * The shell every page lives in: layout, navigation, the home page of each role, the keyboard help.
 */
@org.jspecify.annotations.NullMarked
package org.caremap.workspace;
