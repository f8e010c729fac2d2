/**
 * A user's data in and out: {@code TodoDb.portability()} exports one user's (or every user's) rows
 * as newline-delimited JSON and imports such a file through COPY, one transaction per user; {@link
 * io.todokit.dao.portability.SqlModelImport} brings the data of the SQLModel backend todokit grew
 * from.
 */
@NullMarked
package io.todokit.dao.portability;

import org.jspecify.annotations.NullMarked;
