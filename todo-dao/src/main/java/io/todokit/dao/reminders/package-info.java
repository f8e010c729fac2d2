/** reminders DAO. */
@NullMarked
package io.todokit.dao.reminders;

import org.jspecify.annotations.NullMarked;
