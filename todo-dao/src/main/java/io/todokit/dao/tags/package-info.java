/** tags DAO. */
@NullMarked
package io.todokit.dao.tags;

import org.jspecify.annotations.NullMarked;
