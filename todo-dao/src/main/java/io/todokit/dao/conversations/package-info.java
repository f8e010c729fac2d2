/** conversations DAO. */
@NullMarked
package io.todokit.dao.conversations;

import org.jspecify.annotations.NullMarked;
