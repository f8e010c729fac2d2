/** recurring DAO. */
@NullMarked
package io.todokit.dao.recurring;

import org.jspecify.annotations.NullMarked;
