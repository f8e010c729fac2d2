/**
 * Internals shared by todokit's DAO packages. Public only because Java has no friend packages: not
 * part of the supported API, and it may change in any release.
 */
@NullMarked
package io.todokit.dao.internal;

import org.jspecify.annotations.NullMarked;
