/**
 * Users, roles, sign-in, sessions, lockout and password rules.
 */
@org.jspecify.annotations.NullMarked
package org.caremap.identity;
